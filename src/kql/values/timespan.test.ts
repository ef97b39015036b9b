import { describe, expect, it } from 'vitest';
import { formatTimespan, parseTimespan } from './timespan.ts';

describe('timespan codec', () => {
  it.each([
    ['1d', '1.00:00:00'],
    ['2h', '02:00:00'],
    ['30m', '00:30:00'],
    ['25min', '00:25:00'],
    ['10s', '00:00:10'],
    ['100ms', '00:00:00.1000000'],
    ['5microsecond', '00:00:00.0000050'],
    ['3tick', '00:00:00.0000003'],
    ['1.5h', '01:30:00'],
    ['-1d', '-1.00:00:00'],
    ['0.00:03:00', '00:03:00'],
    ['29.09:00:05.12345', '29.09:00:05.1234500'],
    ['-12:00:00', '-12:00:00'],
    ['10:30', '10:30:00'],
    ['2', '2.00:00:00'],
  ])('%s → %s', (text, printed) => {
    const v = parseTimespan(text);
    expect(v).not.toBeNull();
    expect(formatTimespan(v ?? 0n)).toBe(printed);
  });

  it.each(['', 'abc', '1x', '25:00:00', 'h'])('rejects %j', (text) => {
    expect(parseTimespan(text)).toBeNull();
  });
});
