/** URL functions: url_decode, url_encode, url_encode_component, parse_url, parse_urlquery. */
import { type DynamicBag, newBag } from '../values/index.ts';
import { argString, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

/** Percent-decoding as .NET's HttpUtility.UrlDecode: `+` is a space; malformed escapes stay as they are. */
export function urlDecode(s: string): string {
  const bytes: number[] = [];
  let out = '';
  const flush = (): void => {
    if (bytes.length > 0) out += new TextDecoder().decode(new Uint8Array(bytes));
    bytes.length = 0;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    flush();
    out += c === '+' ? ' ' : c;
  }
  flush();
  return out;
}

function percentEncode(s: string, keep: RegExp, upper: boolean, spaceAsPlus: boolean): string {
  let out = '';
  for (const ch of s) {
    if (keep.test(ch)) out += ch;
    else if (ch === ' ' && spaceAsPlus) out += '+';
    else {
      for (const b of new TextEncoder().encode(ch)) {
        const h = b.toString(16).padStart(2, '0');
        out += '%' + (upper ? h.toUpperCase() : h);
      }
    }
  }
  return out;
}

export const url_decode: ScalarFunction = {
  name: 'url_decode',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: (args, ctx) => urlDecode(argString(args, ctx, 0)),
};

/** url_encode: HttpUtility.UrlEncode style (`+` for spaces, lowercase hex; docs' example). */
export const url_encode: ScalarFunction = {
  name: 'url_encode',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: (args, ctx) => percentEncode(argString(args, ctx, 0), /^[A-Za-z0-9\-_.!*()]$/, false, true),
};

/** url_encode_component: Uri.EscapeDataString style (`%20`, uppercase hex). */
export const url_encode_component: ScalarFunction = {
  name: 'url_encode_component',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('string'),
  impl: (args, ctx) => percentEncode(argString(args, ctx, 0), /^[A-Za-z0-9\-_.~]$/, true, false),
};

/** Query string `a=1&b=2` to a bag of decoded values (a later duplicate key wins). */
export function parseQuery(query: string): DynamicBag {
  const bag = newBag();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const k = urlDecode(eq < 0 ? pair : pair.slice(0, eq));
    bag[k] = eq < 0 ? '' : urlDecode(pair.slice(eq + 1));
  }
  return bag;
}

const URL_RE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;

/** parse_url(url): Scheme, Host, Port, Path, Username, Password, Query Parameters, Fragment ("" when absent). */
export const parse_url: ScalarFunction = {
  name: 'parse_url',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('dynamic'),
  impl: (args, ctx) => {
    const m = URL_RE.exec(argString(args, ctx, 0).trim());
    const bag = newBag();
    if (!m) return bag;
    bag.Scheme = m[1] ?? '';
    bag.Host = m[4] ?? '';
    bag.Port = m[5] ?? '';
    bag.Path = m[6] ?? '';
    bag.Username = m[2] ?? '';
    bag.Password = m[3] ?? '';
    bag['Query Parameters'] = parseQuery(m[7] ?? '');
    bag.Fragment = m[8] ?? '';
    return bag;
  },
};

/** parse_urlquery(query): `{"Query Parameters": {…}}`; a leading `?` is ignored. */
export const parse_urlquery: ScalarFunction = {
  name: 'parse_urlquery',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('dynamic'),
  impl: (args, ctx) => {
    const bag = newBag();
    bag['Query Parameters'] = parseQuery(argString(args, ctx, 0).replace(/^\?/, ''));
    return bag;
  },
};

export const URL_FUNCTIONS: readonly ScalarFunction[] = [url_decode, url_encode, url_encode_component, parse_url, parse_urlquery];
