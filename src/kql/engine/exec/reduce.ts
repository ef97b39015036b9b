/**
 * `reduce`: groups strings by a pattern of their frequent terms. A simplified model of Kusto's algorithm: values are
 * split into terms (runs of ASCII letters and digits; `characters=` adds separators, which patterns drop); a term
 * is frequent when at least max(2, threshold × rows) values contain it; a value's pattern keeps its frequent terms
 * and the default separators, every other run becomes one `*`. Values whose pattern is only `*` go to `others`.
 */
import type { KqlValue } from '../../values/value.ts';
import { toKqlString } from '../../values/index.ts';
import type { TabularPlan } from '../plan.ts';
import type { CompileEnv, TableFunction } from './runtime.ts';
import { compileScalar } from './scalar.ts';
import { compileTabular } from './tabular.ts';

type Piece = { readonly term: boolean; readonly text: string };

function isWordChar(ch: string): boolean {
  return /^[A-Za-z0-9]$/.test(ch);
}

function split(value: string, extra: ReadonlySet<string>): Piece[] {
  const pieces: Piece[] = [];
  let current = '';
  let currentIsTerm = true;
  const flush = (): void => {
    if (current) pieces.push({ term: currentIsTerm, text: current });
    current = '';
  };
  for (const ch of value) {
    if (extra.has(ch)) {
      flush();
      pieces.push({ term: false, text: '' });
      continue;
    }
    const term = isWordChar(ch);
    if (term !== currentIsTerm) flush();
    currentIsTerm = term;
    current += ch;
  }
  flush();
  return pieces;
}

export function reducePatterns(values: readonly string[], threshold: number, characters: string | null): string[] {
  const extra = new Set(characters ? Array.from(characters) : []);
  const split_ = values.map((v) => split(v, extra));
  const frequency = new Map<string, number>();
  for (const pieces of split_) {
    for (const term of new Set(pieces.filter((p) => p.term).map((p) => p.text))) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  }
  const minimum = Math.max(2, threshold * values.length);
  return split_.map((pieces) => {
    let pattern = '';
    let wildcard = false;
    let kept = false;
    for (const p of pieces) {
      if (p.term && (frequency.get(p.text) ?? 0) >= minimum) {
        pattern += p.text;
        wildcard = false;
        kept = true;
      } else if (!p.term && p.text !== '') {
        pattern += p.text;
        wildcard = false;
      } else if (p.term && !wildcard) {
        pattern += '*';
        wildcard = true;
      }
    }
    return kept ? pattern : 'others';
  });
}

export function compileReduce(plan: Extract<TabularPlan, { kind: 'reduce' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const expr = compileScalar(plan.expr, env);
  const exprType = plan.expr.type;
  const { columns, threshold, characters } = plan;
  return () => {
    const source = input();
    const values = source.rows.map((row) => toKqlString(expr(row), exprType));
    const patterns = reducePatterns(values, threshold, characters);
    const groups = new Map<string, { count: number; representative: string }>();
    patterns.forEach((pattern, i) => {
      const group = groups.get(pattern);
      if (group) group.count++;
      else groups.set(pattern, { count: 1, representative: pattern === 'others' ? '' : (values[i] ?? '') });
    });
    if (plan.source) {
      const width = plan.input.columns.length;
      const rows = source.rows.map((row, i) => {
        const pattern = patterns[i] ?? 'others';
        const group = groups.get(pattern);
        const extra: Record<string, KqlValue> = { Pattern: pattern, Count: group?.count ?? 0, Representative: group?.representative ?? '' };
        return columns.map((c, ci) => (ci < width ? (row[ci] ?? null) : (extra[c.name] ?? null)));
      });
      return { columns, rows };
    }
    const ordered = [...groups.entries()].sort((a, b) => Number(a[0] === 'others') - Number(b[0] === 'others'));
    return { columns, rows: ordered.map(([pattern, g]) => [pattern, g.count, g.representative]) };
  };
}
