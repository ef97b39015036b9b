/**
 * Kusto's string operators: `has` (term-based), `contains`, `startswith`, `endswith`, `hasprefix`, `hassuffix`,
 * each case-insensitive by default with `_cs` variants. Searches compare char codes with ASCII case folding so a
 * `where` does not allocate per row; non-ASCII text falls back to lower-casing.
 */

export type StringPredicate = (haystack: string) => boolean;

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A term character: letters and digits (Unicode), as Kusto's term index splits text. */
export function isTermChar(code: number): boolean {
  if (code < 128) return isAsciiAlnum(code);
  return LETTER_OR_DIGIT.test(String.fromCharCode(code));
}

function foldAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Index of `needle` in `haystack` from `from`; `needle` is already lower-case when `fold` is true. */
function indexOf(haystack: string, needle: string, from: number, fold: boolean): number {
  if (!fold) return haystack.indexOf(needle, from);
  const n = needle.length;
  const last = haystack.length - n;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < n; j++) {
      if (foldAscii(haystack.charCodeAt(i + j)) !== needle.charCodeAt(j)) continue outer;
    }
    return i;
  }
  return -1;
}

function prepareNeedle(needle: string, caseSensitive: boolean): { needle: string; fold: boolean; lowerHaystack: boolean } {
  if (caseSensitive) return { needle, fold: false, lowerHaystack: false };
  const lowered = needle.toLowerCase();
  // ASCII needles fold by char code; otherwise lower-case the haystack too (allocates, but only for such needles).
  return isAscii(lowered) ? { needle: lowered, fold: true, lowerHaystack: false } : { needle: lowered, fold: false, lowerHaystack: true };
}

/**
 * `has`: the needle matches where it appears with term boundaries at its alphanumeric edges: an edge character that
 * is a letter/digit must not be preceded (start) or followed (end) by another letter/digit.
 */
export function hasPredicate(rawNeedle: string, caseSensitive: boolean, mode: 'term' | 'prefix' | 'suffix' = 'term'): StringPredicate {
  const { needle, fold, lowerHaystack } = prepareNeedle(rawNeedle, caseSensitive);
  if (needle.length === 0) return () => true;
  const checkStart = mode !== 'suffix' && isTermChar(needle.charCodeAt(0));
  const checkEnd = mode !== 'prefix' && isTermChar(needle.charCodeAt(needle.length - 1));
  return (input: string) => {
    const haystack = lowerHaystack ? input.toLowerCase() : input;
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
  const { needle, fold, lowerHaystack } = prepareNeedle(rawNeedle, caseSensitive);
  return (input) => indexOf(lowerHaystack ? input.toLowerCase() : input, needle, 0, fold) >= 0;
}

export function startsWithPredicate(rawNeedle: string, caseSensitive: boolean): StringPredicate {
  const { needle, fold, lowerHaystack } = prepareNeedle(rawNeedle, caseSensitive);
  return (input) => {
    const haystack = lowerHaystack ? input.toLowerCase() : input;
    if (haystack.length < needle.length) return false;
    if (!fold) return haystack.startsWith(needle);
    for (let j = 0; j < needle.length; j++) if (foldAscii(haystack.charCodeAt(j)) !== needle.charCodeAt(j)) return false;
    return true;
  };
}

export function endsWithPredicate(rawNeedle: string, caseSensitive: boolean): StringPredicate {
  const { needle, fold, lowerHaystack } = prepareNeedle(rawNeedle, caseSensitive);
  return (input) => {
    const haystack = lowerHaystack ? input.toLowerCase() : input;
    const offset = haystack.length - needle.length;
    if (offset < 0) return false;
    if (!fold) return haystack.endsWith(needle);
    for (let j = 0; j < needle.length; j++) if (foldAscii(haystack.charCodeAt(offset + j)) !== needle.charCodeAt(j)) return false;
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
