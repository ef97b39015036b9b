import { exampleRule, SCHEMA } from './test-example.ts';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../rule/model.ts';
import { ARM_API_VERSION, ARM_NRT_API_VERSION, armLiteral, exportArmTemplate } from './arm.ts';
import { isoDuration } from './common.ts';

interface Template {
  $schema: string;
  parameters: Record<string, { type: string }>;
  resources: { name: string; type: string; kind: string; apiVersion: string; properties: Record<string, unknown> }[];
}

function template(rule: Rule): { json: Template; text: string; problems: ReturnType<typeof exportArmTemplate>['problems'] } {
  const { text, problems } = exportArmTemplate(rule, SCHEMA);
  return { json: JSON.parse(text) as Template, text, problems };
}

describe('exportArmTemplate', () => {
  it('writes one Scheduled alert rule on the workspace parameter, ISO durations and ARM enums', () => {
    const rule = exampleRule();
    const { json, text, problems } = template(rule);
    expect(text.startsWith('{\n  "$schema"')).toBe(true);
    expect(json.$schema).toMatch(/deploymentTemplate\.json#$/);
    expect(json.parameters['workspace']?.type).toBe('string');
    expect(json.resources).toHaveLength(1);
    const resource = json.resources[0]!;
    expect(resource).toMatchObject({
      name: `[concat(parameters('workspace'),'/Microsoft.SecurityInsights/${rule.id}')]`,
      type: 'Microsoft.OperationalInsights/workspaces/providers/alertRules',
      kind: 'Scheduled',
      apiVersion: ARM_API_VERSION,
    });
    expect(resource.properties).toEqual({
      displayName: rule.title,
      description: rule.description,
      severity: 'High',
      enabled: true,
      query: rule.query,
      queryFrequency: 'PT1H',
      queryPeriod: 'P1D',
      triggerOperator: 'GreaterThan',
      triggerThreshold: 0,
      suppressionDuration: 'PT1H',
      suppressionEnabled: false,
      tactics: ['Collection'],
      techniques: ['T1074'],
      entityMappings: [
        { entityType: 'Host', fieldMappings: [{ identifier: 'FullName', columnName: 'DeviceName' }] },
        { entityType: 'Account', fieldMappings: [{ identifier: 'Name', columnName: 'AccountName' }] },
      ],
      alertRuleTemplateName: null,
    });
    // The API takes T#### only: the sub-technique is folded into its parent, and that is said.
    expect(problems).toEqual([expect.objectContaining({ path: 'attack.techniques', severity: 'info', code: 'RB-SENTINEL-150' })]);
  });

  it('converts durations and trigger operators', () => {
    expect(['5m', '90m', '1h', '12h', '1d', '14d'].map(isoDuration)).toEqual(['PT5M', 'PT90M', 'PT1H', 'PT12H', 'P1D', 'P14D']);
    expect(isoDuration('1w')).toBeUndefined();
    const rule = exampleRule((r) => Object.assign(r.sentinel, { query_frequency: '1d', query_period: '14d', trigger_operator: 'ne', trigger_threshold: 3 }));
    expect(template(rule).json.resources[0]?.properties).toMatchObject({ queryFrequency: 'P1D', queryPeriod: 'P14D', triggerOperator: 'NotEqual', triggerThreshold: 3 });
  });

  it('writes an NRT rule without schedule or trigger, on the preview API that has NRT', () => {
    const { json, problems } = template(exampleRule((r) => void (r.sentinel.kind = 'NRT')));
    const resource = json.resources[0]!;
    expect(resource.kind).toBe('NRT');
    expect(resource.apiVersion).toBe(ARM_NRT_API_VERSION);
    for (const key of ['queryFrequency', 'queryPeriod', 'triggerOperator', 'triggerThreshold']) expect(resource.properties).not.toHaveProperty(key);
    expect(resource.properties).toMatchObject({ suppressionDuration: 'PT1H', suppressionEnabled: false });
    expect(problems.map((p) => p.code)).toEqual(['RB-SENTINEL-150', 'RB-SENTINEL-151']);
  });

  it('keeps text that looks like a template expression literal', () => {
    expect(armLiteral("[concat('a','b')]")).toBe("[[concat('a','b')]");
    expect(armLiteral('[x] and more')).toBe('[x] and more');
    const { json } = template(exampleRule((r) => void (r.title = "[deployment().name]")));
    expect(json.resources[0]?.properties['displayName']).toBe('[[deployment().name]');
  });

  it('disables a deprecated rule and returns limit violations with the template', () => {
    const { json, problems } = template(exampleRule((r) => {
      r.status = 'deprecated';
      r.sentinel.query_frequency = '15d';
    }));
    expect(json.resources[0]?.properties['enabled']).toBe(false);
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(['RB-RULE-173']);
  });
});
