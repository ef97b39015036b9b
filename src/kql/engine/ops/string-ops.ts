/**
 * Kusto's string operators: `has` (term-based), `contains`, `startswith`, `endswith`, `hasprefix`, `hassuffix`,
 * each case-insensitive by default with `_cs` variants. Searches compare UTF-16 code units with case folding (ASCII by
 * arithmetic, other units by a table) so a `where` does not allocate per row.
 */

export type StringPredicate = (haystack: string) => boolean;

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Per UTF-16 code unit tables, built on first use of a non-ASCII character (so ASCII-only workloads never pay):
 * the lower-case of each unit (itself when its lower case is not one unit) and whether it is a letter/digit.
 */
let LOWER: Uint16Array | undefined;
let TERM: Uint8Array | undefined;

function lowerTable(): Uint16Array {
  if (!LOWER) {
    LOWER = new Uint16Array(65536);
    for (let c = 0; c < 65536; c++) {
      const lower = String.fromCharCode(c).toLowerCase();
      LOWER[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
    }
  }
  return LOWER;
}

function termTable(): Uint8Array {
  if (!TERM) {
    TERM = new Uint8Array(65536);
    for (let c = 0; c < 65536; c++) TERM[c] = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 0;
  }
  return TERM;
}

/** A term character: letters and digits (Unicode), as Kusto's term index splits text. */
export function isTermChar(code: number): boolean {
  if (code < 128) return isAsciiAlnum(code);
  return termTable()[code] === 1;
}

/** Case folding of one code unit (ASCII by arithmetic, others by table): no allocation. */
export function foldCode(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  return lowerTable()[code] as number;
}

/** A string folded unit by unit with `foldCode` (needles are folded once, haystacks compared unit by unit). */
export function foldString(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) if (text.charCodeAt(i) > 127) ascii = false;
  if (ascii) return text.toLowerCase();
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldCode(text.charCodeAt(i)));
  return out;
}

/** Index of `needle` in `haystack` from `from`; `needle` is already folded when `fold` is true. */
function indexOf(haystack: string, needle: string, from: number, fold: boolean): number {
  if (!fold) return haystack.indexOf(needle, from);
  const n = needle.length;
  if (n === 0) return from <= haystack.length ? from : -1;
  const last = haystack.length - n;
  const first = needle.charCodeAt(0);
  // Candidates come from the engine's native indexOf on the first unit's spellings (one for `\`, `.`, digits;
  // lower and upper for ASCII letters); the rest is compared folded. Other first units: a plain scan.
  // (`k` also folds from the Kelvin sign U+212A, the one non-ASCII unit folding into ASCII: scanned plainly.)
  const lower = first < 128 && first !== 107 ? String.fromCharCode(first) : '';
  const upper = first >= 97 && first <= 122 ? String.fromCharCode(first - 32) : '';
  let at = from;
  while (at <= last) {
    let i: number;
    if (lower === '') {
      i = at;
      while (i <= last && foldCode(haystack.charCodeAt(i)) !== first) i++;
    } else {
      i = haystack.indexOf(lower, at);
      if (upper !== '') {
        const j = haystack.indexOf(upper, at);
        if (j >= 0 && (i < 0 || j < i)) i = j;
      }
      if (i < 0) return -1;
    }
    if (i > last) return -1;
    let j = 1;
    while (j < n && foldCode(haystack.charCodeAt(i + j)) === needle.charCodeAt(j)) j++;
    if (j === n) return i;
    at = i + 1;
  }
  return -1;
}

/** Case-insensitive needles are folded once; haystacks are folded unit by unit while comparing (no allocation). */
function prepareNeedle(needle: string, caseSensitive: boolean): { needle: string; fold: boolean } {
  if (caseSensitive) return { needle, fold: false };
  return { needle: foldString(needle), fold: true };
}

/**
 * `has`: the needle matches where it appears with term boundaries at its alphanumeric edges: an edge character that
 * is a letter/digit must not be preceded (start) or followed (end) by another letter/digit.
 */
export function hasPredicate(rawNeedle: string, caseSensitive: boolean, mode: 'term' | 'prefix' | 'suffix' = 'term'): StringPredicate {
  const { needle, fold } = prepareNeedle(rawNeedle, caseSensitive);
  if (needle.length === 0) return () => true;
  const checkStart = mode !== 'suffix' && isTermChar(needle.charCodeAt(0));
  const checkEnd = mode !== 'prefix' && isTermChar(needle.charCodeAt(needle.length - 1));
  return (haystack: string) => {
    let at = indexOf(haystack, needle, 0, fold);
    while (at >= 0) {
      const end = at + needle.length;
      const startOk = !checkStart || at === 0 || !isTermChar(haystack.charCodeAt(at - 1));
      const endOk = !checkEnd || end === haystack.length || !isTermChar(haystack.charCodeAt(end));
      if (startOk && endOk) return true;
      at = indexOf(haystack, needle, at + 1, fold);
    }
    return false;
  };
}

export function containsPredicate(rawNeedle: string, caseSensitive: boolean): StringPredicate {
  const { needle, fold } = prepareNeedle(rawNeedle, caseSensitive);
  return (haystack) => indexOf(haystack, needle, 0, fold) >= 0;
}

export function startsWithPredicate(rawNeedle: string, caseSensitive: boolean): StringPredicate {
  const { needle, fold } = prepareNeedle(rawNeedle, caseSensitive);
  return (haystack) => {
    if (haystack.length < needle.length) return false;
    if (!fold) return haystack.startsWith(needle);
    for (let j = 0; j < needle.length; j++) if (foldCode(haystack.charCodeAt(j)) !== needle.charCodeAt(j)) return false;
    return true;
  };
}

export function endsWithPredicate(rawNeedle: string, caseSensitive: boolean): StringPredicate {
  const { needle, fold } = prepareNeedle(rawNeedle, caseSensitive);
  return (haystack) => {
    const offset = haystack.length - needle.length;
    if (offset < 0) return false;
    if (!fold) return haystack.endsWith(needle);
    for (let j = 0; j < needle.length; j++) if (foldCode(haystack.charCodeAt(offset + j)) !== needle.charCodeAt(j)) return false;
    return true;
  };
}

export interface StringOperatorInfo {
  readonly negated: boolean;
  readonly make: (needle: string) => StringPredicate;
}

/** Operator spelling (as written in KQL) → predicate factory. */
export function stringOperatorInfo(op: string): StringOperatorInfo | undefined {
  const negated = op.startsWith('!');
  const base = negated ? op.slice(1) : op;
  const make = STRING_OPERATORS[base];
  return make ? { negated, make } : undefined;
}

const STRING_OPERATORS: Record<string, (needle: string) => StringPredicate> = {
  has: (n) => hasPredicate(n, false),
  has_cs: (n) => hasPredicate(n, true),
  hasprefix: (n) => hasPredicate(n, false, 'prefix'),
  hasprefix_cs: (n) => hasPredicate(n, true, 'prefix'),
  hassuffix: (n) => hasPredicate(n, false, 'suffix'),
  hassuffix_cs: (n) => hasPredicate(n, true, 'suffix'),
  contains: (n) => containsPredicate(n, false),
  contains_cs: (n) => containsPredicate(n, true),
  startswith: (n) => startsWithPredicate(n, false),
  startswith_cs: (n) => startsWithPredicate(n, true),
  endswith: (n) => endsWithPredicate(n, false),
  endswith_cs: (n) => endsWithPredicate(n, true),
};
