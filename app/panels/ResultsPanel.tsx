import { useDeferredValue, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { selectLines } from '../editor/editor-controller.ts';
import { subdetectionColor } from '../editor/subdetection-colors.ts';
import { useEventsStore, type AsOfMode } from '../state/events-slice.ts';
import { useAppStore } from '../state/store.ts';
import type { Evaluation, EventRef } from '../workers/engine-protocol.ts';
import { compactCell, copyText, displayCell, isExpandable, isStructured, parseCell } from './results/cells.ts';
import { downloadText, toCsv, toJson } from './results/export.ts';
import { JsonTree } from './results/JsonTree.tsx';
import { useResultsView } from './results/view-store.ts';
import { ResultIndex, SUBDETECTION_COLUMN, type SortState, type SubdetectionFilter } from './results/view.ts';

export { displayCell } from './results/cells.ts';

const ROW_HEIGHT = 26;
const VIEWPORT_HEIGHT = 560;
const OVERSCAN = 12;
/** Source events listed by name under the grid; a row built from more (a summarize) says how many others. */
const MAX_SOURCES_LISTED = 20;

function minuteUtc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function asOfNotice(result: Evaluation): string {
  switch (result.nowReason) {
    case 'latest-event':
      return `Evaluating as of ${minuteUtc(result.nowIso)}, just after the newest sample event, so old samples are not filtered out by ago()`;
    case 'fixed':
      return `Evaluating as of ${minuteUtc(result.nowIso)} (fixed time)`;
    case 'now':
      return `Evaluating as of now, ${minuteUtc(result.nowIso)}`;
  }
}

function selectSubdetection(name: string | null): void {
  if (name === null) return;
  const entry = useAppStore.getState().outline.find((e) => e.name === name);
  if (entry) selectLines(entry.startLine, entry.endLine);
}

function rowsWord(n: number): string {
  return n === 1 ? 'row' : 'rows';
}

function AsOfControl() {
  const mode = useEventsStore((s) => s.asOfMode);
  const fixed = useEventsStore((s) => s.asOfFixed);
  const setAsOf = useEventsStore((s) => s.setAsOf);
  const requestRun = useEventsStore((s) => s.requestRun);
  return (
    <div className="results-controls">
      <label>
        Evaluate as of{' '}
        <select value={mode} onChange={(e) => setAsOf(e.target.value as AsOfMode)}>
          <option value="latest">Latest event</option>
          <option value="now">Now</option>
          <option value="fixed">Fixed time</option>
        </select>
      </label>
      {mode === 'fixed' ? (
        <label>
          Fixed time (UTC){' '}
          <input type="datetime-local" value={fixed} onChange={(e) => setAsOf('fixed', e.target.value)} />
        </label>
      ) : null}
      <button type="button" onClick={requestRun}>
        Run
      </button>
    </div>
  );
}

/** Option values of the sub-detection filter: `all`, `query` (the final query's own rows), `s:<name>`. */
function filterValue(filter: SubdetectionFilter): string {
  if (filter.kind === 'all') return 'all';
  return filter.name === null ? 'query' : `s:${filter.name}`;
}

function parseFilterValue(value: string): SubdetectionFilter {
  if (value === 'query') return { kind: 'one', name: null };
  if (value.startsWith('s:')) return { kind: 'one', name: value.slice(2) };
  return { kind: 'all' };
}

function ResultsToolbar({ result, order }: { result: Evaluation; order: readonly number[] }) {
  const filterText = useResultsView((s) => s.filterText);
  const setFilterText = useResultsView((s) => s.setFilterText);
  const subdetection = useResultsView((s) => s.subdetection);
  const setSubdetection = useResultsView((s) => s.setSubdetection);
  const outline = useAppStore((s) => s.outline);
  const selectId = useId();

  // Sub-detections in outline order; one the current result lacks stays listed while it is the chosen filter.
  const names = useMemo(() => {
    const seen = new Set<string | null>(result.subdetections);
    if (subdetection.kind === 'one') seen.add(subdetection.name);
    const position = new Map(outline.map((e, i) => [e.name, i]));
    return [...seen].sort((a, b) => (a === null ? Infinity : (position.get(a) ?? 1e9)) - (b === null ? Infinity : (position.get(b) ?? 1e9)));
  }, [result.subdetections, subdetection, outline]);

  const exportRows = (format: 'csv' | 'json'): void => {
    const input = { columns: result.columns, rows: result.rows, subdetections: result.subdetections, order };
    if (format === 'csv') downloadText('rulebench-results.csv', toCsv(input), 'text/csv;charset=utf-8');
    else downloadText('rulebench-results.json', toJson(input), 'application/json');
  };

  return (
    <div className="results-toolbar">
      <input
        // A plain text box (not type=search): it is found as a textbox, and Escape does not silently clear it.
        type="text"
        className="results-filter"
        aria-label="Filter results"
        placeholder="Filter results"
        value={filterText}
        onChange={(e) => setFilterText(e.target.value)}
      />
      <label htmlFor={selectId}>Sub-detection</label>
      <select id={selectId} value={filterValue(subdetection)} onChange={(e) => setSubdetection(parseFilterValue(e.target.value))}>
        <option value="all">All</option>
        {names.map((name) => (
          <option key={name ?? '\u0000'} value={filterValue({ kind: 'one', name })}>
            {name ?? '(query)'}
          </option>
        ))}
      </select>
      <span className="results-export">
        <button type="button" disabled={order.length === 0} onClick={() => exportRows('csv')}>
          Export CSV
        </button>
        <button type="button" disabled={order.length === 0} onClick={() => exportRows('json')}>
          Export JSON
        </button>
      </span>
    </div>
  );
}

interface GridProps {
  readonly result: Evaluation;
  readonly order: readonly number[];
  readonly sort: SortState | null;
  readonly stale: boolean;
  readonly detailId: string;
  /** Changes whenever the order does for a reason other than a new result: the grid then scrolls to the top. */
  readonly viewKey: string;
}

function ResultsGrid({ result, order, sort, stale, detailId, viewKey }: GridProps) {
  const outline = useAppStore((s) => s.outline);
  const selected = useEventsStore((s) => s.selectedResultRow);
  const expanded = useResultsView((s) => s.expanded);
  const setExpanded = useResultsView((s) => s.setExpanded);
  const cycleSort = useResultsView((s) => s.cycleSort);
  const [scrollTop, setScrollTop] = useState(() => useResultsView.getState().scrollTop);
  const viewport = useRef<HTMLDivElement>(null);
  const lastViewKey = useRef<string | null>(null);
  const colors = useMemo(() => new Map(outline.map((e) => [e.name, subdetectionColor(e.colorIndex)])), [outline]);

  // Coming back to the tab restores the scroll position; a new sort or filter starts at the top.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    if (lastViewKey.current === null) el.scrollTop = useResultsView.getState().scrollTop;
    else if (lastViewKey.current !== viewKey) {
      el.scrollTop = 0;
      setScrollTop(0);
      useResultsView.getState().setScrollTop(0);
    }
    lastViewKey.current = viewKey;
  }, [viewKey]);

  const total = order.length;
  // A filter can shrink the rows below the scroll position before the browser's own scroll event clamps it.
  const top = Math.min(scrollTop, Math.max(0, total * ROW_HEIGHT - VIEWPORT_HEIGHT + ROW_HEIGHT));
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((top + VIEWPORT_HEIGHT) / ROW_HEIGHT) + OVERSCAN);

  const choose = (index: number): void => {
    useEventsStore.getState().selectResultRow(index, result.rowSources[index] ?? []);
    selectSubdetection(result.subdetections[index] ?? null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number): void => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      choose(index);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const sibling = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
      if (sibling instanceof HTMLElement && sibling.tabIndex >= 0) sibling.focus();
    }
  };

  const rows = [];
  for (let p = first; p < last; p++) {
    const i = order[p];
    if (i === undefined) continue;
    const name = result.subdetections[i] ?? null;
    const cells = result.rows[i] ?? [];
    rows.push(
      <tr
        key={i}
        role="row"
        aria-rowindex={p + 2}
        aria-selected={selected === i}
        tabIndex={0}
        className={selected === i ? 'selected' : undefined}
        style={{ height: ROW_HEIGHT }}
        onClick={() => choose(i)}
        onKeyDown={(e) => onKeyDown(e, i)}
      >
        <th role="rowheader" scope="row" className="subdetection-cell">
          <span className="swatch" style={{ background: name === null ? 'transparent' : (colors.get(name) ?? '#999') }} aria-hidden="true" />
          {name ?? '(query)'}
        </th>
        {result.columns.map((column, c) => {
          const cell = cells[c] ?? 'null';
          if (!isExpandable(cell)) {
            return (
              <td role="gridcell" key={c}>
                {displayCell(cell)}
              </td>
            );
          }
          const open = expanded !== null && expanded.row === i && expanded.column === column.name;
          return (
            <td role="gridcell" key={c} className="expandable-cell">
              <button
                type="button"
                className="cell-expand"
                aria-label={`${open ? 'Collapse' : 'Expand'} ${column.name} in row ${p + 1}`}
                aria-expanded={open}
                aria-controls={open ? detailId : undefined}
                onClick={(e) => {
                  // Opening a value is not choosing the row: that would move the focus into the editor.
                  e.stopPropagation();
                  setExpanded(open ? null : { row: i, column: column.name });
                }}
              >
                <span aria-hidden="true">{open ? '▾' : '▸'}</span>
              </button>
              <span className="cell-compact">{compactCell(cell)}</span>
            </td>
          );
        })}
      </tr>,
    );
  }

  const header = (name: string, label: string, title: string) => {
    const direction = sort?.column === name ? sort.direction : null;
    return (
      <th role="columnheader" scope="col" key={name} aria-sort={direction === null ? undefined : direction === 'asc' ? 'ascending' : 'descending'}>
        <button type="button" className="sort-button" title={title} onClick={() => cycleSort(name)}>
          {label}
          <span aria-hidden="true" className="sort-mark">
            {direction === 'asc' ? ' ▲' : direction === 'desc' ? ' ▼' : ''}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div
      ref={viewport}
      className={`results-viewport${stale ? ' stale' : ''}`}
      style={{ maxHeight: VIEWPORT_HEIGHT }}
      onScroll={(e) => {
        setScrollTop(e.currentTarget.scrollTop);
        useResultsView.getState().setScrollTop(e.currentTarget.scrollTop);
      }}
    >
      <table role="grid" aria-label="Query results" aria-rowcount={total + 1} aria-busy={stale} className="results-grid">
        <thead>
          <tr role="row" aria-rowindex={1}>
            {header(SUBDETECTION_COLUMN, 'Sub-detection', 'Sort by sub-detection')}
            {result.columns.map((c) => header(c.name, c.name, `${c.type}; sort by ${c.name}`))}
          </tr>
        </thead>
        <tbody>
          {first > 0 ? <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }} /> : null}
          {rows}
          {last < total ? <tr aria-hidden="true" style={{ height: (total - last) * ROW_HEIGHT }} /> : null}
        </tbody>
      </table>
    </div>
  );
}

/** The full value of the opened cell, under the grid so every grid row keeps its height (and the windowing works). */
function ValuePane({ result, order, id }: { result: Evaluation; order: readonly number[]; id: string }) {
  const expanded = useResultsView((s) => s.expanded);
  const setExpanded = useResultsView((s) => s.setExpanded);
  const [copied, setCopied] = useState('');
  const headingId = useId();
  if (expanded === null) return null;
  const c = result.columns.findIndex((col) => col.name === expanded.column);
  const cell = result.rows[expanded.row]?.[c];
  const position = order.indexOf(expanded.row);
  // A value whose row is filtered out (or gone after a re-run) is not shown; it comes back with its row.
  if (cell === undefined || position < 0) return null;

  const copy = (): void => {
    const text = copyText(cell);
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) {
      setCopied('Copying is not available here');
      return;
    }
    clipboard.writeText(text).then(
      () => setCopied('Copied'),
      () => setCopied('Copying was refused by the browser'),
    );
  };

  return (
    <section className="results-value" id={id} aria-labelledby={headingId}>
      <div className="results-value-header">
        <h3 id={headingId}>
          {expanded.column}, row {position + 1}
        </h3>
        <button type="button" onClick={copy}>
          Copy value
        </button>
        <span className="muted" aria-live="polite">
          {copied}
        </span>
        <button type="button" className="results-value-close" onClick={() => setExpanded(null)}>
          Close value
        </button>
      </div>
      {isStructured(cell) ? <JsonTree value={parseCell(cell)} label={`${expanded.column} as JSON`} /> : <pre className="results-value-text">{displayCell(cell)}</pre>}
    </section>
  );
}

function describeSource(ref: EventRef, sourceNames: ReadonlyMap<string, string> | null): string {
  const from = sourceNames?.get(ref.sourceId);
  return `${ref.table} row ${ref.row + 1}${from ? ` (${from})` : ''}`;
}

/** The input events the chosen row came from, and the way to them in the Events tab. */
function SourcesPane({ result }: { result: Evaluation }) {
  const selected = useEventsStore((s) => s.selectedResultRow);
  const eventSources = useEventsStore((s) => s.eventSources);
  const setWorkbenchTab = useEventsStore((s) => s.setWorkbenchTab);
  if (selected === null || selected >= result.rows.length) return null;
  const refs = result.rowSources[selected] ?? [];
  // Row numbers repeat across loaded files; name the file only when there is more than one.
  const sourceNames = eventSources.length > 1 ? new Map(eventSources.map((s) => [s.id, s.name])) : null;
  const listed = refs.slice(0, MAX_SOURCES_LISTED).map((ref) => describeSource(ref, sourceNames));
  const more = refs.length - listed.length;
  return (
    <div className="results-sources">
      <p>
        Source events: {listed.length === 0 ? 'none recorded for this row' : listed.join(', ')}
        {more > 0 ? `, and ${more} more` : ''}
      </p>
      <button type="button" disabled={refs.length === 0} onClick={() => setWorkbenchTab('events')}>
        Show source events
      </button>
    </div>
  );
}

/** The compiled result: filters, grid, the opened value and the chosen row's source events. */
function ResultsView({ result, running, order, viewKey }: { result: Evaluation; running: boolean; order: readonly number[]; viewKey: string }) {
  const sort = useResultsView((s) => s.sort);
  const expanded = useResultsView((s) => s.expanded);
  const detailId = useId();
  return (
    <>
      <ResultsToolbar result={result} order={order} />
      <ResultsGrid
        key={result.columns.map((c) => c.name).join('\u0000')}
        result={result}
        order={order}
        sort={sort}
        stale={running}
        detailId={detailId}
        viewKey={viewKey}
      />
      <SourcesPane result={result} />
      {/* Keyed by cell: another value opens with its own tree state and without the last "Copied". */}
      <ValuePane key={expanded ? `${expanded.row}\u0000${expanded.column}` : ''} result={result} order={order} id={detailId} />
    </>
  );
}

function statusText(result: Evaluation | null, running: boolean, shown: number | null): string {
  if (running) return 'Running…';
  if (!result) return '';
  const count = result.rows.length;
  return shown === null ? `${count} ${rowsWord(count)}` : `${shown} of ${count} ${rowsWord(count)}`;
}

/** The rule's output on the loaded events: one row per result, tagged with the sub-detection it came from. */
export function ResultsPanel() {
  const { result, running, error } = useEventsStore((s) => s.evaluation);
  const noEvents = useEventsStore((s) => s.eventSources.length === 0 && s.eventsStorage !== 'loading');
  const sort = useResultsView((s) => s.sort);
  // Typing in the filter stays responsive on 10,000 rows: the grid and the count follow a moment later, together.
  const filterText = useDeferredValue(useResultsView((s) => s.filterText));
  const subdetection = useResultsView((s) => s.subdetection);
  const index = useMemo(() => (result ? new ResultIndex(result) : null), [result]);
  const order = useMemo(() => (index ? index.view(sort, filterText, subdetection) : []), [index, sort, filterText, subdetection]);
  const filterActive = filterText.trim() !== '' || subdetection.kind !== 'all';
  const viewKey = JSON.stringify([sort, filterText, subdetection]);
  const errors = result ? result.diagnostics.filter((d) => d.severity === 'error') : [];
  return (
    <section className="pane results" aria-labelledby="results-heading">
      <div className="results-header">
        <h2 id="results-heading">Results</h2>
        <AsOfControl />
      </div>
      <p className="muted results-status" role="status" aria-live="polite">
        {statusText(result, running, filterActive ? order.length : null)}
        {running && result ? ' (the results below are from before the last change)' : ''}
      </p>
      {noEvents ? (
        <p className="muted">No sample events loaded: load some in Sample events, on the left, to run the rule on them.</p>
      ) : null}
      {result && !noEvents ? <p className="notice-inline">{asOfNotice(result)}</p> : null}
      {error ? <p role="alert">The evaluation failed: {error}</p> : null}
      {result && errors.length > 0 ? (
        <div className="results-errors">
          <p>{result.compiled ? 'The evaluation reported errors:' : 'The query has errors, so it was not run:'}</p>
          <ul>
            {errors.map((d, i) => (
              <li key={i}>
                {d.code}
                {d.line !== undefined ? ` (line ${d.line}, column ${d.column ?? 1})` : ''}: {d.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result && result.compiled ? <ResultsView result={result} running={running} order={order} viewKey={viewKey} /> : null}
    </section>
  );
}
