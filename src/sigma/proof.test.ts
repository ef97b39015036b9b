import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRule, type Rule, type RuleTest } from '../rule/model.ts';
import { parseRuleFile } from '../rule/yaml.ts';
import { builtInTables } from '../schema/catalog.ts';
import { proveSigmaExport, splitYamlDocuments } from './proof.ts';

const schema = builtInTables();

const QUERY = [
  'let CopyCmd = DeviceProcessEvents',
  '| where FileName =~ "cmd.exe"',
  '| where ProcessCommandLine has "copy";',
  'let ZipFile = DeviceFileEvents',
  '| where FileName endswith ".zip";',
  'CopyCmd',
  '| union ZipFile',
].join('\n');

const process = (commandLine: string, time: string): Record<string, unknown> => ({
  Type: 'DeviceProcessEvents', Timestamp: time, DeviceName: 'wks01', FileName: 'cmd.exe', FolderPath: 'C:\\Windows\\System32\\cmd.exe', ProcessCommandLine: commandLine,
});

const tests: RuleTest[] = [
  {
    name: 'copy and its look-alikes',
    events: [
      process('cmd.exe /c copy a.txt \\\\srv\\share', '2026-11-24T09:00:00Z'),
      // `has "copy"` needs the whole term: xcopy is another term, so KQL does not match; Sigma's |contains does.
      process('cmd.exe /c xcopy a.txt \\\\srv\\share', '2026-11-24T09:01:00Z'),
      process('cmd.exe /c dir', '2026-11-24T09:02:00Z'),
    ],
    expect: { match: true, subdetection: 'CopyCmd', rows: 1 },
  },
  {
    name: 'archive',
    events: [{ Type: 'DeviceFileEvents', Timestamp: '2026-11-24T10:00:00Z', ActionType: 'FileCreated', FileName: 'loot.zip', FolderPath: 'C:\\Temp\\loot.zip' }],
    expect: { match: true },
  },
];

const rule = (query: string, withTests: RuleTest[]): Rule => ({
  ...newRule('0b9e1c52-3f4a-4d6e-8a7b-1c2d3e4f5a6b', '2026-11-24', query), title: 'Proof Rule', description: 'A rule for the proof tests.', author: 'Tests', tests: withTests,
});

describe('proveSigmaExport', () => {
  it('finds the event that has → |contains broadens, and explains it with that warning', () => {
    const proof = proveSigmaExport(rule(QUERY, tests), schema);
    expect(proof.status).toBe('compared');
    expect(proof.events).toBe(4);
    expect(proof.same).toBe(false);
    expect(proof.differences).toHaveLength(1);
    const [difference] = proof.differences;
    expect(difference).toMatchObject({ test: 'copy and its look-alikes', table: 'DeviceProcessEvents', row: 1, originalMatched: false, sigmaMatched: true, subdetection: 'CopyCmd' });
    expect(difference?.summary).toContain('xcopy a.txt');
    expect(difference?.explainedBy).toMatchObject({ subdetection: 'CopyCmd', line: 3, kind: 'approximation' });
    expect(difference?.explainedBy?.message).toContain('|contains');
    expect(proof.message).toBe('1 event of 4 is matched differently by the Sigma rules, each explained by an export warning.');
  });

  it('says "same matches" when the Sigma rules select exactly the events the query does', () => {
    const exact = QUERY.replace('has "copy"', 'contains "copy"');
    const proof = proveSigmaExport(rule(exact, tests), schema);
    expect(proof).toMatchObject({ status: 'compared', same: true, events: 4, differences: [] });
    expect(proof.message).toBe("Same matches on the rule's 4 test events.");
  });

  it('says "unexplained" when no warning accounts for a difference', () => {
    // FileName =~ "cmd.exe" is exported as Image|endswith '\\cmd.exe', which converts back to FolderPath: an event
    // that names the file but not its folder is selected by the query only, and no warning speaks of it.
    const noFolder: RuleTest = { name: 'no folder', events: [{ Type: 'DeviceProcessEvents', Timestamp: '2026-11-24T09:00:00Z', FileName: 'cmd.exe', ProcessCommandLine: 'cmd /c copy a b' }], expect: { match: true } };
    const proof = proveSigmaExport(rule(QUERY, [noFolder]), schema);
    expect(proof.differences).toHaveLength(1);
    expect(proof.differences[0]).toMatchObject({ originalMatched: true, sigmaMatched: false, subdetection: 'CopyCmd' });
    expect(proof.differences[0]?.explainedBy).toBeUndefined();
    expect(proof.message).toContain('(1 unexplained)');
  });

  it('proves the published example (line 21 fixed) on its own tests', () => {
    const path = join(import.meta.dirname, '../../public/examples/t1074-002-remote-data-staging.rule.yml');
    const example = parseRuleFile(readFileSync(path, 'utf8'), path).rule;
    if (!example) throw new Error('the example rule does not parse');
    const proof = proveSigmaExport(example, schema);
    expect(proof.status).toBe('compared');
    expect(proof.events).toBeGreaterThan(0);
    expect(proof.differences.filter((d) => !d.explainedBy)).toEqual([]);
  });

  it('needs tests with events', () => {
    const proof = proveSigmaExport(rule(QUERY, [{ name: 'from a file', events_file: 'benign.json', expect: { match: false } }]), schema);
    expect(proof.status).toBe('needs-tests');
    expect(proof.same).toBe(false);
    expect(proof.message).toMatch(/needs tests/);
    expect(proof.notes.join(' ')).toContain('events file');
  });

  it('has nothing to prove when the export has errors', () => {
    const proof = proveSigmaExport(rule(`${QUERY}\n| take 5`, tests), schema);
    expect(proof.status).toBe('not-exported');
    expect(proof.same).toBe(false);
  });

  it('splits the export\'s multi-document YAML on its separator lines only', () => {
    expect(splitYamlDocuments('title: a\ndescription: |-\n    x --- y\n---\ntitle: b\n')).toEqual(['title: a\ndescription: |-\n    x --- y\n', 'title: b\n']);
  });
});
