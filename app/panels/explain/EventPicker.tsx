import { useEffect, useId, useMemo, useState } from 'react';
import { tableSchemaFingerprint } from '../../../src/schema/catalog.ts';
import { useEventsStore } from '../../state/events-slice.ts';
import { useAllTables } from '../../state/tables.ts';
import { engineClient } from '../../workers/engine-client.ts';
import { eventRefKey, type EventListItem } from '../../workers/engine-protocol.ts';

/** A long native list stays usable; beyond this the Events tab (with search) is the way in. */
const LIST_LIMIT = 1000;

/** "2026-11-24 09:14:03.561 UTC"; events without a time say so. */
export function eventTimeLabel(iso: string | null): string {
  if (!iso) return 'no time';
  return `${iso.replace('T', ' ').replace(/(\.\d{3})\d*/, '$1').replace(/Z$/, '')} UTC`;
}

export function eventOptionLabel(item: EventListItem): string {
  return `${eventTimeLabel(item.time)} · ${item.ref.table} · ${item.preview}`;
}

/** Chooses the event to explain from the loaded events, optionally only those that reached no output row. */
export function EventPicker() {
  const sources = useEventsStore((s) => s.eventSources);
  const selected = useEventsStore((s) => s.selectedEvent);
  const selectEvent = useEventsStore((s) => s.selectEvent);
  // The "did not match" filter is answered from the worker's latest evaluation: list again after each one.
  const result = useEventsStore((s) => s.evaluation.result);
  const tables = useAllTables();
  const schemaKey = useMemo(() => tableSchemaFingerprint(tables), [tables]);
  const [onlyUnmatched, setOnlyUnmatched] = useState(false);
  const [page, setPage] = useState<{ total: number; items: readonly EventListItem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();
  const toggleId = useId();
  const resultKey = onlyUnmatched ? result : null;

  useEffect(() => {
    let cancelled = false;
    const events = sources.map((s) => ({ id: s.id, excludedTables: s.excludedTables, excludedRows: s.excludedRows ?? [] }));
    engineClient()
      .listEvents({ events, offset: 0, limit: LIST_LIMIT, ...(onlyUnmatched ? { status: 'unmatched' as const } : {}) }, tables, schemaKey)
      .then((listed) => {
        if (cancelled) return;
        setPage(listed);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
    };
  }, [sources, onlyUnmatched, resultKey, tables, schemaKey]);

  const items = page?.items ?? [];
  const selectedKey = selected ? eventRefKey(selected) : null;
  const selectedIndex = selectedKey === null ? -1 : items.findIndex((item) => eventRefKey(item.ref) === selectedKey);
  const value = selected === null ? '' : selectedIndex >= 0 ? String(selectedIndex) : 'other';
  const chosen = selectedIndex >= 0 ? items[selectedIndex] : undefined;

  return (
    <div className="rb-event-picker">
      <label htmlFor={selectId} className="field-label">
        Event to explain
      </label>
      <select
        id={selectId}
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          if (v === '') selectEvent(null);
          else if (v !== 'other') selectEvent(items[Number(v)]?.ref ?? null);
        }}
      >
        <option value="">No event chosen</option>
        {value === 'other' && selected ? <option value="other">{`${selected.table} event ${selected.row + 1} (not in this list)`}</option> : null}
        {items.map((item, i) => (
          <option key={eventRefKey(item.ref)} value={String(i)}>
            {eventOptionLabel(item)}
          </option>
        ))}
      </select>
      <div className="rb-event-picker-row">
        <input id={toggleId} type="checkbox" checked={onlyUnmatched} onChange={(e) => setOnlyUnmatched(e.target.checked)} />
        <label htmlFor={toggleId}>Only events that did not match</label>
        <span className="muted" aria-live="polite">
          {page ? (page.total > items.length ? `first ${items.length} of ${page.total} events` : `${page.total} ${page.total === 1 ? 'event' : 'events'}`) : 'Listing events…'}
        </span>
      </div>
      {error ? <p role="alert">The events could not be listed: {error}</p> : null}
      {chosen ? (
        <p className="rb-event-chosen">
          <span className="muted">{eventTimeLabel(chosen.time)} · {chosen.ref.table}</span>
          <br />
          {chosen.preview}
        </p>
      ) : null}
    </div>
  );
}
