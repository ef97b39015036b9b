import { describe, expect, it } from 'vitest';
import { parseEventDatetime, parseEventTimespan } from './time-text.ts';

describe('event time text', () => {
  it('reads the ISO forms exports use, to 100 ns ticks since 1970', () => {
    expect(parseEventDatetime('2026-11-24T09:14:03.512Z')).toBe(17_955_116_435_120_000n);
    expect(parseEventDatetime('2026-11-24 09:14:03.5120000')).toBe(17_955_116_435_120_000n);
    expect(parseEventDatetime('2026-11-24T10:14:03.512+01:00')).toBe(17_955_116_435_120_000n);
  });

  it('reads the portal CSV form day first', () => {
    expect(parseEventDatetime('24/11/2026, 09:14:03.512')).toBe(17_955_116_435_120_000n);
  });

  it('reads what todatetime() reads, so events and queries agree on the same text', () => {
    expect(parseEventDatetime('Tue, 24 Nov 2026 09:14:03 GMT')).toBe(17_955_116_430_000_000n);
    expect(parseEventDatetime('not a date')).toBeNull();
    expect(parseEventDatetime('2026-02-30T00:00:00Z')).toBeNull();
  });

  it('reads timespans in the clock form and Kusto literal forms', () => {
    expect(parseEventTimespan('1.02:03:04.5')).toBe(937_845_000_000n);
    expect(parseEventTimespan('-00:00:01')).toBe(-10_000_000n);
    expect(parseEventTimespan('2h')).toBe(72_000_000_000n);
  });
});
