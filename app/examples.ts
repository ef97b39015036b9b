// The published T1074.002 rule, bundled so a first visit opens with it without a network round trip.
import exampleQuery from '../public/examples/t1074-002-remote-data-staging.kql?raw';
import exampleRuleText from '../public/examples/t1074-002-remote-data-staging.rule.yml?raw';
import { newRule, type Rule } from '../src/rule/model.ts';
import { parseRuleFile } from '../src/rule/yaml.ts';

export const EXAMPLE_QUERY: string = exampleQuery;
export const EXAMPLE_NAME = 'T1074.002 Remote Data Staging';
export const EXAMPLE_RULE_FILE = 't1074-002-remote-data-staging.rule.yml';
/** Used only if the shipped rule file cannot be read, so that the example still has a stable identity. */
const FALLBACK_EXAMPLE_ID = '5b0e7a1c-3f0d-4c47-9d3e-7e1f2a0b7402';

let example: Rule | undefined;

/**
 * The example rule: metadata from the shipped `.rule.yml`, the query from the `.kql` (the text exactly as
 * published, which the first visit shows, whatever block style the rule file uses for it).
 */
export function exampleRule(): Rule {
  if (example) return example;
  const { rule, diagnostics } = parseRuleFile(exampleRuleText, EXAMPLE_RULE_FILE);
  if (rule) {
    example = { ...rule, query: EXAMPLE_QUERY };
  } else {
    // A broken build artefact must not stop the IDE from opening; the rule keeps its query and is saved as usual.
    console.error('Rulebench: the shipped example rule file could not be read', diagnostics);
    example = { ...newRule(FALLBACK_EXAMPLE_ID, '2025-01-01', EXAMPLE_QUERY), title: EXAMPLE_NAME };
  }
  return example;
}
