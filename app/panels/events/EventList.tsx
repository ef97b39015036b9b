import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { removeEvent } from '../../state/events-actions.ts';
import { useEventsStore } from '../../state/events-slice.ts';
import { currentTables } from '../../state/tables.ts';
import { engineClient } from '../../workers/engine-client.ts';
import { eventRefKey, type EventListItem, type EventRef, type EventsSelection } from '../../workers/engine-protocol.ts';
import { eventLabel, statusText } from './event-view.ts';

export const ROW_HEIGHT = 58;
const PAGE_SIZE = 100;
const OVERSCAN = 6;

export interface ListFilters {
  readonly table: string;
  readonly status: '' | 'matched' | 'unmatched';
  readonly search: string;
}

interface Pages {
  /** Which query these pages answer; a change of query starts over. */
  readonly key: string;
  readonly total: number | null;
  readonly pages: ReadonlyMap<number, readonly EventListItem[]>;
  readonly error: string | null;
}

/**
 * Pages of the events list, fetched from the worker as they scroll into view. `version` changes whenever the
 * answer may have changed (events loaded or removed, a new evaluation for the status filter).
 */
function useEventPages(selection: readonly EventsSelection[], filters: ListFilters, version: unknown, first: number, last: number): Pages {
  const queryKey = useMemo(() => JSON.stringify([selection, filters]), [selection, filters]);
  const generation = useRef(0);
  const [state, setState] = useState<Pages>({ key: '', total: null, pages: new Map(), error: null });
  const inFlight = useRef(new Set<number>());

  // A new query (or a new answer to the same one) starts over.
  useEffect(() => {
    generation.current++;
    inFlight.current = new Set();
    setState((s) => ({ key: queryKey, total: s.key === queryKey ? s.total : null, pages: new Map(), error: null }));
  }, [queryKey, version]);

  const firstPage = Math.floor(first / PAGE_SIZE);
  const lastPage = Math.floor(Math.max(first, last - 1) / PAGE_SIZE);
  useEffect(() => {
    if (state.key !== queryKey) return;
    const gen = generation.current;
    const { tables, schemaKey } = currentTables();
    for (let page = firstPage; page <= lastPage; page++) {
      if (state.pages.has(page) || inFlight.current.has(page)) continue;
      if (state.total !== null && page * PAGE_SIZE >= state.total && page > 0) continue;
      inFlight.current.add(page);
      engineClient()
        .listEvents(
          {
            events: selection,
            offset: page * PAGE_SIZE,
            limit: PAGE_SIZE,
            ...(filters.table ? { table: filters.table } : {}),
            ...(filters.search.trim() ? { search: filters.search.trim() } : {}),
            ...(filters.status ? { status: filters.status } : {}),
          },
          tables,
          schemaKey,
        )
        .then(({ total, items }) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(page);
          setState((s) => ({ ...s, total, pages: new Map(s.pages).set(page, items), error: null }));
        })
        .catch((error: unknown) => {
          if (gen !== generation.current) return;
          inFlight.current.delete(page);
          setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
        });
    }
  }, [state, queryKey, firstPage, lastPage, selection, filters]);

  return state;
}

/** The viewport's height, followed as the panel is resized. */
function useHeight(element: React.RefObject<HTMLElement | null>, fallback: number): number {
  const [height, setHeight] = useState(fallback);
  useLayoutEffect(() => {
    const el = element.current;
    if (!el) return;
    const measure = (): void => setHeight(el.clientHeight || fallback);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [element, fallback]);
  return height;
}

export interface EventRowProps {
  readonly ref_: EventRef;
  readonly item: EventListItem | null;
  readonly status: string | null;
  readonly matched: boolean;
  readonly selected: boolean;
  readonly highlighted: boolean;
  readonly sourceName?: string;
}

/** One event: choose it (inspect), explain it, or remove it. */
export function EventRow({ ref_: ref, item, status, matched, selected, highlighted, sourceName }: EventRowProps) {
  const selectEvent = useEventsStore((s) => s.selectEvent);
  const setTab = useEventsStore((s) => s.setWorkbenchTab);
  const label = eventLabel(ref, sourceName);
  const describedBy = `event-desc-${eventRefKey(ref).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <div className={`event-row${selected ? ' selected' : ''}${highlighted ? ' highlighted' : ''}`}>
      <button
        type="button"
        className="event-main"
        aria-label={`Inspect event ${label}`}
        aria-describedby={describedBy}
        aria-current={selected ? 'true' : undefined}
        onClick={() => selectEvent(ref)}
      >
        <span className="event-line" id={describedBy}>
          <span className="event-head">
            <span className="event-table">{label}</span> {item?.time ? <span className="event-time">{item.time}</span> : null}
          </span>
          <span className="event-sub">
            {status ? <span className={`badge${matched ? ' matched' : ''}`}>{status}</span> : null}
            {highlighted ? <span className="badge source">Source of the chosen result</span> : null}
            {item ? <span className="event-preview"> {item.preview}</span> : null}
          </span>
        </span>
      </button>
      <button
        type="button"
        aria-label={`Explain event ${label}`}
        onClick={() => {
          selectEvent(ref);
          setTab('explain');
        }}
      >
        Explain
      </button>
      <button type="button" aria-label={`Remove event ${label}`} onClick={() => removeEvent(ref)}>
        Remove
      </button>
    </div>
  );
}

/** The loaded events that pass the filters, virtualised: only the rows in view (plus a few) are in the DOM. */
export function EventList({
  selection,
  filters,
  version,
  matched,
  evaluated,
  sourceNames,
}: {
  selection: readonly EventsSelection[];
  filters: ListFilters;
  version: unknown;
  matched: ReadonlyMap<string, readonly (string | null)[]>;
  evaluated: boolean;
  sourceNames: ReadonlyMap<string, string> | null;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const height = useHeight(viewport, 480);
  const [scrollTop, setScrollTop] = useState(0);
  const selected = useEventsStore((s) => s.selectedEvent);
  const highlightedEvents = useEventsStore((s) => s.highlightedEvents);
  const highlighted = useMemo(() => new Set(highlightedEvents.map(eventRefKey)), [highlightedEvents]);
  const selectedKey = selected ? eventRefKey(selected) : null;

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const visibleLast = Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN;
  const pages = useEventPages(selection, filters, version, first, visibleLast);
  const total = pages.total ?? 0;
  const last = Math.min(total, visibleLast);

  // A new query starts at the top.
  useEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
  }, [pages.key]);

  // A newly chosen event (here, from the Explain view or a pinned source) is brought into view once its row is
  // known, also after the inspector opening below has shrunk the viewport; the user's own scrolling is left alone.
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    const el = viewport.current;
    if (!el || selectedKey === null) {
      revealed.current = null;
      return;
    }
    if (revealed.current === `${selectedKey}@${height}`) return;
    let index = -1;
    for (const [page, items] of pages.pages) {
      const at = items.findIndex((item) => eventRefKey(item.ref) === selectedKey);
      if (at >= 0) index = page * PAGE_SIZE + at;
    }
    if (index < 0) return;
    revealed.current = `${selectedKey}@${height}`;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + height) {
      el.scrollTop = Math.max(0, top - Math.floor((height - ROW_HEIGHT) / 2));
      setScrollTop(el.scrollTop);
    }
  }, [selectedKey, height, pages]);

  const rows = [];
  for (let i = first; i < last; i++) {
    const item = pages.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE] ?? null;
    if (!item) {
      rows.push(<li key={`pending-${i}`} className="event-item" style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }} aria-busy="true" aria-setsize={total} aria-posinset={i + 1}><span className="muted">Loading…</span></li>);
      continue;
    }
    const key = eventRefKey(item.ref);
    const subs = matched.get(key);
    rows.push(
      <li key={key} className="event-item" style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }} aria-setsize={total} aria-posinset={i + 1}>
        <EventRow
          ref_={item.ref}
          item={item}
          status={statusText(subs, evaluated)}
          matched={subs !== undefined}
          selected={key === selectedKey}
          highlighted={highlighted.has(key)}
          {...(sourceNames ? { sourceName: sourceNames.get(item.ref.sourceId) ?? '' } : {})}
        />
      </li>,
    );
  }

  const filtered = filters.table !== '' || filters.status !== '' || filters.search.trim() !== '';
  return (
    <>
      <p className="events-list-count" role="status">
        {pages.total === null ? 'Listing events…' : `${total} ${total === 1 ? 'event' : 'events'}${filtered ? ' match the filters' : ''}`}
      </p>
      {pages.error !== null ? <p className="results-errors">{pages.error}</p> : null}
      <div ref={viewport} className="events-list-viewport" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <ul className="events-list" aria-label="Loaded events" style={{ height: total * ROW_HEIGHT }}>
          {rows}
        </ul>
      </div>
    </>
  );
}
