import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRuleFile } from '../../../src/rule/yaml.ts';
import { builtInTables } from '../../../src/schema/catalog.ts';
import { exportRule, ruleSlug } from './export-rule.ts';

const path = join(import.meta.dirname, '../../../public/examples/t1074-002-remote-data-staging.rule.yml');
const example = parseRuleFile(readFileSync(path, 'utf8'), path).rule;
if (!example) throw new Error('the example rule does not parse');
const schema = builtInTables();

describe('exportRule', () => {
  it('exports the example as three Sigma rules named after the first, warnings with line and sub-detection', () => {
    const result = exportRule(example, schema, 'sigma');
    expect(result.errors).toEqual([]);
    expect(result.documents).toBe(3);
    expect(result.text.match(/^title:/gm)).toHaveLength(3);
    expect(result.fileName).toBe('file_event_win_remote_data_staging_t1074_002_archiveinstagingdir.yml');
    expect(result.warnings).toContainEqual(expect.objectContaining({ subdetection: 'RemoteCopyTool', line: 29, kind: 'approximation' }));
  });

  it('names Sentinel YAML and ARM files after the rule', () => {
    expect(ruleSlug(example)).toBe('remote-data-staging-t1074-002');
    const yaml = exportRule(example, schema, 'sentinel');
    expect(yaml.fileName).toBe('remote-data-staging-t1074-002.yaml');
    expect(yaml.errors).toEqual([]);
    expect(yaml.text).toContain('query: |');
    const arm = exportRule(example, schema, 'arm');
    expect(arm.fileName).toBe('remote-data-staging-t1074-002.json');
    expect(JSON.parse(arm.text)).toHaveProperty('resources');
  });

  it('withholds the text when the export has errors', () => {
    const broken = { ...example, query: `${example.query}\n| take 5` };
    const result = exportRule(broken, schema, 'sigma');
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.text).toBe('');
    expect(result.documents).toBe(0);
  });
});
