import type { StorageValue } from 'zustand/middleware';
import { EXAMPLE_QUERY, exampleRule } from '../examples.ts';
import { newRule, type Rule } from '../../src/rule/model.ts';
import type { CustomTableEntry } from './schema-slice.ts';

/** What is saved: user data only, never actions or session state. */
export interface PersistedState {
  /** Every rule of the library, in the order the user sees them. */
  readonly rules: readonly Rule[];
  /** The rule open in the editor; always the id of one of `rules`. */
  readonly activeRuleId: string;
  readonly customTables: readonly CustomTableEntry[];
}

/** Version 1 saved a single query. */
export interface PersistedStateV1 {
  readonly query: string;
  readonly customTables: readonly CustomTableEntry[];
}

export const STORAGE_KEY = 'rulebench:workspace';
export const STORAGE_VERSION = 2;

function isCustomTableEntry(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const table = (value as { table?: unknown }).table;
  if (typeof table !== 'object' || table === null) return false;
  const { name, columns } = table as { name?: unknown; columns?: unknown };
  return typeof name === 'string' && Array.isArray(columns);
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Says what is wrong with a saved rule, or null. Only what the UI relies on is required; the rest is filled in. */
export function ruleProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a rule';
  const rule = value as Record<string, unknown>;
  if (typeof rule.id !== 'string' || rule.id === '') return 'has no id';
  if (typeof rule.query !== 'string') return 'has a query that is not text';
  if ('title' in rule && typeof rule.title !== 'string') return 'has a title that is not text';
  if ('level' in rule && typeof rule.level !== 'string') return 'has a level that is not text';
  if ('tables' in rule && !isStringList(rule.tables)) return 'has tables that are not a list of names';
  if ('attack' in rule) {
    const attack = rule.attack as Record<string, unknown> | null;
    if (typeof attack !== 'object' || attack === null) return 'has an ATT&CK mapping that is not an object';
    if ('tactics' in attack && !isStringList(attack.tactics)) return 'has ATT&CK tactics that are not a list of names';
    if ('techniques' in attack && !isStringList(attack.techniques)) return 'has ATT&CK techniques that are not a list of IDs';
  }
  return null;
}

export function validatePersisted(value: StorageValue<unknown>): string | null {
  const state = value.state;
  if (typeof state !== 'object' || state === null) return 'no saved state object';
  const record = state as Record<string, unknown>;
  if ('query' in record && typeof record.query !== 'string') return 'the saved query is not text';
  if ('rules' in record) {
    if (!Array.isArray(record.rules)) return 'the saved rules are not a list';
    for (const [index, rule] of record.rules.entries()) {
      const problem = ruleProblem(rule);
      if (problem !== null) return `saved rule ${index + 1} ${problem}`;
    }
    const ids = new Set<string>();
    for (const rule of record.rules as { id: string }[]) {
      if (ids.has(rule.id)) return `two saved rules have the id ${rule.id}`;
      ids.add(rule.id);
    }
  }
  if ('activeRuleId' in record && typeof record.activeRuleId !== 'string') return 'the saved active rule is not an id';
  if ('customTables' in record) {
    if (!Array.isArray(record.customTables)) return 'the saved custom tables are not a list';
    const broken = record.customTables.findIndex((entry: unknown) => !isCustomTableEntry(entry));
    if (broken >= 0) return `saved custom table ${broken + 1} is not a table definition`;
  }
  return null;
}

/**
 * A validated saved rule with every field the model has: a rule saved by an older or newer Rulebench may lack
 * some, and the UI must not crash on them. Fields it has are kept as they are.
 */
export function completeRule(saved: Rule): Rule {
  const defaults = newRule(saved.id, typeof saved.date === 'string' ? saved.date : '');
  const attack = typeof saved.attack === 'object' && saved.attack !== null ? saved.attack : defaults.attack;
  return {
    ...defaults,
    ...saved,
    attack: { tactics: attack.tactics ?? [], techniques: attack.techniques ?? [] },
    sentinel: { ...defaults.sentinel, ...(saved.sentinel ?? {}) },
  };
}

/** The library the first visit opens with: the example rule, active. */
export function initialLibrary(): Pick<PersistedState, 'rules' | 'activeRuleId'> {
  const example = exampleRule();
  return { rules: [example], activeRuleId: example.id };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Brings state saved by an older Rulebench up to the current shape, never discarding what it holds.
 * Versions 0 and 1 saved one query: it becomes the query of the example rule (whose metadata comes from the
 * shipped rule file); when it differs from the published text, the saved text is what is kept.
 */
export function migratePersisted(persisted: unknown, fromVersion: number): PersistedState {
  const record = (typeof persisted === 'object' && persisted !== null ? persisted : {}) as Record<string, unknown>;
  if (fromVersion > STORAGE_VERSION) {
    // Saved by a newer Rulebench: keep what we understand; the raw copy is untouched by this read.
    console.warn(`Rulebench: workspace saved by a newer version (${fromVersion}); loading the fields this version knows.`);
  }
  const customTables = Array.isArray(record.customTables) ? (record.customTables as CustomTableEntry[]) : [];
  if (Array.isArray(record.rules) && record.rules.length > 0) {
    return { ...normaliseLibrary(record.rules as Rule[], record.activeRuleId), customTables };
  }
  const example = exampleRule();
  const savedQuery = typeof record.query === 'string' ? record.query : EXAMPLE_QUERY;
  const rule: Rule = savedQuery === example.query ? example : { ...example, query: savedQuery, modified: today() };
  return { rules: [rule], activeRuleId: rule.id, customTables };
}

/** Completes each rule and makes sure the active id names one of them (the first, when it does not). */
export function normaliseLibrary(saved: readonly Rule[], activeRuleId: unknown): Pick<PersistedState, 'rules' | 'activeRuleId'> {
  if (saved.length === 0) return initialLibrary();
  const rules = saved.map(completeRule);
  const active = typeof activeRuleId === 'string' && rules.some((r) => r.id === activeRuleId) ? activeRuleId : rules[0]!.id;
  return { rules, activeRuleId: active };
}
