/**
 * The rule's metadata as a controlled form: every section of a published rule page (title, severity, ATT&CK,
 * data sources, false positives, testing methodology, related detections, Sentinel scheduling) is editable here.
 * Issues come from the caller (validateRule on this one rule) and are shown next to their field and in a summary.
 */
import { useEffect, useState, type ReactNode } from 'react';
import {
  CONFIDENCES, LEVELS, RELATION_TYPES, RULE_STATUSES, SENTINEL_KINDS, SENTINEL_SEVERITIES, TRIGGER_OPERATORS, sentinelSeverity,
  type EntityMapping, type SentinelSeverity, type RelatedRule, type Rule, type RuleIssue, type SentinelSettings, type TestMethod,
} from '../../../src/rule/model.ts';
import { ENTITY_TYPES } from '../../../src/rule/validate.ts';
import { describePath, countIssues, fieldId, focusCandidates, issuesAt, issuesId } from './field-paths.ts';
import { a11yProps, FieldIssues, ListEditor, SelectField, TextField } from './fields.tsx';

export interface RuleFormProps {
  readonly rule: Rule;
  readonly onChange: (next: Rule) => void;
  /** This rule's issues (validateRule), by field path. */
  readonly issues: readonly RuleIssue[];
  /** Tables the query reads, derived from the query; shown, never edited. */
  readonly requiredTables: readonly string[];
  /** The ATT&CK mapping editor, supplied by the caller (it needs the ATT&CK catalog). */
  readonly attackField: ReactNode;
  /** The ATT&CK editor shows its own issues next to its controls: the form then lists them only in the summary. */
  readonly attackShowsIssues?: boolean;
}

/** Top-level fields this form has controls for; issues elsewhere (the query, tests) are listed without a link. */
const FORM_FIELDS = new Set([
  'title', 'id', 'status', 'description', 'author', 'date', 'modified', 'references', 'level', 'confidence', 'attack', 'data_sources',
  'tables', 'falsepositives', 'tuning', 'test_methodology', 'related', 'sentinel',
]);

const ELSEWHERE: Readonly<Record<string, string>> = { query: 'in the query editor', tests: 'in the Tests tab' };

const options = (values: readonly string[]): { value: string; label: string }[] => values.map((v) => ({ value: v, label: v }));

function focusField(path: string): void {
  for (const id of focusCandidates(path)) {
    const element = document.getElementById(id);
    if (element) {
      element.focus();
      return;
    }
  }
}

function IssueSummary({ issues }: { issues: readonly RuleIssue[] }) {
  return (
    <div className={`rb-issue-summary${issues.length === 0 ? ' ok' : ''}`} role="group" aria-labelledby="rule-issue-summary-heading">
      <h3 id="rule-issue-summary-heading" aria-live="polite">
        {countIssues(issues)}
      </h3>
      {issues.length > 0 ? (
        <ul>
          {issues.map((issue, i) => {
            const top = issue.path.split('.')[0] ?? '';
            const where = describePath(issue.path);
            return (
              <li key={`${issue.path}-${issue.code}-${i}`} className={`rb-issue rb-issue-${issue.severity}`}>
                {FORM_FIELDS.has(top) ? (
                  <a
                    href={`#${fieldId(issue.path)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      focusField(issue.path);
                    }}
                  >
                    {where}
                  </a>
                ) : (
                  <span>
                    {where}
                    {ELSEWHERE[top] ? ` (${ELSEWHERE[top]})` : ''}
                  </span>
                )}
                : {issue.message}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

/** A whole number typed as text, so clearing the field to type another number does not snap it back. */
function IntegerField({ path, label, value, onChange, issues }: { path: string; label: string; value: number; onChange: (n: number) => void; issues: readonly RuleIssue[] }) {
  const [draft, setDraft] = useState(String(value));
  useEffect(() => {
    setDraft((current) => (Number(current) === value && current.trim() !== '' ? current : String(value)));
  }, [value]);
  return (
    <TextField
      path={path}
      label={label}
      type="number"
      value={draft}
      issues={issues}
      onChange={(text) => {
        setDraft(text);
        const n = Number(text);
        if (text.trim() !== '' && Number.isFinite(n)) onChange(n);
      }}
    />
  );
}

/** A list of one-line (or multi-line) strings. */
export function StringList({ path, label, itemName, items, onChange, issues, multiline, type }: {
  path: string; label: string; itemName: string; items: readonly string[]; onChange: (items: string[]) => void; issues: readonly RuleIssue[];
  multiline?: boolean; type?: 'text' | 'url';
}) {
  const capital = itemName.charAt(0).toUpperCase() + itemName.slice(1);
  return (
    <ListEditor
      path={path}
      label={label}
      itemName={itemName}
      items={items}
      onChange={onChange}
      newItem={() => ''}
      issues={issues}
      renderItem={(item, index, update) => (
        <TextField path={`${path}.${index}`} label={`${capital} ${index + 1}`} value={item} onChange={update} issues={issues} hideLabel multiline={multiline} type={type} />
      )}
    />
  );
}

function TestMethodItem({ method, index, update, testNames, issues }: {
  method: TestMethod; index: number; update: (next: TestMethod) => void; testNames: readonly string[]; issues: readonly RuleIssue[];
}) {
  const path = `test_methodology.${index}`;
  const n = index + 1;
  // Linked names that no test has (renamed or removed) stay listed so they can be unticked.
  const names = [...testNames, ...method.tests.filter((t) => !testNames.includes(t))];
  const linksPath = `${path}.tests`;
  const linkIssues = issuesAt(issues, linksPath);
  return (
    <div className="rb-item-group" id={fieldId(path)} tabIndex={-1}>
      <FieldIssues path={path} shown={issuesAt(issues, path, 'container')} />
      <TextField path={`${path}.name`} label={`Name of test method ${n}`} value={method.name} onChange={(name) => update({ ...method, name })} issues={issues} />
      <TextField
        path={`${path}.expected_signal`}
        label={`Expected signal of test method ${n}`}
        value={method.expected_signal}
        onChange={(expected_signal) => update({ ...method, expected_signal })}
        issues={issues}
        multiline
      />
      <fieldset className="rb-checks" id={fieldId(linksPath)} tabIndex={-1} aria-describedby={linkIssues.length > 0 ? issuesId(linksPath) : undefined}>
        <legend>Tests of test method {n}</legend>
        {names.length === 0 ? <p className="muted">No tests yet: add them in the Tests tab.</p> : null}
        {names.map((name) => {
          const id = `${fieldId(linksPath)}-${name}`;
          const missing = !testNames.includes(name);
          return (
            <div key={name} className="rb-check">
              <input
                type="checkbox"
                id={id}
                checked={method.tests.includes(name)}
                onChange={(e) => update({ ...method, tests: e.target.checked ? [...method.tests, name] : method.tests.filter((t) => t !== name) })}
              />
              <label htmlFor={id}>
                {name}
                {missing ? ' (no such test)' : ''}
              </label>
            </div>
          );
        })}
        <FieldIssues path={linksPath} shown={linkIssues} />
      </fieldset>
    </div>
  );
}

function RelatedItem({ related, index, update, issues }: { related: RelatedRule; index: number; update: (next: RelatedRule) => void; issues: readonly RuleIssue[] }) {
  const path = `related.${index}`;
  const n = index + 1;
  return (
    <div className="rb-item-group" id={fieldId(path)} tabIndex={-1}>
      <FieldIssues path={path} shown={issuesAt(issues, path, 'container')} />
      <TextField path={`${path}.id`} label={`ID of related detection ${n}`} value={related.id} onChange={(id) => update({ ...related, id })} issues={issues} />
      <SelectField
        path={`${path}.type`}
        label={`Relation of related detection ${n}`}
        value={related.type}
        options={options(RELATION_TYPES)}
        onChange={(type) => update({ ...related, type: type as RelatedRule['type'] })}
        issues={issues}
      />
      <TextField
        path={`${path}.title`}
        label={`Title of related detection ${n}`}
        value={related.title ?? ''}
        onChange={(title) => {
          const { title: _dropped, ...rest } = related;
          update(title === '' ? rest : { ...rest, title });
        }}
        issues={issues}
      />
    </div>
  );
}

function EntityMappingItem({ mapping, index, update, issues }: { mapping: EntityMapping; index: number; update: (next: EntityMapping) => void; issues: readonly RuleIssue[] }) {
  const path = `sentinel.entity_mappings.${index}`;
  const n = index + 1;
  const typePath = `${path}.entityType`;
  const typeIssues = issuesAt(issues, typePath);
  return (
    <div className="rb-item-group" id={fieldId(path)} tabIndex={-1}>
      <FieldIssues path={path} shown={issuesAt(issues, path, 'container')} />
      <div className="rb-field">
        <label htmlFor={fieldId(typePath)} className="rb-field-label">
          Entity type of entity mapping {n}
        </label>
        <input {...a11yProps(typePath, typeIssues)} list="rb-entity-types" value={mapping.entityType} onChange={(e) => update({ ...mapping, entityType: e.target.value })} />
        <FieldIssues path={typePath} shown={typeIssues} />
      </div>
      <ListEditor
        path={`${path}.fieldMappings`}
        label={`Field mappings of entity mapping ${n}`}
        itemName="field mapping"
        itemLabel={(m) => `field mapping ${m} of entity mapping ${n}`}
        addLabel={`Add field mapping to entity mapping ${n}`}
        items={mapping.fieldMappings}
        onChange={(fieldMappings) => update({ ...mapping, fieldMappings })}
        newItem={() => ({ identifier: '', columnName: '' })}
        firstControlId={(m) => fieldId(`${path}.fieldMappings.${m}.identifier`)}
        issues={issues}
        renderItem={(fm, m, updateMapping) => (
          <div className="rb-inline-fields">
            <TextField
              path={`${path}.fieldMappings.${m}.identifier`}
              label={`Identifier of field mapping ${m + 1} of entity mapping ${n}`}
              value={fm.identifier}
              onChange={(identifier) => updateMapping({ ...fm, identifier })}
              issues={issues}
              placeholder="FullName, HostName, Address…"
            />
            <TextField
              path={`${path}.fieldMappings.${m}.columnName`}
              label={`Column of field mapping ${m + 1} of entity mapping ${n}`}
              value={fm.columnName}
              onChange={(columnName) => updateMapping({ ...fm, columnName })}
              issues={issues}
              placeholder="a result column"
            />
          </div>
        )}
      />
    </div>
  );
}

function SentinelSection({ rule, onChange, issues }: { rule: Rule; onChange: (next: SentinelSettings) => void; issues: readonly RuleIssue[] }) {
  const s = rule.sentinel;
  const derived = sentinelSeverity({ level: rule.level, sentinel: { ...s, severity: undefined } });
  return (
    <section className="rb-form-section" aria-labelledby="rule-section-sentinel" id={fieldId('sentinel')} tabIndex={-1}>
      <h3 id="rule-section-sentinel">Microsoft Sentinel</h3>
      <FieldIssues path="sentinel" shown={issuesAt(issues, 'sentinel', 'container')} />
      <div className="rb-inline-fields">
        <SelectField path="sentinel.kind" label="Kind" value={s.kind} options={options(SENTINEL_KINDS)} onChange={(kind) => onChange({ ...s, kind: kind as SentinelSettings['kind'] })} issues={issues} />
        <SelectField
          path="sentinel.severity"
          label="Severity override"
          value={s.severity ?? ''}
          options={[{ value: '', label: `From level (${derived})` }, ...options(SENTINEL_SEVERITIES)]}
          onChange={(value) => {
            const { severity: _dropped, ...rest } = s;
            onChange(value === '' ? rest : { ...rest, severity: value as SentinelSeverity });
          }}
          issues={issues}
        />
      </div>
      <div className="rb-inline-fields">
        <TextField path="sentinel.query_frequency" label="Query frequency" value={s.query_frequency} onChange={(query_frequency) => onChange({ ...s, query_frequency })} issues={issues} placeholder="5m … 14d" />
        <TextField path="sentinel.query_period" label="Query period" value={s.query_period} onChange={(query_period) => onChange({ ...s, query_period })} issues={issues} placeholder="5m … 14d" />
      </div>
      <div className="rb-inline-fields">
        <SelectField
          path="sentinel.trigger_operator"
          label="Trigger operator"
          value={s.trigger_operator}
          options={TRIGGER_OPERATORS.map((op) => ({ value: op, label: { gt: 'more than (gt)', lt: 'fewer than (lt)', eq: 'exactly (eq)', ne: 'not (ne)' }[op] }))}
          onChange={(op) => onChange({ ...s, trigger_operator: op as SentinelSettings['trigger_operator'] })}
          issues={issues}
        />
        <IntegerField path="sentinel.trigger_threshold" label="Trigger threshold" value={s.trigger_threshold} onChange={(trigger_threshold) => onChange({ ...s, trigger_threshold })} issues={issues} />
      </div>
      <datalist id="rb-entity-types">
        {ENTITY_TYPES.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <ListEditor
        path="sentinel.entity_mappings"
        label="Entity mappings"
        itemName="entity mapping"
        items={s.entity_mappings}
        onChange={(entity_mappings) => onChange({ ...s, entity_mappings })}
        newItem={() => ({ entityType: '', fieldMappings: [{ identifier: '', columnName: '' }] })}
        firstControlId={(i) => fieldId(`sentinel.entity_mappings.${i}.entityType`)}
        issues={issues}
        renderItem={(mapping, index, update) => <EntityMappingItem mapping={mapping} index={index} update={update} issues={issues} />}
      />
    </section>
  );
}

export function RuleForm({ rule, onChange, issues, requiredTables, attackField, attackShowsIssues = false }: RuleFormProps) {
  const set = <K extends keyof Rule>(key: K, value: Rule[K]): void => onChange({ ...rule, [key]: value });
  const testNames = rule.tests.map((t) => t.name);
  const attackIssues = attackShowsIssues ? [] : issuesAt(issues, 'attack');
  const tableIssues = issuesAt(issues, 'tables');
  return (
    <form className="rb-rule-form" aria-label="Rule metadata" onSubmit={(e) => e.preventDefault()} noValidate>
      <IssueSummary issues={issues} />

      <section className="rb-form-section" aria-labelledby="rule-section-about">
        <h3 id="rule-section-about">About</h3>
        <TextField path="title" label="Title" value={rule.title} onChange={(v) => set('title', v)} issues={issues} />
        <TextField
          path="id"
          label="ID"
          value={rule.id}
          onChange={() => undefined}
          readOnly
          issues={issues}
          after={
            <button type="button" onClick={() => set('id', crypto.randomUUID())}>
              New ID
            </button>
          }
        />
        <div className="rb-inline-fields">
          <SelectField path="status" label="Status" value={rule.status} options={options(RULE_STATUSES)} onChange={(v) => set('status', v as Rule['status'])} issues={issues} />
          <TextField path="author" label="Author" value={rule.author} onChange={(v) => set('author', v)} issues={issues} />
        </div>
        <div className="rb-inline-fields">
          <TextField path="date" label="Date" type="date" value={rule.date} onChange={(v) => set('date', v)} issues={issues} />
          <TextField
            path="modified"
            label="Modified"
            type="date"
            value={rule.modified ?? ''}
            onChange={(v) => {
              const { modified: _dropped, ...rest } = rule;
              onChange(v === '' ? rest : { ...rest, modified: v });
            }}
            issues={issues}
          />
        </div>
        <TextField path="description" label="Description" multiline value={rule.description} onChange={(v) => set('description', v)} issues={issues} />
        <StringList path="references" label="References" itemName="reference" type="url" items={rule.references} onChange={(v) => set('references', v)} issues={issues} />
      </section>

      <section className="rb-form-section" aria-labelledby="rule-section-severity">
        <h3 id="rule-section-severity">Severity and confidence</h3>
        <div className="rb-inline-fields">
          <SelectField path="level" label="Severity (level)" value={rule.level} options={options(LEVELS)} onChange={(v) => set('level', v as Rule['level'])} issues={issues} />
          <SelectField path="confidence" label="Confidence" value={rule.confidence} options={options(CONFIDENCES)} onChange={(v) => set('confidence', v as Rule['confidence'])} issues={issues} />
        </div>
      </section>

      <section
        className={`rb-form-section${attackIssues.length > 0 ? ' has-issues' : ''}`}
        aria-labelledby="rule-section-attack"
        id={fieldId('attack')}
        tabIndex={-1}
        aria-describedby={attackIssues.length > 0 ? issuesId('attack') : undefined}
      >
        <h3 id="rule-section-attack">MITRE ATT&amp;CK</h3>
        {attackField}
        <FieldIssues path="attack" shown={attackIssues} />
      </section>

      <section className="rb-form-section" aria-labelledby="rule-section-data">
        <h3 id="rule-section-data">Data</h3>
        <StringList path="data_sources" label="Data sources" itemName="data source" items={rule.data_sources} onChange={(v) => set('data_sources', v)} issues={issues} />
        <div className="rb-field" id={fieldId('tables')} tabIndex={-1} aria-describedby={tableIssues.length > 0 ? issuesId('tables') : undefined}>
          <h4 id="rule-required-tables" className="rb-field-label">
            Required tables <span className="muted">(read from the query)</span>
          </h4>
          {requiredTables.length === 0 ? (
            <p className="muted">The query reads no table yet.</p>
          ) : (
            <ul className="rb-chips" aria-labelledby="rule-required-tables">
              {requiredTables.map((t) => (
                <li key={t} className="rb-chip">
                  {t}
                </li>
              ))}
            </ul>
          )}
          <FieldIssues path="tables" shown={tableIssues} />
        </div>
      </section>

      <section className="rb-form-section" aria-labelledby="rule-section-fp">
        <h3 id="rule-section-fp">False positives and tuning</h3>
        <StringList path="falsepositives" label="False positives" itemName="false positive" multiline items={rule.falsepositives} onChange={(v) => set('falsepositives', v)} issues={issues} />
        <TextField path="tuning" label="Tuning notes" multiline value={rule.tuning} onChange={(v) => set('tuning', v)} issues={issues} />
      </section>

      <section className="rb-form-section" aria-labelledby="rule-section-methodology">
        <h3 id="rule-section-methodology">Testing methodology</h3>
        <ListEditor
          path="test_methodology"
          label="Test methods"
          itemName="test method"
          items={rule.test_methodology}
          onChange={(v) => set('test_methodology', v)}
          newItem={() => ({ name: '', expected_signal: '', tests: [] })}
          firstControlId={(i) => fieldId(`test_methodology.${i}.name`)}
          issues={issues}
          renderItem={(method, index, update) => <TestMethodItem method={method} index={index} update={update} testNames={testNames} issues={issues} />}
        />
      </section>

      <section className="rb-form-section" aria-labelledby="rule-section-related">
        <h3 id="rule-section-related">Related detections</h3>
        <ListEditor
          path="related"
          label="Related detections"
          itemName="related detection"
          items={rule.related}
          onChange={(v) => set('related', v)}
          newItem={(): RelatedRule => ({ id: '', type: 'similar' })}
          firstControlId={(i) => fieldId(`related.${i}.id`)}
          issues={issues}
          renderItem={(related, index, update) => <RelatedItem related={related} index={index} update={update} issues={issues} />}
        />
      </section>

      <SentinelSection rule={rule} onChange={(sentinel) => set('sentinel', sentinel)} issues={issues} />
    </form>
  );
}
