import { describe, expect, it } from 'vitest';
import { compactCell, copyText, displayCell, isExpandable, parseCell } from './cells.ts';

describe('cells', () => {
  it('shows JSON strings without quotes and other values as encoded', () => {
    expect(displayCell('"a \\"b\\""')).toBe('a "b"');
    expect(displayCell('12')).toBe('12');
    expect(displayCell('[1,2]')).toBe('[1,2]');
  });
  it('offers the detail pane for objects, arrays and long text only', () => {
    expect(isExpandable('{"a":1}')).toBe(true);
    expect(isExpandable('[]')).toBe(true);
    expect(isExpandable(JSON.stringify('x'.repeat(81)))).toBe(true);
    expect(isExpandable(JSON.stringify('x'.repeat(80)))).toBe(false);
    expect(isExpandable('12345')).toBe(false);
  });
  it('keeps the grid text on one line and short', () => {
    expect(compactCell(JSON.stringify('a\r\nb\nc'))).toBe('a⏎b⏎c');
    expect(compactCell(JSON.stringify('y'.repeat(500)))).toHaveLength(161);
  });
  it('parses dynamic values with a __proto__ key as plain data', () => {
    const value = parseCell('{"__proto__":{"polluted":true},"a":[1,"2"]}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(parseCell('not json')).toBe('not json');
  });
  it('copies structured values pretty-printed and text as shown', () => {
    expect(copyText('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(copyText('"plain"')).toBe('plain');
  });
});
