// @vitest-environment jsdom
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { mountPerTest, typeInto } from '../../test-support/react-root.ts';
import { useEventsStore } from '../../state/events-slice.ts';
import type { Evaluation } from '../../workers/engine-protocol.ts';
import { ResultsPanel } from '../ResultsPanel.tsx';
import { useResultsView } from './view-store.ts';

const HOSTILE = '<img src=x onerror="alert(1)"> and a long enough tail to make this value expandable in the grid!!';
const N = 10_000;

function evaluation(): Evaluation {
  const rows = Array.from({ length: N }, (_, i) => [
    JSON.stringify(`2026-11-24T${String(Math.floor(i / 3600) % 24).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`),
    String(N - i),
    JSON.stringify(i === 7 ? HOSTILE : `host-${i}`),
    i === 7 ? '{"k":"<b>x</b>"}' : 'null',
  ]);
  return {
    compiled: true,
    columns: [
      { name: 'Timestamp', type: 'datetime' },
      { name: 'Count', type: 'long' },
      { name: 'Host', type: 'string' },
      { name: 'Bag', type: 'dynamic' },
    ],
    rows,
    subdetections: rows.map((_, i) => (i % 2 === 0 ? 'Even' : 'Odd')),
    rowSources: rows.map((_, i) => [{ sourceId: 's1', table: 'DeviceProcessEvents', row: i }]),
    rowTimes: rows.map(() => null),
    matched: [],
    funnels: [],
    verdict: null,
    elapsedMs: 1,
    diagnostics: [],
    nowIso: '2026-11-25T00:00:00Z',
    nowReason: 'now',
    latestEventIso: null,
  };
}

const view = mountPerTest();
beforeEach(() => {
  useResultsView.setState({ sort: null, filterText: '', subdetection: { kind: 'all' }, expanded: null, scrollTop: 0 });
  useEventsStore.setState({ evaluation: { result: evaluation(), running: false, error: null }, selectedResultRow: null, highlightedEvents: [], workbenchTab: 'results' });
  view.render(<ResultsPanel />);
});

const status = (): string => view.host.querySelector('[role="status"]')?.textContent ?? '';
const bodyRows = (): HTMLTableRowElement[] => [...view.host.querySelectorAll<HTMLTableRowElement>('tbody tr[role="row"]')];

describe('ResultsPanel', () => {
  it('renders only a window of 10,000 rows, sorted and filtered', () => {
    expect(status()).toBe('10000 rows');
    expect(bodyRows().length).toBeLessThan(100);
    act(() => view.button('Count').click());
    expect(view.host.querySelector('th[aria-sort="ascending"]')?.textContent).toContain('Count');
    expect(bodyRows()[0]?.textContent).toContain('host-9999');
    expect(bodyRows().length).toBeLessThan(100);

    const filter = view.host.querySelector<HTMLInputElement>('input[aria-label="Filter results"]');
    if (!filter) throw new Error('no filter box');
    typeInto(filter, 'HOST-99');
    expect(status()).toBe(`111 of ${N} rows`);
    const subFilter = [...view.host.querySelectorAll('select')].find((s) => s.id && view.host.querySelector(`label[for="${s.id}"]`)?.textContent === 'Sub-detection');
    expect(subFilter).toBeDefined();
    act(() => {
      if (!subFilter) return;
      subFilter.value = 's:Odd';
      subFilter.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(status()).toBe(`56 of ${N} rows`);
    expect(bodyRows().every((r) => r.querySelector('th')?.textContent === 'Odd')).toBe(true);
  });

  it('shows untrusted values as text, opens them under the grid, and lists a chosen row\'s sources', () => {
    const row = bodyRows()[7];
    if (!row) throw new Error('no row 8');
    expect(row.querySelector('img')).toBeNull();
    expect(row.textContent).toContain('<img src=x');
    act(() => view.button('Expand Bag in row 8').click());
    const pane = view.host.querySelector('section.results-value');
    expect(pane?.querySelector('h3')?.textContent).toBe('Bag, row 8');
    expect(pane?.querySelector('b')).toBeNull();
    expect(pane?.textContent).toContain('k: "<b>x</b>"');
    // Opening a value does not choose the row.
    expect(useEventsStore.getState().selectedResultRow).toBeNull();

    act(() => row.click());
    expect(useEventsStore.getState().selectedResultRow).toBe(7);
    expect(useEventsStore.getState().highlightedEvents).toEqual([{ sourceId: 's1', table: 'DeviceProcessEvents', row: 7 }]);
    expect(view.host.querySelector('.results-sources p')?.textContent).toBe('Source events: DeviceProcessEvents row 8');
    act(() => view.button('Show source events').click());
    expect(useEventsStore.getState().workbenchTab).toBe('events');
  });
});
