import { describe, expect, test } from 'vitest';
import { scanNesting } from './nesting.ts';

describe('scanNesting', () => {
  test('counts (, [ and { together', () => {
    expect(scanNesting('print dynamic({"a": [(1)]})')).toEqual({ depth: 4, exceededAt: null });
  });

  test('stops at the first bracket past the limit', () => {
    expect(scanNesting('x((((', 3)).toEqual({ depth: 4, exceededAt: 4 });
  });

  test('ignores brackets in strings and comments', () => {
    const text = [
      'print ("((((\\"((((", \'(((\', @"c:\\((((", @\'((\'\'((\'',
      '// ((((((((',
      'print ```',
      '((((((',
      '```, ~~~((((~~~)',
    ].join('\n');
    expect(scanNesting(text, 2)).toEqual({ depth: 1, exceededAt: null });
  });

  test('an unterminated string ends at the line break, as in Kusto', () => {
    expect(scanNesting('print "((\n((', 1)).toEqual({ depth: 2, exceededAt: 11 });
  });

  test('extra closing brackets do not go negative', () => {
    expect(scanNesting(')))((', 5)).toEqual({ depth: 2, exceededAt: null });
  });
});
