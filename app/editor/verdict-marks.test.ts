import { describe, expect, it } from 'vitest';
import type { EventVerdict } from '../workers/engine-protocol.ts';
import { plainTextMarkdown, predicateMarks } from './verdict-marks.ts';

const ref = { sourceId: 's', table: 'DeviceProcessEvents', row: 3 };
const TEXT = [
  'let RemoteCopyTool = DeviceProcessEvents',
  '| where FileName in~ ("xcopy.exe") or',
  '        ProcessCommandLine has_any ("xcopy")',
  '| where ProcessCommandLine matches regex @"\\\\\\\\\\\\.+\\\\"',
  '| project Timestamp;',
].join('\n');

function verdict(...verdicts: EventVerdict['verdicts']): EventVerdict {
  return { ref, verdicts };
}

describe('predicateMarks', () => {
  it('marks the predicate text on its line, and says which sub-detection stopped and why', () => {
    const predicate = 'ProcessCommandLine matches regex @"\\\\\\\\\\\\.+\\\\"';
    const marks = predicateMarks(TEXT, verdict({ subdetection: 'RemoteCopyTool', status: 'stopped', line: 4, predicate, operator: 'where', reason: "stopped at line 4: was false for 'a*b'" }));
    expect(marks).toEqual([
      { line: 4, startLine: 4, startColumn: 9, endLine: 4, endColumn: 9 + predicate.length, wholeLine: false, hover: plainTextMarkdown("RemoteCopyTool: stopped at line 4: was false for 'a*b'") },
    ]);
  });

  it('follows a predicate over two lines', () => {
    const predicate = 'FileName in~ ("xcopy.exe") or\n        ProcessCommandLine has_any ("xcopy")';
    const [mark] = predicateMarks(TEXT, verdict({ subdetection: 'R', status: 'stopped', line: 2, predicate, operator: 'where', reason: 'r' }));
    expect(mark).toMatchObject({ startLine: 2, startColumn: 9, endLine: 3, endColumn: 45, wholeLine: false });
  });

  it('marks the whole line when the predicate is not on it or no predicate decided; skips other statuses', () => {
    const marks = predicateMarks(
      TEXT,
      verdict(
        { subdetection: 'A', status: 'stopped', line: 5, predicate: 'Timestamp > ago(1d)', operator: 'where', reason: 'r' },
        { subdetection: 'B', status: 'stopped', line: 1, predicate: null, operator: 'join', reason: 'removed by the join' },
        { subdetection: 'C', status: 'matched', line: null, predicate: null, operator: null, reason: 'matched by C' },
        { subdetection: 'D', status: 'not-read', line: null, predicate: null, operator: null, reason: 'D does not read T' },
        { subdetection: 'E', status: 'stopped', line: 99, predicate: null, operator: 'where', reason: 'beyond the text' },
      ),
    );
    expect(marks.map((m) => [m.startLine, m.startColumn, m.endColumn, m.wholeLine])).toEqual([
      [5, 1, 21, true],
      [1, 1, 41, true],
    ]);
    expect(predicateMarks(TEXT, null)).toEqual([]);
  });
});

describe('plainTextMarkdown', () => {
  it('escapes every markdown and HTML character so event values show as typed', () => {
    expect(plainTextMarkdown('\\\\host\\share [x](y) <b>*_`')).toBe('\\\\\\\\host\\\\share \\[x\\]\\(y\\) \\<b\\>\\*\\_\\`');
    expect(plainTextMarkdown('a\nb')).toBe('a  \nb');
  });
});
