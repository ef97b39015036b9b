import { useId } from 'react';
import { selectLines } from '../../editor/editor-controller.ts';
import type { EventVerdict, SubdetectionVerdict } from '../../workers/engine-protocol.ts';
import { subdetectionLabel } from './chart-layout.ts';

export function verdictHeadline(verdict: SubdetectionVerdict, table: string): string {
  switch (verdict.status) {
    case 'matched':
      return 'Matched';
    case 'not-read':
      return `Does not read ${table}`;
    case 'stopped':
      return verdict.line === null ? 'Stopped' : `Stopped at line ${verdict.line}`;
  }
}

function VerdictItem({ verdict, table, color }: { verdict: SubdetectionVerdict; table: string; color: string }) {
  const headingId = useId();
  const line = verdict.line;
  return (
    <li className={`rb-verdict rb-verdict-${verdict.status}`} style={{ borderLeftColor: color }} aria-labelledby={headingId}>
      <h4 id={headingId}>
        <span className="swatch" style={{ background: color }} aria-hidden="true" />
        {subdetectionLabel(verdict.subdetection)}
      </h4>
      <p className="rb-verdict-status">{verdictHeadline(verdict, table)}</p>
      {verdict.status === 'stopped' ? (
        <>
          {verdict.predicate ? (
            <p className="rb-verdict-predicate-text">
              Deciding predicate: <code>{verdict.predicate}</code>
            </p>
          ) : null}
          <p className="rb-verdict-reason">{verdict.reason}</p>
          {line !== null ? (
            <button type="button" onClick={() => selectLines(line, line)}>
              Show line {line}
            </button>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

/** Per sub-detection, what happened to the chosen event: matched, not read, or where and why it stopped. */
export function VerdictList({ verdict, colorOf }: { verdict: EventVerdict; colorOf: (name: string | null) => string }) {
  if (verdict.verdicts.length === 0) return <p className="muted">The query reads no tables, so no sub-detection saw this event.</p>;
  return (
    <ul className="rb-verdicts" aria-label="Verdicts per sub-detection">
      {verdict.verdicts.map((v, i) => (
        <VerdictItem key={`${subdetectionLabel(v.subdetection)}-${i}`} verdict={v} table={verdict.ref.table} color={colorOf(v.subdetection)} />
      ))}
    </ul>
  );
}
