import { describe, expect, it } from 'vitest';
import type { OutlineEntry } from '../state/editor-slice.ts';
import type { Evaluation } from '../workers/engine-protocol.ts';
import { matchCounts, matchLenses, matchTitle } from './match-lens.ts';

const outline: OutlineEntry[] = [
  { name: 'ArchiveInStagingDir', startLine: 16, endLine: 23, reachesResult: true, colorIndex: 0 },
  { name: 'RemoteCopyTool', startLine: 25, endLine: 33, reachesResult: true, colorIndex: 1 },
  { name: 'Unused', startLine: 34, endLine: 34, reachesResult: false, colorIndex: 2 },
  { name: 'PSRemoteCopy', startLine: 35, endLine: 42, reachesResult: true, colorIndex: 3 },
];

function evaluation(subdetections: (string | null)[], compiled = true): Evaluation {
  return {
    compiled, columns: [], rows: subdetections.map(() => []), subdetections, rowSources: [], rowTimes: [], matched: [], funnels: [], verdict: null,
    elapsedMs: 1, diagnostics: [], nowIso: '2026-11-24T18:00:00Z', nowReason: 'fixed', latestEventIso: null,
  };
}

describe('match lenses', () => {
  it('counts output rows per sub-detection', () => {
    expect(matchCounts(['A', 'B', 'A', null])).toEqual(new Map([['A', 2], ['B', 1], [null, 1]]));
  });

  it('says "no matches", "1 match", "N matches"', () => {
    expect([0, 1, 6].map(matchTitle)).toEqual(['no matches', '1 match', '6 matches']);
  });

  it('puts one lens on each used let line with its count', () => {
    const result = evaluation(['PSRemoteCopy', 'ArchiveInStagingDir', 'PSRemoteCopy']);
    expect(matchLenses(outline, result, true)).toEqual([
      { name: 'ArchiveInStagingDir', line: 16, title: '1 match' },
      { name: 'RemoteCopyTool', line: 25, title: 'no matches' },
      { name: 'PSRemoteCopy', line: 35, title: '2 matches' },
    ]);
  });

  it('shows nothing without events, before the first evaluation, or when the query did not compile', () => {
    expect(matchLenses(outline, evaluation(['PSRemoteCopy']), false)).toEqual([]);
    expect(matchLenses(outline, null, true)).toEqual([]);
    expect(matchLenses(outline, evaluation([], false), true)).toEqual([]);
  });
});
