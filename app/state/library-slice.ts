import type { StateCreator } from 'zustand';
import { newRule, type Rule } from '../../src/rule/model.ts';
import { exampleRule } from '../examples.ts';
import type { AppState } from './store.ts';
import { findActive, libraryState, localDate } from './workspace-slice.ts';

/** A deleted rule kept so that "Undo" can put it back where it was. */
export interface DeletedRule {
  readonly rule: Rule;
  readonly index: number;
  readonly wasActive: boolean;
}

/** What to do with an imported rule whose id is already in the library. */
export type ConflictChoice = 'replace' | 'keep-both' | 'skip';

/** How long a deleted rule can be brought back. */
export const UNDO_DELETE_MS = 30_000;

/** Library actions; the rules themselves live in the workspace slice (they are what is saved). */
export interface LibrarySlice {
  /** The last deleted rule, until the next deletion or UNDO_DELETE_MS. Session only. */
  readonly lastDeleted: DeletedRule | null;
  /** Adds an empty rule after the others, opens it and returns its id. */
  createRule(): string;
  /** Adds a copy with a new id and " (copy)" after its title, right after the original; returns the new id. */
  duplicateRule(id: string): string | null;
  renameRule(id: string, title: string): void;
  /** Deletes a rule (never the last one: the editor always has a rule); returns whether it did. */
  deleteRule(id: string): boolean;
  undoDelete(): void;
  /**
   * Adds a rule from a file or a share link. A rule whose id is already taken is only added as the caller chose:
   * `replace` puts it in the old one's place, `keep-both` gives it a new id, `skip` leaves the library alone.
   * Returns the id it was stored under, or null when skipped.
   */
  importRule(rule: Rule, choice?: ConflictChoice): string | null;
  /** Opens the example rule, adding the published one back when it is no longer in the library. */
  openExample(): void;
}

export function newId(): string {
  return crypto.randomUUID();
}

export const createLibrarySlice: StateCreator<AppState, [], [], LibrarySlice> = (set, get) => {
  let forgetTimer: ReturnType<typeof setTimeout> | undefined;

  /** Sets the library, telling the editor to reload when the active rule or its text changed. */
  function commit(rules: readonly Rule[], activeRuleId: string, extra: Partial<AppState> = {}): void {
    const before = get();
    const next = libraryState(rules, activeRuleId);
    const reload = next.activeRuleId !== before.activeRuleId || next.query !== before.query;
    set({ ...next, ...extra, queryRevision: reload ? before.queryRevision + 1 : before.queryRevision });
  }

  return {
    lastDeleted: null,
    createRule: () => {
      const rule = newRule(newId(), localDate());
      commit([...get().rules, rule], rule.id);
      return rule.id;
    },
    duplicateRule: (id) => {
      const { rules, activeRuleId } = get();
      const index = rules.findIndex((r) => r.id === id);
      const original = rules[index];
      if (!original) return null;
      const copy: Rule = { ...original, id: newId(), title: `${original.title} (copy)`, date: localDate() };
      // A copy is a new rule: created today, not yet modified.
      delete copy.modified;
      commit([...rules.slice(0, index + 1), copy, ...rules.slice(index + 1)], activeRuleId);
      return copy.id;
    },
    renameRule: (id, title) => {
      const { rules, activeRuleId } = get();
      const today = localDate();
      commit(
        rules.map((r) => (r.id === id && r.title !== title ? { ...r, title, modified: today } : r)),
        activeRuleId,
      );
    },
    deleteRule: (id) => {
      const { rules, activeRuleId } = get();
      const index = rules.findIndex((r) => r.id === id);
      const rule = rules[index];
      if (!rule || rules.length <= 1) return false;
      const remaining = rules.filter((r) => r.id !== id);
      const wasActive = id === activeRuleId;
      const nextActive = wasActive ? (remaining[Math.min(index, remaining.length - 1)]?.id ?? activeRuleId) : activeRuleId;
      commit(remaining, nextActive, { lastDeleted: { rule, index, wasActive } });
      if (forgetTimer !== undefined) clearTimeout(forgetTimer);
      const deleted = get().lastDeleted;
      forgetTimer = setTimeout(() => {
        if (get().lastDeleted === deleted) set({ lastDeleted: null });
      }, UNDO_DELETE_MS);
      return true;
    },
    undoDelete: () => {
      const { rules, activeRuleId, lastDeleted } = get();
      if (!lastDeleted) return;
      if (forgetTimer !== undefined) clearTimeout(forgetTimer);
      // A rule with the same id may have been imported meanwhile; both are kept.
      const rule = rules.some((r) => r.id === lastDeleted.rule.id) ? { ...lastDeleted.rule, id: newId() } : lastDeleted.rule;
      const index = Math.min(lastDeleted.index, rules.length);
      commit([...rules.slice(0, index), rule, ...rules.slice(index)], lastDeleted.wasActive ? rule.id : activeRuleId, {
        lastDeleted: null,
      });
    },
    importRule: (rule, choice) => {
      const { rules, activeRuleId } = get();
      const index = rules.findIndex((r) => r.id === rule.id);
      if (index < 0 && rule.id !== '') {
        commit([...rules, rule], activeRuleId);
        return rule.id;
      }
      if (index >= 0 && choice === undefined) throw new Error(`A rule with the id ${rule.id} is already in the library; choose what to do.`);
      if (choice === 'skip') return null;
      if (choice === 'replace' && index >= 0) {
        commit(
          rules.map((r, i) => (i === index ? rule : r)),
          activeRuleId,
        );
        return rule.id;
      }
      const copy = { ...rule, id: newId() };
      commit([...rules, copy], activeRuleId);
      return copy.id;
    },
    openExample: () => {
      const example = exampleRule();
      const { rules } = get();
      if (findActive(rules, example.id)) {
        get().openRule(example.id);
      } else {
        commit([...rules, example], example.id);
      }
    },
  };
};
