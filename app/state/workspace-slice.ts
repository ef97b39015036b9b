import type { StateCreator } from 'zustand';
import type { Rule } from '../../src/rule/model.ts';
import { initialLibrary } from './migrations.ts';
import type { AppState } from './store.ts';

/** The user's rules and which one the editor shows. Persisted (see migrations.ts). */
export interface WorkspaceSlice {
  readonly rules: readonly Rule[];
  /** The id of the rule open in the editor; always one of `rules`. */
  readonly activeRuleId: string;
  /** The KQL text of the active rule: what the editor shows. */
  readonly query: string;
  /**
   * Counts changes of the active rule's query that did not come from typing in the editor (opening another rule,
   * replacing it by an import), so the editor knows to load the new text.
   */
  readonly queryRevision: number;
  /** Sets the active rule's query (the editor calls this as the user types); a change also dates the rule. */
  setQuery(query: string): void;
  /** Replaces the active rule (the metadata form calls this); a change dates it unless `modified` was set. */
  updateActiveRule(next: Rule | ((rule: Rule) => Rule)): void;
  /** Makes a rule the one in the editor (app/panels/library/follow-active-rule.ts loads it and clears selections). */
  openRule(id: string): void;
}

/** Today as `YYYY-MM-DD` in the user's time zone, which is what a person means by "modified today". */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function findActive(rules: readonly Rule[], activeRuleId: string): Rule | undefined {
  return rules.find((r) => r.id === activeRuleId);
}

/** The library fields of the state after a change: the query always mirrors the active rule. */
export function libraryState(rules: readonly Rule[], activeRuleId: string): Pick<WorkspaceSlice, 'rules' | 'activeRuleId' | 'query'> {
  const active = findActive(rules, activeRuleId) ?? rules[0];
  return { rules, activeRuleId: active?.id ?? activeRuleId, query: active?.query ?? '' };
}

/** `next` with `modified` set to today when it differs from `previous`, unless the caller chose a date itself. */
export function dated(previous: Rule, next: Rule, today: string): Rule {
  if (next === previous) return previous;
  if (next.modified !== previous.modified) return next;
  const changed = JSON.stringify(next) !== JSON.stringify(previous);
  return changed && next.modified !== today ? { ...next, modified: today } : next;
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set, get) => {
  const initial = initialLibrary();
  return {
    ...libraryState(initial.rules, initial.activeRuleId),
    queryRevision: 0,
    setQuery: (query) => {
      const { rules, activeRuleId } = get();
      const active = findActive(rules, activeRuleId);
      if (!active || active.query === query) return;
      const today = localDate();
      const next: Rule = active.modified === today ? { ...active, query } : { ...active, query, modified: today };
      set({ rules: rules.map((r) => (r === active ? next : r)), query });
    },
    updateActiveRule: (update) => {
      const { rules, activeRuleId, query, queryRevision } = get();
      const active = findActive(rules, activeRuleId);
      if (!active) return;
      let next = dated(active, typeof update === 'function' ? update(active) : update, localDate());
      if (next === active) return;
      if (next.id !== active.id && (next.id === '' || rules.some((r) => r.id === next.id))) {
        // Two rules with one id could not be told apart (saving would quarantine the library); keep the old id.
        console.warn(`Rulebench: the id ${next.id || '(empty)'} is taken or empty; the rule keeps ${active.id}.`);
        next = { ...next, id: active.id };
      }
      const state = libraryState(rules.map((r) => (r === active ? next : r)), next.id);
      set({ ...state, queryRevision: state.query === query ? queryRevision : queryRevision + 1 });
    },
    openRule: (id) => {
      const { rules, activeRuleId, queryRevision } = get();
      if (id === activeRuleId || !findActive(rules, id)) return;
      set({ ...libraryState(rules, id), queryRevision: queryRevision + 1 });
    },
  };
};
