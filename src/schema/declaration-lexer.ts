/**
 * Tokens for table declarations (`T(a:string)`, `.create table T (...)`), with offsets for diagnostics.
 */

export type DeclarationTokenKind =
  /** A run of name characters: identifiers, type names, and command words such as `.create-merge`. */
  | 'word'
  /** `['My Col']` or `["My Col"]`; `value` holds the unescaped name. */
  | 'quotedName'
  /** A string literal outside brackets (only meaningful inside `with (...)`). */
  | 'string'
  | 'punct'
  /** Something no rule can use; `problem` says why when it is a malformed construct. */
  | 'invalid'
  | 'eof';

export interface DeclarationToken {
  readonly kind: DeclarationTokenKind;
  /** The token's source text. */
  readonly text: string;
  /** For `quotedName` and `string`: the literal's value. Otherwise equal to `text`. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** A line break comes between the previous token and this one (used to resynchronise after errors). */
  readonly newlineBefore: boolean;
  readonly problem?: string;
}

const PUNCTUATION = new Set(['(', ')', ',', ':', ';', '=']);
/** Characters that end a word. */
const WORD_BREAKERS = new Set(['(', ')', ',', ':', ';', '=', '[', ']', "'", '"', ' ', '\t', '\r', '\n', '\ufeff']);

export function lexDeclarations(text: string): DeclarationToken[] {
  const tokens: DeclarationToken[] = [];
  let pos = 0;
  let newlineBefore = true;

  const push = (kind: DeclarationTokenKind, start: number, end: number, value?: string, problem?: string): void => {
    const tokenText = text.slice(start, end);
    tokens.push({ kind, text: tokenText, value: value ?? tokenText, start, end, newlineBefore, ...(problem ? { problem } : {}) });
    newlineBefore = false;
  };

  while (pos < text.length) {
    const ch = text[pos] ?? '';
    if (ch === '\n') {
      newlineBefore = true;
      pos++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\ufeff') {
      pos++;
    } else if (ch === '/' && text[pos + 1] === '/') {
      while (pos < text.length && text[pos] !== '\n') pos++;
    } else if (PUNCTUATION.has(ch)) {
      push('punct', pos, pos + 1);
      pos++;
    } else if (ch === '[') {
      const quoted = readQuotedName(text, pos);
      push(quoted.problem ? 'invalid' : 'quotedName', pos, quoted.end, quoted.value, quoted.problem);
      pos = quoted.end;
    } else if (ch === "'" || ch === '"') {
      const literal = readStringLiteral(text, pos);
      push(literal.problem ? 'invalid' : 'string', pos, literal.end, literal.value, literal.problem);
      pos = literal.end;
    } else if (ch === ']') {
      push('invalid', pos, pos + 1, undefined, "unexpected ']' without a matching '['");
      pos++;
    } else {
      const start = pos;
      while (pos < text.length && !WORD_BREAKERS.has(text[pos] ?? '') && !(text[pos] === '/' && text[pos + 1] === '/')) pos++;
      push('word', start, pos);
    }
  }
  push('eof', text.length, text.length);
  return tokens;
}

interface Literal {
  readonly value: string;
  readonly end: number;
  readonly problem?: string;
}

/** `['...']` / `["..."]`, allowing spaces inside the brackets as Kusto does. */
function readQuotedName(text: string, open: number): Literal {
  let pos = open + 1;
  while (text[pos] === ' ' || text[pos] === '\t') pos++;
  const quote = text[pos];
  if (quote !== "'" && quote !== '"') {
    return { value: '', end: pos, problem: "expected a quoted name after '[', as in ['My Col']" };
  }
  const literal = readStringLiteral(text, pos);
  if (literal.problem) return literal;
  pos = literal.end;
  while (text[pos] === ' ' || text[pos] === '\t') pos++;
  if (text[pos] !== ']') return { value: literal.value, end: pos, problem: "expected ']' to close the quoted name" };
  return { value: literal.value, end: pos + 1 };
}

const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['\\', '\\'],
  ["'", "'"],
  ['"', '"'],
]);

/** A Kusto string literal with backslash escapes; it must end on the same line. */
function readStringLiteral(text: string, open: number): Literal {
  const quote = text[open];
  let pos = open + 1;
  let value = '';
  while (pos < text.length) {
    const ch = text[pos] ?? '';
    if (ch === quote) return { value, end: pos + 1 };
    if (ch === '\n' || ch === '\r') break;
    if (ch === '\\') {
      const next = text[pos + 1] ?? '';
      value += ESCAPES.get(next) ?? next;
      pos += 2;
      continue;
    }
    value += ch;
    pos++;
  }
  return { value, end: pos, problem: `unterminated string: expected a closing ${quote} before the end of the line` };
}
