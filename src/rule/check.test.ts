import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInTables } from '../schema/catalog.ts';
import { checkRule } from './check.ts';

const EXAMPLE = readFileSync(join(import.meta.dirname, '../../public/examples/t1074-002-remote-data-staging.rule.yml'), 'utf8');
const schema = builtInTables();
const ID = '0b0c7f56-2b9c-4a57-9d0e-1c2b3a4d5e6f';

function lines(text: string, options = {}): string[] {
  return checkRule({ text, source: 'r.rule.yml' }, schema, options).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
}

describe('checkRule', () => {
  it('finds nothing wrong with the example rule and derives its tables', () => {
    const result = checkRule({ text: EXAMPLE, source: 'example' }, schema);
    expect(result.diagnostics).toEqual([]);
    expect(result.rule?.tables).toEqual(['DeviceFileEvents', 'DeviceProcessEvents']);
  });

  it('puts the published query\'s KS142 on its line and column in the file', () => {
    const text = EXAMPLE.replace('AccountName = InitiatingProcessAccountName, FolderPath', 'AccountName, FolderPath');
    const line = text.split('\n').findIndex((l) => l.includes('| project Timestamp, DeviceName, AccountName, FolderPath')) + 1;
    const result = checkRule({ text, source: 'x' }, schema);
    expect(result.rule).toBeNull();
    expect(result.diagnostics).toMatchObject([{ code: 'KS142', severity: 'error', line, column: 36, endColumn: 47, source: 'x' }]);
  });

  it('maps field issues to the line of the field, and a missing field to its parent', () => {
    const text = `title: T\nid: ${ID}\ndate: 2026-11-24\nlevel: high\nreferences:\n  - https://ok.example/\n  - not a url\nquery: DeviceProcessEvents | take 1\nsentinel:\n  query_period: 5m\n`;
    expect(lines(text)).toEqual([
      '7:5 error RB-RULE-108 references.1: References must be http(s) URLs such as https://attack.mitre.org/techniques/T1074/002/, not "not a url".',
      '10:17 error RB-RULE-174 sentinel.query_period: The query period (5m) must be at least the query frequency (1h), or runs would leave gaps.',
      '1:1 warning RB-RULE-200 The rule has no tests; add at least one matching and one benign example under "tests".',
    ].sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0])));
  });

  it('reports parse problems and field problems together', () => {
    const found = lines(`title: ""\nid: nope\ndate: 2026-11-24\nlevel: high\nquery: T\ntitel: x\n`);
    expect(found.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      '1:1 warning RB-RULE-200',
      '1:8 error RB-RULE-101',
      '2:5 error RB-RULE-103',
      '5:8 error KS142',
      '6:1 warning RB-RULE-010',
    ]);
  });

  it('checks that events files can be read', () => {
    const text = `title: T\nid: ${ID}\ndate: 2026-11-24\nlevel: high\nquery: DeviceProcessEvents\ntests:\n  - name: a\n    events_file: missing.json\n    expect: {match: false}\n  - name: b\n    events_file: there.json\n    expect: {match: false}\n`;
    expect(lines(text, { readEventsFile: (path: string) => (path === 'there.json' ? '[]' : undefined) })).toEqual([
      '8:18 error RB-RULE-201 tests.0.events_file: the events file "missing.json" cannot be read; paths are relative to the rule file.',
    ]);
  });

  it('stops at a file that is not a rule', () => {
    expect(lines('[1, 2]')).toEqual(['1:1 error RB-RULE-002 Not a rule file: the document is a list, not a mapping of keys (title:, id:, query:, …).']);
  });
});
