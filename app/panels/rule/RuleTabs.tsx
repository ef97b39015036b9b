/** The Rule and Tests tabs of the workbench, bound to the rule being edited (use-rule-binding.ts). */
import { useMemo } from 'react';
import { validateRule } from '../../../src/rule/validate.ts';
import { AttackPicker } from '../../attack/AttackPicker.tsx';
import { useAttackStore } from '../../attack/attack-store.ts';
import { RuleForm } from './RuleForm.tsx';
import { TestsPanel } from './TestsPanel.tsx';
import { useRequiredTables } from './use-required-tables.ts';
import { useRuleBinding } from './use-rule-binding.ts';

export function RuleTab() {
  const { rule, onChange } = useRuleBinding();
  const catalog = useAttackStore((s) => s.catalog);
  // One rule's checks are cheap (no parsing): run on every change, no debounce.
  const issues = useMemo(() => validateRule(rule, catalog), [rule, catalog]);
  const requiredTables = useRequiredTables(rule.query);
  return (
    <RuleForm
      rule={rule}
      onChange={onChange}
      issues={issues}
      requiredTables={requiredTables}
      attackField={<AttackPicker mapping={rule.attack} onChange={(attack) => onChange({ ...rule, attack })} catalog={catalog} />}
      attackShowsIssues
    />
  );
}

export function TestsTab() {
  const { rule, onChange } = useRuleBinding();
  return <TestsPanel rule={rule} onChange={onChange} />;
}
