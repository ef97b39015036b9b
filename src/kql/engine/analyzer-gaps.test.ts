/** Forms the pinned analyzer rejects but the Kusto service runs: evaluated, with a warning instead of an error. */
import { describe, expect, it } from 'vitest';
import { compileQuery } from './index.ts';
import { TEST_NOW } from './test-support.ts';

function evaluate(query: string) {
  const compiled = compileQuery(query, []);
  const result = compiled.run(new Map(), { now: TEST_NOW });
  return {
    ok: compiled.ok,
    columns: result.columns.map((c) => c.name),
    rows: result.rows,
    errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
    warnings: result.diagnostics.filter((d) => d.severity === 'warning'),
  };
}

describe('analyzer gaps the service accepts', () => {
  it('count(expr) counts every row of the group, nulls included', () => {
    const result = evaluate('range x from 1 to 3 step 1 | extend y = iff(x == 1, real(null), real(5)) | summarize count(y)');
    expect(result.errors).toEqual([]);
    expect(result.columns).toEqual(['count_y']);
    expect(result.rows).toEqual([[3]]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'KS107', line: 1 });
    expect(result.warnings[0]?.message).toContain('count(expr)');
  });

  it('make_timespan takes fractional seconds', () => {
    const result = evaluate('print t = make_timespan(0, 1, 2, 3.5)');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([[(3600n + 120n + 3n) * 10_000_000n + 5_000_000n]]);
  });

  it('bag_unpack takes ignoredProperties as a dynamic array', () => {
    const result = evaluate(
      "datatable(d:dynamic)[dynamic({'Name':'a','Age':1})] | evaluate bag_unpack(d, ignoredProperties=dynamic(['Age']))",
    );
    expect(result.errors).toEqual([]);
    expect(result.columns).toEqual(['Name']);
    expect(result.rows).toEqual([['a']]);
  });

  it('keeps blocking the same error codes anywhere else', () => {
    expect(evaluate('range x from 1 to 3 step 1 | summarize dcountif(x, x)').errors).toContain('KS107');
    expect(evaluate('range x from 1 to 3 step 1 | summarize countif(x)').errors).toContain('KS107');
    expect(evaluate("print t = make_timespan('a', 1)").ok).toBe(false);
  });
});
