/**
 * End to end: the real `rulebench` binary (bin/rulebench.mjs → tsx → src/cli/main.ts → the engine) on the
 * shipped T1074.002 example. Spawns Node, so each test allows a few seconds for Kusto.Language to load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const RULE = join(ROOT, 'public/examples/t1074-002-remote-data-staging.kql');
const EVENTS = join(ROOT, 'public/examples/t1074-002-sample-events.json');
const dir = mkdtempSync(join(tmpdir(), 'rulebench-cli-'));

function rulebench(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/rulebench.mjs'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface RunOutput {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  diagnostics: { severity: string; code: string; message: string; line: number; column: number }[];
}

describe('rulebench run (end to end)', () => {
  it('the published rule does not compile: exit 1 and KS142 at line 21', () => {
    const r = rulebench('run', RULE, '--events', EVENTS);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as RunOutput;
    expect(out.rows).toEqual([]);
    expect(out.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'KS142', line: 21 }));
  }, 60_000);

  it('the fixed rule with --now finds the 12 expected rows, newest first', () => {
    const fixed = readFileSync(RULE, 'utf8')
      .split('\n')
      .map((line, i) => (i === 20 ? line.replace('AccountName,', 'AccountName = InitiatingProcessAccountName,') : line))
      .join('\n');
    const path = join(dir, 'fixed.kql');
    writeFileSync(path, fixed);
    const r = rulebench('run', path, '--events', EVENTS, '--now', '2026-11-24T18:00:00Z');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as RunOutput;
    expect(out.diagnostics).toEqual([]);
    expect(out.columns[0]).toEqual({ name: 'Timestamp', type: 'datetime' });
    const times = out.rows.map((row) => row.Timestamp as string);
    expect(times).toHaveLength(12);
    expect(times).toEqual([...times].sort().reverse());
    expect(times[0]).toBe('2026-11-24T17:30:00.214Z');
    expect(times[11]).toBe('2026-11-24T09:14:03.512Z');
    expect(out.rows.map((row) => row.DetectionType)).toEqual([
      'PSCmdRemoteCopy', 'PSCmdRemoteCopy', 'RemoteCopyToUNCPath', 'PSCmdRemoteCopy', 'ArchiveInStagingDir', 'ArchiveInStagingDir',
      'ArchiveInStagingDir', 'PSCmdRemoteCopy', 'ArchiveInStagingDir', 'PSCmdRemoteCopy', 'ArchiveInStagingDir', 'PSCmdRemoteCopy',
    ]);
  }, 60_000);

  it('a warning is reported once, and a query with only warnings exits 0', () => {
    const path = join(dir, 'count-expr.kql');
    writeFileSync(path, 'range x from 1 to 3 step 1\n| summarize count(x)\n');
    const r = rulebench('run', path);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as RunOutput;
    expect(out.rows).toEqual([{ count_x: 3 }]);
    expect(out.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'KS107', line: 2, column: 19 })]);
  }, 60_000);

  it('--explain: provenance per row, why an event was dropped, and funnels', () => {
    const fixed = readFileSync(RULE, 'utf8')
      .split('\n')
      .map((line, i) => (i === 20 ? line.replace('AccountName,', 'AccountName = InitiatingProcessAccountName,') : line))
      .join('\n');
    const path = join(dir, 'fixed-explain.kql');
    writeFileSync(path, fixed);
    const r = rulebench('run', path, '--events', EVENTS, '--now', '2026-11-24T18:00:00Z', '--explain');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as RunOutput & {
      provenance: { subdetection: string | null; sources: { table: string; index: number }[] }[];
      explanations: { table: string; index: number; subdetection: string | null; line: number; predicate: string | null; reason: string }[];
      funnels: { subdetection: string | null; steps: { line: number; operator: string; rows: number }[] }[];
    };
    expect(out.diagnostics).toEqual([]);
    expect(out.provenance).toHaveLength(12);
    const count = (name: string) => out.provenance.filter((p) => p.subdetection === name).length;
    expect([count('ArchiveInStagingDir'), count('RemoteCopyTool'), count('PSRemoteCopy')]).toEqual([5, 1, 6]);
    // Each row has one source: the event (by its row index in its table) with the row's timestamp and device.
    const events = JSON.parse(readFileSync(EVENTS, 'utf8')) as Record<string, unknown>[];
    const byTable = (table: string) => events.filter((e) => e.Type === table);
    out.provenance.forEach((p, i) => {
      expect(p.sources).toHaveLength(1);
      const source = p.sources[0] as { table: string; index: number };
      expect(source.table).toBe(p.subdetection === 'ArchiveInStagingDir' ? 'DeviceFileEvents' : 'DeviceProcessEvents');
      const event = byTable(source.table)[source.index];
      expect(Date.parse(String(event?.Timestamp))).toBe(Date.parse(String(out.rows[i]?.Timestamp)));
      expect(event?.DeviceName).toBe(out.rows[i]?.DeviceName);
    });
    const xcopy = byTable('DeviceProcessEvents').findIndex((e) => e.ReportId === 104);
    expect(xcopy).toBeGreaterThanOrEqual(0);
    const why = out.explanations.find((e) => e.table === 'DeviceProcessEvents' && e.index === xcopy && e.subdetection === 'RemoteCopyTool');
    expect(why).toMatchObject({ line: 30, predicate: String.raw`ProcessCommandLine matches regex @"\\\\\\.+\\"` });
    expect(why?.reason).toBe(
      String.raw`stopped at line 30: predicate ${'`'}ProcessCommandLine matches regex @"\\\\\\.+\\"${'`'} was false for the value ` +
        String.raw`'xcopy C:\Users\alice\Documents \\127.0.0.1\StagingTest$ /E /I'`,
    );
    // Matched events have no explanation; the funnel counts rows after each operator.
    expect(out.explanations.some((e) => out.provenance.some((p) => p.sources.some((s) => s.table === e.table && s.index === e.index)))).toBe(false);
    expect(out.funnels.find((f) => f.subdetection === 'RemoteCopyTool')?.steps.map((s) => [s.line, s.operator, s.rows])).toEqual([
      [25, 'DeviceProcessEvents', 16], [26, 'where', 16], [27, 'where', 10], [29, 'where', 10], [30, 'where', 1], [31, 'project', 1],
    ]);
  }, 60_000);

  it('usage errors exit 2 with a message', () => {
    const r = rulebench('run', RULE, '--format', 'xml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--format must be json or table/);
    expect(rulebench('frobnicate').status).toBe(2);
    const help = rulebench('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: rulebench/);
  }, 60_000);

  it('malformed events: exit 1 with file, line and column', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[\n {"Type":"DeviceFileEvents",\n  "FileName": oops}\n]');
    const r = rulebench('run', RULE, '--events', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}:3:15: error RB-EVENTS-001`);
    expect((JSON.parse(r.stdout) as RunOutput).diagnostics[0]).toMatchObject({ code: 'RB-EVENTS-001', line: 3, column: 15 });
  }, 60_000);
});

describe('rulebench batch (end to end)', () => {
  it('writes one line per case, errors included, in input order', () => {
    const cases = join(dir, 'cases.jsonl');
    writeFileSync(
      cases,
      [
        JSON.stringify({ id: 'a', query: 'print x = 1, s = "hi", t = datetime(2017-01-01), d = 1d' }),
        JSON.stringify({ id: 'b', query: 'print nope(' }),
        'not json',
        JSON.stringify({ id: 'c', query: 'datatable(n:long)[1, 2] | where n > 1' }),
      ].join('\n'),
    );
    const r = rulebench('batch', cases);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      id: 'a',
      columns: [
        { name: 'x', type: 'long' },
        { name: 's', type: 'string' },
        { name: 't', type: 'datetime' },
        { name: 'd', type: 'timespan' },
      ],
      rows: [[1, 'hi', '2017-01-01T00:00:00Z', '1.00:00:00']],
    });
    expect(lines[1]).toMatchObject({ id: 'b', error: { code: expect.any(String) } });
    expect(lines[2]).toMatchObject({ id: null, error: { code: 'RB-CLI-001' } });
    expect(lines[3]).toEqual({ id: 'c', columns: [{ name: 'n', type: 'long' }], rows: [[2]] });
  }, 60_000);
});
