import type { AttackCatalog } from '../../../src/attack/stix.ts';
import type { Rule } from '../../../src/rule/model.ts';

/**
 * The tables a rule reads, for the list and search: its `tables` when the rule file has them, else the known
 * table names its query mentions. A cheap scan, not a compile: the list shows every rule at once.
 */
export function tablesOf(rule: Rule, knownTables: ReadonlySet<string>): readonly string[] {
  if (rule.tables.length > 0) return rule.tables;
  const found = new Set<string>();
  for (const word of rule.query.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) if (knownTables.has(word)) found.add(word);
  return [...found].sort();
}

/** What a search term is matched against: title, technique IDs and names, and tables. */
export function searchText(rule: Rule, tables: readonly string[], catalog: AttackCatalog | null): string {
  const names = rule.attack.techniques.map((id) => catalog?.techniques.get(id.toUpperCase())?.name ?? '');
  return [rule.title, ...rule.attack.techniques, ...names, ...tables].join('\n').toLowerCase();
}

/** Rules whose search text holds every whitespace-separated term of the query (case-insensitive). */
export function filterRules(
  rules: readonly Rule[],
  query: string,
  textOf: (rule: Rule) => string,
): readonly Rule[] {
  const terms = query.toLowerCase().split(/\s+/).filter((t) => t !== '');
  if (terms.length === 0) return rules;
  return rules.filter((rule) => {
    const text = textOf(rule);
    return terms.every((term) => text.includes(term));
  });
}

/** How a rule's title reads where it is shown; an empty title is still something to click. */
export function displayTitle(rule: Pick<Rule, 'title'>): string {
  return rule.title.trim() === '' ? 'Untitled rule' : rule.title;
}
