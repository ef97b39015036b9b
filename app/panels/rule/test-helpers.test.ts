import { describe, expect, it } from 'vitest';
import { newRule, type RuleTest } from '../../../src/rule/model.ts';
import type { TestOutcome } from '../../../src/rule/run-tests.ts';
import { browserRunnable, expectationFromEvaluation, removeTest, renameTest, summarizeOutcomes, uniqueTestName } from './test-helpers.ts';

const test = (name: string, extra: Partial<RuleTest> = {}): RuleTest => ({ name, expect: { match: true }, ...extra });
const outcome = (passed: boolean): TestOutcome => ({ name: 'x', passed, rows: 0, bySubdetection: {}, message: '', diagnostics: [] });

describe('test helpers', () => {
  it('runs inline events in the browser and leaves events files to the CLI', () => {
    expect(browserRunnable(test('file', { events_file: 'e.json' }))).toBeNull();
    expect(browserRunnable(test('both', { events: [{ Type: 'T' }], events_file: 'e.json' }))).toEqual(test('both', { events: [{ Type: 'T' }] }));
  });

  it('names a new test after the others', () => {
    expect(uniqueTestName([])).toBe('Events test 1');
    expect(uniqueTestName(['Events test 2', 'x'])).toBe('Events test 3');
    expect(uniqueTestName(['a', 'Events test 2'])).toBe('Events test 3');
  });

  it('expects what the rule did: rows, and the sub-detection when all rows came from one', () => {
    expect(expectationFromEvaluation({ rows: [], subdetections: [] })).toEqual({ match: false });
    expect(expectationFromEvaluation({ rows: [[], []], subdetections: ['A', 'A'] })).toEqual({ match: true, subdetection: 'A', rows: 2 });
    expect(expectationFromEvaluation({ rows: [[], []], subdetections: ['A', 'B'] })).toEqual({ match: true, rows: 2 });
    expect(expectationFromEvaluation({ rows: [[]], subdetections: [null] })).toEqual({ match: true, rows: 1 });
  });

  it('keeps methodology links through a rename and drops them with the test', () => {
    const rule = { ...newRule('id', '2026-01-01'), tests: [test('one'), test('two')], test_methodology: [{ name: 'm', expected_signal: '', tests: ['one', 'two'] }] };
    const renamed = renameTest(rule, 0, 'uno');
    expect(renamed.tests.map((t) => t.name)).toEqual(['uno', 'two']);
    expect(renamed.test_methodology[0]?.tests).toEqual(['uno', 'two']);
    const removed = removeTest(renamed, 1);
    expect(removed.tests.map((t) => t.name)).toEqual(['uno']);
    expect(removed.test_methodology[0]?.tests).toEqual(['uno']);
  });

  it('summarises outcomes', () => {
    expect(summarizeOutcomes([outcome(true), null, outcome(false), outcome(true)], 1)).toBe('2 passed, 1 failed, 1 only in the CLI');
    expect(summarizeOutcomes([outcome(true)], 0)).toBe('1 passed, 0 failed');
  });
});
