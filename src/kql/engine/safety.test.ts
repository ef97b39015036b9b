/** Bad or hostile input: the engine answers with a diagnostic, in bounded time and memory, and never throws. */
import { describe, expect, it } from 'vitest';
import { compileQuery } from './index.ts';

const NOW = 17_000_000_000_000_000n;

function runWith(query: string, rowLimit?: number) {
  const compiled = compileQuery(query, []);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compiled.run(new Map(), { now: NOW, ...(rowLimit !== undefined ? { rowLimit } : {}) });
}

describe('row limit', () => {
  it('stops a result larger than the limit with a message that names the limit', () => {
    const result = runWith('range x from 1 to 3000 step 1', 1000);
    expect(result.diagnostics.map((d) => d.message).join(' ')).toMatch(/more than 1000 rows, the row limit/);
    expect(result.rows.length).toBeLessThanOrEqual(1000);
  });

  it('stops a generator that would exhaust memory before it gets there', () => {
    const result = runWith('range x from 1 to 2000000000 step 1 | count', 10_000);
    expect(result.diagnostics.some((d) => d.severity === 'error' && /more than 40000 rows \(4 times the row limit of 10000\)/.test(d.message))).toBe(true);
  });

  it('lets an intermediate table exceed the result limit when the result itself is small, as Kusto does', () => {
    const result = runWith('range x from 1 to 3000 step 1 | count', 1000);
    expect(result.diagnostics).toEqual([]);
    expect(result.rows).toEqual([[3000]]);
  });

  it('stops a join that multiplies rows beyond the limit', () => {
    const result = runWith('let a = range x from 1 to 3000 step 1 | extend k = 1; a | join kind=inner (a) on k | count', 100_000);
    expect(result.diagnostics.some((d) => d.severity === 'error' && /`join` would build more than 400000 rows/.test(d.message))).toBe(true);
  });
});

describe('regexes are RE2, linear time', () => {
  it('evaluates a pattern that backtracks catastrophically in JavaScript', () => {
    const subject = `${'a'.repeat(5000)}b`;
    const result = runWith(`print m = "${subject}" matches regex "(a+)+$", e = extract("(a|aa)+c", 0, "${subject}")`);
    expect(result.rows).toEqual([[false, '']]);
  });

  it('rejects back-references with a diagnostic instead of a crash', () => {
    const compiled = compileQuery('print "aa" matches regex @"(a)\\1"', []);
    const result = compiled.ok ? compiled.run(new Map(), { now: NOW }) : { diagnostics: compiled.diagnostics, rows: [] };
    expect([...compiled.diagnostics, ...result.diagnostics].some((d) => d.severity === 'error')).toBe(true);
  });
});

describe('untrusted data', () => {
  it('treats __proto__ and constructor keys in dynamic values as ordinary data', () => {
    const result = runWith(`print d = parse_json('{"__proto__": {"polluted": 1}, "constructor": 2}') | extend k = bag_keys(d), p = d["__proto__"].polluted`);
    expect(result.rows[0]?.[1]).toEqual(['__proto__', 'constructor']);
    expect(result.rows[0]?.[2]).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
