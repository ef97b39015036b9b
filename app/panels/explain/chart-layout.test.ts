import { describe, expect, it } from 'vitest';
import { funnelBars, funnelSummary, parseIsoMs, tickLabel, timelineLanes, timelineLayout } from './chart-layout.ts';

describe('funnelBars', () => {
  it('scales every step to the first and labels it with line and operator', () => {
    const bars = funnelBars([
      { line: 25, operator: 'DeviceProcessEvents', rows: 16 },
      { line: 27, operator: 'where', rows: 10 },
      { line: 30, operator: 'where', rows: 1 },
      { line: 31, operator: 'project', rows: 0 },
    ]);
    expect(bars.map((b) => b.label)).toEqual(['line 25 · DeviceProcessEvents', 'line 27 · where', 'line 30 · where', 'line 31 · project']);
    expect(bars.map((b) => b.fraction)).toEqual([1, 10 / 16, 1 / 16, 0]);
  });

  it('grows the scale when a step produces more rows than were read, and copes with no rows at all', () => {
    expect(funnelBars([{ line: 1, operator: 'T', rows: 2 }, { line: 2, operator: 'mv-expand', rows: 8 }]).map((b) => b.fraction)).toEqual([0.25, 1]);
    expect(funnelBars([{ line: 1, operator: 'T', rows: 0 }, { line: 2, operator: 'where', rows: 0 }]).map((b) => b.fraction)).toEqual([0, 0]);
    expect(funnelBars([])).toEqual([]);
  });

  it('summarises rows in and out', () => {
    expect(funnelSummary('RemoteCopyTool', [{ line: 25, operator: 'T', rows: 16 }, { line: 31, operator: 'project', rows: 1 }])).toBe('RemoteCopyTool: 16 rows in, 1 row out');
    expect(funnelSummary(null, [])).toBe('(query): no operators');
  });
});

describe('parseIsoMs', () => {
  it('reads Kusto times with up to 7 fraction digits and rejects non-times', () => {
    expect(parseIsoMs('2026-11-24T09:14:03.5610000Z')).toBe(Date.UTC(2026, 10, 24, 9, 14, 3, 561));
    expect(parseIsoMs('2026-11-24T09:14:03Z')).toBe(Date.UTC(2026, 10, 24, 9, 14, 3));
    expect(parseIsoMs('soon')).toBeNull();
    expect(parseIsoMs(null)).toBeNull();
  });
});

describe('timelineLayout', () => {
  const t = (hh: number, mm: number, day = 24): string => new Date(Date.UTC(2026, 10, day, hh, mm)).toISOString();

  it('puts one lane per sub-detection across the min..max of every match, with UTC summaries', () => {
    const layout = timelineLayout(
      [t(9, 14), t(17, 30), t(12, 0), t(9, 21), null],
      ['PSRemoteCopy', 'PSRemoteCopy', 'PSRemoteCopy', 'ArchiveInStagingDir', 'ArchiveInStagingDir'],
      ['ArchiveInStagingDir', 'RemoteCopyTool', 'PSRemoteCopy'],
      800,
    );
    expect(layout.startMs).toBe(Date.UTC(2026, 10, 24, 9, 14));
    expect(layout.endMs).toBe(Date.UTC(2026, 10, 24, 17, 30));
    const [asd, rct, psc] = layout.lanes;
    expect(psc?.xs[0]).toBe(0);
    expect(psc?.xs[2]).toBe(800);
    expect(psc?.xs[1]).toBeCloseTo((166 / 496) * 800);
    expect(psc?.summary).toBe('PSRemoteCopy: 3 matches between 09:14 and 17:30 UTC');
    expect(asd?.summary).toBe('ArchiveInStagingDir: 2 matches at 09:21 UTC (1 without a time)');
    expect(rct?.summary).toBe('RemoteCopyTool: no matches');
    expect(layout.summary).toBe(`${asd?.summary}. ${rct?.summary}. ${psc?.summary}`);
  });

  it('labels round UTC ticks inside the range, at most maxTicks of them', () => {
    const layout = timelineLayout([t(9, 14), t(17, 30)], ['A', 'A'], ['A'], 800);
    expect(layout.ticks.map((k) => k.label)).toEqual(['10:00', '12:00', '14:00', '16:00']);
    for (const tick of layout.ticks) expect(tick.x).toBeGreaterThan(0);
    expect(layout.ticks.length).toBeLessThanOrEqual(6);
  });

  it('widens a single instant so its dot sits mid-axis, and names dates when matches span days', () => {
    const single = timelineLayout([t(9, 14)], ['A'], ['A'], 600);
    expect(single.lanes[0]?.xs).toEqual([300]);
    expect(single.lanes[0]?.summary).toBe('A: 1 match at 09:14 UTC');

    const days = timelineLayout([t(22, 0, 24), t(3, 0, 25)], ['A', 'A'], ['A'], 600);
    expect(days.lanes[0]?.summary).toBe('A: 2 matches between 2026-11-24 22:00 and 2026-11-25 03:00 UTC');
    expect(days.ticks.map((k) => k.label)).toContain('11-25 00:00');
  });

  it('has no axis when no match has a time, and lanes for sub-detections only the rows name', () => {
    const lanes = timelineLanes(['A'], ['B', null, 'A']);
    expect(lanes).toEqual(['A', 'B', null]);
    const layout = timelineLayout([null, null], ['B', null], lanes, 600);
    expect(layout.startMs).toBeNull();
    expect(layout.ticks).toEqual([]);
    expect(layout.lanes.map((l) => l.summary)).toEqual(['A: no matches', 'B: 1 match, without a time', '(query): 1 match, without a time']);
  });

  it('formats tick labels by step', () => {
    const ms = Date.UTC(2026, 10, 24, 9, 14, 5);
    expect(tickLabel(ms, 5000, false)).toBe('09:14:05');
    expect(tickLabel(ms, 3_600_000, true)).toBe('11-24 09:14');
    expect(tickLabel(ms, 86_400_000, true)).toBe('2026-11-24');
  });
});
