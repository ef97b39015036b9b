/** hash (xxHash64), hash_xxhash64, hash_md5, hash_sha1, hash_sha256. */
import { type KqlValue, normalizeLong } from '../values/index.ts';
import { argInt, argString, argType, returnsType } from './args.ts';
import { md5Hex, sha1Hex, sha256Hex, xxhash64 } from './hash-algorithms.ts';
import type { CallContext, ScalarFunction } from './types.ts';

const DOTNET_EPOCH_TICKS = 621_355_968_000_000_000n;

/**
 * The bytes Kusto hashes for a value: UTF-8 text for strings (and dynamic/guid printed), 8-byte little-endian
 * .NET ticks (since 0001-01-01) for datetimes, 8-byte little-endian integers/doubles for numbers. The string
 * and datetime encodings are pinned by the docs' examples; the numeric ones follow the same pattern.
 */
function hashBytes(v: KqlValue, args: readonly KqlValue[], ctx: CallContext): Uint8Array {
  const type = argType(ctx, 0);
  const b = new Uint8Array(8);
  const view = new DataView(b.buffer);
  if (type === 'datetime' && typeof v === 'bigint') view.setBigInt64(0, BigInt.asIntN(64, v + DOTNET_EPOCH_TICKS), true);
  else if (type === 'timespan' && typeof v === 'bigint') view.setBigInt64(0, BigInt.asIntN(64, v), true);
  else if ((type === 'long' || type === 'int') && (typeof v === 'number' || typeof v === 'bigint')) view.setBigInt64(0, BigInt.asIntN(64, BigInt(v)), true);
  else if ((type === 'real' || type === 'decimal') && typeof v === 'number') view.setFloat64(0, v, true);
  else if (type === 'bool' && typeof v === 'boolean') return new Uint8Array([v ? 1 : 0]);
  else return new TextEncoder().encode(argString(args, ctx, 0));
  return b;
}

const xxhash: (name: string) => ScalarFunction = (name) => ({
  name,
  minArgs: 1,
  maxArgs: 2,
  returns: returnsType('long'),
  impl: (args, ctx) => {
    const v = args[0] ?? null;
    if (v === null) return null;
    const h = BigInt.asIntN(64, xxhash64(hashBytes(v, args, ctx)));
    if (args.length < 2) return normalizeLong(h);
    const mod = argInt(args, ctx, 1);
    if (mod === null || mod <= 0) return null;
    const r = h % BigInt(mod);
    return Number(r < 0n ? r + BigInt(mod) : r);
  },
});

export const hash = xxhash('hash');
export const hash_xxhash64 = xxhash('hash_xxhash64');

/** Cryptographic hashes hash the UTF-8 of the value's tostring() (the docs' datetime example pins this). */
const digest = (name: string, fn: (d: Uint8Array) => string): ScalarFunction => ({
  name,
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: (args, ctx) => (args[0] === null || args[0] === undefined ? '' : fn(new TextEncoder().encode(argString(args, ctx, 0)))),
});

export const hash_md5 = digest('hash_md5', md5Hex);
export const hash_sha1 = digest('hash_sha1', sha1Hex);
export const hash_sha256 = digest('hash_sha256', sha256Hex);

export const HASH_FUNCTIONS: readonly ScalarFunction[] = [hash, hash_xxhash64, hash_md5, hash_sha1, hash_sha256];
