import { describe, expect, it } from 'vitest';
import { parseDatetime, parseTimespan } from '../values/index.ts';
import { call } from './testing.ts';

const dt = (s: string): bigint => parseDatetime(s) ?? 0n;
const ts = (s: string): bigint => parseTimespan(s) ?? 0n;

describe('binary functions (docs examples)', () => {
  it('binary_and/or/xor/not/shift', () => {
    expect(call('binary_or', [5, 3])).toBe(7);
    expect(call('binary_and', [6, 3])).toBe(2);
    expect(call('binary_xor', [1, 1])).toBe(0);
    expect(call('binary_xor', [1, 2])).toBe(3);
    expect(call('binary_not', [100])).toBe(-101);
    expect(call('binary_shift_left', [1, 2])).toBe(4);
    expect(call('binary_shift_right', [4, 1])).toBe(2);
    expect(call('binary_shift_left', [1, 64])).toBe(1);
    expect(call('binary_shift_right', [-8, 1])).toBe(-4);
    expect(call('binary_and', [null, 3])).toBe(null);
    expect(call('bitset_count_ones', [42])).toBe(3);
    expect(call('bitset_count_ones', [-1])).toBe(64);
  });
});

describe('gzip/zlib to and from base64 (docs examples)', () => {
  it('compresses as Kusto prints it', () => {
    expect(call('gzip_compress_to_base64_string', ['1234567890qwertyuiop'])).toBe('H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==');
    expect(call('zlib_compress_to_base64_string', ['1234567890qwertyuiop'])).toBe('eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw==');
  });

  it('decompresses; invalid input gives ""', () => {
    expect(call('gzip_decompress_from_base64_string', ['H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA=='])).toBe('1234567890qwertyuiop');
    expect(call('gzip_decompress_from_base64_string', ['x0x0x0'])).toBe('');
    expect(call('zlib_decompress_from_base64_string', ['eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4='])).toBe('Test string 123');
    expect(call('zlib_decompress_from_base64_string', ['x0x0x0'])).toBe('');
  });

  it('round-trips compressible and long text', () => {
    const text = 'abc '.repeat(50_000) + 'ü€';
    const g = call('gzip_compress_to_base64_string', [text]) as string;
    expect(g.length).toBeLessThan(text.length / 10);
    expect(call('gzip_decompress_from_base64_string', [g])).toBe(text);
    expect(call('zlib_decompress_from_base64_string', [call('zlib_compress_to_base64_string', [text])])).toBe(text);
    expect(call('zlib_decompress_from_base64_string', [call('zlib_compress_to_base64_string', [''])])).toBe('');
  });
});

describe('time zones (docs examples)', () => {
  it('datetime_local_to_utc', () => {
    const local = dt('2020-02-02 20:02:20');
    expect(call('datetime_local_to_utc', [local, 'US/Pacific'], ['datetime', 'string'])).toBe(dt('2020-02-03 04:02:20'));
    expect(call('datetime_local_to_utc', [local, 'America/Chicago'], ['datetime', 'string'])).toBe(dt('2020-02-03 02:02:20'));
    expect(call('datetime_local_to_utc', [local, 'Europe/Paris'], ['datetime', 'string'])).toBe(dt('2020-02-02 19:02:20'));
    expect(call('datetime_local_to_utc', [local, 'Not/AZone'], ['datetime', 'string'])).toBe(null);
  });

  it('the spring-forward gap in Europe/Brussels', () => {
    const rows = ['01:00', '02:00', '03:00', '04:00'].map((h) => {
      const utc = call('datetime_local_to_utc', [dt(`2022-03-27 ${h}`), 'Europe/Brussels'], ['datetime', 'string']) as bigint;
      return [utc, call('datetime_utc_to_local', [utc, 'Europe/Brussels'], ['datetime', 'string'])];
    });
    expect(rows).toEqual([
      [dt('2022-03-27 00:00'), dt('2022-03-27 01:00')],
      [dt('2022-03-27 00:00'), dt('2022-03-27 01:00')],
      [dt('2022-03-27 01:00'), dt('2022-03-27 03:00')],
      [dt('2022-03-27 02:00'), dt('2022-03-27 04:00')],
    ]);
  });

  it('datetime_utc_to_local keeps sub-millisecond ticks', () => {
    expect(call('datetime_utc_to_local', [dt('2022-07-01 12:00:00.1234567'), 'Europe/Paris'], ['datetime', 'string'])).toBe(dt('2022-07-01 14:00:00.1234567'));
  });
});

describe('range(), has_any_index, unicode_codepoints_to_string with ranges (docs examples)', () => {
  it('range', () => {
    expect(call('range', [1, 8, 3])).toEqual([1, 4, 7]);
    expect(call('range', [1, 3])).toEqual([1, 2, 3]);
    expect((call('range', [1, 1_000_000_000]) as unknown[]).length).toBe(1_048_576);
    expect(call('range', [5, 1, -2])).toEqual([5, 3, 1]);
    expect(call('range', [1.5, 3])).toEqual([1.5, 2.5]);
    expect(call('range', [dt('2017-10-01 00:00'), dt('2017-10-01 01:00'), ts('30m')], ['datetime', 'datetime', 'timespan'])).toEqual([
      '2017-10-01T00:00:00.0000000Z', '2017-10-01T00:30:00.0000000Z', '2017-10-01T01:00:00.0000000Z',
    ]);
  });

  it('has_any_index', () => {
    expect(call('has_any_index', ['this is an example', ['this', 'example']])).toBe(0);
    expect(call('has_any_index', ['this is an example', ['not', 'example']])).toBe(1);
    expect(call('has_any_index', ['this is an example', ['not', 'found']])).toBe(-1);
    expect(call('has_any_index', ['Example number 2', call('range', [1, 3, 1])])).toBe(1);
    expect(call('has_any_index', ['this is an example', []])).toBe(-1);
    expect(call('has_any_index', ['an examples list', ['example']])).toBe(-1);
  });

  it('unicode_codepoints_to_string over ranges', () => {
    expect(call('unicode_codepoints_to_string', [call('range', [48, 57]), call('range', [65, 90]), call('range', [97, 122])])).toBe(
      '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    );
  });
});

describe('IP ranges (docs examples)', () => {
  it('ipv4_range_to_cidr_list', () => {
    expect(call('ipv4_range_to_cidr_list', ['1.1.128.0', '1.1.140.255'])).toEqual(['1.1.128.0/21', '1.1.136.0/22', '1.1.140.0/24']);
    expect(call('ipv4_range_to_cidr_list', ['0.0.0.0', '255.255.255.255'])).toEqual(['0.0.0.0/0']);
    expect(call('ipv4_range_to_cidr_list', ['10.0.0.5', '10.0.0.5'])).toEqual(['10.0.0.5/32']);
    expect(call('ipv4_range_to_cidr_list', ['10.0.0.5', '10.0.0.1'])).toBe(null);
  });

  it('ipv6_is_in_any_range', () => {
    const nets = ['a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112', '0:0:0:0:0:ffff:c0a8:ac/60'];
    expect(['abcd', 'abce', 'abcf'].map((s) => call('ipv6_is_in_any_range', [`a5e:f127:8a9d:146d:e102:b5d3:c755:${s}`, nets]))).toEqual([true, true, true]);
    expect(call('ipv6_is_in_any_range', ['a5e:f127:8a9d:146d:e102:b5d3:c756:abd1', nets])).toBe(false);
    expect(call('ipv6_is_in_any_range', ['not an ip', nets])).toBe(null);
  });
});

describe('datetime and timespan parts keep 100 ns precision (docs examples)', () => {
  it('datetime_part / datetime_diff / format_timespan', () => {
    const t = dt('2017-10-30 01:02:03.7654321');
    expect(['millisecond', 'microsecond', 'nanosecond'].map((p) => call('datetime_part', [p, t], ['string', 'datetime']))).toEqual([765, 765432, 765432100]);
    expect(call('datetime_diff', ['microsecond', dt('2017-10-30 23:00:00.1009001'), dt('2017-10-30 23:00:00.1008009')], ['string', 'datetime', 'datetime'])).toBe(100);
    const span = ts('29.09:00:05.12345');
    expect(call('format_timespan', [span, 'dd.hh:mm:ss:FF'], ['timespan', 'string'])).toBe('29.09:00:05:12');
    expect(call('format_timespan', [span, 'ddd.h:mm:ss [fffffff]'], ['timespan', 'string'])).toBe('029.9:00:05 [1234500]');
  });
});
