import { describe, expect, it } from 'vitest';
import type { RuleIssue } from '../../../src/rule/model.ts';
import { countIssues, describePath, focusCandidates, issuesAt, isUnder, moveItem, removeItem } from './field-paths.ts';

const issue = (path: string, severity: RuleIssue['severity'] = 'error'): RuleIssue => ({ path, severity, code: 'RB-RULE-1', message: path });

describe('field paths', () => {
  it('matches whole segments only', () => {
    expect(isUnder('references.1', 'references.1')).toBe(true);
    expect(isUnder('references.10', 'references.1')).toBe(false);
    expect(isUnder('related.0.id', 'related.0')).toBe(true);
    expect(isUnder('titles', 'title')).toBe(false);
  });

  it('gives a leaf its own and deeper issues, a container only its own', () => {
    const issues = [issue('related.0'), issue('related.0.id'), issue('related.1.id'), issue('related')];
    expect(issuesAt(issues, 'related.0.id').map((i) => i.path)).toEqual(['related.0.id']);
    expect(issuesAt(issues, 'related.0', 'container').map((i) => i.path)).toEqual(['related.0']);
    expect(issuesAt(issues, 'related.0').map((i) => i.path)).toEqual(['related.0', 'related.0.id']);
    expect(issuesAt(issues, 'related', 'container').map((i) => i.path)).toEqual(['related']);
  });

  it('describes paths 1-based in words', () => {
    expect(describePath('falsepositives.2')).toBe('False positive 3');
    expect(describePath('sentinel.query_period')).toBe('Sentinel › Query period');
    expect(describePath('sentinel.entity_mappings.0.fieldMappings.1.columnName')).toBe('Sentinel › Entity mapping 1 › Field mapping 2 › column');
    expect(describePath('test_methodology.0.tests.1')).toBe('Test method 1 › Test 2');
    expect(describePath('unknown_key')).toBe('unknown_key');
  });

  it('focuses the most specific control that exists first', () => {
    expect(focusCandidates('related.0.id')).toEqual(['rule-field-related.0.id', 'rule-field-related.0', 'rule-field-related']);
  });

  it('moves and removes items without touching the input', () => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(list, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(removeItem(list, 1)).toEqual(['a', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });

  it('counts errors and warnings', () => {
    expect(countIssues([])).toBe('No problems');
    expect(countIssues([issue('a'), issue('b', 'warning'), issue('c', 'warning')])).toBe('1 error, 2 warnings');
  });
});
