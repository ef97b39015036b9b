/** Pure parts of the Tests tab: what runs in the browser, names, expectations from an evaluation, the summary. */
import type { Rule, RuleTest, TestExpectation } from '../../../src/rule/model.ts';
import type { TestOutcome } from '../../../src/rule/run-tests.ts';
import type { Evaluation } from '../../workers/engine-protocol.ts';

/**
 * The test as the browser runs it: on its inline events only (there is no rule folder to read `events_file` from),
 * or null when it has none, so it is only run by `rulebench test`.
 */
export function browserRunnable(test: RuleTest): RuleTest | null {
  if (test.events === undefined) return null;
  const { events_file: _file, ...inline } = test;
  return inline;
}

/** `base 1`, `base 2`, … : the first name no test has. */
export function uniqueTestName(existing: readonly string[], base = 'Events test'): string {
  for (let n = existing.length + 1; ; n++) {
    const name = `${base} ${n}`;
    if (!existing.includes(name)) return name;
  }
}

/** What the rule did on these events, as an expectation: a match when it returned rows, from one sub-detection when all came from it. */
export function expectationFromEvaluation(evaluation: Pick<Evaluation, 'rows' | 'subdetections'>): TestExpectation {
  const rows = evaluation.rows.length;
  if (rows === 0) return { match: false };
  const subs = new Set(evaluation.subdetections);
  const [only] = subs;
  return { match: true, ...(subs.size === 1 && typeof only === 'string' ? { subdetection: only } : {}), rows };
}

/** Renames test `index`, keeping the methodology's links to it. */
export function renameTest(rule: Rule, index: number, name: string): Rule {
  const old = rule.tests[index]?.name;
  if (old === undefined) return rule;
  return {
    ...rule,
    tests: rule.tests.map((t, i) => (i === index ? { ...t, name } : t)),
    test_methodology: rule.test_methodology.map((m) => (m.tests.includes(old) ? { ...m, tests: m.tests.map((t) => (t === old ? name : t)) } : m)),
  };
}

/** Removes test `index` and the methodology's links to it (unless another test keeps the name). */
export function removeTest(rule: Rule, index: number): Rule {
  const name = rule.tests[index]?.name;
  if (name === undefined) return rule;
  const tests = rule.tests.filter((_, i) => i !== index);
  const stillNamed = tests.some((t) => t.name === name);
  return {
    ...rule,
    tests,
    test_methodology: stillNamed ? rule.test_methodology : rule.test_methodology.map((m) => ({ ...m, tests: m.tests.filter((t) => t !== name) })),
  };
}

/** "2 passed, 1 failed", plus how many only the CLI can run. */
export function summarizeOutcomes(outcomes: readonly (TestOutcome | null | undefined)[], cliOnly: number): string {
  const passed = outcomes.filter((o) => o?.passed === true).length;
  const failed = outcomes.filter((o) => o?.passed === false).length;
  return `${passed} passed, ${failed} failed${cliOnly > 0 ? `, ${cliOnly} only in the CLI` : ''}`;
}
