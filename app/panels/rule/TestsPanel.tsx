/**
 * The rule's tests, run live in the engine worker as the query or the tests change, with a way to turn the events
 * being looked at into a new test whose expectation is what the rule does on them now.
 */
import { useEffect, useMemo, useState } from 'react';
import { tableSchemaFingerprint } from '../../../src/schema/catalog.ts';
import type { TableSchema } from '../../../src/schema/types.ts';
import type { Rule, RuleTest, TestExpectation } from '../../../src/rule/model.ts';
import type { TestOutcome } from '../../../src/rule/run-tests.ts';
import { useEventsStore } from '../../state/events-slice.ts';
import { useAppStore } from '../../state/store.ts';
import { useAllTables } from '../../state/tables.ts';
import { engineClient } from '../../workers/engine-client.ts';
import type { EventsSelection } from '../../workers/engine-protocol.ts';
import { MAX_TEST_EVENTS } from './event-records.ts';
import { browserRunnable, expectationFromEvaluation, removeTest, renameTest, summarizeOutcomes, uniqueTestName } from './test-helpers.ts';

/** Edits closer together than this run the tests once; a stale run's result is dropped (latest wins). */
const RUN_DELAY_MS = 300;

/** What the panel needs of the engine worker (a fake in component tests). */
export interface TestsEngine {
  runRuleTests(query: string, tests: readonly RuleTest[], tables: readonly TableSchema[], schemaKey: string): Promise<readonly TestOutcome[]>;
  eventsAsRecords(events: readonly EventsSelection[], tables: readonly TableSchema[], schemaKey: string, limit?: number): Promise<{ total: number; records: readonly Record<string, unknown>[] | null }>;
}

export interface TestsPanelProps {
  readonly rule: Rule;
  readonly onChange: (next: Rule) => void;
  /** Defaults to the page's engine worker. */
  readonly engine?: TestsEngine;
}

interface RunState {
  /** Per test (same order as `rule.tests` when run), its outcome; null: not run in the browser. */
  readonly outcomes: readonly (TestOutcome | null)[];
  readonly running: boolean;
  readonly error: string | null;
}

function useTestRuns(rule: Rule, engine: TestsEngine | undefined): RunState {
  const tables = useAllTables();
  const schemaKey = useMemo(() => tableSchemaFingerprint(tables), [tables]);
  const [state, setState] = useState<RunState>({ outcomes: [], running: false, error: null });
  const { query, tests } = rule;

  useEffect(() => {
    let cancelled = false;
    const runnable = tests.map(browserRunnable);
    const toRun = runnable.filter((t): t is RuleTest => t !== null);
    if (toRun.length === 0) {
      setState({ outcomes: runnable.map(() => null), running: false, error: null });
      return;
    }
    setState((s) => ({ ...s, running: true }));
    const timer = setTimeout(() => {
      (engine ?? engineClient())
        .runRuleTests(query, toRun, tables, schemaKey)
        .then((results) => {
          if (cancelled) return;
          let next = 0;
          setState({ outcomes: runnable.map((t) => (t === null ? null : (results[next++] ?? null))), running: false, error: null });
        })
        .catch((error: unknown) => {
          if (!cancelled) setState({ outcomes: [], running: false, error: error instanceof Error ? error.message : String(error) });
        });
    }, RUN_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, tests, tables, schemaKey, engine]);
  return state;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function ExpectationEditor({ test, index, subdetections, onChange }: { test: RuleTest; index: number; subdetections: readonly string[]; onChange: (expect: TestExpectation) => void }) {
  const n = index + 1;
  const { match, subdetection, rows } = test.expect;
  const base = `rule-test-${index}`;
  // A sub-detection the outline no longer has (renamed in the query) stays selectable, marked.
  const names = subdetection !== undefined && !subdetections.includes(subdetection) ? [...subdetections, subdetection] : subdetections;
  return (
    <div className="rb-inline-fields rb-test-expect">
      <div className="rb-field">
        <label htmlFor={`${base}-match`} className="rb-field-label">
          Expectation of test {n}
        </label>
        <select
          id={`${base}-match`}
          value={match ? 'match' : 'no-match'}
          onChange={(e) => {
            const wantsMatch = e.target.value === 'match';
            // Rows only count for a match: "no match" means zero rows.
            onChange(wantsMatch ? { ...test.expect, match: true } : { match: false, ...(subdetection !== undefined ? { subdetection } : {}) });
          }}
        >
          <option value="match">Match</option>
          <option value="no-match">No match</option>
        </select>
      </div>
      <div className="rb-field">
        <label htmlFor={`${base}-sub`} className="rb-field-label">
          Sub-detection of test {n}
        </label>
        <select
          id={`${base}-sub`}
          value={subdetection ?? ''}
          onChange={(e) => {
            const { subdetection: _old, ...rest } = test.expect;
            onChange(e.target.value === '' ? rest : { ...rest, subdetection: e.target.value });
          }}
        >
          <option value="">Any (the whole query)</option>
          {names.map((name) => (
            <option key={name} value={name}>
              {subdetections.includes(name) ? name : `${name} (not in the query)`}
            </option>
          ))}
        </select>
      </div>
      <div className="rb-field">
        <label htmlFor={`${base}-rows`} className="rb-field-label">
          Rows of test {n}
        </label>
        <input
          id={`${base}-rows`}
          type="number"
          min={1}
          step={1}
          placeholder="any"
          disabled={!match}
          value={match && rows !== undefined ? String(rows) : ''}
          onChange={(e) => {
            const { rows: _old, ...rest } = test.expect;
            const value = Number(e.target.value);
            onChange(e.target.value.trim() === '' || !Number.isInteger(value) ? rest : { ...rest, rows: value });
          }}
        />
      </div>
    </div>
  );
}

function TestItem({ test, index, outcome, running, subdetections, rule, onChange }: {
  test: RuleTest; index: number; outcome: TestOutcome | null | undefined; running: boolean; subdetections: readonly string[]; rule: Rule; onChange: (next: Rule) => void;
}) {
  const n = index + 1;
  const runnable = test.events !== undefined;
  const badge = !runnable ? { cls: 'skipped', text: 'Not run' } : outcome ? (outcome.passed ? { cls: 'passed', text: 'Passed' } : { cls: 'failed', text: 'Failed' }) : { cls: 'pending', text: 'Running…' };
  return (
    <li className={`rb-test rb-test-${badge.cls}`} aria-busy={running}>
      <div className="rb-test-head">
        <span className={`rb-test-badge ${badge.cls}`}>{badge.text}</span>
        <label htmlFor={`rule-test-${index}-name`} className="visually-hidden">
          Name of test {n}
        </label>
        <input id={`rule-test-${index}-name`} className="rb-test-name" value={test.name} onChange={(e) => onChange(renameTest(rule, index, e.target.value))} />
        <button type="button" onClick={() => onChange(removeTest(rule, index))} aria-label={`Remove test ${n}`}>
          Remove
        </button>
      </div>
      <ExpectationEditor
        test={test}
        index={index}
        subdetections={subdetections}
        onChange={(expect) => onChange({ ...rule, tests: rule.tests.map((t, i) => (i === index ? { ...t, expect } : t)) })}
      />
      <p className="muted rb-test-facts">
        {test.events !== undefined ? plural(test.events.length, 'event') : null}
        {test.events_file !== undefined ? `${test.events !== undefined ? ' · ' : ''}events file: only in the CLI` : null}
        {test.now !== undefined ? ` · now ${test.now}` : null}
      </p>
      {outcome ? (
        <>
          <p className="rb-test-message">{outcome.message}</p>
          {outcome.diagnostics.length > 0 ? (
            <ul className="rb-test-diagnostics">
              {outcome.diagnostics.slice(0, 5).map((d, i) => (
                <li key={i} className={d.severity === 'error' ? 'rb-issue-error' : 'rb-issue-warning'}>
                  {d.code}: {d.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

export function TestsPanel({ rule, onChange, engine }: TestsPanelProps) {
  const { outcomes, running, error } = useTestRuns(rule, engine);
  const outline = useAppStore((s) => s.outline);
  const subdetections = useMemo(() => outline.map((o) => o.name), [outline]);
  const hasEvents = useEventsStore((s) => s.eventSources.length > 0);
  const tables = useAllTables();
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'refused'; text: string } | null>(null);
  const cliOnly = rule.tests.filter((t) => t.events === undefined).length;

  const saveCurrentEvents = async (): Promise<void> => {
    const { eventSources, evaluation } = useEventsStore.getState();
    if (eventSources.length === 0) return setNotice({ kind: 'refused', text: 'Load sample events first: a test is made of the events loaded now.' });
    const result = evaluation.result;
    // A running evaluation means the shown result is for an older query or other events: its expectation would be wrong.
    if (!result || evaluation.running) return setNotice({ kind: 'refused', text: 'The rule has not run on these events yet; try again in a moment.' });
    if (!result.compiled) return setNotice({ kind: 'refused', text: 'The query does not compile, so there is no result to expect: fix it first.' });
    setSaving(true);
    try {
      const schemaKey = tableSchemaFingerprint(tables);
      const selection = eventSources.map((s) => ({ id: s.id, excludedTables: s.excludedTables, excludedRows: s.excludedRows ?? [] }));
      const { total, records } = await (engine ?? engineClient()).eventsAsRecords(selection, tables, schemaKey, MAX_TEST_EVENTS);
      if (records === null) {
        setNotice({ kind: 'refused', text: `${plural(total, 'event')} are loaded; a test keeps at most ${MAX_TEST_EVENTS.toLocaleString('en-US')} because they are stored in the rule file. Remove events and try again.` });
        return;
      }
      if (records.length === 0) {
        setNotice({ kind: 'refused', text: 'No events are loaded (all were removed).' });
        return;
      }
      const name = uniqueTestName(rule.tests.map((t) => t.name));
      const test: RuleTest = { name, events: [...records], now: result.nowIso, expect: expectationFromEvaluation(result) };
      onChange({ ...rule, tests: [...rule.tests, test] });
      setNotice({ kind: 'ok', text: `Saved ${plural(records.length, 'event')} as ${name}.` });
    } catch (e) {
      setNotice({ kind: 'refused', text: `Could not save the events: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="rb-tests" aria-labelledby="rule-tests-heading">
      <h3 id="rule-tests-heading">Tests</h3>
      <p role="status" className="rb-tests-summary" aria-busy={running}>
        {rule.tests.length === 0 ? 'No tests yet' : summarizeOutcomes(outcomes, cliOnly)}
      </p>
      {error ? (
        <p role="alert" className="rb-issue-error">
          The tests could not run: {error}
        </p>
      ) : null}
      <div className="rb-tests-actions">
        <button type="button" onClick={() => void saveCurrentEvents()} disabled={saving || !hasEvents}>
          Save current events as a test
        </button>
        {!hasEvents ? <span className="muted"> Load sample events to make a test of them.</span> : null}
      </div>
      {notice ? (
        <p className={notice.kind === 'ok' ? 'rb-tests-notice' : 'rb-tests-notice rb-issue-error'} role={notice.kind === 'refused' ? 'alert' : undefined} aria-live="polite">
          {notice.text}
        </p>
      ) : null}
      <ol className="rb-test-list" aria-label="Rule tests">
        {rule.tests.map((test, index) => (
          <TestItem key={index} test={test} index={index} outcome={outcomes[index]} running={running} subdetections={subdetections} rule={rule} onChange={onChange} />
        ))}
      </ol>
    </section>
  );
}
