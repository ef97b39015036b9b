// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { mountPerTest } from '../../test-support/react-root.ts';
import type { Evaluation, EventVerdict } from '../../workers/engine-protocol.ts';
import { Funnels } from './FunnelChart.tsx';
import { MatchTimeline } from './MatchTimeline.tsx';
import { VerdictList } from './VerdictList.tsx';

const view = mountPerTest();

const colorOf = (): string => '#0072B2';
const HOSTILE = `'<img src=x onerror="alert(1)"> **bold** [link](http://x)'`;

describe('VerdictList', () => {
  it('shows each sub-detection\'s verdict with the reason and predicate as text, and a Show line button', () => {
    const verdict: EventVerdict = {
      ref: { sourceId: 's', table: 'DeviceProcessEvents', row: 3 },
      verdicts: [
        { subdetection: 'ArchiveInStagingDir', status: 'not-read', line: null, predicate: null, operator: null, reason: 'ArchiveInStagingDir does not read DeviceProcessEvents' },
        { subdetection: 'RemoteCopyTool', status: 'stopped', line: 30, predicate: 'ProcessCommandLine matches regex @"<b>"', operator: 'where', reason: `stopped at line 30: was false for ${HOSTILE}` },
        { subdetection: null, status: 'matched', line: null, predicate: null, operator: null, reason: 'matched by the query' },
      ],
    };
    view.render(<VerdictList verdict={verdict} colorOf={colorOf} />);
    const items = [...view.host.querySelectorAll('li')];
    expect(items.map((li) => li.querySelector('.rb-verdict-status')?.textContent)).toEqual(['Does not read DeviceProcessEvents', 'Stopped at line 30', 'Matched']);
    expect(items.map((li) => li.querySelector('h4')?.textContent)).toEqual(['ArchiveInStagingDir', 'RemoteCopyTool', '(query)']);
    expect(items[1]?.querySelector('code')?.textContent).toBe('ProcessCommandLine matches regex @"<b>"');
    expect(items[1]?.querySelector('.rb-verdict-reason')?.textContent).toBe(`stopped at line 30: was false for ${HOSTILE}`);
    expect(view.host.querySelector('img, b, a')).toBeNull();
    expect([...view.host.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Show line 30']);
  });
});

const evaluation: Evaluation = {
  compiled: true, columns: [], rows: [[], [], []], subdetections: ['A', 'B', 'A'],
  rowSources: [], rowTimes: ['2026-11-24T09:14:03.512Z', '2026-11-24T14:20:00Z', '2026-11-24T17:30:00.214Z'], matched: [],
  funnels: [
    { subdetection: 'A', tables: ['T'], steps: [{ line: 2, operator: 'T', rows: 16 }, { line: 3, operator: 'where', rows: 2 }] },
    { subdetection: 'B', tables: ['T'], steps: [{ line: 5, operator: 'T', rows: 16 }, { line: 6, operator: 'where', rows: 1 }] },
  ],
  verdict: null, elapsedMs: 1, diagnostics: [], nowIso: '2026-11-24T17:31:00Z', nowReason: 'latest-event', latestEventIso: null,
};

describe('Funnels and MatchTimeline', () => {
  it('renders a captioned table per funnel with the rows as text and bars scaled to the first step', () => {
    view.render(<Funnels funnels={evaluation.funnels} colorOf={colorOf} />);
    const tables = [...view.host.querySelectorAll('table')];
    expect(tables.map((t) => t.caption?.textContent)).toEqual(['A: 16 rows in, 2 rows out', 'B: 16 rows in, 1 row out']);
    const rows = [...(tables[0]?.tBodies[0]?.rows ?? [])];
    expect(rows.map((r) => r.textContent)).toEqual(['line 2 · T16', 'line 3 · where2']);
    expect((rows[1]?.querySelector('.rb-funnel-bar') as HTMLElement | null)?.style.width).toBe('12.5%');
  });

  it('draws a dot per match in its lane and summarises each lane in UTC', () => {
    view.render(<MatchTimeline result={evaluation} colorOf={colorOf} />);
    const svg = view.host.querySelector('svg[role="img"]');
    expect(svg?.getAttribute('aria-label')).toBe('Matches over time (UTC). A: 2 matches between 09:14 and 17:30 UTC. B: 1 match at 14:20 UTC');
    expect(svg?.querySelectorAll('circle')).toHaveLength(3);
    expect([...view.host.querySelectorAll('figcaption li')].map((li) => li.textContent)).toEqual(['A: 2 matches between 09:14 and 17:30 UTC', 'B: 1 match at 14:20 UTC']);
    expect([...(svg?.querySelectorAll('.rb-timeline-tick') ?? [])].map((t) => t.textContent)).toEqual(['10:00', '12:00', '14:00', '16:00', 'UTC']);
  });
});
