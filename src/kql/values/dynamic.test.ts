import { describe, expect, it } from 'vitest';
import { cloneDynamic, dynamicToJson, parseDynamicJson } from './dynamic.ts';
import type { DynamicValue } from './value.ts';

function parse(text: string): DynamicValue {
  const r = parseDynamicJson(text);
  if ('error' in r) throw new Error(r.error);
  return r.value;
}

describe('dynamic JSON codec', () => {
  it('prints compactly as Kusto does', () => {
    expect(dynamicToJson(parse('{ "a" : 1, "b" : [1, 2] }'))).toBe('{"a":1,"b":[1,2]}');
    expect(dynamicToJson(parse('{"value":118.0,"x":1.5}'))).toBe('{"value":118,"x":1.5}');
    expect(dynamicToJson(parse('"a\\"b\\n"'))).toBe('"a\\"b\\n"');
    expect(dynamicToJson(parse("['a', 'b']"))).toBe('["a","b"]');
  });

  it('keeps big integers exact and keys safe', () => {
    const v = parse('{"__proto__": 9007199254740993, "n": -5}');
    expect(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v)).toBe(null);
    expect(dynamicToJson(v)).toBe('{"__proto__":9007199254740993,"n":-5}');
  });

  it('reports errors without throwing', () => {
    expect(parseDynamicJson('{"a":')).toHaveProperty('error');
    expect(parseDynamicJson('[1] x')).toHaveProperty('error');
    expect(parseDynamicJson('hello')).toHaveProperty('error');
  });

  it('clones deeply', () => {
    const v = parse('{"a":[1,{"b":2}]}');
    const c = cloneDynamic(v);
    expect(c).toEqual(v);
    expect(c).not.toBe(v);
  });
});
