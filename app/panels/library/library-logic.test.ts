import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { AttackCatalog, AttackTechnique } from '../../../src/attack/stix.ts';
import { V19_TACTICS } from '../../../src/attack/tactics.ts';
import { newRule, type Rule } from '../../../src/rule/model.ts';
import { parseRuleFile, serializeRule } from '../../../src/rule/yaml.ts';
import { cellLabel, computeCoverage, heatLevel } from './coverage.ts';
import { advanceImports, EMPTY_TALLY, type PendingImport } from './import-queue.ts';
import { filterRules, searchText, tablesOf } from './library-view.ts';
import { libraryZip, readZip, ruleFileName } from './rule-files.ts';

function rule(id: string, title: string, techniques: string[], tactics: string[], query = 'DeviceFileEvents | take 1'): Rule {
  return { ...newRule(id, '2026-01-01', query), title, attack: { tactics, techniques } };
}

function technique(id: string, name: string, tactics: string[]): AttackTechnique {
  const parent = id.includes('.') ? id.split('.')[0]! : null;
  return { id, name, tactics, parent, isSubtechnique: parent !== null, url: '', revoked: false, replacedBy: [], deprecated: false };
}

const CATALOG: AttackCatalog = {
  version: '19.0',
  label: 'ATT&CK v19.0',
  specVersion: '2.1',
  tactics: V19_TACTICS,
  techniques: new Map([
    ['T1074', technique('T1074', 'Data Staged', ['collection'])],
    ['T1074.002', technique('T1074.002', 'Remote Data Staging', ['collection'])],
    ['T1021', technique('T1021', 'Remote Services', ['lateral-movement'])],
    ['T1078', technique('T1078', 'Valid Accounts', ['initial-access', 'persistence', 'privilege-escalation', 'stealth'])],
  ]),
};

describe('ATT&CK coverage', () => {
  const rules = [
    rule('a', 'Staging', ['T1074.002'], ['collection']),
    rule('b', 'Staging 2', ['T1074.002', 'T1078'], ['collection', 'persistence']),
    rule('c', 'Legacy', ['T1078'], ['defense-evasion']),
    rule('d', 'Untagged', ['T9999'], []),
  ];

  it('without a catalog places each technique under its rule’s tactics, in v19 matrix order', () => {
    const coverage = computeCoverage(rules, null);
    expect(coverage.columns.map((c) => c.tactic.name)).toEqual(V19_TACTICS.map((t) => t.name));
    const collection = coverage.columns.find((c) => c.tactic.shortname === 'collection');
    expect(collection?.cells).toEqual([
      { technique: 'T1074.002', name: null, ruleIds: ['a', 'b'] },
      { technique: 'T1078', name: null, ruleIds: ['b'] },
    ]);
    // defense-evasion (before v19) counts as Stealth, which kept TA0005.
    expect(coverage.columns.find((c) => c.tactic.shortname === 'stealth')?.cells.map((c) => c.technique)).toEqual(['T1078']);
    expect(coverage.unplaced.map((c) => c.technique)).toEqual(['T9999']);
    expect(coverage.maxCount).toBe(2);
  });

  it('with a catalog uses the technique’s tactics that the rule also lists, and the catalog’s names', () => {
    const coverage = computeCoverage(rules, CATALOG);
    const column = (shortname: string) => coverage.columns.find((c) => c.tactic.shortname === shortname)?.cells ?? [];
    expect(column('collection')).toEqual([{ technique: 'T1074.002', name: 'Remote Data Staging', ruleIds: ['a', 'b'] }]);
    expect(column('persistence')).toEqual([{ technique: 'T1078', name: 'Valid Accounts', ruleIds: ['b'] }]);
    expect(column('stealth').map((c) => c.ruleIds)).toEqual([['c']]);
    expect(cellLabel(column('collection')[0]!)).toBe('T1074.002 Remote Data Staging: 2 rules');
    expect(cellLabel({ technique: 'T1021', name: null, ruleIds: ['x'] })).toBe('T1021: 1 rule');
  });

  it('colours by count in steps', () => {
    expect([0, 1, 2, 3, 4, 5, 40].map(heatLevel)).toEqual([0, 1, 2, 3, 3, 4, 4]);
  });
});

describe('searching the library', () => {
  const known = new Set(['DeviceFileEvents', 'DeviceProcessEvents']);
  const rules = [
    rule('a', 'Remote staging', ['T1074.002'], ['collection'], 'DeviceFileEvents | where X'),
    rule('b', 'Rclone', ['T1567'], ['exfiltration'], 'DeviceProcessEvents | where FileName == "rclone.exe"'),
  ];
  const text = (r: Rule) => searchText(r, tablesOf(r, known), CATALOG);

  it('finds by title, technique ID, technique name and table, case-insensitively', () => {
    expect(filterRules(rules, 'rclone', text).map((r) => r.id)).toEqual(['b']);
    expect(filterRules(rules, 't1074.002', text).map((r) => r.id)).toEqual(['a']);
    expect(filterRules(rules, 'remote data staging', text).map((r) => r.id)).toEqual(['a']);
    expect(filterRules(rules, 'deviceprocessevents', text).map((r) => r.id)).toEqual(['b']);
    expect(filterRules(rules, '  ', text)).toBe(rules);
  });

  it('uses the rule’s tables when it has them, else the known tables its query names', () => {
    expect(tablesOf(rules[1]!, known)).toEqual(['DeviceProcessEvents']);
    expect(tablesOf({ ...rules[1]!, tables: ['SecurityEvent'] }, known)).toEqual(['SecurityEvent']);
  });
});

describe('rule files', () => {
  it('names files after the title', () => {
    expect(ruleFileName({ title: 'Remote Data Staging (T1074.002)', id: 'x' })).toBe('remote-data-staging-t1074-002.rule.yml');
    expect(ruleFileName({ title: '', id: '5d7c3b0e-6f1a' })).toBe('rule-5d7c3b0e.rule.yml');
  });

  it('exports a library as a zip of rule files and reads it back, with same-title rules kept apart', () => {
    const rules = [rule('11111111-1111-4111-8111-111111111111', 'Same', ['T1074'], ['collection']), rule('22222222-2222-4222-8222-222222222222', 'Same', [], [])];
    const zip = libraryZip(rules);
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(['same-2.rule.yml', 'same.rule.yml']);
    const read = readZip(zip, 'lib.zip');
    expect(read.map((f) => f.source)).toEqual(['lib.zip/same-2.rule.yml', 'lib.zip/same.rule.yml']);
    expect(read.map((f) => f.rule?.id).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  it('lists problems per file with line and column, and names skipped entries', () => {
    const good = serializeRule(rule('33333333-3333-4333-8333-333333333333', 'Good', [], []));
    const zip = zipSync({ 'good.rule.yml': strToU8(good), 'bad.rule.yml': strToU8('title: [unclosed\n'), 'notes.txt': strToU8('hi') });
    const read = readZip(zip, 'mixed.zip');
    const bad = read.find((f) => f.source === 'mixed.zip/bad.rule.yml');
    expect(bad?.rule).toBeNull();
    expect(bad?.diagnostics[0]?.line).toBeTypeOf('number');
    expect(read.find((f) => f.source === 'mixed.zip/notes.txt')?.diagnostics[0]?.message).toMatch(/not a \.rule\.yml/);
    expect(read.find((f) => f.source === 'mixed.zip/good.rule.yml')?.rule?.title).toBe('Good');
    expect(readZip(strToU8('not a zip'), 'broken.zip')[0]?.diagnostics[0]?.message).toMatch(/could not be read/);
  });

  it('round-trips through serializeRule and parseRuleFile', () => {
    const original = rule('44444444-4444-4444-8444-444444444444', 'Round trip', ['T1074.002'], ['collection']);
    expect(parseRuleFile(serializeRule(original), 'x.rule.yml').rule).toMatchObject({ id: original.id, title: 'Round trip' });
  });
});

describe('the import queue', () => {
  it('adds rules until one whose id is taken, then settles it with the user’s choice', () => {
    const ids = new Set(['taken']);
    const imported: string[] = [];
    const target = {
      hasRule: (id: string) => ids.has(id),
      importRule: (r: Rule, choice?: string) => {
        imported.push(`${r.id}:${choice ?? 'new'}`);
        ids.add(r.id);
        return choice === 'skip' ? null : r.id;
      },
    };
    const queue: PendingImport[] = [
      { rule: rule('one', 'One', [], []), source: 'one.rule.yml' },
      { rule: rule('taken', 'Taken', [], []), source: 'taken.rule.yml' },
      { rule: rule('two', 'Two', [], []), source: 'two.rule.yml' },
    ];
    const first = advanceImports(queue, target, EMPTY_TALLY);
    expect(first.queue.map((p) => p.rule.id)).toEqual(['taken', 'two']);
    expect(imported).toEqual(['one:new']);
    const second = advanceImports(first.queue, target, first.tally, 'replace');
    expect(second.queue).toEqual([]);
    expect(imported).toEqual(['one:new', 'taken:replace', 'two:new']);
    expect(second.tally).toEqual({ added: 2, replaced: 1, keptBoth: 0, skipped: 0 });
  });
});
