/**
 * parse-kv: extracts the requested keys from text of key/value pairs. Three modes: explicit pair/kv delimiters
 * (optionally quoted and escaped, greedy values run until the next `key<kv>`), a regex with two groups (key,
 * value), or neither (keys are words followed by `:` or `=`, values run to the next space, `,` or `;`).
 * The first occurrence of a key wins; values convert to the column's type (null when they do not).
 */
import { convertTo } from '../../values/index.ts';
import type { KqlValue } from '../../values/value.ts';
import type { ParseKvOptions, TabularPlan } from '../plan.ts';
import type { CompileEnv, TableFunction } from './runtime.ts';
import { compileScalar } from './scalar.ts';
import { compileTabular } from './tabular.ts';
import { toKqlString } from '../../values/index.ts';

interface Token {
  readonly text: string;
  readonly end: number;
  readonly quoted: boolean;
}

function readQuoted(text: string, start: number, close: string, escapes: readonly string[]): Token {
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] as string;
    if (escapes.includes(ch) && i + 1 < text.length) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === close) return { text: out, end: i + 1, quoted: true };
    out += ch;
    i++;
  }
  return { text: out, end: i, quoted: true };
}

/** A key or value starting at `start` (after spaces): quoted, or raw up to the first stop string. */
function readToken(text: string, start: number, stops: readonly string[], options: ParseKvOptions): Token {
  let i = start;
  while (i < text.length && text[i] === ' ' && !stops.includes(' ')) i++;
  const close = options.quotes.get(text[i] ?? '');
  if (close !== undefined) return readQuoted(text, i, close, options.escapes);
  const from = i;
  while (i < text.length && !stops.some((s) => s !== '' && text.startsWith(s, i))) i++;
  return { text: text.slice(from, i).trim(), end: i, quoted: false };
}

function scanDelimited(text: string, options: ParseKvOptions, pair: string, kv: string, found: Map<string, string>): void {
  let pos = 0;
  while (pos < text.length) {
    while (pos < text.length && (text.startsWith(pair, pos) || text[pos] === ' ')) pos += text.startsWith(pair, pos) ? pair.length : 1;
    if (pos >= text.length) break;
    const key = readToken(text, pos, [kv, pair], options);
    pos = key.end;
    if (!text.startsWith(kv, pos)) {
      // Not a pair: skip to the next pair delimiter.
      const next = text.indexOf(pair, pos);
      pos = next < 0 ? text.length : next;
      continue;
    }
    pos += kv.length;
    const value = readToken(text, pos, [pair], options);
    pos = value.end;
    let valueText = value.text;
    if (options.greedy && !value.quoted) {
      // The value runs on until a pair delimiter followed by `key<kv>`.
      while (text.startsWith(pair, pos)) {
        const candidate = readToken(text, pos + pair.length, [kv, pair], options);
        if (text.startsWith(kv, candidate.end)) break;
        const next = text.indexOf(pair, pos + pair.length);
        const end = next < 0 ? text.length : next;
        valueText = (valueText + text.slice(pos, end)).trim();
        pos = end;
      }
    }
    if (!found.has(key.text)) found.set(key.text, valueText);
  }
}

const AUTO_KEY = /([\p{L}\p{N}_]+)[ \t]*[:=][ \t]*/uy;
const WORD = /[\p{L}\p{N}_]/u;

function scanAuto(text: string, options: ParseKvOptions, found: Map<string, string>): void {
  let pos = 0;
  while (pos < text.length) {
    if (pos > 0 && WORD.test(text[pos - 1] as string)) {
      pos++;
      continue;
    }
    AUTO_KEY.lastIndex = pos;
    const m = AUTO_KEY.exec(text);
    if (!m) {
      pos++;
      continue;
    }
    pos = AUTO_KEY.lastIndex;
    const close = options.quotes.get(text[pos] ?? '');
    let value: string;
    if (close !== undefined) {
      const token = readQuoted(text, pos, close, options.escapes);
      value = token.text;
      pos = token.end;
    } else {
      const from = pos;
      while (pos < text.length && !/[\s,;]/.test(text[pos] as string)) pos++;
      value = text.slice(from, pos);
    }
    const key = m[1] as string;
    if (!found.has(key)) found.set(key, value);
  }
}

export function compileParseKv(plan: Extract<TabularPlan, { kind: 'parse-kv' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const source = compileScalar(plan.source, env);
  const sourceType = plan.source.type;
  const { keys, inputToOutput, options, columns } = plan;
  const regex = options.regex !== undefined ? env.regex(options.regex) : undefined;
  const defaults = columns.map((c) => (c.type === 'string' ? '' : null));
  const scan = (text: string): Map<string, string> => {
    const found = new Map<string, string>();
    if (regex) {
      const matcher = regex.matcher(text);
      while (matcher.find()) {
        const key = matcher.group(1);
        if (key !== null && !found.has(key)) found.set(key, matcher.group(2) ?? '');
      }
    } else if (options.pairDelimiter !== undefined || options.kvDelimiter !== undefined) {
      scanDelimited(text, options, options.pairDelimiter ?? ' ', options.kvDelimiter ?? '=', found);
    } else scanAuto(text, options, found);
    return found;
  };
  return () => {
    const rows: (readonly KqlValue[])[] = [];
    for (const row of input().rows) {
      const out: KqlValue[] = defaults.slice();
      inputToOutput.forEach((o, i) => {
        if (o >= 0) out[o] = row[i] ?? null;
      });
      const value = source(row);
      const found = scan(typeof value === 'string' ? value : toKqlString(value, sourceType));
      for (const key of keys) {
        const text = found.get(key.name);
        if (text === undefined) continue;
        out[key.output] = key.type === 'string' ? text : convertTo(text, 'string', key.type);
      }
      rows.push(out);
    }
    return { columns, rows };
  };
}
