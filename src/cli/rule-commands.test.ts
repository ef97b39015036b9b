import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args.ts';
import { CHECK_OPTIONS, checkCommand, findRuleFiles, TEST_OPTIONS, testCommand } from './rule-commands.ts';

const EXAMPLES = join(import.meta.dirname, '../../public/examples');
const EXAMPLE = readFileSync(join(EXAMPLES, 't1074-002-remote-data-staging.rule.yml'), 'utf8');
const ID = '0b0c7f56-2b9c-4a57-9d0e-1c2b3a4d5e6f';

function capture(): { out: string[]; err: string[]; io: { out(t: string): void; err(t: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t) } };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rulebench-rules-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('rulebench test', () => {
  it('runs the example rule\'s tests: all pass', () => {
    const c = capture();
    expect(testCommand(parseArgs([EXAMPLES], TEST_OPTIONS), c.io)).toBe(0);
    expect(c.out).toHaveLength(7);
    expect(c.out.slice(0, 6).every((l) => l.startsWith('PASS Remote Data Staging (T1074.002) › '))).toBe(true);
    expect(c.out[6]).toBe('6 passed, 0 failed');
  });

  it('fails on a failing test, on the published query and on an unreadable rule, reading events files next to the rule', () => {
    const published = EXAMPLE.replace('AccountName = InitiatingProcessAccountName, FolderPath', 'AccountName, FolderPath');
    const dir = folder({
      'a/published.rule.yml': published,
      'b/own.rule.yml': `title: Own\nid: ${ID}\ndate: 2026-11-24\nlevel: low\nquery: DeviceProcessEvents | where FileName == "x.exe"\ntests:\n  - name: from file\n    events_file: ev/x.json\n    expect: {match: true, rows: 1}\n  - name: wrong expectation\n    events_file: ev/x.json\n    expect: {match: false}\n`,
      'b/ev/x.json': JSON.stringify([{ Type: 'DeviceProcessEvents', Timestamp: '2026-11-24T10:00:00Z', FileName: 'x.exe' }]),
      'c/broken.rule.yml': 'title: [\n',
      'c/ignored.yml': 'not: a rule file name',
    });
    const c = capture();
    expect(testCommand(parseArgs([dir, '--now', '2026-11-24T18:00:00Z'], TEST_OPTIONS), c.io)).toBe(1);
    expect(c.out.filter((l) => l.startsWith('FAIL Remote Data Staging'))).toHaveLength(6);
    expect(c.out.some((l) => /published\.rule\.yml:\d+:36: error KS142/.test(l))).toBe(true);
    expect(c.out).toContain('PASS Own › from file: passed: expected 1 row, got 1 row ((query) 1)');
    expect(c.out).toContain('FAIL Own › wrong expectation: failed: expected no match, got 1 row ((query) 1)');
    expect(c.out.some((l) => l.startsWith('FAIL ') && l.includes('broken.rule.yml: the rule file cannot be read'))).toBe(true);
    expect(c.out[c.out.length - 1]).toBe('1 passed, 8 failed');
  });

  it('rejects a bad --now and a missing path as usage errors', () => {
    expect(() => testCommand(parseArgs([EXAMPLES, '--now', 'noon'], TEST_OPTIONS), capture().io)).toThrow(UsageError);
    expect(() => testCommand(parseArgs(['/no/such/dir'], TEST_OPTIONS), capture().io)).toThrow(UsageError);
  });
});

describe('rulebench check', () => {
  it('passes the examples folder', () => {
    const c = capture();
    expect(checkCommand(parseArgs([EXAMPLES], CHECK_OPTIONS), c.io)).toBe(0);
    expect(c.out).toEqual(['1 rule file checked: 0 errors, 0 warnings']);
  });

  it('prints file:line:column: severity code: message per problem and exits 1 on an error', () => {
    const dir = folder({ 'x.rule.yml': `title: T\nid: ${ID}\ndate: 2026-11-24\nlevel: extreme\nquery: DeviceProcessEvents\n` });
    const c = capture();
    expect(checkCommand(parseArgs([dir], CHECK_OPTIONS), c.io)).toBe(1);
    const file = join(dir, 'x.rule.yml');
    expect(c.out).toEqual([
      `${file}:1:1: warning RB-RULE-200: The rule has no tests; add at least one matching and one benign example under "tests".`,
      `${file}:4:8: error RB-RULE-109: level: The level must be informational, low, medium, high or critical, not "extreme".`,
      '1 rule file checked: 1 error, 1 warning',
    ]);
  });

  it('finds *.rule.yml recursively and takes named files as they are', () => {
    const dir = folder({ 'a/b/one.rule.yml': '', 'two.rule.yaml': '', 'three.yml': '', 'node_modules/x.rule.yml': '' });
    expect(findRuleFiles([dir]).map((p) => p.slice(dir.length + 1))).toEqual(['a/b/one.rule.yml', 'two.rule.yaml']);
    expect(findRuleFiles([join(dir, 'three.yml')])).toEqual([join(dir, 'three.yml')]);
  });

  it('with --attack, a revoked technique gets a warning that names its replacement', () => {
    const revoked = EXAMPLE.replace('    - T1074.002\n', '    - T1074.002\n    - T1089\n').replace('    - collection\n', '    - collection\n    - defense-impairment\n');
    expect(revoked).toContain('T1089');
    const dir = folder({ 'revoked.rule.yml': revoked });
    const bundle = join(import.meta.dirname, '../attack/fixtures/enterprise-attack-2.1.json');
    const c = capture();
    expect(checkCommand(parseArgs([dir, '--attack', bundle], CHECK_OPTIONS), c.io)).toBe(0);
    const warning = c.out.find((line) => line.includes('T1089'));
    expect(warning).toMatch(/revoked\.rule\.yml:\d+:\d+: warning RB-ATTACK-105/);
    expect(warning).toContain('T1685');
    // Without the bundle the ID is only shape-checked.
    const plain = capture();
    expect(checkCommand(parseArgs([dir], CHECK_OPTIONS), plain.io)).toBe(0);
    expect(plain.out.some((line) => line.includes('T1089'))).toBe(false);
  });

  it('two rule files with one id are an error at the second file\'s id line', () => {
    const dir = folder({ 'a.rule.yml': EXAMPLE, 'b.rule.yml': EXAMPLE.replace(/^title: .*$/m, 'title: Another rule') });
    const c = capture();
    expect(checkCommand(parseArgs([dir], CHECK_OPTIONS), c.io)).toBe(1);
    expect(c.out.find((line) => line.includes('RB-RULE-230'))).toMatch(/b\.rule\.yml:2:\d+: error RB-RULE-230: id [0-9a-f-]+ is also the id of .*a\.rule\.yml/);
  });
});
