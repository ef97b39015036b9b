import { describe, expect, test } from 'vitest';
import { parseDatetime } from '../values/index.ts';
import { type PlainSyntaxNode, parseSyntaxTree } from './syntax-tree.ts';

function literals(node: PlainSyntaxNode | null, out: unknown[] = []): unknown[] {
  if (!node) return out;
  if ((node.kind === 'DateTimeLiteralExpression' || node.kind === 'TimespanLiteralExpression') && node.hasLiteral) out.push(node.literal);
  for (const c of node.children) literals(c, out);
  return out;
}

describe('datetime and timespan literals keep 100 ns precision', () => {
  test('datetime(…) with 7 fraction digits and time(d.hh:mm:ss.f) forms', () => {
    const { tree } = parseSyntaxTree(
      'print datetime(2017-10-30 01:02:03.7654321), time(29.09:00:05.12345), time(02:03:04), 1d, time(1.5h), datetime(null), -1tick',
      [],
    );
    expect(literals(tree)).toEqual([
      parseDatetime('2017-10-30T01:02:03.7654321Z'),
      29n * 864_000_000_000n + 9n * 36_000_000_000n + 5n * 10_000_000n + 1_234_500n,
      2n * 36_000_000_000n + 3n * 600_000_000n + 4n * 10_000_000n,
      864_000_000_000n,
      54_000_000_000n,
      null,
      1n,
    ]);
  });
});
