/**
 * JSON codec for dynamic values. Hand-written rather than JSON.parse because Kusto keeps integers beyond 2^53
 * exact (we use bigint), bags must not have a prototype, and Kusto also accepts single-quoted strings.
 */
import { type DynamicBag, type DynamicValue, newBag, normalizeLong } from './value.ts';
import { formatReal } from './real.ts';

class JsonReader {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new SyntaxError(`${message} at offset ${this.pos}`);
  }

  skipWs(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  value(depth: number): DynamicValue {
    if (depth > 1000) this.fail('JSON nested too deeply');
    this.skipWs();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'") return this.string(c);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null], ['NaN', NaN], ['Infinity', Infinity]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    return this.fail('unexpected character');
  }

  object(depth: number): DynamicBag {
    const bag = newBag();
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return bag;
    }
    for (;;) {
      this.skipWs();
      const q = this.text[this.pos];
      if (q !== '"' && q !== "'") this.fail('expected a property name');
      const key = this.string(q);
      this.skipWs();
      if (this.text[this.pos] !== ':') this.fail("expected ':'");
      this.pos++;
      bag[key] = this.value(depth + 1);
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === '}') return bag;
      if (c !== ',') this.fail("expected ',' or '}'");
    }
  }

  array(depth: number): DynamicValue[] {
    const out: DynamicValue[] = [];
    this.pos++;
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.skipWs();
      const c = this.text[this.pos++];
      if (c === ']') return out;
      if (c !== ',') this.fail("expected ',' or ']'");
    }
  }

  string(quote: string): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos++];
      if (c === undefined) this.fail('unterminated string');
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.pos++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          const hex = this.text.slice(this.pos, this.pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        case undefined: this.fail('unterminated string'); break;
        default: out += e; // \" \\ \/ \' and lenient others
      }
    }
  }

  number(): number | bigint {
    const m = /^-?(?:\d+)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) return this.fail('bad number');
    this.pos += m[0].length;
    if (m[1] === undefined && m[2] === undefined) {
      const n = Number(m[0]);
      if (Number.isSafeInteger(n)) return n;
      const big = BigInt(m[0]);
      // Beyond the long range Kusto falls back to a real.
      return BigInt.asIntN(64, big) === big ? normalizeLong(big) : n;
    }
    return Number(m[0]);
  }
}

/** Parses JSON text to a dynamic value: `{ value }` or `{ error }` (never throws). */
export function parseDynamicJson(text: string): { value: DynamicValue } | { error: string } {
  const r = new JsonReader(text);
  try {
    const value = r.value(0);
    r.skipWs();
    if (r.pos !== text.length) r.fail('unexpected text after the JSON value');
    return { value };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** A JSON string literal (JSON.stringify escapes exactly what JSON requires). */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}

/** Compact JSON as Kusto prints dynamic values: `{"a":1,"b":[1,2]}`; reals as Kusto prints them. */
export function dynamicToJson(value: DynamicValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? formatReal(value) : `"${formatReal(value)}"`;
    case 'string':
      return jsonString(value);
    default:
      if (Array.isArray(value)) return '[' + value.map(dynamicToJson).join(',') + ']';
      return '{' + Object.keys(value).map((k) => jsonString(k) + ':' + dynamicToJson(value[k] ?? null)).join(',') + '}';
  }
}

/** Deep copy (bags stay prototype-free), so functions that edit a bag never alias their input. */
export function cloneDynamic(value: DynamicValue): DynamicValue {
  if (Array.isArray(value)) return value.map(cloneDynamic);
  if (value !== null && typeof value === 'object') {
    const bag = newBag();
    for (const k of Object.keys(value)) bag[k] = cloneDynamic(value[k] ?? null);
    return bag;
  }
  return value;
}

/** Compact JSON with bag keys sorted ordinally, as `dynamic_to_json` prints (deterministic output). */
export function dynamicToSortedJson(value: DynamicValue): string {
  if (Array.isArray(value)) return '[' + value.map(dynamicToSortedJson).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + keys.map((k) => jsonString(k) + ':' + dynamicToSortedJson(value[k] ?? null)).join(',') + '}';
  }
  return dynamicToJson(value);
}
