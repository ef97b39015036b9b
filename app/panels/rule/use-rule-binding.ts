/**
 * The rule the Rule and Tests tabs edit: the library's active rule (app/state/store.ts `useActiveRule` /
 * `updateActiveRule`), whose query is the editor's. One seam, so the panels never reach into the library.
 */
import type { Rule } from '../../../src/rule/model.ts';
import { updateActiveRule, useActiveRule } from '../../state/store.ts';

export interface RuleBinding {
  readonly rule: Rule;
  onChange(next: Rule): void;
}

export function useRuleBinding(): RuleBinding {
  return { rule: useActiveRule(), onChange: updateActiveRule };
}
