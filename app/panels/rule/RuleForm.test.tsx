// @vitest-environment jsdom
import { act, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { newRule, type Rule, type RuleIssue } from '../../../src/rule/model.ts';
import { validateRule } from '../../../src/rule/validate.ts';
import { mountPerTest, typeInto } from '../../test-support/react-root.ts';
import { RuleForm } from './RuleForm.tsx';

const view = mountPerTest();
const HOSTILE = '<img src=x onerror="alert(1)"> **bold**';
const ID = '0b0c7f56-2b9c-4a57-9d0e-1c2b3a4d5e6f';

/** The form bound to state and validateRule, as the app uses it; `latest` is the rule after each change. */
function mount(initial: Rule, options: { validate?: boolean; requiredTables?: string[] } = {}): { latest: () => Rule } {
  let current = initial;
  function Harness() {
    const [rule, setRule] = useState(initial);
    const issues: RuleIssue[] = options.validate === false ? [] : validateRule(rule);
    return (
      <RuleForm
        rule={rule}
        onChange={(next) => {
          current = next;
          setRule(next);
        }}
        issues={issues}
        requiredTables={options.requiredTables ?? []}
        attackField={<p>attack picker</p>}
      />
    );
  }
  view.render(<Harness />);
  return { latest: () => current };
}

function choose(element: HTMLSelectElement, value: string): void {
  act(() => {
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
const click = (element: HTMLElement): void => act(() => element.click());

describe('RuleForm', () => {
  it('labels a control for every metadata field of the rule page', () => {
    mount(newRule(ID, '2026-11-24'), { validate: false });
    for (const label of ['Title', 'ID', 'Status', 'Author', 'Date', 'Modified', 'Description', 'Severity (level)', 'Confidence', 'Tuning notes', 'Kind', 'Severity override', 'Query frequency', 'Query period', 'Trigger operator', 'Trigger threshold']) {
      expect(view.byLabel<HTMLElement>(label), label).toBeTruthy();
    }
    const legends = [...view.host.querySelectorAll('legend')].map((l) => l.textContent);
    expect(legends).toEqual(['References', 'Data sources', 'False positives', 'Test methods', 'Related detections', 'Entity mappings']);
    expect(view.host.textContent).toContain('attack picker');
  });

  it('edits text fields, keeps the ID read-only and makes a new one on request', () => {
    const form = mount(newRule(ID, '2026-11-24'));
    typeInto(view.byLabel('Title'), 'Remote Data Staging');
    typeInto(view.byLabel<HTMLTextAreaElement>('Description'), 'Detects staging');
    choose(view.byLabel<HTMLSelectElement>('Severity (level)'), 'high');
    typeInto(view.byLabel('Modified'), '2026-11-25');
    expect(form.latest()).toMatchObject({ title: 'Remote Data Staging', description: 'Detects staging', level: 'high', modified: '2026-11-25' });
    typeInto(view.byLabel('Modified'), '');
    expect('modified' in form.latest()).toBe(false);

    expect(view.byLabel('ID').readOnly).toBe(true);
    click(view.button('New ID'));
    expect(form.latest().id).not.toBe(ID);
    expect(form.latest().id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('adds, edits, reorders and removes list items with named buttons; focus follows the moved item', () => {
    const form = mount(newRule(ID, '2026-11-24'));
    click(view.button('Add false positive'));
    expect(document.activeElement).toBe(view.byLabel<HTMLTextAreaElement>('False positive 1'));
    typeInto(view.byLabel<HTMLTextAreaElement>('False positive 1'), 'Backups');
    click(view.button('Add false positive'));
    typeInto(view.byLabel<HTMLTextAreaElement>('False positive 2'), 'Deployments');
    expect(view.button('Move false positive 1 up').disabled).toBe(true);
    click(view.button('Move false positive 2 up'));
    expect(form.latest().falsepositives).toEqual(['Deployments', 'Backups']);
    // The moved item is now first, where "up" is disabled: focus goes to its "down".
    expect(document.activeElement).toBe(view.button('Move false positive 1 down'));
    click(view.button('Remove false positive 1'));
    expect(form.latest().falsepositives).toEqual(['Backups']);
  });

  it('shows issues next to their field and in a summary that focuses the field', () => {
    const rule = { ...newRule(ID, '2026-11-24', 'DeviceProcessEvents'), title: 'T', references: ['https://attack.mitre.org/', 'not a url'] };
    mount(rule);
    const field = view.byLabel('Reference 2');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = field.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toMatch(/^Error: References must be http\(s\) URLs/);
    expect(view.byLabel('Reference 1').hasAttribute('aria-invalid')).toBe(false);

    const summary = view.host.querySelector('.rb-issue-summary');
    expect(summary?.querySelector('h3')?.textContent).toBe('1 error');
    const link = summary?.querySelector('a');
    expect(link?.textContent).toBe('Reference 2');
    click(link as HTMLAnchorElement);
    expect(document.activeElement).toBe(field);

    typeInto(field, 'https://example.org/x');
    expect(field.hasAttribute('aria-invalid')).toBe(false);
    expect(summary?.querySelector('h3')?.textContent).toBe('No problems');
  });

  it('edits test methodology, related detections and Sentinel entity mappings', () => {
    const rule = { ...newRule(ID, '2026-11-24'), title: 'T', tests: [{ name: 'xcopy test', events: [], expect: { match: true } }] };
    const form = mount(rule);
    click(view.button('Add test method'));
    typeInto(view.byLabel('Name of test method 1'), 'Stage Files via xcopy');
    typeInto(view.byLabel<HTMLTextAreaElement>('Expected signal of test method 1'), 'Process Create for xcopy.exe');
    click(view.byLabel('xcopy test'));
    expect(form.latest().test_methodology).toEqual([{ name: 'Stage Files via xcopy', expected_signal: 'Process Create for xcopy.exe', tests: ['xcopy test'] }]);

    click(view.button('Add related detection'));
    typeInto(view.byLabel('ID of related detection 1'), ID);
    choose(view.byLabel<HTMLSelectElement>('Relation of related detection 1'), 'derived');
    typeInto(view.byLabel('Title of related detection 1'), 'Other');
    expect(form.latest().related).toEqual([{ id: ID, type: 'derived', title: 'Other' }]);
    // Relating the rule to itself is an error shown at the related id.
    expect(view.byLabel('ID of related detection 1').getAttribute('aria-invalid')).toBe('true');

    click(view.button('Add entity mapping'));
    typeInto(view.byLabel('Entity type of entity mapping 1'), 'Host');
    typeInto(view.byLabel('Identifier of field mapping 1 of entity mapping 1'), 'HostName');
    typeInto(view.byLabel('Column of field mapping 1 of entity mapping 1'), 'DeviceName');
    click(view.button('Add field mapping to entity mapping 1'));
    click(view.button('Remove field mapping 2 of entity mapping 1'));
    typeInto(view.byLabel('Trigger threshold'), '');
    typeInto(view.byLabel('Trigger threshold'), '3');
    choose(view.byLabel<HTMLSelectElement>('Severity override'), 'High');
    expect(form.latest().sentinel).toMatchObject({ severity: 'High', trigger_threshold: 3, entity_mappings: [{ entityType: 'Host', fieldMappings: [{ identifier: 'HostName', columnName: 'DeviceName' }] }] });
    choose(view.byLabel<HTMLSelectElement>('Severity override'), '');
    expect('severity' in form.latest().sentinel).toBe(false);
  });

  it('shows required tables as read-only chips and user text as text only', () => {
    mount({ ...newRule(ID, '2026-11-24'), title: HOSTILE, falsepositives: [HOSTILE] }, { requiredTables: ['DeviceFileEvents', 'DeviceProcessEvents'] });
    const chips = view.host.querySelector('ul[aria-labelledby="rule-required-tables"]');
    expect([...(chips?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual(['DeviceFileEvents', 'DeviceProcessEvents']);
    expect(chips?.querySelector('input, button')).toBeNull();
    expect(view.byLabel('Title').value).toBe(HOSTILE);
    expect(view.host.querySelector('img, b')).toBeNull();
  });

  it('lists issues outside the form (query, tests) without a link', () => {
    const issues: RuleIssue[] = [{ path: 'query', severity: 'warning', code: 'RB-RULE-161', message: 'long' }];
    view.render(<RuleForm rule={newRule(ID, '2026-11-24')} onChange={() => undefined} issues={issues} requiredTables={[]} attackField={null} />);
    const item = view.host.querySelector('.rb-issue-summary li');
    expect(item?.textContent).toBe('Query (in the query editor): long');
    expect(item?.querySelector('a')).toBeNull();
    expect(item?.className).toContain('rb-issue-warning');
  });
});
