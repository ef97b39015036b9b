/** base64 encode/decode to and from strings, byte arrays and guids. */
import { type DynamicValue, guidFromBytes, guidToBytes, parseGuid } from '../values/index.ts';
import { argString, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63] ?? '';
    out += ALPHABET[(n >> 12) & 63] ?? '';
    out += i + 1 < bytes.length ? (ALPHABET[(n >> 6) & 63] ?? '') : '=';
    out += i + 2 < bytes.length ? (ALPHABET[n & 63] ?? '') : '=';
  }
  return out;
}

/** Strict base64 (padding required, as .NET's Convert.FromBase64String); `-`/`_` URL forms accepted. */
export function base64Decode(text: string): Uint8Array | null {
  const s = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  const body = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of body) {
    acc = (acc << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export const base64_encode_tostring: ScalarFunction = {
  name: 'base64_encode_tostring',
  aliases: ['base64_encodestring'],
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: (args, ctx) => base64Encode(new TextEncoder().encode(argString(args, ctx, 0))),
};

/** Invalid base64 or bytes that are not valid UTF-8 give "" (docs' example). */
export const base64_decode_tostring: ScalarFunction = {
  name: 'base64_decode_tostring',
  aliases: ['base64_decodestring'],
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: (args, ctx) => {
    const bytes = base64Decode(argString(args, ctx, 0));
    if (bytes === null) return '';
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return '';
    }
  },
};

export const base64_decode_toarray: ScalarFunction = {
  name: 'base64_decode_toarray',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('dynamic'),
  impl: (args, ctx) => {
    const bytes = base64Decode(argString(args, ctx, 0));
    return bytes === null ? [] : Array.from(bytes);
  },
};

/** base64_encode_fromarray: the array must hold bytes 0..255; anything else gives "". */
export const base64_encode_fromarray: ScalarFunction = {
  name: 'base64_encode_fromarray',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: ([arr = null]) => {
    if (!Array.isArray(arr)) return '';
    const ok = arr.every((b: DynamicValue) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 255);
    return ok ? base64Encode(arr as number[]) : '';
  },
};

export const base64_encode_fromguid: ScalarFunction = {
  name: 'base64_encode_fromguid',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: ([g = null]) => {
    const guid = typeof g === 'string' ? parseGuid(g) : null;
    return guid === null ? '' : base64Encode(guidToBytes(guid));
  },
};

export const base64_decode_toguid: ScalarFunction = {
  name: 'base64_decode_toguid',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('guid'),
  impl: (args, ctx) => {
    const bytes = base64Decode(argString(args, ctx, 0));
    return bytes === null ? null : guidFromBytes(Array.from(bytes));
  },
};

export const BASE64_FUNCTIONS: readonly ScalarFunction[] = [
  base64_encode_tostring, base64_decode_tostring, base64_decode_toarray, base64_encode_fromarray, base64_encode_fromguid,
  base64_decode_toguid,
];
