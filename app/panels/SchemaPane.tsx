import { useDeferredValue, useState } from 'react';
import { insertAtCursor } from '../editor/editor-controller.ts';
import { useAllTables } from '../state/tables.ts';
import type { TableSchema } from '../../src/schema/types.ts';

function matches(table: TableSchema, filter: string): boolean {
  if (filter === '') return true;
  const needle = filter.toLowerCase();
  return table.name.toLowerCase().includes(needle) || table.columns.some((c) => c.name.toLowerCase().includes(needle));
}

/** Every known table and column with its type; activating a name inserts it at the cursor. */
export function SchemaPane() {
  const tables = useAllTables();
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter.trim());
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const shown = tables.filter((t) => matches(t, deferredFilter));

  const toggle = (name: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  return (
    <section className="pane schema" aria-labelledby="schema-heading">
      <h2 id="schema-heading">Schema</h2>
      <input
        type="search"
        className="filter"
        aria-label="Filter tables and columns"
        placeholder="Filter tables and columns"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <ul className="schema-tables" aria-label="Tables">
        {shown.map((table) => {
          const expanded = open.has(table.name) || (deferredFilter !== '' && !table.name.toLowerCase().includes(deferredFilter.toLowerCase()));
          const columns = deferredFilter === '' || table.name.toLowerCase().includes(deferredFilter.toLowerCase())
            ? table.columns
            : table.columns.filter((c) => c.name.toLowerCase().includes(deferredFilter.toLowerCase()));
          return (
            <li key={table.name}>
              <div className="schema-table-row">
                <button
                  type="button"
                  className="disclosure"
                  aria-expanded={expanded}
                  aria-label={`${expanded ? 'Hide' : 'Show'} columns of ${table.name}`}
                  onClick={() => toggle(table.name)}
                >
                  {expanded ? '▾' : '▸'}
                </button>
                <button
                  type="button"
                  className="schema-name"
                  title={table.description ?? table.name}
                  aria-label={`Insert table ${table.name}`}
                  onClick={() => insertAtCursor(table.name)}
                >
                  {table.name}
                </button>
                {table.origin === 'custom' ? <span className="badge">custom</span> : null}
              </div>
              {expanded ? (
                <ul className="schema-columns" aria-label={`Columns of ${table.name}`}>
                  {columns.map((column) => (
                    <li key={column.name}>
                      <button
                        type="button"
                        className="schema-name column"
                        title={column.description ?? `${column.name}: ${column.type}`}
                        aria-label={`Insert column ${column.name} (${column.type})`}
                        onClick={() => insertAtCursor(column.name)}
                      >
                        {column.name}
                      </button>
                      <span className="type">{column.type}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
