import { useId, useMemo, useState } from 'react';
import { removedEventCount, restoreRemovedEvents } from '../state/events-actions.ts';
import { tableTotals, useEventsStore } from '../state/events-slice.ts';
import { eventRefKey } from '../workers/engine-protocol.ts';
import { EventInspector } from './events/EventInspector.tsx';
import { EventList, EventRow, type ListFilters } from './events/EventList.tsx';
import { matchedIndex, statusText } from './events/event-view.ts';

/** Sources of the chosen result listed above the list, at most this many (a summarize can have thousands). */
const PINNED_LIMIT = 20;

/** The loaded events: filter them, see which matched, inspect one, explain it or remove it. */
export function EventsListPanel() {
  const sources = useEventsStore((s) => s.eventSources);
  const result = useEventsStore((s) => s.evaluation.result);
  const selected = useEventsStore((s) => s.selectedEvent);
  const highlightedEvents = useEventsStore((s) => s.highlightedEvents);
  const [filters, setFilters] = useState<ListFilters>({ table: '', status: '', search: '' });
  const tableId = useId();
  const statusId = useId();
  const searchId = useId();

  const selection = useMemo(() => sources.map((s) => ({ id: s.id, excludedTables: s.excludedTables, excludedRows: s.excludedRows ?? [] })), [sources]);
  const tables = useMemo(() => tableTotals(sources).map((t) => t.table), [sources]);
  const matched = useMemo(() => matchedIndex(result), [result]);
  // A query that does not compile matched nothing, but "No match" would wrongly blame the events.
  const evaluated = result !== null && result.compiled;
  const removed = removedEventCount(sources);
  // Only the status filter depends on the evaluation, and only through which events matched: re-running the rule
  // (as choosing an event does) must not refetch the list unless that set changed.
  const matchedSignature = useMemo(() => (filters.status ? [...matched.keys()].sort().join('\n') : ''), [filters.status, matched]);
  // With several texts loaded, "DeviceProcessEvents row 3" needs the text's name to be unambiguous.
  const sourceNames = useMemo(() => (sources.length > 1 ? new Map(sources.map((s) => [s.id, s.name])) : null), [sources]);
  const nameOf = (id: string): { sourceName?: string } => (sourceNames ? { sourceName: sourceNames.get(id) ?? '' } : {});
  const pinned = highlightedEvents.slice(0, PINNED_LIMIT);
  const selectedKey = selected ? eventRefKey(selected) : null;

  if (sources.length === 0) {
    return (
      <section className="pane events-list-panel" aria-label="Loaded events">
        <p className="muted">No events loaded. Load some in Sample events to list them here.</p>
      </section>
    );
  }

  const set = (patch: Partial<ListFilters>): void => setFilters((f) => ({ ...f, ...patch }));
  return (
    <section className="pane events-list-panel" aria-label="Loaded events">
      <div className="events-filters">
        <label htmlFor={tableId}>Table</label>
        <select id={tableId} value={filters.table} onChange={(e) => set({ table: e.target.value })}>
          <option value="">All tables</option>
          {tables.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label htmlFor={statusId}>Status</label>
        <select id={statusId} value={filters.status} onChange={(e) => set({ status: e.target.value as ListFilters['status'] })}>
          <option value="">All</option>
          <option value="matched">Matched</option>
          <option value="unmatched">Not matched</option>
        </select>
        <label htmlFor={searchId}>Search events</label>
        <input id={searchId} type="search" value={filters.search} onChange={(e) => set({ search: e.target.value })} spellCheck={false} />
      </div>
      {removed > 0 ? (
        <div className="events-removed">
          <span>
            {removed} {removed === 1 ? 'event' : 'events'} removed
          </span>
          <button type="button" onClick={() => restoreRemovedEvents()}>
            Restore removed events
          </button>
        </div>
      ) : null}
      {pinned.length > 0 ? (
        <div className="events-pinned">
          <h3>
            Sources of the chosen result{highlightedEvents.length > pinned.length ? ` (first ${pinned.length} of ${highlightedEvents.length})` : ''}
          </h3>
          <ul aria-label="Sources of the chosen result">
            {pinned.map((ref) => {
              const key = eventRefKey(ref);
              return (
                <li key={key}>
                  <EventRow
                    ref_={ref}
                    item={null}
                    status={statusText(matched.get(key), evaluated)}
                    matched={matched.has(key)}
                    selected={key === selectedKey}
                    highlighted
                    {...nameOf(ref.sourceId)}
                  />
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <EventList selection={selection} filters={filters} version={matchedSignature} matched={matched} evaluated={evaluated} sourceNames={sourceNames} />
      {selected ? <EventInspector key={selectedKey ?? ''} selected={selected} {...nameOf(selected.sourceId)} /> : null}
    </section>
  );
}
