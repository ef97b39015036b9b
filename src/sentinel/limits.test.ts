import { exampleRule, SCHEMA } from './test-example.ts';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../rule/model.ts';
import { requiredDataConnectors, sentinelTactics } from './common.ts';
import { checkSentinelLimits } from './limits.ts';

const variant = (change: (rule: Rule) => void): Rule => exampleRule(change);

function codes(rule: Rule, options = {}): string[] {
  return checkSentinelLimits(rule, SCHEMA, options).filter((p) => p.severity === 'error').map((p) => `${p.path} ${p.code}`);
}

describe('checkSentinelLimits', () => {
  it('finds nothing wrong with the example rule', () => {
    expect(checkSentinelLimits(exampleRule(), SCHEMA)).toEqual([]);
  });

  it('warns when the query looks back further than Sentinel gives it data (query_period)', () => {
    const rule = variant((r) => void (r.sentinel.query_period = '1h'));
    const warning = checkSentinelLimits(rule, SCHEMA).find((p) => p.code === 'RB-SENTINEL-140');
    expect(warning).toMatchObject({ path: 'sentinel.query_period', severity: 'warning' });
    expect(warning?.message).toContain('looks back 1d');
    expect(checkSentinelLimits(variant((r) => void (r.sentinel.kind = 'NRT')), SCHEMA).some((p) => p.code === 'RB-SENTINEL-140')).toBe(false);
  });

  it('reports a query over 10,000 characters', () => {
    const rule = variant((r) => void (r.query += `\n// ${'x'.repeat(10_000)}`));
    expect(codes(rule)).toEqual(['query RB-SENTINEL-107']);
  });

  it('reports an empty query and one that does not compile (with Kusto\'s code and line)', () => {
    expect(codes(variant((r) => void (r.query = '  ')))).toEqual(['query RB-SENTINEL-106']);
    const published = variant((r) => void (r.query = r.query.replace('AccountName = InitiatingProcessAccountName, FolderPath', 'AccountName, FolderPath')));
    const problems = checkSentinelLimits(published, SCHEMA);
    expect(problems.map((p) => p.code)).toEqual(['RB-SENTINEL-108']);
    expect(problems[0]?.message).toMatch(/line 21, column \d+: KS142/);
  });

  it('reports frequency and period outside 5 minutes … 14 days', () => {
    expect(codes(variant((r) => void (r.sentinel.query_frequency = '4m')))).toEqual(['sentinel.query_frequency RB-RULE-173']);
    expect(codes(variant((r) => void (r.sentinel.query_period = '15d')))).toEqual(['sentinel.query_period RB-RULE-173']);
    expect(codes(variant((r) => void (r.sentinel.query_period = 'an hour')))).toEqual(['sentinel.query_period RB-RULE-172']);
  });

  it('reports a period shorter than the frequency, and a 2-day period run more often than hourly', () => {
    expect(codes(variant((r) => Object.assign(r.sentinel, { query_frequency: '2h', query_period: '1h' })))).toEqual(['sentinel.query_period RB-RULE-174']);
    expect(codes(variant((r) => Object.assign(r.sentinel, { query_frequency: '30m', query_period: '2d' })))).toEqual(['sentinel.query_frequency RB-RULE-175']);
    expect(codes(variant((r) => Object.assign(r.sentinel, { query_frequency: '1h', query_period: '14d' })))).toEqual([]);
  });

  it('reports a threshold outside 0 … 10,000', () => {
    expect(codes(variant((r) => void (r.sentinel.trigger_threshold = 10_001)))).toEqual(['sentinel.trigger_threshold RB-RULE-177']);
    expect(codes(variant((r) => void (r.sentinel.trigger_threshold = -1)))).toEqual(['sentinel.trigger_threshold RB-RULE-177']);
    expect(codes(variant((r) => void (r.sentinel.trigger_threshold = 10_000)))).toEqual([]);
  });

  it('reports more than 5 entity mappings, 0 or 4 field mappings, and identifiers the entity type does not have', () => {
    const host = { entityType: 'Host', fieldMappings: [{ identifier: 'FullName', columnName: 'DeviceName' }] };
    expect(codes(variant((r) => void (r.sentinel.entity_mappings = Array.from({ length: 6 }, () => structuredClone(host)))))).toEqual(['sentinel.entity_mappings.5 RB-RULE-180']);
    expect(codes(variant((r) => void (r.sentinel.entity_mappings = [{ entityType: 'Host', fieldMappings: [] }])))).toEqual(['sentinel.entity_mappings.0.fieldMappings RB-RULE-182']);
    const four = ['FullName', 'HostName', 'DnsDomain', 'NTDomain'].map((identifier) => ({ identifier, columnName: 'DeviceName' }));
    expect(codes(variant((r) => void (r.sentinel.entity_mappings = [{ entityType: 'Host', fieldMappings: four }])))).toEqual(['sentinel.entity_mappings.0.fieldMappings RB-RULE-182']);
    expect(codes(variant((r) => void (r.sentinel.entity_mappings = [{ entityType: 'File', fieldMappings: [{ identifier: 'FileName', columnName: 'FileName' }] }])))).toEqual([
      'sentinel.entity_mappings.0.fieldMappings.0.identifier RB-RULE-183',
      'sentinel.entity_mappings.0.fieldMappings RB-RULE-186',
    ]);
  });

  it('reports a mapped column the query does not return', () => {
    expect(codes(variant((r) => void (r.sentinel.entity_mappings[0]!.fieldMappings[0]!.columnName = 'HostName')))).toEqual([
      'sentinel.entity_mappings.0.fieldMappings.0.columnName RB-SENTINEL-130',
    ]);
  });

  it('reports a name over 256 characters, a description over 5,000, and an id that is not a GUID', () => {
    expect(codes(variant((r) => void (r.title = 't'.repeat(257))))).toEqual(['title RB-SENTINEL-103']);
    expect(codes(variant((r) => void (r.description = 'd'.repeat(5001))))).toEqual(['description RB-SENTINEL-104']);
    expect(codes(variant((r) => void (r.id = 'rule-1')))).toEqual(['id RB-SENTINEL-101']);
  });

  it('requires every technique\'s tactic: without ATT&CK data, at least one tactic; with it, the technique\'s own', () => {
    expect(codes(variant((r) => void (r.attack.tactics = [])))).toEqual(['attack.techniques.0 RB-SENTINEL-113', 'attack.techniques.1 RB-SENTINEL-113']);
    const catalog = { techniques: new Map([['T1074', { tactics: ['collection'] }], ['T1074.002', { tactics: ['collection'] }]]) };
    const wrong = variant((r) => void (r.attack.tactics = ['execution']));
    expect(codes(wrong)).toEqual([]);
    expect(codes(wrong, { catalog })).toEqual(['attack.techniques.0 RB-SENTINEL-114', 'attack.techniques.1 RB-SENTINEL-114']);
    expect(codes(exampleRule(), { catalog })).toEqual([]);
    // A sub-technique missing from the data is judged by its parent.
    const parentOnly = { techniques: new Map([['T1074', { tactics: ['collection'] }]]) };
    expect(codes(wrong, { catalog: parentOnly })).toEqual(['attack.techniques.0 RB-SENTINEL-114', 'attack.techniques.1 RB-SENTINEL-114']);
  });

  it('reports a tactic Sentinel cannot name and a malformed technique', () => {
    expect(codes(variant((r) => void (r.attack.tactics = ['collection', 'lunch'])))).toEqual(['attack.tactics.1 RB-SENTINEL-110']);
    expect(codes(variant((r) => void (r.attack.techniques = ['T74'])))).toEqual(['attack.techniques.0 RB-SENTINEL-112']);
  });

  it('ignores the schedule of an NRT rule, which Sentinel does not take', () => {
    const nrt = variant((r) => Object.assign(r.sentinel, { kind: 'NRT', query_frequency: '1m', trigger_threshold: 99_999 }));
    expect(codes(nrt)).toEqual([]);
  });
});

describe('sentinelTactics', () => {
  it('maps v19 short names to Sentinel\'s names, stealth and defense-impairment to DefenseEvasion with a note', () => {
    const { tactics, problems } = sentinelTactics({ attack: { tactics: ['collection', 'command-and-control', 'stealth', 'defense-impairment', 'TA0001'], techniques: [] } });
    expect(tactics).toEqual(['Collection', 'CommandAndControl', 'DefenseEvasion', 'InitialAccess']);
    expect(problems.map((p) => `${p.path} ${p.severity} ${p.code}`)).toEqual(['attack.tactics.2 info RB-SENTINEL-111', 'attack.tactics.3 info RB-SENTINEL-111']);
    expect(problems[0]?.message).toMatch(/predates ATT&CK v19/);
  });

  it('maps the legacy defense-evasion too', () => {
    expect(sentinelTactics({ attack: { tactics: ['defense-evasion'], techniques: [] } }).tactics).toEqual(['DefenseEvasion']);
  });
});

describe('requiredDataConnectors', () => {
  it('groups Defender tables under MicrosoftThreatProtection and SecurityEvent under SecurityEvents', () => {
    const { connectors, problems } = requiredDataConnectors(['DeviceFileEvents', 'DeviceProcessEvents', 'SecurityEvent'], SCHEMA);
    expect(connectors).toEqual([
      { connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceFileEvents', 'DeviceProcessEvents'] },
      { connectorId: 'SecurityEvents', dataTypes: ['SecurityEvent'] },
    ]);
    expect(problems).toEqual([]);
  });

  it('warns about tables with no known connector and Defender tables Sentinel never receives', () => {
    const custom = [...SCHEMA, { name: 'MyTable_CL', origin: 'custom' as const, columns: [] }];
    const { connectors, problems } = requiredDataConnectors(['MyTable_CL', 'DeviceTvmSoftwareInventory'], custom);
    expect(connectors).toEqual([{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceTvmSoftwareInventory'] }]);
    expect(problems.map((p) => `${p.severity} ${p.code}`)).toEqual(['warning RB-SENTINEL-120', 'warning RB-SENTINEL-121']);
  });
});
