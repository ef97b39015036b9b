import { describe, expect, it } from 'vitest';
import type { TableSchema } from '../../schema/types.ts';
import { compileQuery } from './index.ts';
import { lookBackTicks } from './look-back.ts';

const SCHEMA: TableSchema[] = [{ name: 'T', origin: 'custom', columns: [{ name: 'Timestamp', type: 'datetime' }, { name: 's', type: 'string' }] }];
const HOUR = 36_000_000_000n;

function lookBack(query: string): bigint {
  const compiled = compileQuery(query, SCHEMA);
  expect(compiled.ok).toBe(true);
  return lookBackTicks(compiled.plan ?? (() => { throw new Error('no plan'); })());
}

describe('lookBackTicks', () => {
  it('is the longest constant window of ago() and now() - w', () => {
    expect(lookBack('T | where Timestamp > ago(24h) | where Timestamp > ago(30m)')).toBe(24n * HOUR);
    expect(lookBack('T | where Timestamp between (now() - 7d .. now())')).toBe(7n * 24n * HOUR);
  });

  it('follows scalar lets and every leg of a union', () => {
    expect(lookBack('let lookback = 2h;\nlet A = T | where Timestamp > ago(lookback);\nlet B = T | where Timestamp > ago(3h);\nunion A, B')).toBe(3n * HOUR);
  });

  it('ignores ago() in comments and strings, and is 0 without a window', () => {
    expect(lookBack('// ago(30d)\nT | where s == "ago(30d)"')).toBe(0n);
    expect(lookBack('T | take 1')).toBe(0n);
  });
});
