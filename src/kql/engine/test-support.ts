/** Shared by the engine's query-in, table-out tests: run a self-contained query and expect no diagnostics. */
import { expect } from 'vitest';
import type { KqlValue } from '../values/value.ts';
import { compileQuery } from './index.ts';

/** 2023-11-14T22:13:20Z in ticks: a fixed `now()` so tests never depend on the clock. */
export const TEST_NOW = 17_000_000_000_000_000n;

export function runQuery(query: string): { columns: string[]; rows: KqlValue[][] } {
  const compiled = compileQuery(query, []);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const result = compiled.run(new Map(), { now: TEST_NOW });
  expect(result.diagnostics).toEqual([]);
  return { columns: result.columns.map((c) => c.name), rows: result.rows };
}
