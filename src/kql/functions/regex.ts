/**
 * RE2 regexes for user patterns (linear time, never `RegExp`). Kusto patterns use RE2 syntax with inline
 * flags such as `(?i)`; RE2JS accepts those directly.
 */
import { RE2JS } from 're2js';

/** Compiles a pattern, or returns null when it is invalid. */
export function compileRegex(pattern: string, flags = 0): RE2JS | null {
  try {
    return RE2JS.compile(pattern, flags);
  } catch {
    return null;
  }
}

/** A per-query cache implementing `CallContext.regex`. */
export function createRegexCache(limit = 256): (pattern: string, flags?: number) => RE2JS | null {
  const cache = new Map<string, RE2JS | null>();
  return (pattern, flags = 0) => {
    const key = `${flags}/${pattern}`;
    let re = cache.get(key);
    if (re === undefined) {
      re = compileRegex(pattern, flags);
      if (cache.size >= limit) cache.clear();
      cache.set(key, re);
    }
    return re;
  };
}

/** Each match's start/end (UTF-16 indices) and groups, scanning left to right without overlap. */
export function* allMatches(re: RE2JS, text: string): Generator<{ start: number; end: number; groups: (string | null)[] }> {
  const m = re.matcher(text);
  let from = 0;
  while (from <= text.length && m.find(from)) {
    const start = m.start();
    const end = m.end();
    const groups: (string | null)[] = [];
    for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g));
    yield { start, end, groups };
    // Step past an empty match so the scan always advances.
    from = end > start ? end : end + 1;
  }
}

/** The first match at or after `from`; null when none. */
export function firstMatch(re: RE2JS, text: string, from = 0): { start: number; end: number; groups: (string | null)[] } | null {
  const m = re.matcher(text);
  if (from > text.length || !m.find(from)) return null;
  const groups: (string | null)[] = [];
  for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g));
  return { start: m.start(), end: m.end(), groups };
}
