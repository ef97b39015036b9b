import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from './args.ts';
import { exportSentinelCommand } from './export-sentinel-command.ts';
import { main } from './main.ts';

const EXAMPLE = join(import.meta.dirname, '../../public/examples/t1074-002-remote-data-staging.rule.yml');
const EXAMPLE_TEXT = readFileSync(EXAMPLE, 'utf8');

function capture(): { out: string[]; err: string[]; io: { out(t: string): void; err(t: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t) } };
}

function ruleFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rulebench-sentinel-')), 'rule.rule.yml');
  writeFileSync(path, text);
  return path;
}

describe('rulebench export sentinel|arm', () => {
  it('prints the example rule as Sentinel YAML on stdout', () => {
    const c = capture();
    expect(exportSentinelCommand('sentinel', [EXAMPLE], c.io)).toBe(0);
    expect(c.err).toEqual([]);
    const doc = parse(c.out.join('\n')) as Record<string, unknown>;
    expect(doc).toMatchObject({ tactics: ['Collection'], relevantTechniques: ['T1074', 'T1074.002'], queryFrequency: '1h', kind: 'Scheduled' });
  });

  it('writes the ARM template to -o, with the notes on stderr', () => {
    const c = capture();
    const out = join(mkdtempSync(join(tmpdir(), 'rulebench-arm-')), 'rule.json');
    expect(exportSentinelCommand('arm', [EXAMPLE, '-o', out], c.io)).toBe(0);
    expect(c.out).toEqual([]);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { resources: { properties: { queryFrequency: string; triggerOperator: string } }[] };
    expect(json.resources[0]?.properties).toMatchObject({ queryFrequency: 'PT1H', triggerOperator: 'GreaterThan' });
    expect(c.err).toEqual([`${EXAMPLE}:27:5: info RB-SENTINEL-150: The alert rule API takes technique IDs only (T####), so T1074.002 is deployed as T1074.`]);
  });

  it('writes nothing and exits 1 when Sentinel would refuse the rule, naming the field\'s line', () => {
    const path = ruleFile(EXAMPLE_TEXT.replace('query_period: 1d', 'query_period: 30m'));
    const out = `${path}.yaml`;
    const c = capture();
    expect(exportSentinelCommand('sentinel', [path, '--output', out], c.io)).toBe(1);
    expect(c.out).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect(c.err.filter((line) => line.includes(': error '))).toEqual([`${path}:${EXAMPLE_TEXT.split('\n').findIndex((l) => l.includes('query_period')) + 1}:17: error RB-RULE-174: The query period (30m) must be at least the query frequency (1h), or runs would leave gaps.`]);
    const arm = capture();
    expect(exportSentinelCommand('arm', [path], arm.io)).toBe(1);
    expect(arm.out).toEqual([]);
  });

  it('exits 1 with the file\'s own errors when the rule file cannot be read', () => {
    const c = capture();
    expect(exportSentinelCommand('sentinel', [ruleFile('title: x\n')], c.io)).toBe(1);
    expect(c.out).toEqual([]);
    expect(c.err.some((l) => l.includes('error RB-RULE-011'))).toBe(true);
    const missing = capture();
    expect(exportSentinelCommand('arm', ['/nonexistent/x.rule.yml'], missing.io)).toBe(1);
    expect(missing.err[0]).toMatch(/RB-CLI-011/);
  });

  it('takes --version for the YAML and refuses usage mistakes', () => {
    const c = capture();
    expect(exportSentinelCommand('sentinel', [EXAMPLE, '--version', '2.0.1'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/^version: 2\.0\.1$/m);
    expect(() => exportSentinelCommand('sentinel', [], capture().io)).toThrow(UsageError);
    expect(() => exportSentinelCommand('arm', [EXAMPLE, EXAMPLE], capture().io)).toThrow(UsageError);
    expect(() => exportSentinelCommand('arm', [EXAMPLE, '--version', '1.0.0'], capture().io)).toThrow(UsageError);
    expect(() => exportSentinelCommand('arm', [EXAMPLE, '--bogus'], capture().io)).toThrow(UsageError);
  });

  it('is reached through main: export sentinel, export arm, export --help, unknown formats', async () => {
    expect(await main(['export', 'arm', EXAMPLE, '-o', join(mkdtempSync(join(tmpdir(), 'rulebench-main-')), 'r.json')])).toBe(0);
    expect(await main(['export', 'nosuchformat', EXAMPLE])).toBe(2);
  });
});
