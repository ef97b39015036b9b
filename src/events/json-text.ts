/**
 * A strict JSON parser for event files.
 *
 * Why not JSON.parse: its error positions differ per engine (and newer V8 messages give none), integers beyond
 * 2^53 silently lose digits (a `ReportId` or `LogonId` must not), and we want objects without a prototype so
 * that event keys like `__proto__` or `constructor` stay ordinary data all the way into dynamic columns.
 * Objects come back as `DynamicBag`s (`Object.create(null)`); integers beyond ±(2^53−1) as `bigint`.
 */
import type { DynamicBag, DynamicValue } from './types.ts';

export type JsonParseResult = { readonly ok: true; readonly value: DynamicValue } | { readonly ok: false; readonly message: string; readonly offset: number };

/** Deep enough for any real event; bounded so hostile nesting cannot overflow the stack. */
export const MAX_DEPTH = 256;

class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/** Parses `text.slice(start, end)` as exactly one JSON value (whitespace around it allowed). */
export function parseJsonText(text: string, start = 0, end = text.length): JsonParseResult {
  const parser = new Parser(text, start, end);
  try {
    parser.skipWhitespace();
    const value = parser.value(0);
    parser.skipWhitespace();
    if (parser.pos < end) parser.fail(`unexpected ${parser.describeHere()} after the JSON value`);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

/** How a scan of a top-level JSON array ended. */
export type ArrayScanEnd = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly offset: number };

/**
 * Parses a top-level JSON array one element at a time, so the caller can turn each element into a typed row and
 * drop it before the next one is built (peak memory is one element, not the whole parsed array).
 */
export function forEachArrayElement(text: string, visit: (value: DynamicValue, index: number, offset: number) => void): ArrayScanEnd {
  const elements = arrayElements(text);
  for (;;) {
    const step = elements.next();
    if (step.done) return step.value;
    visit(step.value.value, step.value.index, step.value.offset);
  }
}

/** One element of a top-level array: where it starts, and where the parser stands after it (for progress). */
export interface ArrayElement {
  readonly value: DynamicValue;
  readonly index: number;
  readonly offset: number;
  readonly end: number;
}

/**
 * The elements of a top-level JSON array as a generator, so a caller can stop between elements (to yield to an
 * event loop, report progress or cancel) without the parser holding the whole array.
 */
export function* arrayElements(text: string): Generator<ArrayElement, ArrayScanEnd, void> {
  const parser = new Parser(text, 0, text.length);
  try {
    parser.skipWhitespace();
    parser.expect(0x5b, "'[' to start the array");
    parser.skipWhitespace();
    let index = 0;
    if (parser.peek() === 0x5d) {
      parser.pos++;
    } else {
      for (;;) {
        parser.skipWhitespace();
        const offset = parser.pos;
        const value = parser.value(1);
        yield { value, index: index++, offset, end: parser.pos };
        parser.skipWhitespace();
        const c = parser.peek();
        if (c === 0x2c) {
          parser.pos++;
          continue;
        }
        if (c === 0x5d) {
          parser.pos++;
          break;
        }
        parser.fail(`expected ',' or ']' after array element ${index}, found ${parser.describeHere()}`);
      }
    }
    parser.skipWhitespace();
    if (parser.pos < text.length) parser.fail(`unexpected ${parser.describeHere()} after the closing ']'`);
    return { ok: true };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

class Parser {
  pos: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  peek(): number {
    return this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
  }

  fail(message: string, offset = this.pos): never {
    throw new SyntaxFailure(message, offset);
  }

  describeHere(): string {
    if (this.pos >= this.end) return 'end of input';
    const ch = this.text[this.pos] ?? '';
    return JSON.stringify(ch);
  }

  expect(code: number, what: string): void {
    if (this.peek() !== code) this.fail(`expected ${what}, found ${this.describeHere()}`);
    this.pos++;
  }

  skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < this.end) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  value(depth: number): DynamicValue {
    if (depth > MAX_DEPTH) this.fail(`JSON nested deeper than ${MAX_DEPTH} levels`);
    const c = this.peek();
    switch (c) {
      case 0x7b:
        return this.object(depth);
      case 0x5b:
        return this.array(depth);
      case 0x22:
        return this.string();
      case 0x74:
        return this.literal('true', true);
      case 0x66:
        return this.literal('false', false);
      case 0x6e:
        return this.literal('null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
        if (c === -1) this.fail('unexpected end of input, expected a JSON value');
        return this.fail(`unexpected ${this.describeHere()}, expected a JSON value`);
    }
  }

  private literal<T>(word: string, result: T): T {
    if (this.text.startsWith(word, this.pos) && this.pos + word.length <= this.end) {
      this.pos += word.length;
      return result;
    }
    return this.fail(`unexpected ${this.describeHere()}, expected a JSON value`);
  }

  private object(depth: number): DynamicBag {
    const bag: DynamicBag = Object.create(null) as DynamicBag;
    this.pos++;
    this.skipWhitespace();
    if (this.peek() === 0x7d) {
      this.pos++;
      return bag;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.peek() !== 0x22) this.fail(`expected a property name in double quotes, found ${this.describeHere()}`);
      const key = this.string();
      this.skipWhitespace();
      this.expect(0x3a, `':' after property name ${JSON.stringify(key)}`);
      this.skipWhitespace();
      bag[key] = this.value(depth + 1);
      this.skipWhitespace();
      const c = this.peek();
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x7d) {
        this.pos++;
        return bag;
      }
      this.fail(`expected ',' or '}' after the value of ${JSON.stringify(key)}, found ${this.describeHere()}`);
    }
  }

  private array(depth: number): DynamicValue[] {
    const items: DynamicValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.peek() === 0x5d) {
      this.pos++;
      return items;
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.value(depth + 1));
      this.skipWhitespace();
      const c = this.peek();
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x5d) {
        this.pos++;
        return items;
      }
      this.fail(`expected ',' or ']' in array, found ${this.describeHere()}`);
    }
  }

  private string(): string {
    const text = this.text;
    const start = ++this.pos;
    // Fast path: no escapes, the common case for event fields.
    let pos = start;
    while (pos < this.end) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      }
      if (c === 0x5c || c < 0x20) break;
      pos++;
    }
    let out = text.slice(start, pos);
    while (pos < this.end) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        this.pos = pos + 1;
        return out;
      }
      if (c < 0x20) this.fail('control character in string (newlines and tabs must be escaped as \\n and \\t)', pos);
      if (c !== 0x5c) {
        out += text[pos];
        pos++;
        continue;
      }
      const e = text.charCodeAt(pos + 1);
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += '\\'; break;
        case 0x2f: out += '/'; break;
        case 0x62: out += '\b'; break;
        case 0x66: out += '\f'; break;
        case 0x6e: out += '\n'; break;
        case 0x72: out += '\r'; break;
        case 0x74: out += '\t'; break;
        case 0x75: {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape: expected 4 hex digits', pos);
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          this.fail(`invalid escape ${JSON.stringify(text.slice(pos, pos + 2))} in string`, pos);
      }
      pos += 2;
    }
    return this.fail('unterminated string', start - 1);
  }

  private number(): number | bigint {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const intStart = pos;
    while (pos < this.end && isDigit(text.charCodeAt(pos))) pos++;
    if (pos === intStart) this.fail('expected a digit after "-"', pos);
    if (text.charCodeAt(intStart) === 0x30 && pos - intStart > 1) this.fail('numbers cannot have leading zeros', intStart);
    let integer = true;
    if (pos < this.end && text.charCodeAt(pos) === 0x2e) {
      integer = false;
      pos++;
      const fracStart = pos;
      while (pos < this.end && isDigit(text.charCodeAt(pos))) pos++;
      if (pos === fracStart) this.fail('expected a digit after the decimal point', pos);
    }
    const e = pos < this.end ? text.charCodeAt(pos) : -1;
    if (e === 0x65 || e === 0x45) {
      integer = false;
      pos++;
      const s = text.charCodeAt(pos);
      if (s === 0x2b || s === 0x2d) pos++;
      const expStart = pos;
      while (pos < this.end && isDigit(text.charCodeAt(pos))) pos++;
      if (pos === expStart) this.fail('expected a digit in the exponent', pos);
    }
    this.pos = pos;
    const literal = text.slice(start, pos);
    // 15 digits always fit a double exactly; longer integers may not.
    if (integer && pos - intStart > 15) {
      const big = BigInt(literal);
      if (big > MAX_SAFE || big < -MAX_SAFE) return big;
    }
    return Number(literal);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
