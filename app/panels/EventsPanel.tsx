import { useEffect, useId, useMemo, useState, type ChangeEvent } from 'react';
import { addEventTexts, loadExampleEvents, removeEventsTable, restoreEvents } from '../state/events-actions.ts';
import { tableTotals, useEventsStore } from '../state/events-slice.ts';

let restoring: Promise<void> | null = null;

function where(error: { line?: number; column?: number }): string {
  if (error.line === undefined) return '';
  return error.column === undefined ? `, line ${error.line}` : `, line ${error.line}, column ${error.column}`;
}

/** Sample events to run the rule on: pasted, loaded from files, or the example; kept across reloads. */
export function EventsPanel() {
  const sources = useEventsStore((s) => s.eventSources);
  const errors = useEventsStore((s) => s.eventErrors);
  const storage = useEventsStore((s) => s.eventsStorage);
  const setErrors = useEventsStore((s) => s.setEventErrors);
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const fileInputId = useId();
  const pasteId = useId();
  const totals = useMemo(() => tableTotals(sources), [sources]);

  useEffect(() => {
    restoring ??= restoreEvents();
  }, []);

  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const onFiles = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return;
    await run(async () => {
      const texts = await Promise.all(files.map(async (file) => ({ name: file.name, text: await file.text() })));
      await addEventTexts(texts);
    });
  };

  const onAddPasted = async (): Promise<void> => {
    if (pasted.trim() === '') return;
    await run(async () => {
      await addEventTexts([{ name: 'pasted events', text: pasted }]);
      // Keep the text when it could not be read, so it can be fixed.
      if (useEventsStore.getState().eventErrors.length === 0) setPasted('');
    });
  };

  return (
    <section className="pane events" aria-labelledby="events-heading">
      <h2 id="events-heading">Sample events</h2>
      <div className="events-actions">
        <input
          id={fileInputId}
          className="visually-hidden"
          type="file"
          multiple
          accept=".json,.ndjson,.jsonl,.csv,application/json,text/csv"
          onChange={(e) => void onFiles(e)}
          disabled={busy}
        />
        <label htmlFor={fileInputId} className="button-like">
          Load events
        </label>
        <button type="button" onClick={() => void run(loadExampleEvents)} disabled={busy}>
          Load example events
        </button>
      </div>
      <label htmlFor={pasteId} className="field-label">
        Paste events
      </label>
      <textarea
        id={pasteId}
        className="events-paste"
        value={pasted}
        onChange={(e) => setPasted(e.target.value)}
        placeholder='[{"Type": "DeviceProcessEvents", "Timestamp": "…", …}] or NDJSON or CSV'
        spellCheck={false}
      />
      <button type="button" onClick={() => void onAddPasted()} disabled={busy || pasted.trim() === ''}>
        Add pasted events
      </button>
      {busy ? (
        <p role="status" className="muted">
          Reading events…
        </p>
      ) : null}
      {errors.length > 0 ? (
        <div role="alert" className="events-errors">
          <ul>
            {errors.map((error, i) => (
              <li key={i}>
                <strong>{error.source}</strong>
                {where(error)}: {error.message} <span className="muted">({error.code})</span>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setErrors([])}>
            Dismiss event errors
          </button>
        </div>
      ) : null}
      {storage === 'memory' ? (
        <p className="muted" role="note">
          Events are kept in memory only (this browser's IndexedDB is unavailable): they are lost on reload.
        </p>
      ) : null}
      {totals.length === 0 ? (
        <p className="muted">{storage === 'loading' ? 'Restoring saved events…' : 'No events loaded. Load some to run the rule on them and see its results.'}</p>
      ) : (
        <ul className="events-tables" aria-label="Loaded event tables">
          {totals.map((t) => (
            <li key={t.table}>
              <div className="events-table-row">
                <code className="events-table-name">{t.table}</code>
                <span>
                  {t.rowCount} {t.rowCount === 1 ? 'row' : 'rows'}
                </span>
                <button type="button" aria-label={`Remove ${t.table} events`} onClick={() => void removeEventsTable(t.table)}>
                  Remove
                </button>
              </div>
              {t.coercionFailures > 0 ? (
                <div className="badge warn">
                  {t.coercionFailures} coercion {t.coercionFailures === 1 ? 'warning' : 'warnings'} (values not of the column's type are stored as null)
                </div>
              ) : null}
              {t.schemaSource === 'inferred' ? <div className="muted">Not a known table: columns inferred from the events</div> : null}
              {t.unknownFields.length > 0 ? (
                <div className="muted">
                  Unknown fields (not loaded): {t.unknownFields.join(', ')}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
