// @vitest-environment jsdom
import { act, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newRule, type Rule, type RuleTest } from '../../../src/rule/model.ts';
import type { TestOutcome } from '../../../src/rule/run-tests.ts';
import { useEventsStore, type LoadedSource } from '../../state/events-slice.ts';
import { useAppStore } from '../../state/store.ts';
import { mountPerTest } from '../../test-support/react-root.ts';
import type { Evaluation, EventsSelection } from '../../workers/engine-protocol.ts';
import { TestsPanel, type TestsEngine } from './TestsPanel.tsx';

const view = mountPerTest();
const HOSTILE = '<img src=x onerror="alert(1)">';

/** Passes a test when its expectation is "match" (enough to see the panel follow edits). */
function fakeEngine(records: Record<string, unknown>[] = [{ Type: 'DeviceProcessEvents', FileName: 'xcopy.exe' }], total = records.length) {
  const runs: { query: string; tests: readonly RuleTest[] }[] = [];
  const selections: (readonly EventsSelection[])[] = [];
  const engine: TestsEngine = {
    runRuleTests: async (query, tests) => {
      runs.push({ query, tests });
      return tests.map((t): TestOutcome => ({
        name: t.name, passed: t.expect.match, rows: 1, bySubdetection: { A: 1 }, message: `${t.expect.match ? 'passed' : 'failed'}: ${HOSTILE}`, diagnostics: [],
      }));
    },
    eventsAsRecords: async (events, _tables, _key, limit) => {
      selections.push(events);
      return { total, records: limit !== undefined && total > limit ? null : records };
    },
  };
  return { engine, runs, selections };
}

function mount(initial: Rule, engine: TestsEngine): { latest: () => Rule } {
  let current = initial;
  function Harness() {
    const [rule, setRule] = useState(initial);
    return <TestsPanel rule={rule} engine={engine} onChange={(next) => { current = next; setRule(next); }} />;
  }
  view.render(<Harness />);
  return { latest: () => current };
}

const settle = async (): Promise<void> => {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(350);
  });
};
const status = (): string => view.host.querySelector('[role="status"]')?.textContent ?? '';
function choose(element: HTMLSelectElement, value: string): void {
  act(() => {
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const source: LoadedSource = { id: 's1', name: 'events.json', text: '[]', excludedTables: ['X'], excludedRows: [{ table: 'T', row: 2 }], addedAt: '', summaries: [], diagnostics: [] };
const evaluation = (rows: number, subs: (string | null)[]): Evaluation => ({
  compiled: true, columns: [], rows: Array.from({ length: rows }, () => []), subdetections: subs, rowSources: [], rowTimes: [], matched: [], funnels: [], verdict: null,
  elapsedMs: 1, diagnostics: [], nowIso: '2026-11-24T17:31:00Z', nowReason: 'latest-event', latestEventIso: null,
});

beforeEach(() => {
  vi.useFakeTimers();
  useAppStore.setState({ outline: [{ name: 'A', startLine: 1, endLine: 2, reachesResult: true, colorIndex: 0 }, { name: 'B', startLine: 3, endLine: 4, reachesResult: true, colorIndex: 1 }] });
  useEventsStore.setState({ eventSources: [source], evaluation: { result: evaluation(2, ['A', 'A']), running: false, error: null } });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TestsPanel', () => {
  it('runs inline tests in the engine, shows badges, messages as text and the summary; events files are left to the CLI', async () => {
    const { engine, runs } = fakeEngine();
    const tests: RuleTest[] = [
      { name: 'hit', events: [{ Type: 'T' }, { Type: 'T' }], expect: { match: true } },
      { name: 'quiet', events: [{ Type: 'T' }], expect: { match: false } },
      { name: 'from file', events_file: 'benign.json', expect: { match: false } },
    ];
    mount({ ...newRule('id', '2026-01-01', 'T'), tests }, engine);
    await settle();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.tests.map((t) => t.name)).toEqual(['hit', 'quiet']);
    expect(status()).toBe('1 passed, 1 failed, 1 only in the CLI');
    const items = [...view.host.querySelectorAll('.rb-test')];
    expect(items.map((li) => li.querySelector('.rb-test-badge')?.textContent)).toEqual(['Passed', 'Failed', 'Not run']);
    expect(items[0]?.querySelector('.rb-test-facts')?.textContent).toBe('2 events');
    expect(items[2]?.querySelector('.rb-test-facts')?.textContent).toBe('events file: only in the CLI');
    expect(items[0]?.querySelector('.rb-test-message')?.textContent).toBe(`passed: ${HOSTILE}`);
    expect(view.host.querySelector('img')).toBeNull();
  });

  it('edits the expectation and re-runs once after a pause (latest wins)', async () => {
    const { engine, runs } = fakeEngine();
    const form = mount({ ...newRule('id', '2026-01-01', 'T'), tests: [{ name: 'hit', events: [{ Type: 'T' }], expect: { match: true, rows: 2 } }] }, engine);
    await settle();
    expect(status()).toBe('1 passed, 0 failed');
    const sub = view.byLabel<HTMLSelectElement>('Sub-detection of test 1');
    expect([...sub.options].map((o) => o.textContent)).toEqual(['Any (the whole query)', 'A', 'B']);
    choose(sub, 'B');
    choose(view.byLabel<HTMLSelectElement>('Expectation of test 1'), 'no-match');
    expect(form.latest().tests[0]?.expect).toEqual({ match: false, subdetection: 'B' });
    expect(view.byLabel<HTMLInputElement>('Rows of test 1').disabled).toBe(true);
    await settle();
    expect(runs).toHaveLength(2);
    expect(status()).toBe('0 passed, 1 failed');
  });

  it('saves the loaded events as a test expecting what the rule does now', async () => {
    const { engine, selections } = fakeEngine();
    const form = mount(newRule('id', '2026-01-01', 'T'), engine);
    expect(status()).toBe('No tests yet');
    await act(async () => {
      view.button('Save current events as a test').click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(selections[0]).toEqual([{ id: 's1', excludedTables: ['X'], excludedRows: [{ table: 'T', row: 2 }] }]);
    expect(form.latest().tests).toEqual([
      { name: 'Events test 1', events: [{ Type: 'DeviceProcessEvents', FileName: 'xcopy.exe' }], now: '2026-11-24T17:31:00Z', expect: { match: true, subdetection: 'A', rows: 2 } },
    ]);
    await settle();
    expect(status()).toBe('1 passed, 0 failed');

    // Renaming and removing.
    const name = view.byLabel<HTMLInputElement>('Name of test 1');
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(name, 'xcopy');
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(form.latest().tests[0]?.name).toBe('xcopy');
    act(() => view.button('Remove test 1').click());
    expect(form.latest().tests).toEqual([]);
  });

  it('refuses more than 5,000 events, and events the rule has not run on', async () => {
    const { engine } = fakeEngine([], 6_000);
    const form = mount(newRule('id', '2026-01-01', 'T'), engine);
    await act(async () => {
      view.button('Save current events as a test').click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(view.host.querySelector('[role="alert"]')?.textContent).toMatch(/^6,000 events are loaded; a test keeps at most 5,000/);
    expect(form.latest().tests).toEqual([]);

    useEventsStore.setState({ evaluation: { result: null, running: true, error: null } });
    await act(async () => {
      view.button('Save current events as a test').click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(view.host.querySelector('[role="alert"]')?.textContent).toMatch(/has not run on these events yet/);
  });
});
