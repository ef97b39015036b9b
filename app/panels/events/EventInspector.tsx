import { useEffect, useId, useMemo, useState } from 'react';
import type { DynamicValue } from '../../../src/events/index.ts';
import { useEventsStore } from '../../state/events-slice.ts';
import { currentTables } from '../../state/tables.ts';
import { engineClient } from '../../workers/engine-client.ts';
import type { EventDetail, EventRef } from '../../workers/engine-protocol.ts';
import { containerSummary, entriesOf, eventLabel, fieldValue, filterFields, scalarText, truncated } from './event-view.ts';

/** Fields, and children of a dynamic value, rendered per page: an event with 10,000 fields stays responsive. */
export const FIELDS_PAGE = 200;
export const CHILDREN_PAGE = 100;

/** Long text cut to a few hundred characters until the user asks for all of it. */
export function LongText({ text, label }: { text: string; label: string }) {
  const [all, setAll] = useState(false);
  const { shown, cut } = truncated(text);
  if (!cut) return <span className="event-text">{text}</span>;
  return (
    <span className="event-text">
      {all ? text : `${shown}…`}{' '}
      <button type="button" className="link-button" aria-expanded={all} aria-label={`${all ? 'Show less' : 'Show all'} of ${label}`} onClick={() => setAll(!all)}>
        {all ? 'Show less' : `Show all (${text.length.toLocaleString('en-US')} characters)`}
      </button>
    </span>
  );
}

/** A page of items with a "Show more" control that adds the next page. */
function usePaged(count: number, page: number): { shown: number; more: () => void } {
  const [shown, setShown] = useState(page);
  return { shown: Math.min(shown, count), more: () => setShown((n) => n + page) };
}

/** A dynamic bag or array as a collapsible tree; a node's children are only built once it is opened. */
export function DynamicTree({ value, label }: { value: DynamicValue; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="value-tree" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary aria-label={`${label} ${containerSummary(value)}`}>{containerSummary(value)}</summary>
      {open ? <TreeChildren value={value} label={label} /> : null}
    </details>
  );
}

function TreeChildren({ value, label }: { value: DynamicValue; label: string }) {
  const entries = useMemo(() => entriesOf(value), [value]);
  const { shown, more } = usePaged(entries.length, CHILDREN_PAGE);
  return (
    <ul className="value-tree-children">
      {entries.slice(0, shown).map(([key, child]) => {
        const childLabel = `${label}.${key}`;
        return (
          <li key={key}>
            <span className="value-key">{key}</span>:{' '}
            {child !== null && typeof child === 'object' ? <DynamicTree value={child} label={childLabel} /> : <LongText text={scalarText(child)} label={childLabel} />}
          </li>
        );
      })}
      {shown < entries.length ? (
        <li>
          <button type="button" className="link-button" onClick={more}>
            Show more of {label} ({entries.length - shown} more)
          </button>
        </li>
      ) : null}
    </ul>
  );
}

/** Every field of an event: name, KQL type and value; dynamic values as trees. */
export function EventFields({ detail }: { detail: EventDetail }) {
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const fields = useMemo(() => filterFields(detail.fields, filter), [detail, filter]);
  const { shown, more } = usePaged(fields.length, FIELDS_PAGE);
  return (
    <>
      {detail.fields.length > 20 ? (
        <div className="event-fields-filter">
          <label htmlFor={filterId}>Filter fields</label>
          <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} spellCheck={false} />
        </div>
      ) : null}
      <ul className="event-fields" aria-label="Fields">
        {fields.slice(0, shown).map((field) => {
          const value = fieldValue(field.type, field.value);
          return (
            <li key={field.name} className="event-field">
              <span className="event-field-name">
                {field.name} <span className="type">{field.type}</span>
              </span>
              <span className="event-field-value">
                {value.kind === 'null' ? (
                  <span className="muted">null</span>
                ) : value.kind === 'tree' ? (
                  <DynamicTree value={value.value} label={field.name} />
                ) : (
                  <LongText text={value.text} label={field.name} />
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {shown < fields.length ? (
        <button type="button" onClick={more}>
          Show more fields ({fields.length - shown} more)
        </button>
      ) : null}
    </>
  );
}

/** The chosen event, fetched from the worker whenever it or the loaded events change. */
export function EventInspector({ selected, sourceName }: { selected: EventRef; sourceName?: string }) {
  const sources = useEventsStore((s) => s.eventSources);
  const selectEvent = useEventsStore((s) => s.selectEvent);
  const [state, setState] = useState<{ detail: EventDetail | null; error: string | null; loading: boolean }>({ detail: null, error: null, loading: true });
  const headingId = useId();
  const label = eventLabel(selected, sourceName);

  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    const { tables, schemaKey } = currentTables();
    engineClient()
      .getEvent(selected, tables, schemaKey)
      .then((detail) => !cancelled && setState({ detail, error: null, loading: false }))
      .catch((error: unknown) => !cancelled && setState({ detail: null, error: error instanceof Error ? error.message : String(error), loading: false }));
    return () => {
      cancelled = true;
    };
  }, [selected, sources]);

  return (
    <section className="event-inspector" aria-labelledby={headingId}>
      <div className="event-inspector-header">
        <h3 id={headingId}>Event {label}</h3>
        <button type="button" onClick={() => selectEvent(null)} aria-label="Close event details">
          Close
        </button>
      </div>
      {state.error !== null ? (
        <p className="results-errors">{state.error}</p>
      ) : state.detail ? (
        <EventFields key={`${selected.sourceId}/${selected.table}/${selected.row}`} detail={state.detail} />
      ) : state.loading ? (
        <p className="muted">Reading the event…</p>
      ) : (
        <p className="muted">This event is no longer loaded.</p>
      )}
    </section>
  );
}
