import { describe, expect, test } from 'vitest';
import { analyze, MAX_DIAGNOSTICS } from './analyze.ts';
import { defenderTables } from './test-fixtures/defender-tables.ts';
import { publishedRule } from './test-fixtures/published-rule.ts';

const errorsOf = (text: string) => analyze(text, defenderTables).diagnostics.filter((d) => d.severity === 'error');

describe('analyze: diagnostics', () => {
  test('the published rule has exactly one error: KS142 on AccountName at line 21', () => {
    const errors = errorsOf(publishedRule);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error).toMatchObject({ code: 'KS142', severity: 'error', line: 21, column: 34, endLine: 21, endColumn: 45 });
    expect(error?.message).toContain("'AccountName'");
    expect(publishedRule.slice(error?.span?.start, error?.span?.end)).toBe('AccountName');
  });

  const withLine21 = (edit: (line: string) => string) => {
    const lines = publishedRule.split('\n');
    lines[20] = edit(lines[20] ?? '');
    return lines.join('\n');
  };

  test('renaming AccountName to InitiatingProcessAccountName on line 21 trades KS142 for KS171', () => {
    // Line 23 already projects InitiatingProcessAccountName, so Kusto reports that (second) occurrence as a duplicate.
    const errors = errorsOf(withLine21((line) => line.replace('AccountName', 'InitiatingProcessAccountName')));
    expect(errors).toEqual([expect.objectContaining({ code: 'KS171', line: 23, column: 11, endColumn: 39 })]);
  });

  test('dropping AccountName from line 21 leaves no errors', () => {
    expect(errorsOf(withLine21((line) => line.replace(' AccountName,', '')))).toEqual([]);
  });

  test('an unknown table is KS204', () => {
    const [error, ...rest] = errorsOf('DeviceNopeEvents\n| take 10');
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'KS204', line: 1, column: 1, span: { start: 0, end: 16 } });
  });

  test('a misspelt operator is a syntax error on its own line', () => {
    const errors = errorsOf('DeviceProcessEvents\n| whre x');
    expect(errors[0]).toMatchObject({ code: 'KS176', line: 2, column: 3 });
  });

  test('a trailing pipe is reported where the operator is missing', () => {
    const errors = errorsOf('DeviceProcessEvents\n| where FileName == "a"\n|');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.line === 3)).toBe(true);
  });

  test('valid queries give no diagnostics and positions are 1-based', () => {
    expect(analyze('DeviceProcessEvents | take 1', defenderTables).diagnostics).toEqual([]);
    const [d] = errorsOf('DeviceProcessEvents | where NoSuch == 1');
    expect(d).toMatchObject({ code: 'KS142', line: 1, column: 29, span: { start: 28, end: 34 } });
  });

  test('the result is plain data that survives structured clone', () => {
    const result = analyze(publishedRule, defenderTables);
    expect(structuredClone(result)).toEqual(result);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe('analyze: outline', () => {
  test('the published rule has three sub-detections, all feeding the result', () => {
    const { outline, resultStatement } = analyze(publishedRule, defenderTables);
    expect(outline.map((e) => [e.name, e.index, e.startLine, e.endLine, e.reachesResult])).toEqual([
      ['ArchiveInStagingDir', 0, 16, 23, true],
      ['RemoteCopyTool', 1, 25, 33, true],
      ['PSRemoteCopy', 2, 35, 42, true],
    ]);
    for (const entry of outline) {
      expect(publishedRule.slice(entry.nameSpan.start, entry.nameSpan.end)).toBe(entry.name);
      expect(publishedRule.slice(entry.statementSpan.start, entry.statementSpan.end)).toMatch(
        new RegExp(`^let ${entry.name} = [^]*"\\w+"$`),
      );
    }
    expect(resultStatement).toMatchObject({ startLine: 44, endLine: 47 });
    const span = resultStatement?.span;
    expect(publishedRule.slice(span?.start, span?.end)).toBe(
      'ArchiveInStagingDir\n| union RemoteCopyTool\n| union PSRemoteCopy\n| sort by Timestamp desc',
    );
  });

  test('an inline union has no lets to outline', () => {
    const { outline, resultStatement } = analyze(
      'union (DeviceFileEvents | where FileName endswith ".zip"), (DeviceProcessEvents | where FileName =~ "xcopy.exe")',
      defenderTables,
    );
    expect(outline).toEqual([]);
    expect(resultStatement?.startLine).toBe(1);
  });
});

describe('analyze: never throws', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['lone pipe', '|'],
    ['unbalanced open', 'DeviceProcessEvents | where (FileName == "a"'],
    ['unbalanced close', 'DeviceProcessEvents | where FileName == "a"))) | take 1'],
    ['only a let', 'let x = DeviceProcessEvents;'],
    ['control command', '.show tables'],
    ['unterminated string', 'print "abc'],
    ['NUL and emoji', 'print "\u0000😀" | \u0000'],
  ];
  test.each(cases)('%s', (_name, text) => {
    const result = analyze(text, defenderTables);
    expect(Array.isArray(result.diagnostics)).toBe(true);
    expect(result.diagnostics.every((d) => d.code !== 'RB-KQL-001')).toBe(true);
    expect(structuredClone(result)).toEqual(result);
  });

  test('no tables at all', () => {
    expect(errorsOf.length).toBe(1);
    const result = analyze(publishedRule, []);
    expect(result.diagnostics.some((d) => d.code === 'KS204')).toBe(true);
  });

  test('a broken schema argument becomes RB-KQL-001, not an exception', () => {
    const result = analyze('print 1', null as unknown as []);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'RB-KQL-001', severity: 'error' })]);
    expect(result.diagnostics[0]?.message).toMatch(/^internal parser error: /);
  });

  test('deep bracket nesting is refused quickly with RB-KQL-002', () => {
    const text = 'print ' + '('.repeat(1_000_000);
    const result = analyze(text, defenderTables);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'RB-KQL-002', line: 1, column: 6 + 257, span: { start: 6 + 256, end: 6 + 257 } }),
    ]);
  });

  test('1 MB of garbage returns diagnostics (capped) without throwing', { timeout: 120_000 }, () => {
    const alphabet = 'ab(|;"\' \n)x=!@#$%^&*[]{}';
    let text = '';
    for (let i = 0; text.length < 1_000_000; i++) text += alphabet.charAt((i * 7919 + (i >> 3)) % alphabet.length);
    const result = analyze(text, defenderTables);
    expect(result.diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 2);
    expect(result.diagnostics.some((d) => d.code === 'RB-KQL-001')).toBe(false);
    expect(result.diagnostics.at(-1)?.code).toBe('RB-KQL-004');
  });
});

describe('analyze: size', () => {
  test('a 1 MB rule made of realistic lets is analysed', { timeout: 120_000 }, () => {
    const head = publishedRule.slice(0, publishedRule.indexOf('// Detection 1'));
    const body = publishedRule
      .slice(publishedRule.indexOf('// Detection 1'), publishedRule.indexOf('// Union all'))
      .replaceAll(' AccountName, FolderPath', ' FolderPath');
    let text = head;
    const names: string[] = [];
    for (let i = 0; text.length < 1_000_000; i++) {
      text += body.replace(/let (\w+) =/g, (_m, name: string) => {
        names.push(`${name}${i}`);
        return `let ${name}${i} =`;
      });
    }
    text += `union ${names.slice(0, 3).join(', ')}\n| sort by Timestamp desc`;
    const result = analyze(text, defenderTables);
    expect(result.diagnostics).toEqual([]);
    expect(result.outline).toHaveLength(names.length);
    expect(result.outline.filter((e) => e.reachesResult).map((e) => e.name)).toEqual(names.slice(0, 3));
  });
});
