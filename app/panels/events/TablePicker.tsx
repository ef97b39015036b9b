import { useId, useState, type FormEvent } from 'react';
import type { NeedsTable } from '../../state/events-actions.ts';

/** Valid-looking table names: what Kusto accepts unquoted, which is what a rule can name. */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Offered when a text's rows name no table (a CSV without `Type`, JSON rows without `Type`/`$table`): choose a
 * known table or type a custom name, and the text is loaded again with it.
 */
export function TablePicker({
  pending,
  tableNames,
  disabled,
  onLoad,
  onDismiss,
}: {
  pending: NeedsTable;
  tableNames: readonly string[];
  disabled: boolean;
  onLoad: (table: string) => void;
  onDismiss: () => void;
}) {
  const [table, setTable] = useState('');
  const inputId = useId();
  const listId = useId();
  const chosen = table.trim();
  const valid = TABLE_NAME.test(chosen);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (valid) onLoad(chosen);
  };
  const rows = `${pending.rows} ${pending.rows === 1 ? 'row' : 'rows'}`;
  return (
    <form className="events-table-picker" aria-label={`Choose a table for ${pending.name}`} onSubmit={submit}>
      <p>
        {rows} of <strong>{pending.name}</strong> name no table{pending.loadedId !== undefined ? ' (its other rows are loaded)' : ''}.
      </p>
      <label htmlFor={inputId}>Table for the rows of {pending.name}</label>
      <input
        id={inputId}
        list={listId}
        value={table}
        onChange={(e) => setTable(e.target.value)}
        placeholder="DeviceProcessEvents or MyTable_CL"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={chosen !== '' && !valid}
      />
      <datalist id={listId}>
        {tableNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {chosen !== '' && !valid ? <p className="muted">A table name is letters, digits and underscores, not starting with a digit.</p> : null}
      <div className="events-table-picker-actions">
        <button type="submit" disabled={disabled || !valid}>
          {valid ? `Load as ${chosen}` : 'Load as table'}
        </button>
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </form>
  );
}
