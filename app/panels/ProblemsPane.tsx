import { goTo } from '../editor/editor-controller.ts';
import { useAppStore } from '../state/store.ts';
import { useEventsStore } from '../state/events-slice.ts';

function summary(errors: number, warnings: number): string {
  const parts = [`${errors} ${errors === 1 ? 'error' : 'errors'}`];
  if (warnings > 0) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  return parts.join(', ');
}

/** Diagnostics from the KQL language service, with Defender's codes; choosing one moves the cursor there. */
export function ProblemsPane() {
  const editorProblems = useAppStore((s) => s.problems);
  const engineProblems = useEventsStore((s) => s.engineProblems);
  // Kusto's findings come from the language service; the engine adds only its own (RB-KQL-100 unsupported…).
  const problems = engineProblems.length === 0 ? editorProblems : [...editorProblems, ...engineProblems];
  const ready = useAppStore((s) => s.editorReady);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  return (
    <section className="pane problems" aria-labelledby="problems-heading">
      <h2 id="problems-heading">
        Problems <span className="muted">{ready ? summary(errors, warnings) : 'checking…'}</span>
      </h2>
      <ul aria-label="Problems in the query" className="problem-list">
        {problems.map((p, i) => (
          <li key={`${p.line}:${p.column}:${p.code}:${i}`}>
            <button
              type="button"
              className={`problem ${p.severity}`}
              onClick={() => goTo(p.line, p.column)}
              aria-label={`${p.severity} ${p.code} at line ${p.line}, column ${p.column}: ${p.message}`}
            >
              <span className="problem-code">{p.code || p.severity}</span>
              <span className="problem-pos">
                line {p.line}, col {p.column}
              </span>
              <span className="problem-message">{p.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
