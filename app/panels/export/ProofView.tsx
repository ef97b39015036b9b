/** Proof by running, shown under the Sigma preview: same matches, or each differing event with what explains it. */
import type { ProofDifference, ProofResult } from '../../../src/sigma/proof.ts';

function side(d: ProofDifference): string {
  return d.sigmaMatched ? 'matched by the Sigma rules only' : 'matched by the query only';
}

function explanation(d: ProofDifference): string {
  const w = d.explainedBy;
  if (!w) return 'unexplained';
  return `explained by ${w.line === null ? 'the rule\'s metadata' : `line ${w.line}`}${w.subdetection ? ` (${w.subdetection})` : ''}: ${w.message}`;
}

export interface ProofViewProps {
  readonly proof: ProofResult | null;
  readonly running: boolean;
  readonly error: string | null;
}

export function ProofView({ proof, running, error }: ProofViewProps) {
  return (
    <section className="rb-export-proof" aria-labelledby="export-proof-heading" aria-busy={running}>
      <h4 id="export-proof-heading">Proof by running</h4>
      <p className="rb-export-proof-verdict" aria-live="polite">
        {error ? `The proof could not run: ${error}` : proof ? proof.message : 'Running the Sigma rules on the test events…'}
      </p>
      {proof && proof.differences.length > 0 ? (
        <ul className="rb-export-differences" aria-label="Events matched differently">
          {proof.differences.map((d, i) => (
            <li key={i}>
              <span className="rb-export-event">
                {d.test} · {d.table} row {d.row + 1}: {d.summary}
              </span>{' '}
              — {side(d)}
              {d.subdetection ? ` (${d.subdetection})` : ''}; <span className={d.explainedBy ? '' : 'rb-issue-warning'}>{explanation(d)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {proof && proof.notes.length > 0 ? (
        <ul className="rb-export-notes muted" aria-label="What the proof did not cover">
          {proof.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
