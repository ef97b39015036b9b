const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * The longest `ago(N<unit>)` look-back in the query text, in ms (0 when it has none). A textual heuristic, only
 * used to decide whether "Latest event" should move the clock to just after the newest sample.
 */
export function lookBackMs(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/\bago\s*\(\s*(\d+(?:\.\d+)?)\s*(ms|d|h|m|s)\s*\)/g)) {
    longest = Math.max(longest, Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0));
  }
  return longest;
}
