import { describe, expect, it } from 'vitest';
import { newRule, type Rule } from './model.ts';
import { durationMinutes, validateRule } from './validate.ts';

const ID = '0b0c7f56-2b9c-4a57-9d0e-1c2b3a4d5e6f';

function valid(): Rule {
  const rule = newRule(ID, '2026-11-24', 'DeviceProcessEvents | take 1');
  rule.title = 'A rule';
  rule.tests = [{ name: 'one', events: [], expect: { match: false } }];
  return rule;
}

function issues(change: (rule: Rule) => void): string[] {
  const rule = valid();
  change(rule);
  return validateRule(rule).map((i) => `${i.severity} ${i.path} ${i.code}`);
}

describe('validateRule', () => {
  it('accepts a complete rule', () => {
    expect(validateRule(valid())).toEqual([]);
  });

  it('title: required, at most 256 characters', () => {
    expect(issues((r) => (r.title = '  '))).toEqual(['error title RB-RULE-101']);
    expect(issues((r) => (r.title = 'x'.repeat(257)))).toEqual(['error title RB-RULE-102']);
    expect(issues((r) => (r.title = 'x'.repeat(256)))).toEqual([]);
  });

  it('id: a UUID', () => {
    expect(issues((r) => (r.id = 'rule-1'))).toEqual(['error id RB-RULE-103']);
    expect(issues((r) => (r.id = ID.toUpperCase()))).toEqual([]);
  });

  it('date and modified: real YYYY-MM-DD days, modified not before date', () => {
    expect(issues((r) => (r.date = '2026-02-30'))).toEqual(['error date RB-RULE-106']);
    expect(issues((r) => (r.date = '24/11/2026'))).toEqual(['error date RB-RULE-106']);
    expect(issues((r) => (r.modified = '2026-11-23'))).toEqual(['error modified RB-RULE-107']);
    expect(issues((r) => (r.modified = '2026-11-24'))).toEqual([]);
    expect(issues((r) => (r.modified = 'soon'))).toEqual(['error modified RB-RULE-106']);
  });

  it('references: http(s) URLs, no repeats', () => {
    expect(issues((r) => (r.references = ['https://attack.mitre.org/techniques/T1074/002/', 'ftp://x.example/', 'see the wiki', 'https://attack.mitre.org/techniques/T1074/002/']))).toEqual([
      'error references.1 RB-RULE-108',
      'error references.2 RB-RULE-108',
      'warning references.3 RB-RULE-120',
    ]);
  });

  it('description: at most 5000 characters', () => {
    expect(issues((r) => (r.description = 'x'.repeat(5001)))).toEqual(['error description RB-RULE-105']);
  });

  it('status, level and confidence: their enums', () => {
    expect(issues((r) => Object.assign(r, { status: 'beta', level: 'severe', confidence: 'certain' }))).toEqual([
      'error status RB-RULE-104',
      'error level RB-RULE-109',
      'error confidence RB-RULE-110',
    ]);
  });

  it('ATT&CK: known tactics, technique IDs, legacy defense-evasion named with its successors', () => {
    const rule = valid();
    rule.attack = { tactics: ['collection', 'defense-evasion', 'Collection ', 'staging', 'TA0010'], techniques: ['T1074', 'T1074.2', 'T1074'] };
    const found = validateRule(rule);
    expect(found.map((i) => `${i.severity} ${i.path} ${i.code}`)).toEqual([
      'warning attack.tactics.1 RB-ATTACK-103',
      'warning attack.tactics.2 RB-ATTACK-109',
      'error attack.tactics.3 RB-ATTACK-102',
      'warning attack.tactics.4 RB-ATTACK-108',
      'error attack.techniques.1 RB-ATTACK-101',
      'warning attack.techniques.2 RB-ATTACK-110',
    ]);
    expect(found[0]?.message).toMatch(/Stealth.*Defense Impairment/);
  });

  it('lists: no empty or repeated entries', () => {
    expect(issues((r) => (r.falsepositives = ['Backups', '', 'Backups']))).toEqual(['error falsepositives.1 RB-RULE-121', 'warning falsepositives.2 RB-RULE-120']);
  });

  it('tests: names unique and non-empty, events given, rows sensible', () => {
    expect(
      issues((r) => {
        r.tests = [
          { name: 'a', events: [], expect: { match: true } },
          { name: 'a', events: [], expect: { match: true } },
          { name: '', events_file: 'x.json', expect: { match: false, rows: 2 } },
          { name: 'b', expect: { match: true, rows: 1.5 }, now: 'yesterday' },
        ];
      }),
    ).toEqual([
      'error tests.1.name RB-RULE-131',
      'error tests.2.name RB-RULE-130',
      'error tests.2.expect.rows RB-RULE-134',
      'error tests.3 RB-RULE-132',
      'error tests.3.expect.rows RB-RULE-133',
      'error tests.3.now RB-RULE-135',
    ]);
  });

  it('test_methodology: names tests that exist', () => {
    expect(issues((r) => (r.test_methodology = [{ name: 'Test 1', expected_signal: 'x', tests: ['one', 'two'] }, { name: '', expected_signal: '', tests: [] }]))).toEqual([
      'error test_methodology.0.tests.1 RB-RULE-142',
      'error test_methodology.1.name RB-RULE-140',
    ]);
  });

  it('related: UUIDs and relation types', () => {
    expect(issues((r) => (r.related = [{ id: 'x', type: 'similar' }, { id: ID, type: 'derived' }, { id: '1b0c7f56-2b9c-4a57-9d0e-1c2b3a4d5e6f', type: 'cousin' as 'similar' }]))).toEqual([
      'error related.0.id RB-RULE-150',
      'error related.1.id RB-RULE-151',
      'error related.2.type RB-RULE-152',
    ]);
  });

  it('query: not empty; over 10,000 characters is a warning', () => {
    expect(issues((r) => (r.query = ' \n'))).toEqual(['error query RB-RULE-160']);
    expect(issues((r) => (r.query = `T${' '.repeat(10_000)}`))).toEqual(['warning query RB-RULE-161']);
  });

  it('sentinel scheduling: 5m … 14d, period ≥ frequency, period ≥ 2d needs frequency ≥ 1h', () => {
    const sched = (frequency: string, period: string) => issues((r) => Object.assign(r.sentinel, { query_frequency: frequency, query_period: period }));
    expect(sched('5m', '14d')).toEqual(['error sentinel.query_frequency RB-RULE-175']);
    expect(sched('1h', '14d')).toEqual([]);
    expect(sched('4m', '15d')).toEqual(['error sentinel.query_frequency RB-RULE-173', 'error sentinel.query_period RB-RULE-173']);
    expect(sched('1 hour', 'PT1H')).toEqual(['error sentinel.query_frequency RB-RULE-172', 'error sentinel.query_period RB-RULE-172']);
    expect(sched('2h', '1h')).toEqual(['error sentinel.query_period RB-RULE-174']);
    expect(durationMinutes('14d')).toBe(20160);
  });

  it('sentinel trigger, kind and severity', () => {
    expect(issues((r) => Object.assign(r.sentinel, { trigger_threshold: 10_001, trigger_operator: 'gte', kind: 'scheduled', severity: 'Critical' }))).toEqual([
      'error sentinel.kind RB-RULE-170',
      'error sentinel.severity RB-RULE-171',
      'error sentinel.trigger_operator RB-RULE-176',
      'error sentinel.trigger_threshold RB-RULE-177',
    ]);
    expect(issues((r) => (r.sentinel.trigger_threshold = 1.5))).toEqual(['error sentinel.trigger_threshold RB-RULE-177']);
  });

  it('sentinel entity mappings: at most 5, 1–3 fields, identifiers valid for the type', () => {
    const host = { entityType: 'Host', fieldMappings: [{ identifier: 'FullName', columnName: 'DeviceName' }] };
    expect(issues((r) => (r.sentinel.entity_mappings = Array(6).fill(host)))).toEqual(['error sentinel.entity_mappings.5 RB-RULE-180']);
    expect(
      issues((r) => {
        r.sentinel.entity_mappings = [
          { entityType: 'Hostname', fieldMappings: [{ identifier: 'x', columnName: 'DeviceName' }] },
          { entityType: 'Account', fieldMappings: [] },
          { entityType: 'Account', fieldMappings: [{ identifier: 'UserName', columnName: 'AccountName' }, { identifier: 'NTDomain', columnName: '1bad' }, { identifier: 'NTDomain', columnName: 'D' }, { identifier: 'Sid', columnName: 'S' }] },
          { entityType: 'FileHash', fieldMappings: [{ identifier: 'Value', columnName: 'SHA256' }] },
        ];
      }),
    ).toEqual([
      'error sentinel.entity_mappings.0.entityType RB-RULE-181',
      'error sentinel.entity_mappings.1.fieldMappings RB-RULE-182',
      'error sentinel.entity_mappings.2.fieldMappings RB-RULE-182',
      'error sentinel.entity_mappings.2.fieldMappings.0.identifier RB-RULE-183',
      'error sentinel.entity_mappings.2.fieldMappings.1.columnName RB-RULE-185',
      'error sentinel.entity_mappings.2.fieldMappings.2.identifier RB-RULE-184',
      'error sentinel.entity_mappings.3.fieldMappings RB-RULE-186',
    ]);
  });
});
