/**
 * A strict JSON reader that keeps source offsets on every value.
 *
 * Why not JSON.parse: its error messages and positions differ per engine (V8, SpiderMonkey and JavaScriptCore
 * disagree, and some give no position at all), and it returns plain objects, whose keys we would then have to
 * read with care (`__proto__`). This reader reports one error with an offset and returns objects as ordered
 * key/value lists, so user keys never become properties of anything.
 */

export interface JsonBase {
  /** Offsets `[start, end)` of the value's text. */
  readonly start: number;
  readonly end: number;
}

export interface JsonMember {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: JsonValue;
}

export type JsonValue =
  | (JsonBase & { readonly kind: 'object'; readonly members: readonly JsonMember[] })
  | (JsonBase & { readonly kind: 'array'; readonly items: readonly JsonValue[] })
  | (JsonBase & { readonly kind: 'string'; readonly value: string })
  | (JsonBase & { readonly kind: 'number'; readonly value: number })
  | (JsonBase & { readonly kind: 'boolean'; readonly value: boolean })
  | (JsonBase & { readonly kind: 'null' });

export type JsonObject = Extract<JsonValue, { kind: 'object' }>;

export type JsonReadResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly message: string; readonly offset: number };

/** Nesting limit; schema JSON is about six levels deep, and unbounded recursion could overflow the stack. */
export const MAX_JSON_DEPTH = 128;

class JsonSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/** Reads one JSON value that must make up the whole text (surrounding whitespace allowed). */
export function readJson(text: string): JsonReadResult {
  const reader = new Reader(text);
  try {
    reader.skipWhitespace();
    const value = reader.value(0);
    reader.skipWhitespace();
    if (!reader.atEnd()) {
      reader.fail(`expected the end of the JSON text after the top-level value, found ${reader.foundText()}`);
    }
    return { ok: true, value };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

/** First member whose key equals one of `keys`, ignoring case (Kusto writes `Name`, Azure's APIs `name`). */
export function member(object: JsonObject, ...keys: string[]): JsonMember | undefined {
  const wanted = keys.map((k) => k.toLowerCase());
  return object.members.find((m) => wanted.includes(m.key.toLowerCase()));
}

class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxError(message, offset);
  }

  foundText(): string {
    if (this.atEnd()) return 'end of input';
    const ch = this.text[this.pos] ?? '';
    return ch === '\n' || ch === '\r' ? 'a line break' : `'${ch}'`;
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      // Space, tab, LF, CR, and a byte-order mark (editors sometimes keep one when text is copied).
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) this.pos++;
      else break;
    }
  }

  value(depth: number): JsonValue {
    if (depth > MAX_JSON_DEPTH) this.fail(`JSON is nested more than ${MAX_JSON_DEPTH} levels deep`);
    const ch = this.text[this.pos];
    switch (ch) {
      case '{':
        return this.object(depth);
      case '[':
        return this.array(depth);
      case '"': {
        const start = this.pos;
        const value = this.string();
        return { kind: 'string', value, start, end: this.pos };
      }
      case 't':
        return this.literal('true', { kind: 'boolean', value: true });
      case 'f':
        return this.literal('false', { kind: 'boolean', value: false });
      case 'n':
        return this.literal('null', { kind: 'null' });
      default:
        if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
        return this.fail(
          `expected a JSON value (object, array, string, number, true, false or null), found ${this.foundText()}`,
        );
    }
  }

  private literal<T extends { kind: 'boolean' | 'null' }>(word: string, value: T): T & JsonBase {
    const start = this.pos;
    if (!this.text.startsWith(word, this.pos)) this.fail(`expected a JSON value, found ${this.foundWord()}`);
    this.pos += word.length;
    return { ...value, start, end: this.pos };
  }

  private foundWord(): string {
    const match = /^[A-Za-z0-9_]+/.exec(this.text.slice(this.pos, this.pos + 40));
    return match ? `'${match[0]}'` : this.foundText();
  }

  private object(depth: number): JsonValue {
    const start = this.pos;
    this.pos++; // {
    const members: JsonMember[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', members, start, end: this.pos };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] === '}' && members.length > 0) {
        this.fail("expected another property after ',', found '}' (JSON does not allow a trailing comma)");
      }
      if (this.text[this.pos] !== '"') this.fail(`expected a property name in double quotes, found ${this.foundText()}`);
      const keyStart = this.pos;
      const key = this.string();
      const keyEnd = this.pos;
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after property name "${key}", found ${this.foundText()}`);
      this.pos++;
      this.skipWhitespace();
      const value = this.value(depth + 1);
      members.push({ key, keyStart, keyEnd, value });
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === '}') {
        this.pos++;
        return { kind: 'object', members, start, end: this.pos };
      }
      this.fail(`expected ',' or '}' after the value of "${key}", found ${this.foundText()}`);
    }
  }

  private array(depth: number): JsonValue {
    const start = this.pos;
    this.pos++; // [
    const items: JsonValue[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items, start, end: this.pos };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] === ']' && items.length > 0) {
        this.fail("expected another array item after ',', found ']' (JSON does not allow a trailing comma)");
      }
      items.push(this.value(depth + 1));
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === ']') {
        this.pos++;
        return { kind: 'array', items, start, end: this.pos };
      }
      this.fail(`expected ',' or ']' after an array item, found ${this.foundText()}`);
    }
  }

  private string(): string {
    const open = this.pos;
    this.pos++; // opening quote
    let result = '';
    let chunkStart = this.pos;
    for (;;) {
      if (this.atEnd()) this.fail('unterminated string: expected a closing \'"\'', open);
      const c = this.text.charCodeAt(this.pos);
      if (c === 34) {
        result += this.text.slice(chunkStart, this.pos);
        this.pos++;
        return result;
      }
      if (c < 32) {
        this.fail(
          'expected \'"\' or more string text, found a control character (line breaks and tabs must be escaped in JSON strings)',
        );
      }
      if (c !== 92) {
        this.pos++;
        continue;
      }
      result += this.text.slice(chunkStart, this.pos);
      result += this.escape();
      chunkStart = this.pos;
    }
  }

  private escape(): string {
    const escapeStart = this.pos;
    this.pos++; // backslash
    const ch = this.text[this.pos];
    this.pos++;
    switch (ch) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('expected four hex digits after \\u', this.pos);
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        return this.fail(
          `expected an escape character (one of " \\ / b f n r t u) after '\\', found ${ch === undefined ? 'end of input' : `'${ch}'`}`,
          escapeStart,
        );
    }
  }

  private number(): JsonValue {
    const start = this.pos;
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) this.fail(`expected a number, found ${this.foundWord()}`);
    this.pos += match[0].length;
    return { kind: 'number', value: Number(match[0]), start, end: this.pos };
  }
}
