import { selectLines } from '../editor/editor-controller.ts';
import { subdetectionColor } from '../editor/subdetection-colors.ts';
import { useAppStore } from '../state/store.ts';

/** The rule's sub-detections (tabular `let`s); choosing one selects its block in the editor. */
export function OutlinePane() {
  const outline = useAppStore((s) => s.outline);
  return (
    <section className="pane" aria-labelledby="outline-heading">
      <h2 id="outline-heading">Sub-detections</h2>
      {outline.length === 0 ? (
        <p className="muted">No tabular <code>let</code> in this query: the whole query is one detection.</p>
      ) : (
        <ul className="outline-list">
          {outline.map((entry) => (
            <li key={entry.name}>
              <button
                type="button"
                className="outline-item"
                aria-label={`${entry.name}, lines ${entry.startLine} to ${entry.endLine}${entry.reachesResult ? '' : ', not used by the final query'}`}
                onClick={() => selectLines(entry.startLine, entry.endLine)}
              >
                <span className="swatch" style={{ background: subdetectionColor(entry.colorIndex) }} aria-hidden="true" />
                <span className="outline-name">{entry.name}</span>
                <span className="muted">
                  {' '}L{entry.startLine}–{entry.endLine}
                </span>
                {entry.reachesResult ? null : <span className="badge warn">unused</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
