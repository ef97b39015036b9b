import type { AttackCatalog } from '../../../src/attack/stix.ts';
import { findTactic, LEGACY_TACTICS, V19_TACTICS, type Tactic } from '../../../src/attack/tactics.ts';
import type { Rule } from '../../../src/rule/model.ts';

/** One technique under one tactic, with the rules that cover it there. */
export interface CoverageCell {
  readonly technique: string;
  /** From the loaded ATT&CK catalog; null without one (the ID is shown). */
  readonly name: string | null;
  readonly ruleIds: readonly string[];
}

export interface CoverageColumn {
  readonly tactic: Tactic;
  /** Sorted by technique ID. */
  readonly cells: readonly CoverageCell[];
}

export interface Coverage {
  readonly columns: readonly CoverageColumn[];
  /** Techniques that no tactic could be found for (the rule lists none and no catalog knows it). */
  readonly unplaced: readonly CoverageCell[];
  readonly maxCount: number;
}

/** A rule's tactic as a v19 short name; a legacy `defense-evasion` counts as Stealth, which kept its ID. */
function tacticShortname(value: string): string | undefined {
  const legacy = LEGACY_TACTICS[value.trim().toLowerCase().replace(/[_\s]+/g, '-')];
  if (legacy) return legacy.replacedBy[0];
  return findTactic(value)?.shortname;
}

function catalogTactics(catalog: AttackCatalog, id: string): readonly string[] {
  const technique = catalog.techniques.get(id) ?? catalog.techniques.get(id.split('.')[0] ?? id);
  return technique?.tactics ?? [];
}

function techniqueName(catalog: AttackCatalog | null, id: string): string | null {
  return catalog?.techniques.get(id)?.name ?? null;
}

/**
 * Which techniques the library covers under which tactic. A technique sits under the tactics its rule lists for
 * it: with a catalog, the technique's own tactics that the rule also lists (or, when they share none, the
 * technique's tactics, so a mis-tagged rule still shows); without a catalog, the rule's tactics.
 */
export function computeCoverage(rules: readonly Rule[], catalog: AttackCatalog | null): Coverage {
  const byTactic = new Map<string, Map<string, Set<string>>>();
  const unplaced = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, technique: string, ruleId: string) => {
    const set = map.get(technique) ?? new Set<string>();
    set.add(ruleId);
    map.set(technique, set);
  };
  for (const rule of rules) {
    const ruleTactics = new Set(rule.attack.tactics.map(tacticShortname).filter((t): t is string => t !== undefined));
    for (const raw of new Set(rule.attack.techniques)) {
      const technique = raw.trim().toUpperCase();
      let tactics = [...ruleTactics];
      if (catalog) {
        const own = catalogTactics(catalog, technique);
        const shared = own.filter((t) => ruleTactics.has(t));
        tactics = shared.length > 0 ? shared : own.length > 0 ? [...own] : tactics;
      }
      if (tactics.length === 0) add(unplaced, technique, rule.id);
      for (const tactic of tactics) {
        const column = byTactic.get(tactic) ?? new Map<string, Set<string>>();
        byTactic.set(tactic, column);
        add(column, technique, rule.id);
      }
    }
  }
  const toCells = (map: Map<string, Set<string>> | undefined): CoverageCell[] =>
    [...(map ?? new Map<string, Set<string>>()).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([technique, ids]) => ({ technique, name: techniqueName(catalog, technique), ruleIds: [...ids] }));
  const columns = V19_TACTICS.map((tactic) => ({ tactic, cells: toCells(byTactic.get(tactic.shortname)) }));
  const all = [...columns.flatMap((c) => c.cells), ...toCells(unplaced)];
  return { columns, unplaced: toCells(unplaced), maxCount: all.reduce((max, cell) => Math.max(max, cell.ruleIds.length), 0) };
}

/** The heat level of a count: 0 (none) … 4 (five rules or more), one colour step each. */
export function heatLevel(count: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0) return 0;
  if (count === 1) return 1;
  if (count === 2) return 2;
  if (count <= 4) return 3;
  return 4;
}

export const HEAT_LEGEND: readonly { readonly level: 1 | 2 | 3 | 4; readonly label: string }[] = [
  { level: 1, label: '1 rule' },
  { level: 2, label: '2 rules' },
  { level: 3, label: '3–4 rules' },
  { level: 4, label: '5 or more' },
];

/** What a cell says to a screen reader and as its tooltip: `T1074.002 Remote Data Staging: 1 rule`. */
export function cellLabel(cell: CoverageCell): string {
  const count = cell.ruleIds.length;
  return `${cell.technique}${cell.name ? ` ${cell.name}` : ''}: ${count} ${count === 1 ? 'rule' : 'rules'}`;
}
