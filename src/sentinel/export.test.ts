import { exampleRule, SCHEMA } from './test-example.ts';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Rule } from '../rule/model.ts';
import { exportSentinelYaml } from './export.ts';

function exported(rule: Rule): { doc: Record<string, unknown>; text: string; problems: ReturnType<typeof exportSentinelYaml>['problems'] } {
  const { text, problems } = exportSentinelYaml(rule, SCHEMA);
  return { doc: parse(text) as Record<string, unknown>, text, problems };
}

describe('exportSentinelYaml', () => {
  it('writes the example rule as an Azure-Sentinel analytics rule, keys in the repository\'s order', () => {
    const rule = exampleRule();
    const { doc, problems } = exported(rule);
    expect(problems).toEqual([]);
    expect(Object.keys(doc)).toEqual([
      'id', 'name', 'description', 'severity', 'requiredDataConnectors', 'queryFrequency', 'queryPeriod', 'triggerOperator',
      'triggerThreshold', 'tactics', 'relevantTechniques', 'query', 'entityMappings', 'version', 'kind',
    ]);
    expect(doc).toMatchObject({
      id: rule.id,
      name: 'Remote Data Staging (T1074.002)',
      description: rule.description,
      severity: 'High',
      requiredDataConnectors: [{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceFileEvents', 'DeviceProcessEvents'] }],
      queryFrequency: '1h',
      queryPeriod: '1d',
      triggerOperator: 'gt',
      triggerThreshold: 0,
      tactics: ['Collection'],
      relevantTechniques: ['T1074', 'T1074.002'],
      query: rule.query,
      entityMappings: [
        { entityType: 'Host', fieldMappings: [{ identifier: 'FullName', columnName: 'DeviceName' }] },
        { entityType: 'Account', fieldMappings: [{ identifier: 'Name', columnName: 'AccountName' }] },
      ],
      version: '1.0.0',
      kind: 'Scheduled',
    });
  });

  it('writes the query and description as | blocks, as the repository\'s rules are', () => {
    const { text } = exported(exampleRule());
    expect(text).toMatch(/^query: \|\n  let StagingPaths = dynamic\(\[$/m);
    expect(text).toMatch(/^description: \|-?\n {2}Looks for data/m);
  });

  it('keeps text with blank-only lines exact (quoted rather than a | block)', () => {
    const query = 'DeviceProcessEvents\n   \n| where FileName == "a.exe"\n| project DeviceName, AccountName';
    const { doc, problems } = exported(exampleRule((r) => void (r.query = query)));
    expect(doc['query']).toBe(query);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('takes the severity override, and the template version from the options', () => {
    const rule = exampleRule((r) => void (r.sentinel.severity = 'Low'));
    expect(parse(exportSentinelYaml(rule, SCHEMA, { version: '1.2.3' }).text)).toMatchObject({ severity: 'Low', version: '1.2.3' });
    expect(exportSentinelYaml(rule, SCHEMA, { version: 'v2' }).problems.map((p) => p.code)).toEqual(['RB-SENTINEL-140']);
  });

  it('exports stealth as DefenseEvasion with a note', () => {
    const { doc, problems } = exported(exampleRule((r) => void (r.attack.tactics = ['collection', 'stealth'])));
    expect(doc['tactics']).toEqual(['Collection', 'DefenseEvasion']);
    expect(problems).toEqual([expect.objectContaining({ path: 'attack.tactics.1', severity: 'info', code: 'RB-SENTINEL-111' })]);
  });

  it('leaves the schedule and trigger out of an NRT rule', () => {
    const { doc, problems } = exported(exampleRule((r) => void (r.sentinel.kind = 'NRT')));
    expect(problems).toEqual([]);
    expect(doc['kind']).toBe('NRT');
    for (const key of ['queryFrequency', 'queryPeriod', 'triggerOperator', 'triggerThreshold']) expect(doc).not.toHaveProperty(key);
  });

  it('names SecurityEvents for SecurityEvent, leaves out empty entity mappings and techniques', () => {
    const { doc, problems } = exported(
      exampleRule((r) => {
        r.query = 'SecurityEvent | where EventID == 4688 | project TimeGenerated, Computer';
        r.sentinel.entity_mappings = [];
        r.attack.techniques = [];
      }),
    );
    expect(problems).toEqual([]);
    expect(doc['requiredDataConnectors']).toEqual([{ connectorId: 'SecurityEvents', dataTypes: ['SecurityEvent'] }]);
    expect(doc).not.toHaveProperty('entityMappings');
    expect(doc).not.toHaveProperty('relevantTechniques');
  });

  it('returns the limit violations with the text (the caller decides not to hand it out)', () => {
    const { text, problems } = exportSentinelYaml(exampleRule((r) => void (r.sentinel.trigger_threshold = 20_000)), SCHEMA);
    expect(text).toMatch(/^triggerThreshold: 20000$/m);
    expect(problems).toEqual([expect.objectContaining({ path: 'sentinel.trigger_threshold', severity: 'error', code: 'RB-RULE-177' })]);
  });

  it('warns that the repository\'s CI rejects non-ASCII text', () => {
    const { problems } = exported(exampleRule((r) => void (r.title = 'Remote Data Staging – T1074.002')));
    expect(problems).toEqual([expect.objectContaining({ path: 'title', severity: 'warning', code: 'RB-SENTINEL-141' })]);
  });
});
