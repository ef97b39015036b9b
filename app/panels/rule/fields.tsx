/** Labelled form controls that show their field's issues (aria-invalid, aria-describedby), and an editable list. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { RuleIssue } from '../../../src/rule/model.ts';
import { fieldId, issuesAt, issuesId, moveItem, removeItem } from './field-paths.ts';

/** The messages next to a field, error or warning styled; rendered as text only. */
export function FieldIssues({ path, shown }: { path: string; shown: readonly RuleIssue[] }) {
  if (shown.length === 0) return null;
  return (
    <ul className="rb-field-issues" id={issuesId(path)}>
      {shown.map((issue, i) => (
        <li key={`${issue.code}-${i}`} className={`rb-issue rb-issue-${issue.severity}`}>
          <span className="rb-issue-severity">{issue.severity === 'error' ? 'Error' : 'Warning'}:</span> {issue.message}
        </li>
      ))}
    </ul>
  );
}

/** What a control needs to announce its issues. Warnings describe the field; only errors make it invalid. */
export function a11yProps(path: string, shown: readonly RuleIssue[]): { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return {
    id: fieldId(path),
    ...(shown.some((i) => i.severity === 'error') ? { 'aria-invalid': true as const } : {}),
    ...(shown.length > 0 ? { 'aria-describedby': issuesId(path) } : {}),
  };
}

function severityClass(shown: readonly RuleIssue[]): string {
  return shown.some((i) => i.severity === 'error') ? ' has-error' : shown.length > 0 ? ' has-warning' : '';
}

interface TextFieldProps {
  readonly path: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly issues: readonly RuleIssue[];
  readonly multiline?: boolean;
  readonly type?: 'text' | 'date' | 'url' | 'number';
  readonly readOnly?: boolean;
  readonly placeholder?: string;
  /** Shown after the control (a button that belongs to the field). */
  readonly after?: ReactNode;
  /** A visually hidden label: the item's position already says what it is. */
  readonly hideLabel?: boolean;
}

export function TextField({ path, label, value, onChange, issues, multiline, type = 'text', readOnly, placeholder, after, hideLabel }: TextFieldProps) {
  const shown = issuesAt(issues, path);
  const props = { ...a11yProps(path, shown), value, readOnly, placeholder, spellCheck: multiline ? true : false };
  return (
    <div className={`rb-field${severityClass(shown)}`}>
      <label htmlFor={fieldId(path)} className={hideLabel ? 'visually-hidden' : 'rb-field-label'}>
        {label}
      </label>
      <div className="rb-field-control">
        {multiline ? (
          <textarea {...props} rows={3} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...props} type={type} onChange={(e) => onChange(e.target.value)} />
        )}
        {after}
      </div>
      <FieldIssues path={path} shown={shown} />
    </div>
  );
}

interface SelectFieldProps {
  readonly path: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly onChange: (value: string) => void;
  readonly issues: readonly RuleIssue[];
  readonly hideLabel?: boolean;
}

export function SelectField({ path, label, value, options, onChange, issues, hideLabel }: SelectFieldProps) {
  const shown = issuesAt(issues, path);
  // A value the options lack (a hand-edited file) stays visible, so saving does not silently change it.
  const all = options.some((o) => o.value === value) ? options : [...options, { value, label: `${value} (unknown)` }];
  return (
    <div className={`rb-field${severityClass(shown)}`}>
      <label htmlFor={fieldId(path)} className={hideLabel ? 'visually-hidden' : 'rb-field-label'}>
        {label}
      </label>
      <select {...a11yProps(path, shown)} value={value} onChange={(e) => onChange(e.target.value)}>
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldIssues path={path} shown={shown} />
    </div>
  );
}

interface ListEditorProps<T> {
  /** The list's field path (`falsepositives`); items are `falsepositives.0`, … */
  readonly path: string;
  /** The heading, such as "False positives". */
  readonly label: string;
  /** One item in words, lower case, for button names: "false positive" → "Remove false positive 2". */
  readonly itemName: string;
  readonly items: readonly T[];
  readonly onChange: (items: T[]) => void;
  readonly newItem: () => T;
  readonly issues: readonly RuleIssue[];
  /** The item's controls; `index` is 0-based, labels should say `index + 1`. */
  readonly renderItem: (item: T, index: number, update: (next: T) => void) => ReactNode;
  /** An item's name for buttons, 1-based (default `${itemName} ${n}`): "Remove field mapping 2 of entity mapping 1". */
  readonly itemLabel?: (n: number) => string;
  /** The add button's text (default `Add ${itemName}`). */
  readonly addLabel?: string;
  /** The id of the control to focus when an item is added at `index` (default: the item's own field). */
  readonly firstControlId?: (index: number) => string;
}

/** A list the user adds to, edits, reorders (Move up / Move down) and removes from; focus follows the moved item. */
export function ListEditor<T>({ path, label, itemName, items, onChange, newItem, issues, renderItem, itemLabel, addLabel, firstControlId }: ListEditorProps<T>) {
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    const id = pendingFocus.current;
    if (id === null) return;
    pendingFocus.current = null;
    const target = document.getElementById(id);
    if (target instanceof HTMLButtonElement && target.disabled) {
      // At the top or bottom now: the other move button is the natural place to continue.
      const other = document.getElementById(id.endsWith('-up') ? id.replace(/-up$/, '-down') : id.replace(/-down$/, '-up'));
      (other as HTMLElement | null)?.focus();
    } else {
      target?.focus();
    }
  });

  const shown = issuesAt(issues, path, 'container');
  const headingId = `${fieldId(path)}-heading`;
  const controlId = firstControlId ?? ((i: number) => fieldId(`${path}.${i}`));
  const move = (from: number, to: number, direction: 'up' | 'down'): void => {
    pendingFocus.current = `${fieldId(`${path}.${to}`)}-${direction}`;
    onChange(moveItem(items, from, to));
  };
  return (
    <fieldset className={`rb-list${severityClass(shown)}`} id={fieldId(path)} tabIndex={-1} aria-describedby={shown.length > 0 ? issuesId(path) : undefined}>
      <legend id={headingId}>{label}</legend>
      <FieldIssues path={path} shown={shown} />
      {items.length === 0 ? <p className="muted rb-list-empty">None yet.</p> : null}
      <ol className="rb-list-items" aria-labelledby={headingId}>
        {items.map((item, index) => {
          const n = itemLabel ? itemLabel(index + 1) : `${itemName} ${index + 1}`;
          const itemId = fieldId(`${path}.${index}`);
          return (
            <li key={index} className="rb-list-item">
              <div className="rb-list-item-body">{renderItem(item, index, (next) => onChange(items.map((x, i) => (i === index ? next : x))))}</div>
              <div className="rb-list-item-actions">
                <button type="button" id={`${itemId}-up`} disabled={index === 0} onClick={() => move(index, index - 1, 'up')} aria-label={`Move ${n} up`} title="Move up">
                  ↑
                </button>
                <button type="button" id={`${itemId}-down`} disabled={index === items.length - 1} onClick={() => move(index, index + 1, 'down')} aria-label={`Move ${n} down`} title="Move down">
                  ↓
                </button>
                <button
                  type="button"
                  onClick={() => {
                    pendingFocus.current = items.length > 1 ? controlId(Math.min(index, items.length - 2)) : `${fieldId(path)}-add`;
                    onChange(removeItem(items, index));
                  }}
                  aria-label={`Remove ${n}`}
                  title="Remove"
                >
                  ×
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        id={`${fieldId(path)}-add`}
        onClick={() => {
          pendingFocus.current = controlId(items.length);
          onChange([...items, newItem()]);
        }}
      >
        {addLabel ?? `Add ${itemName}`}
      </button>
    </fieldset>
  );
}
