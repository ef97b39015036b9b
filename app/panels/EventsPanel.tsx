import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { checkEventsSize } from '../../src/events/index.ts';
import {
  addEventTexts, loadExampleEvents, loadTextAsTable, removeEventsTable, restoreEvents, type AddEventsOutcome, type NeedsTable,
} from '../state/events-actions.ts';
import { tableTotals, useEventsStore, type EventsLoadError, type LoadedSource } from '../state/events-slice.ts';
import { useAllTables } from '../state/tables.ts';
import { LoadProgress, type LoadingState } from './events/LoadProgress.tsx';
import { TablePicker } from './events/TablePicker.tsx';

let restoring: Promise<void> | null = null;

function where(error: { line?: number; column?: number }): string {
  if (error.line === undefined) return '';
  return error.column === undefined ? `, line ${error.line}` : `, line ${error.line}, column ${error.column}`;
}

/** Per table, the single events removed from it (they still count in the loader's summaries). */
function removedPerTable(sources: readonly LoadedSource[]): Map<string, number> {
  const removed = new Map<string, number>();
  for (const source of sources) {
    for (const r of source.excludedRows ?? []) if (!source.excludedTables.includes(r.table)) removed.set(r.table, (removed.get(r.table) ?? 0) + 1);
  }
  return removed;
}

/** Sample events to run the rule on: pasted, loaded from files, or the example; kept across reloads. */
export function EventsPanel() {
  const sources = useEventsStore((s) => s.eventSources);
  const errors = useEventsStore((s) => s.eventErrors);
  const storage = useEventsStore((s) => s.eventsStorage);
  const setErrors = useEventsStore((s) => s.setEventErrors);
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [dropping, setDropping] = useState(false);
  const [loading, setLoading] = useState<LoadingState | null>(null);
  const [needsTable, setNeedsTable] = useState<readonly NeedsTable[]>([]);
  const [fileTable, setFileTable] = useState('');
  const abort = useRef<AbortController | null>(null);
  const fileInputId = useId();
  const fileTableId = useId();
  const pasteId = useId();
  const totals = useMemo(() => tableTotals(sources), [sources]);
  const removed = useMemo(() => removedPerTable(sources), [sources]);
  const knownTables = useAllTables();
  const tableNames = useMemo(() => knownTables.map((t) => t.name).sort((a, b) => a.localeCompare(b)), [knownTables]);

  useEffect(() => {
    restoring ??= restoreEvents();
  }, []);

  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
      setLoading(null);
      abort.current = null;
    }
  };

  /** Adds texts with a progress bar and a way to stop; rows without a table are offered the table picker. */
  const addWithProgress = async (texts: readonly { name: string; text: string; table?: string }[], extraErrors: readonly EventsLoadError[] = []): Promise<AddEventsOutcome> => {
    const controller = abort.current ?? new AbortController();
    abort.current = controller;
    const outcome = await addEventTexts(texts, {
      signal: controller.signal,
      onProgress: (name, done, total) => setLoading({ name, done, total }),
    });
    if (extraErrors.length > 0) setErrors([...extraErrors, ...useEventsStore.getState().eventErrors]);
    setNeedsTable(outcome.needsTable);
    return outcome;
  };

  const onFiles = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    input.value = '';
    await loadFiles(files);
  };

  // Files dropped anywhere on the panel load like files chosen through "Load events".
  const onDragOver = (event: DragEvent<HTMLElement>): void => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDrop = (event: DragEvent<HTMLElement>): void => {
    setDropping(false);
    if (event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    if (busy) return;
    void loadFiles([...event.dataTransfer.files]);
  };

  const loadFiles = async (files: readonly File[]): Promise<void> => {
    if (files.length === 0) return;
    abort.current = new AbortController();
    const signal = abort.current.signal;
    await run(async () => {
      const refused: EventsLoadError[] = [];
      const texts: { name: string; text: string; table?: string }[] = [];
      for (const file of files) {
        // Refused before reading: a browser tab cannot hold a text this large parsed (src/events MAX_TEXT_BYTES).
        const tooLarge = checkEventsSize(file.size, file.name);
        if (tooLarge) {
          refused.push({ source: file.name, code: tooLarge.code, message: tooLarge.message });
          continue;
        }
        setLoading({ name: file.name, done: null, total: file.size });
        const text = await file.text();
        if (signal.aborted) return;
        texts.push({ name: file.name, text, ...(fileTable ? { table: fileTable } : {}) });
      }
      if (texts.length === 0) {
        setErrors(refused);
        return;
      }
      await addWithProgress(texts, refused);
    });
  };

  const onAddPasted = async (): Promise<void> => {
    if (pasted.trim() === '') return;
    await run(async () => {
      const outcome = await addWithProgress([{ name: 'pasted events', text: pasted }]);
      // Keep the text when it could not be read, so it can be fixed.
      if (!outcome.cancelled && useEventsStore.getState().eventErrors.length === 0 && outcome.needsTable.length === 0) setPasted('');
    });
  };

  const onLoadAs = async (pending: NeedsTable, table: string): Promise<void> => {
    await run(async () => {
      const outcome = await loadTextAsTable(pending, table);
      setNeedsTable((list) => [...list.filter((p) => p !== pending), ...outcome.needsTable]);
      if (pending.name === 'pasted events' && outcome.needsTable.length === 0 && useEventsStore.getState().eventErrors.length === 0) setPasted('');
    });
  };

  return (
    <section
      className={`pane events${dropping ? ' dropping' : ''}`}
      aria-labelledby="events-heading"
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
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
      <p className="muted events-drop-hint">or drop JSON, NDJSON or CSV files on this panel</p>
      <div className="events-file-table">
        <label htmlFor={fileTableId}>Table for rows without Type</label>
        <select id={fileTableId} value={fileTable} onChange={(e) => setFileTable(e.target.value)} disabled={busy}>
          <option value="">None (rows must name their table)</option>
          {tableNames.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
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
        loading ? (
          <LoadProgress loading={loading} onCancel={() => abort.current?.abort()} />
        ) : (
          <p role="status" className="muted">
            Reading events…
          </p>
        )
      ) : null}
      {needsTable.map((pending, i) => (
        <TablePicker
          key={`${pending.name}-${i}`}
          pending={pending}
          tableNames={tableNames}
          disabled={busy}
          onLoad={(table) => void onLoadAs(pending, table)}
          onDismiss={() => setNeedsTable((list) => list.filter((p) => p !== pending))}
        />
      ))}
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
                  {t.rowCount - (removed.get(t.table) ?? 0)} {t.rowCount - (removed.get(t.table) ?? 0) === 1 ? 'row' : 'rows'}
                  {removed.get(t.table) ? <span className="muted"> ({removed.get(t.table)} removed)</span> : null}
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
