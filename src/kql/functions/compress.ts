/**
 * gzip/zlib compression to and from base64: gzip_compress_to_base64_string, gzip_decompress_from_base64_string,
 * zlib_compress_to_base64_string, zlib_decompress_from_base64_string (UTF-8 text, window size 15).
 *
 * Kusto's bytes, as the docs print them: gzip header `1f 8b 08 00 00000000 00 ff` (no mtime, XFL 0, OS unknown),
 * zlib header `78 01` (fastest level). For short input Kusto emits a single stored block where deflate saves
 * almost nothing ("1234567890qwertyuiop" → stored), so the deflate body is stored unless compression saves more
 * than 4 bytes over the stored form (the slack zlib itself uses when choosing stored blocks).
 * Failures (bad base64, bad stream, not UTF-8) give "" as the docs state.
 */
import { deflateSync, gunzipSync, unzlibSync } from 'fflate';
import { argString, returnsType } from './args.ts';
import { base64Decode, base64Encode } from './base64.ts';
import type { ScalarFunction } from './types.ts';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of data) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Raw deflate data made of stored blocks (at most 65535 bytes each). */
function storedDeflate(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(data.length + blocks * 5);
  let o = 0;
  for (let i = 0; i < blocks; i++) {
    const chunk = data.subarray(i * 65535, Math.min(data.length, (i + 1) * 65535));
    out[o++] = i === blocks - 1 ? 1 : 0;
    out[o++] = chunk.length & 0xff;
    out[o++] = chunk.length >>> 8;
    out[o++] = ~chunk.length & 0xff;
    out[o++] = (~chunk.length >>> 8) & 0xff;
    out.set(chunk, o);
    o += chunk.length;
  }
  return out;
}

/** Kusto-like raw deflate: stored unless compressing saves more than 4 bytes. */
export function kustoDeflate(data: Uint8Array): Uint8Array {
  const stored = storedDeflate(data);
  const packed = deflateSync(data, { level: 1 });
  return packed.length + 4 < stored.length ? packed : stored;
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

const le32 = (n: number): Uint8Array => new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
const be32 = (n: number): Uint8Array => new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);

export function gzipBytes(data: Uint8Array): Uint8Array {
  const header = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  return concat(header, kustoDeflate(data), le32(crc32(data)), le32(data.length >>> 0));
}

export function zlibBytes(data: Uint8Array): Uint8Array {
  return concat(new Uint8Array([0x78, 0x01]), kustoDeflate(data), be32(adler32(data)));
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decompressor(name: string, inflate: (d: Uint8Array) => Uint8Array): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    returns: returnsType('string'),
    impl: (args, ctx) => {
      const bytes = base64Decode(argString(args, ctx, 0));
      if (!bytes || bytes.length === 0) return '';
      try {
        return strictUtf8.decode(inflate(bytes));
      } catch {
        return '';
      }
    },
  };
}

function compressor(name: string, wrap: (d: Uint8Array) => Uint8Array): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    returns: returnsType('string'),
    impl: (args, ctx) => base64Encode(wrap(utf8.encode(argString(args, ctx, 0)))),
  };
}

export const gzip_compress_to_base64_string = compressor('gzip_compress_to_base64_string', gzipBytes);
export const zlib_compress_to_base64_string = compressor('zlib_compress_to_base64_string', zlibBytes);
export const gzip_decompress_from_base64_string = decompressor('gzip_decompress_from_base64_string', (d) => gunzipSync(d));
export const zlib_decompress_from_base64_string = decompressor('zlib_decompress_from_base64_string', (d) => unzlibSync(d));

export const COMPRESS_FUNCTIONS: readonly ScalarFunction[] = [
  gzip_compress_to_base64_string, gzip_decompress_from_base64_string, zlib_compress_to_base64_string, zlib_decompress_from_base64_string,
];
