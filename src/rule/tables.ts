/** The tables a rule's query reads, derived from its compiled plan (a rule file's `tables` is written from this). */
import { compileQuery } from '../kql/engine/index.ts';
import type { TableSchema } from '../schema/types.ts';

/** Sorted, unique; [] when the query does not compile (the diagnostics say why elsewhere). */
export function requiredTables(query: string, schema: readonly TableSchema[]): string[] {
  const compiled = compileQuery(query, schema);
  if (!compiled.ok || !compiled.plan) return [];
  const names = new Set<string>();
  const seen = new Set<object>();
  // Walk every object the plan holds rather than each operator's inputs: tables also hide in scalar
  // subqueries (toscalar, `in (T | …)`), and a generic walk cannot miss a newly added operator.
  const stack: unknown[] = [compiled.plan];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (!Array.isArray(node) && (node as { kind?: unknown }).kind === 'table' && typeof (node as { name?: unknown }).name === 'string') {
      names.add((node as { name: string }).name);
      continue;
    }
    for (const value of Array.isArray(node) ? node : Object.values(node)) if (value !== null && typeof value === 'object') stack.push(value);
  }
  return [...names].sort();
}
