/** The shipped example rule, for the Sentinel export tests: each call parses a fresh copy to change freely. */
import type { Rule } from '../rule/model.ts';
import { parseRuleFile } from '../rule/yaml.ts';
import { builtInTables } from '../schema/catalog.ts';
// Through Vite's ?raw (as the app loads its examples) rather than node:fs: src/ stays free of Node built-ins.
import EXAMPLE_TEXT from '../../public/examples/t1074-002-remote-data-staging.rule.yml?raw';

/** Sentinel's flavour of the Defender tables (TimeGenerated, TenantId, …), as the export compiles against. */
export const SCHEMA = builtInTables({ sentinelColumns: true });

export function exampleRule(change: (rule: Rule) => void = () => {}): Rule {
  const parsed = parseRuleFile(EXAMPLE_TEXT, 'example.rule.yml');
  if (!parsed.rule) throw new Error('the example rule does not parse');
  change(parsed.rule);
  return parsed.rule;
}
