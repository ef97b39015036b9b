/**
 * Field paths (`falsepositives.2`, `sentinel.query_period`, 0-based like the rule file) as the rule form uses them:
 * which issues a field shows, the element id a summary link focuses, and the name a person reads.
 */
import type { RuleIssue } from '../../../src/rule/model.ts';

/** The DOM id of the control for a field path (ids may hold dots; `#` links and getElementById accept them). */
export function fieldId(path: string): string {
  return `rule-field-${path}`;
}

/** Id of the element holding a field's messages, for aria-describedby. */
export function issuesId(path: string): string {
  return `${fieldId(path)}-issues`;
}

/** Whether `path` is `prefix` or lies under it, segment-wise (`references.1` is not under `references.10`). */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/**
 * Issues a control shows: for a leaf (an input) its own path and everything under it; for a container (a list, a
 * list item with several inputs) only its exact path, because its inputs show the rest.
 */
export function issuesAt(issues: readonly RuleIssue[], path: string, kind: 'leaf' | 'container' = 'leaf'): RuleIssue[] {
  return issues.filter((issue) => (kind === 'leaf' ? isUnder(issue.path, path) : issue.path === path));
}

/** The ids to try, most specific first, when a summary link focuses the control for `path`. */
export function focusCandidates(path: string): string[] {
  const parts = path.split('.');
  const out: string[] = [];
  for (let n = parts.length; n > 0; n--) out.push(fieldId(parts.slice(0, n).join('.')));
  return out;
}

const NAMES: Readonly<Record<string, string>> = {
  title: 'Title',
  id: 'ID',
  status: 'Status',
  description: 'Description',
  author: 'Author',
  date: 'Date',
  modified: 'Modified',
  references: 'Reference',
  level: 'Severity (level)',
  confidence: 'Confidence',
  attack: 'MITRE ATT&CK',
  tactics: 'Tactic',
  techniques: 'Technique',
  data_sources: 'Data source',
  tables: 'Required tables',
  falsepositives: 'False positive',
  tuning: 'Tuning notes',
  test_methodology: 'Test method',
  related: 'Related detection',
  query: 'Query',
  sentinel: 'Sentinel',
  kind: 'Kind',
  severity: 'Severity override',
  query_frequency: 'Query frequency',
  query_period: 'Query period',
  trigger_operator: 'Trigger operator',
  trigger_threshold: 'Trigger threshold',
  entity_mappings: 'Entity mapping',
  entityType: 'entity type',
  fieldMappings: 'Field mapping',
  identifier: 'identifier',
  columnName: 'column',
  tests: 'Test',
  name: 'name',
  expected_signal: 'expected signal',
  type: 'relation',
  expect: 'expectation',
};

/**
 * A field path in words, 1-based as the form labels its items: `falsepositives.2` → "False positive 3",
 * `sentinel.entity_mappings.0.fieldMappings.1.columnName` → "Sentinel › Entity mapping 1 › Field mapping 2 › column".
 */
export function describePath(path: string): string {
  const parts = path.split('.');
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const name = NAMES[part] ?? part;
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      words.push(`${name} ${Number(next) + 1}`);
      i++;
    } else {
      words.push(name);
    }
  }
  return words.join(' › ');
}

/** Moves the item at `from` to `to` (both in range), returning a new array. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item === undefined && !(from in list)) return next;
  next.splice(to, 0, item as T);
  return next;
}

export function replaceItem<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((existing, i) => (i === index ? item : existing));
}

export function removeItem<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Counts in words for the summary: "1 error", "2 warnings". */
export function countIssues(issues: readonly RuleIssue[]): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.length === 0 ? 'No problems' : parts.join(', ');
}
