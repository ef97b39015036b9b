import { describe, expect, test } from 'vitest';
import { MAX_JSON_DEPTH, member, readJson, type JsonValue } from './json-reader.ts';

function read(text: string): JsonValue {
  const result = readJson(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('readJson', () => {
  test('values with their source offsets', () => {
    const text = ' {"a": [1, -2.5e3, true, null], "b": "x\\u0041\\n"} ';
    const value = read(text);
    expect(value.kind).toBe('object');
    if (value.kind !== 'object') return;
    expect([value.start, value.end]).toEqual([1, text.length - 1]);
    const a = member(value, 'A');
    expect(a?.value.kind).toBe('array');
    if (a?.value.kind === 'array') {
      expect(a.value.items.map((i) => (i.kind === 'number' || i.kind === 'boolean' ? i.value : i.kind))).toEqual([1, -2500, true, 'null']);
      expect(text.slice(a.value.start, a.value.end)).toBe('[1, -2.5e3, true, null]');
    }
    const b = member(value, 'b');
    expect(b?.value).toMatchObject({ kind: 'string', value: 'xA\n' });
    expect(b && text.slice(b.keyStart, b.keyEnd)).toBe('"b"');
  });

  test('keys stay data: __proto__ is an ordinary member and duplicates are kept in order', () => {
    const value = read('{"__proto__": 1, "k": 2, "k": 3}');
    if (value.kind !== 'object') throw new Error('object expected');
    expect(value.members.map((m) => m.key)).toEqual(['__proto__', 'k', 'k']);
    expect(member(value, '__proto__')?.value).toMatchObject({ kind: 'number', value: 1 });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  test.each([
    ['{"a": 1,}', 8, "expected another property after ',', found '}' (JSON does not allow a trailing comma)"],
    ['[1 2]', 3, "expected ',' or ']' after an array item, found '2'"],
    ['{"a" 1}', 5, 'expected \':\' after property name "a", found \'1\''],
    ["{'a': 1}", 1, "expected a property name in double quotes, found '''"],
    ['"abc', 0, 'unterminated string: expected a closing \'"\''],
    ['"a\tb"', 2, 'expected \'"\' or more string text, found a control character (line breaks and tabs must be escaped in JSON strings)'],
    ['"\\x"', 1, "expected an escape character (one of \" \\ / b f n r t u) after '\\', found 'x'"],
    ['tru', 0, "expected a JSON value, found 'tru'"],
    ['01', 1, "expected the end of the JSON text after the top-level value, found '1'"],
    ['', 0, 'expected a JSON value (object, array, string, number, true, false or null), found end of input'],
  ])('%j fails at offset %i', (text, offset, message) => {
    expect(readJson(text)).toEqual({ ok: false, offset, message });
  });

  test('nesting beyond the limit is an error', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 2)}${']'.repeat(MAX_JSON_DEPTH + 2)}`;
    const result = readJson(deep);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toBe(`JSON is nested more than ${MAX_JSON_DEPTH} levels deep`);
    expect(readJson(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`).ok).toBe(true);
  });
});
