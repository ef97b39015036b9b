import { useState } from 'react';
import { useModalDialog } from './use-modal-dialog.ts';
import { parseCustomSchema } from '../../src/schema/custom-schema.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { TableSchema } from '../../src/schema/types.ts';
import { useAppStore } from '../state/store.ts';
import type { CustomTableEntry } from '../state/schema-slice.ts';

const PLACEHOLDER = `MyTable_CL(TimeGenerated:datetime, Computer:string, Msg:string)

or the output of  MyTable_CL | getschema
or the result of  .show schema as json`;

function position(d: Diagnostic): string {
  return d.line !== undefined ? `line ${d.line}, column ${d.column ?? 1}: ` : '';
}

interface Props {
  readonly open: boolean;
  readonly onClose: () => void;
}

/** Lets a user teach Rulebench their own tables (for example a `_CL` table) by pasting schema text. */
export function CustomTablesDialog({ open, onClose }: Props) {
  const dialog = useModalDialog(open);
  const customTables = useAppStore((s) => s.customTables);
  const addCustomTables = useAppStore((s) => s.addCustomTables);
  const removeCustomTable = useAppStore((s) => s.removeCustomTable);
  const [text, setText] = useState('');
  const [tableName, setTableName] = useState('');
  const [diagnostics, setDiagnostics] = useState<readonly Diagnostic[]>([]);
  const [added, setAdded] = useState<readonly TableSchema[]>([]);
  const [lastRemoved, setLastRemoved] = useState<CustomTableEntry | null>(null);


  const add = () => {
    const trimmedName = tableName.trim();
    const result = parseCustomSchema(text, trimmedName === '' ? {} : { defaultTableName: trimmedName });
    setDiagnostics(result.diagnostics);
    const hasErrors = result.diagnostics.some((d) => d.severity === 'error');
    if (!hasErrors && result.tables.length > 0) {
      addCustomTables(result.tables, text);
      setAdded(result.tables);
      setText('');
    } else {
      setAdded([]);
    }
  };

  const remove = (entry: CustomTableEntry) => {
    removeCustomTable(entry.table.name);
    setLastRemoved(entry);
  };

  const undoRemove = () => {
    if (!lastRemoved) return;
    addCustomTables([lastRemoved.table], lastRemoved.sourceText);
    setLastRemoved(null);
  };

  return (
    <dialog ref={dialog} aria-labelledby="custom-tables-heading" onClose={onClose}>
      <h2 id="custom-tables-heading">Custom tables</h2>
      <p className="muted">
        Paste a table definition, <code>getschema</code> output or a <code>.show schema as json</code> result. The editor then
        knows the table and its columns.
      </p>
      <label htmlFor="custom-schema-text">Schema text</label>
      <textarea
        id="custom-schema-text"
        value={text}
        placeholder={PLACEHOLDER}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
      />
      <label htmlFor="custom-schema-table">Table name (needed for getschema output)</label>
      <input id="custom-schema-table" type="text" value={tableName} onChange={(e) => setTableName(e.target.value)} />
      {diagnostics.length > 0 ? (
        <ul className="diagnostic-list" aria-label="Problems in the schema text">
          {diagnostics.map((d, i) => (
            <li key={i} className={d.severity}>
              {position(d)}
              {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      {added.length > 0 ? (
        <p role="status">Added {added.map((t) => `${t.name} (${t.columns.length} columns)`).join(', ')}.</p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={add} disabled={text.trim() === ''}>
          Add tables
        </button>
      </div>
      <h3>Your tables</h3>
      {customTables.length === 0 ? <p className="muted">None yet.</p> : null}
      <ul className="custom-table-list" aria-label="Custom tables">
        {customTables.map((entry) => (
          <li key={entry.table.name}>
            <code>{entry.table.name}</code>
            <span className="muted">{entry.table.columns.length} columns</span>
            <button type="button" onClick={() => remove(entry)} aria-label={`Remove table ${entry.table.name}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {lastRemoved ? (
        <p role="status">
          Removed {lastRemoved.table.name}.{' '}
          <button type="button" onClick={undoRemove}>
            Undo remove
          </button>
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
