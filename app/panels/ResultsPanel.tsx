import { useMemo, useState, type KeyboardEvent } from 'react';
import { selectLines } from '../editor/editor-controller.ts';
import { subdetectionColor } from '../editor/subdetection-colors.ts';
import { useEventsStore, type AsOfMode } from '../state/events-slice.ts';
import { useAppStore } from '../state/store.ts';
import type { Evaluation } from '../workers/engine-protocol.ts';

const ROW_HEIGHT = 26;
const VIEWPORT_HEIGHT = 560;
const OVERSCAN = 12;

/** A cell as the CLI encodes it; JSON strings (text, datetimes, timespans) are shown without their quotes. */
export function displayCell(encoded: string): string {
  if (encoded.startsWith('"')) {
    try {
      return String(JSON.parse(encoded));
    } catch {
      return encoded;
    }
  }
  return encoded;
}

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

function ResultsGrid({ result, stale }: { result: Evaluation; stale: boolean }) {
  const outline = useAppStore((s) => s.outline);
  const [scrollTop, setScrollTop] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const colors = useMemo(() => new Map(outline.map((e) => [e.name, subdetectionColor(e.colorIndex)])), [outline]);
  const total = result.rows.length;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + VIEWPORT_HEIGHT) / ROW_HEIGHT) + OVERSCAN);

  const choose = (index: number): void => {
    setSelected(index);
    selectSubdetection(result.subdetections[index] ?? null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number): void => {
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
  for (let i = first; i < last; i++) {
    const name = result.subdetections[i] ?? null;
    rows.push(
      <tr
        key={i}
        role="row"
        aria-rowindex={i + 2}
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
        {(result.rows[i] ?? []).map((cell, c) => (
          <td role="gridcell" key={c}>
            {displayCell(cell)}
          </td>
        ))}
      </tr>,
    );
  }

  return (
    <div
      className={`results-viewport${stale ? ' stale' : ''}`}
      style={{ maxHeight: VIEWPORT_HEIGHT }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <table role="grid" aria-label="Query results" aria-rowcount={total + 1} aria-busy={stale} className="results-grid">
        <thead>
          <tr role="row" aria-rowindex={1}>
            <th role="columnheader" scope="col">
              Sub-detection
            </th>
            {result.columns.map((c) => (
              <th role="columnheader" scope="col" key={c.name} title={c.type}>
                {c.name}
              </th>
            ))}
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

/** The rule's output on the loaded events: one row per result, tagged with the sub-detection it came from. */
export function ResultsPanel() {
  const { result, running, error } = useEventsStore((s) => s.evaluation);
  const errors = result ? result.diagnostics.filter((d) => d.severity === 'error') : [];
  const count = result?.rows.length ?? 0;
  return (
    <section className="pane results" aria-labelledby="results-heading">
      <div className="results-header">
        <h2 id="results-heading">Results</h2>
        <AsOfControl />
      </div>
      <p className="muted results-status" role="status" aria-live="polite">
        {running ? 'Running…' : result ? `${count} ${count === 1 ? 'row' : 'rows'}` : ''}
        {running && result ? ' (the results below are from before the last change)' : ''}
      </p>
      {result ? <p className="notice-inline">{asOfNotice(result)}</p> : null}
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
      {result && result.compiled ? <ResultsGrid key={result.columns.map((c) => c.name).join('\u0000')} result={result} stale={running} /> : null}
    </section>
  );
}
