/** IPv4/IPv6 functions. Addresses may carry a CIDR prefix (`a.b.c.d/n`); invalid text gives null. */
import type { KqlValue } from '../values/index.ts';
import { argInt, argString, argType, returnsType } from './args.ts';
import type { CallContext, ScalarFunction } from './types.ts';

const V4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Dotted quad to a uint32, or null. */
export function parseV4(text: string): number | null {
  const m = V4_RE.exec(text);
  if (!m) return null;
  const o = m.slice(1, 5).map(Number);
  if (o.some((x) => x > 255)) return null;
  return (((o[0] ?? 0) * 256 + (o[1] ?? 0)) * 256 + (o[2] ?? 0)) * 256 + (o[3] ?? 0);
}

/** `a.b.c.d[/n]` to address and prefix (32 by default). */
export function parseV4Cidr(text: string): { addr: number; prefix: number } | null {
  const [ip = '', pfx, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const addr = parseV4(ip);
  if (addr === null) return null;
  if (pfx === undefined) return { addr, prefix: 32 };
  if (!/^\d{1,2}$/.test(pfx) || Number(pfx) > 32) return null;
  return { addr, prefix: Number(pfx) };
}

const v4Mask = (prefix: number): number => (prefix <= 0 ? 0 : prefix >= 32 ? 0xffffffff : (0xffffffff << (32 - prefix)) >>> 0);
const maskV4 = (addr: number, prefix: number): number => (addr & v4Mask(prefix)) >>> 0;
export const formatV4 = (addr: number): string => [24, 16, 8, 0].map((s) => (addr >>> s) & 255).join('.');

/** IPv6 text (with `::`, an embedded dotted quad, an optional `/n`) to a 128-bit bigint and prefix. */
export function parseV6Cidr(text: string): { addr: bigint; prefix: number } | null {
  const [ip = '', pfx, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  let prefixOffset = 0;
  let addr: bigint | null;
  const v4 = parseV4(ip);
  if (v4 !== null) {
    addr = 0xffffn << 32n | BigInt(v4);
    prefixOffset = 96;
  } else {
    addr = parseV6Addr(ip);
    // ::a.b.c.d and ::ffff:a.b.c.d denote IPv4 addresses: Kusto maps them and offsets their prefix by 96.
    if (addr !== null && ip.includes('.') && addr >> 48n === 0n) {
      addr = 0xffffn << 32n | (addr & 0xffffffffn);
      prefixOffset = 96;
    }
  }
  if (addr === null) return null;
  if (pfx === undefined) return { addr, prefix: 128 };
  if (!/^\d{1,3}$/.test(pfx)) return null;
  const prefix = Number(pfx) + prefixOffset;
  return prefix > 128 ? null : { addr, prefix };
}

function parseV6Addr(ip: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(ip)) return null;
  const halves = ip.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const g = items[i] ?? '';
      if (i === items.length - 1 && g.includes('.')) {
        const v4 = parseV4(g);
        if (v4 === null) return null;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return null;
  const all = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

const v6Mask = (prefix: number): bigint => (prefix <= 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefix)) - 1n));
export const formatV6 = (addr: bigint): string =>
  Array.from({ length: 8 }, (_, i) => ((addr >> BigInt(112 - 16 * i)) & 0xffffn).toString(16).padStart(4, '0')).join(':');

/** The optional explicit prefix argument (undefined when absent; null when invalid). */
function prefixArg(args: readonly KqlValue[], ctx: CallContext, i: number, max: number): number | null | undefined {
  if (args.length <= i) return undefined;
  const p = argInt(args, ctx, i);
  return p === null || p < 0 || p > max ? null : p;
}

/** Compares two IPv4 values under the smallest of their prefixes and the explicit one. */
function compareV4(args: readonly KqlValue[], ctx: CallContext): number | null {
  const a = parseV4Cidr(argString(args, ctx, 0));
  const b = parseV4Cidr(argString(args, ctx, 1));
  const p = prefixArg(args, ctx, 2, 32);
  if (a === null || b === null || p === null) return null;
  const prefix = Math.min(a.prefix, b.prefix, p ?? 32);
  const x = maskV4(a.addr, prefix);
  const y = maskV4(b.addr, prefix);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareV6(args: readonly KqlValue[], ctx: CallContext): number | null {
  const a = parseV6Cidr(argString(args, ctx, 0));
  const b = parseV6Cidr(argString(args, ctx, 1));
  const p = prefixArg(args, ctx, 2, 128);
  if (a === null || b === null || p === null) return null;
  const m = v6Mask(Math.min(a.prefix, b.prefix, p ?? 128));
  const x = a.addr & m;
  const y = b.addr & m;
  return x < y ? -1 : x > y ? 1 : 0;
}

const fn = (name: string, min: number, max: number, type: 'bool' | 'long' | 'string', impl: ScalarFunction['impl']): ScalarFunction => ({
  name,
  minArgs: min,
  maxArgs: max,
  returns: returnsType(type),
  ...(impl ? { impl } : {}),
});

export const ipv4_compare = fn('ipv4_compare', 2, 3, 'long', compareV4);
export const ipv4_is_match = fn('ipv4_is_match', 2, 3, 'bool', (a, c) => {
  const r = compareV4(a, c);
  return r === null ? null : r === 0;
});
export const ipv6_compare = fn('ipv6_compare', 2, 3, 'long', compareV6);
export const ipv6_is_match = fn('ipv6_is_match', 2, 3, 'bool', (a, c) => {
  const r = compareV6(a, c);
  return r === null ? null : r === 0;
});

function inRangeV4(ip: string, range: string): boolean | null {
  const a = parseV4Cidr(ip);
  const r = parseV4Cidr(range);
  if (a === null || r === null) return null;
  return maskV4(a.addr, r.prefix) === maskV4(r.addr, r.prefix);
}

export const ipv4_is_in_range = fn('ipv4_is_in_range', 2, 2, 'bool', (a, c) => inRangeV4(argString(a, c, 0), argString(a, c, 1)));

/** The string list of a variadic-or-array argument tail. */
function listArgs(args: readonly KqlValue[], ctx: CallContext, from: number): string[] {
  return args.slice(from).flatMap((v, i) => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : '')) : [argString(args, ctx, from + i)]));
}

export const ipv4_is_in_any_range = fn('ipv4_is_in_any_range', 2, 64, 'bool', (a, c) => {
  const ip = argString(a, c, 0);
  if (parseV4Cidr(ip) === null) return null;
  return listArgs(a, c, 1).some((r) => inRangeV4(ip, r) === true);
});

export const ipv6_is_in_range = fn('ipv6_is_in_range', 2, 2, 'bool', (a, c) => {
  const ip = parseV6Cidr(argString(a, c, 0));
  const r = parseV6Cidr(argString(a, c, 1));
  if (ip === null || r === null) return null;
  const m = v6Mask(r.prefix);
  return (ip.addr & m) === (r.addr & m);
});

function inRangeV6(ip: { addr: bigint }, range: string): boolean {
  const r = parseV6Cidr(range);
  if (r === null) return false;
  const m = v6Mask(r.prefix);
  return (ip.addr & m) === (r.addr & m);
}

/** ipv6_is_in_any_range(ip, range…) or (ip, dynamic array of ranges): null when the address is invalid. */
export const ipv6_is_in_any_range = fn('ipv6_is_in_any_range', 2, 64, 'bool', (a, c) => {
  const ip = parseV6Cidr(argString(a, c, 0));
  if (ip === null) return null;
  return listArgs(a, c, 1).some((r) => inRangeV6(ip, r));
});

/**
 * ipv4_range_to_cidr_list(start, end): the smallest list of CIDR blocks covering start..end (inclusive), each
 * block the largest aligned one that fits; null when an address is invalid or end < start.
 */
export function v4RangeToCidrs(start: number, end: number): string[] {
  const out: string[] = [];
  let cur = start;
  while (cur <= end) {
    let size = 32;
    while (size > 0) {
      const block = 2 ** (33 - size);
      if (cur % block !== 0 || cur + block - 1 > end) break;
      size--;
    }
    out.push(`${formatV4(cur)}/${size}`);
    cur += 2 ** (32 - size);
  }
  return out;
}

export const ipv4_range_to_cidr_list: ScalarFunction = {
  name: 'ipv4_range_to_cidr_list',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('dynamic'),
  impl: (args, ctx) => {
    const a = parseV4(argString(args, ctx, 0).trim());
    const b = parseV4(argString(args, ctx, 1).trim());
    if (a === null || b === null || b < a) return null;
    return v4RangeToCidrs(a, b);
  },
};

const PRIVATE: readonly [number, number][] = [
  [parseV4('10.0.0.0') ?? 0, 8],
  [parseV4('172.16.0.0') ?? 0, 12],
  [parseV4('192.168.0.0') ?? 0, 16],
];

export const ipv4_is_private = fn('ipv4_is_private', 1, 1, 'bool', (a, c) => {
  const ip = parseV4Cidr(argString(a, c, 0));
  if (ip === null) return null;
  return PRIVATE.some(([net, p]) => maskV4(ip.addr, p) === net);
});

export const parse_ipv4 = fn('parse_ipv4', 1, 1, 'long', (a, c) => {
  const ip = parseV4Cidr(argString(a, c, 0));
  return ip === null ? null : maskV4(ip.addr, ip.prefix);
});

export const parse_ipv4_mask = fn('parse_ipv4_mask', 2, 2, 'long', (a, c) => {
  const ip = parseV4Cidr(argString(a, c, 0));
  const p = argInt(a, c, 1);
  if (ip === null || p === null || p < 0 || p > 32) return null;
  return maskV4(ip.addr, Math.min(ip.prefix, p));
});

/** The address of a string or long argument, with its prefix. */
function v4Arg(args: readonly KqlValue[], ctx: CallContext): { addr: number; prefix: number } | null {
  const v = args[0] ?? null;
  const t = argType(ctx, 0);
  if ((t === 'long' || t === 'int') && typeof v === 'number') return v >= 0 && v <= 0xffffffff ? { addr: v, prefix: 32 } : null;
  return parseV4Cidr(argString(args, ctx, 0));
}

function formatted(withSuffix: boolean) {
  return (args: readonly KqlValue[], ctx: CallContext): KqlValue => {
    const ip = v4Arg(args, ctx);
    const p = args.length > 1 ? argInt(args, ctx, 1) : 32;
    if (ip === null || p === null || p < 0 || p > 32) return '';
    const prefix = Math.min(ip.prefix, p);
    const text = formatV4(maskV4(ip.addr, prefix));
    return withSuffix ? `${text}/${prefix}` : text;
  };
}

export const format_ipv4 = fn('format_ipv4', 1, 2, 'string', formatted(false));
export const format_ipv4_mask = fn('format_ipv4_mask', 1, 2, 'string', formatted(true));

export const ipv4_netmask_suffix = fn('ipv4_netmask_suffix', 1, 1, 'long', (a, c) => parseV4Cidr(argString(a, c, 0))?.prefix ?? null);

export const parse_ipv6 = fn('parse_ipv6', 1, 1, 'string', (a, c) => {
  const ip = parseV6Cidr(argString(a, c, 0));
  return ip === null ? '' : formatV6(ip.addr & v6Mask(ip.prefix));
});

export const parse_ipv6_mask = fn('parse_ipv6_mask', 2, 2, 'string', (a, c) => {
  const ip = parseV6Cidr(argString(a, c, 0));
  const p = argInt(a, c, 1);
  if (ip === null || p === null || p < 0 || p > 128) return '';
  return formatV6(ip.addr & v6Mask(Math.min(ip.prefix, p)));
});

/**
 * The IPv4 addresses written in text, as has_ipv4 sees them: runs of digits and dots bounded by characters
 * that are neither alphanumeric nor dots, parsing as a valid dotted quad.
 */
export function ipv4sInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[0-9.]+/g)) {
    const before = text[m.index - 1] ?? ' ';
    const after = text[m.index + m[0].length] ?? ' ';
    if (/[A-Za-z0-9_]/.test(before) || /[A-Za-z0-9_]/.test(after)) continue;
    const token = m[0].replace(/^\.+|\.+$/g, '');
    if (parseV4(token) !== null) out.push(token);
  }
  return out;
}

/** A prefix must be a full address or end with a dot after whole octets (`127.0.`). */
function validPrefix(p: string): boolean {
  if (parseV4(p) !== null) return true;
  return /^(\d{1,3}\.){1,3}$/.test(p) && p.split('.').slice(0, -1).every((o) => Number(o) <= 255);
}

function hasIps(prefixMode: boolean) {
  return (args: readonly KqlValue[], ctx: CallContext): KqlValue => {
    const found = ipv4sInText(argString(args, ctx, 0));
    const wanted = listArgs(args, ctx, 1);
    return wanted.some((w) => {
      if (prefixMode) return validPrefix(w) && found.some((ip) => (w.endsWith('.') ? ip.startsWith(w) : ip === w));
      const canonical = parseV4(w);
      return canonical !== null && found.some((ip) => parseV4(ip) === canonical);
    });
  };
}

export const has_ipv4 = fn('has_ipv4', 2, 2, 'bool', hasIps(false));
export const has_ipv4_prefix = fn('has_ipv4_prefix', 2, 2, 'bool', hasIps(true));
export const has_any_ipv4 = fn('has_any_ipv4', 2, 64, 'bool', hasIps(false));
export const has_any_ipv4_prefix = fn('has_any_ipv4_prefix', 2, 64, 'bool', hasIps(true));

export const IP_FUNCTIONS: readonly ScalarFunction[] = [
  ipv4_compare, ipv4_is_match, ipv6_compare, ipv6_is_match, ipv4_is_in_range, ipv4_is_in_any_range, ipv6_is_in_range,
  ipv4_is_private, parse_ipv4, parse_ipv4_mask, format_ipv4, format_ipv4_mask, ipv4_netmask_suffix, parse_ipv6,
  parse_ipv6_mask, has_ipv4, has_ipv4_prefix, has_any_ipv4, has_any_ipv4_prefix, ipv6_is_in_any_range,
  ipv4_range_to_cidr_list,
];
