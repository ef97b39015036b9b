/** rand() and new_guid(): nondeterministic (the engine never evaluates them once per run, see exec/scalar.ts). */
import { returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

/** rand(): a real in [0, 1); rand(N): an integer in [0, N-1] (null for a non-positive or null N). */
export const rand: ScalarFunction = {
  name: 'rand',
  minArgs: 0,
  maxArgs: 1,
  returns: returnsType('real'),
  impl: (args) => {
    if (args.length === 0) return Math.random();
    const n = args[0];
    if (n === null || n === undefined) return null;
    const limit = Math.trunc(Number(n));
    if (!(limit > 0)) return null;
    return Math.floor(Math.random() * limit);
  },
};

function randomGuid(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID().toLowerCase();
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = (8 + Math.floor(Math.random() * 4)).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const new_guid: ScalarFunction = {
  name: 'new_guid',
  minArgs: 0,
  maxArgs: 0,
  returns: returnsType('guid'),
  impl: () => randomGuid(),
};

export const RANDOM_FUNCTIONS: readonly ScalarFunction[] = [rand, new_guid];
