import { describe, expect, it } from 'vitest';
import { SCALAR_FUNCTIONS, findScalarFunction } from './index.ts';

describe('scalar function registry', () => {
  it('has unique names and aliases, each with an implementation', () => {
    const names = SCALAR_FUNCTIONS.flatMap((f) => [f.name, ...(f.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const f of SCALAR_FUNCTIONS) {
      expect(Boolean(f.impl) !== Boolean(f.prepare), f.name).toBe(true);
      expect(f.minArgs <= f.maxArgs, f.name).toBe(true);
    }
  });

  it('finds names and legacy aliases', () => {
    expect(findScalarFunction('parsejson')?.name).toBe('parse_json');
    expect(findScalarFunction('iif')?.name).toBe('iff');
    expect(findScalarFunction('extractjson')?.name).toBe('extract_json');
    expect(findScalarFunction('pack')?.name).toBe('bag_pack');
    expect(findScalarFunction('nope')).toBeUndefined();
    expect(findScalarFunction('pack_all')?.needsRowContext).toBe(true);
  });
});
