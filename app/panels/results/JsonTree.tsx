/** Children shown per object or array; a value with more says how many are left out rather than freezing the page. */
const MAX_CHILDREN = 500;
/** Levels open at first; deeper ones start closed so a large value opens readable. */
const OPEN_DEPTH = 2;

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function entriesOf(value: Record<string, unknown> | unknown[]): [string, unknown][] {
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v]);
  // Own keys only; a `__proto__` key parsed by JSON.parse is an own property and reads back as its value.
  return Object.keys(value).map((k) => [k, value[k]]);
}

function summary(value: Record<string, unknown> | unknown[]): string {
  const n = Array.isArray(value) ? value.length : Object.keys(value).length;
  return Array.isArray(value) ? `[ ${n} ${n === 1 ? 'item' : 'items'} ]` : `{ ${n} ${n === 1 ? 'key' : 'keys'} }`;
}

function Leaf({ value }: { value: unknown }) {
  const kind = value === null ? 'null' : typeof value;
  // JSON.stringify shows strings with quotes and escapes, so "1" and 1, or "" and null, read differently.
  return <span className={`json-${kind}`}>{JSON.stringify(value) ?? String(value)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const key = name === null ? null : <span className="json-key">{name}: </span>;
  if (!isContainer(value) || entriesOf(value).length === 0) {
    return (
      <li>
        {key}
        {isContainer(value) ? <span className="json-empty">{Array.isArray(value) ? '[]' : '{}'}</span> : <Leaf value={value} />}
      </li>
    );
  }
  const entries = entriesOf(value);
  const shown = entries.slice(0, MAX_CHILDREN);
  return (
    <li>
      <details open={depth < OPEN_DEPTH}>
        <summary>
          {key}
          <span className="json-summary">{summary(value)}</span>
        </summary>
        <ul>
          {shown.map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {entries.length > shown.length ? <li className="muted">… {entries.length - shown.length} more not shown (use Copy value)</li> : null}
        </ul>
      </details>
    </li>
  );
}

/** A JSON value as an indented tree of native <details>, so every level opens and closes by keyboard too. */
export function JsonTree({ value, label }: { value: unknown; label: string }) {
  return (
    <ul className="json-tree" aria-label={label}>
      <Node name={null} value={value} depth={0} />
    </ul>
  );
}
