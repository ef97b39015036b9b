/**
 * The published T1074.002 rule end to end: as published it does not compile (KS142 on line 21); with the one-line
 * fix it returns the 12 rows public/examples/README.md lists, newest first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInTables } from '../../schema/catalog.ts';
import type { TableSchema } from '../../schema/types.ts';
import { publishedRule } from '../test-fixtures/published-rule.ts';
import type { KqlValue } from '../values/value.ts';
import { parseDatetime } from '../values/index.ts';
import { compileQuery, type TableData } from './index.ts';

const REPO = join(import.meta.dirname, '../../..');
const NOW = parseDatetime('2026-11-24T18:00:00Z') ?? 0n;

function fixedRule(): string {
  const lines = publishedRule.split('\n');
  expect(lines[20]).toMatch(/^\| project Timestamp, DeviceName, AccountName, /);
  lines[20] = (lines[20] ?? '').replace('AccountName,', 'AccountName = InitiatingProcessAccountName,');
  return lines.join('\n');
}

/** Sample events (JSON rows with a `Type` naming the table) → tables laid out by the schema. */
function sampleTables(schema: readonly TableSchema[]): Map<string, TableData> {
  const events = JSON.parse(readFileSync(join(REPO, 'public/examples/t1074-002-sample-events.json'), 'utf8')) as Record<string, unknown>[];
  const tables = new Map<string, TableData>();
  for (const event of events) {
    const table = schema.find((t) => t.name === event.Type);
    if (!table) continue;
    let data = tables.get(table.name);
    if (!data) {
      data = { columns: table.columns.map((c) => ({ name: c.name, type: c.type })), rows: [] };
      tables.set(table.name, data);
    }
    data.rows.push(
      table.columns.map((column): KqlValue => {
        const value = event[column.name];
        if (value === undefined || value === null) return column.type === 'string' ? '' : null;
        if (column.type === 'datetime') return parseDatetime(String(value));
        if (column.type === 'string') return String(value);
        return value as KqlValue;
      }),
    );
  }
  return tables;
}

describe('T1074.002 Remote Data Staging', () => {
  const schema = builtInTables();

  it('as published, fails to compile with KS142 on AccountName (line 21) and returns no rows', () => {
    const compiled = compileQuery(publishedRule, schema);
    expect(compiled.ok).toBe(false);
    const ks142 = compiled.diagnostics.find((d) => d.code === 'KS142');
    expect(ks142?.line).toBe(21);
    expect(compiled.run(sampleTables(schema), { now: NOW }).rows).toEqual([]);
  });

  it('with AccountName = InitiatingProcessAccountName, returns the 12 expected rows newest first', () => {
    const compiled = compileQuery(fixedRule(), schema);
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = compiled.run(sampleTables(schema), { now: NOW });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const timestamp = result.columns.findIndex((c) => c.name === 'Timestamp');
    const detection = result.columns.findIndex((c) => c.name === 'DetectionType');
    const rows = result.rows.map((row) => [row[timestamp], row[detection]]);
    const times = rows.map(([t]) => t as bigint);
    expect([...times].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(times);
    const at = (iso: string): bigint => parseDatetime(`2026-11-24T${iso}Z`) ?? 0n;
    expect(rows).toEqual([
      [at('17:30:00.214'), 'PSCmdRemoteCopy'], // 123
      [at('16:21:37.780'), 'PSCmdRemoteCopy'], // 122
      [at('14:20:44.317'), 'RemoteCopyToUNCPath'], // 117
      [at('13:47:29.806'), 'PSCmdRemoteCopy'], // 115
      [at('12:41:17.052'), 'ArchiveInStagingDir'], // 114
      [at('12:30:04.516'), 'ArchiveInStagingDir'], // 113
      [at('12:30:02.981'), 'ArchiveInStagingDir'], // 112
      [at('11:05:07.244'), 'PSCmdRemoteCopy'], // 110
      [at('10:02:20.114'), 'ArchiveInStagingDir'], // 109
      [at('09:33:12.408'), 'PSCmdRemoteCopy'], // 107
      [at('09:21:49.870'), 'ArchiveInStagingDir'], // 106
      [at('09:14:03.512'), 'PSCmdRemoteCopy'], // 103
    ]);
  });
});
