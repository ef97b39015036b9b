import { describe, expect, it } from 'vitest';
import { dynamicToJson, parseDatetime, type DynamicValue } from '../values/index.ts';
import { md5Hex, sha1Hex, sha256Hex, xxhash64 } from './hash-algorithms.ts';
import { call } from './testing.ts';

const json = (v: unknown): string => dynamicToJson(v as DynamicValue);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('hash algorithms (published test vectors)', () => {
  it('md5, sha1, sha256, xxhash64', () => {
    expect(md5Hex(utf8(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex(utf8('The quick brown fox jumps over the lazy dog'))).toBe('9e107d9d372bb6826bd81d3542a419d6');
    expect(sha1Hex(utf8('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(utf8('a'.repeat(1000)))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
    expect(xxhash64(utf8(''))).toBe(0xef46db3751d8e999n);
    expect(xxhash64(utf8('a'.repeat(100)))).toBe(xxhash64(utf8('a'.repeat(100))));
  });
});

describe('hash functions (docs examples)', () => {
  const d2020 = parseDatetime('2020-01-01') ?? 0n;
  it('cryptographic hashes', () => {
    expect(call('hash_md5', ['World'])).toBe('f5a7924e621e84c9280a9a27e1bcb7f6');
    expect(call('hash_md5', [d2020], ['datetime'])).toBe('786c530672d1f8db31fee25ea8a9390b');
    expect(call('hash_sha1', ['World'])).toBe('70c07ec18ef89c5309bbb0937f3a6342411e1fdd');
    expect(call('hash_sha1', [d2020], ['datetime'])).toBe('e903e533f4d636b4fc0dcf3cf81e7b7f330de776');
    expect(call('hash_sha256', ['World'])).toBe('78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524');
    expect(call('hash_sha256', [d2020], ['datetime'])).toBe('ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d');
  });

  it('hash / hash_xxhash64', () => {
    expect(call('hash', ['World'])).toBe(1846988464401551951n);
    expect(call('hash', ['World', 100])).toBe(51);
    expect(call('hash_xxhash64', [parseDatetime('2015-01-01') ?? 0n], ['datetime'])).toBe(1380966698541616202n);
  });
});

describe('base64', () => {
  it('docs examples', () => {
    expect(call('base64_encode_tostring', ['Kusto'])).toBe('S3VzdG8=');
    expect(call('base64_decode_tostring', ['S3VzdG8='])).toBe('Kusto');
    expect(call('base64_decode_tostring', ['U3RyaW5n0KHR0tGA0L7Rh9C60LA='])).toBe('');
    expect(call('base64_decode_toarray', ['S3VzdG8='])).toEqual([75, 117, 115, 116, 111]);
    expect(call('base64_encode_fromarray', [[75, 117, 115, 116, 111]])).toBe('S3VzdG8=');
    expect(call('base64_encode_fromarray', [call('base64_decode_toarray', ['U3RyaW5n0KHR0tGA0L7Rh9C60LA'])])).toBe('');
    expect(call('base64_encode_fromguid', ['ae3133f2-6e22-49ae-b06a-16e6a9b212eb'], ['guid'])).toBe('8jMxriJurkmwahbmqbIS6w==');
    // The docs print 10e99626-bc2b-754c-… here, which contradicts their own base64_encode_fromguid example
    // (.NET byte order, group 3 little-endian); we follow .NET and check the round trip.
    expect(call('base64_decode_toguid', ['JpbpECu8dUy7Pv5gbeJXAA=='])).toBe('10e99626-bc2b-4c75-bb3e-fe606de25700');
    expect(call('base64_decode_toguid', ['8jMxriJurkmwahbmqbIS6w=='])).toBe('ae3133f2-6e22-49ae-b06a-16e6a9b212eb');
    expect(call('base64_encode_tostring', ['This string will be base64 encoded'])).toBe('VGhpcyBzdHJpbmcgd2lsbCBiZSBiYXNlNjQgZW5jb2RlZA==');
  });
});

describe('url and parsers', () => {
  it('url encode/decode', () => {
    expect(call('url_decode', ['https%3a%2f%2fwww.bing.com%2f'])).toBe('https://www.bing.com/');
    expect(call('url_encode', ['https://www.bing.com/hello world'])).toBe('https%3a%2f%2fwww.bing.com%2fhello+world');
    expect(call('url_encode_component', ['https://example.com?a=b'])).toBe('https%3A%2F%2Fexample.com%3Fa%3Db');
    expect(call('url_encode_component', ['hello world'])).toBe('hello%20world');
  });

  it('parse_url, parse_urlquery', () => {
    expect(json(call('parse_url', ['scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment']))).toBe(
      '{"Scheme":"scheme","Host":"host","Port":"1234","Path":"/this/is/a/path","Username":"username","Password":"password","Query Parameters":{"k1":"v1","k2":"v2"},"Fragment":"fragment"}',
    );
    expect(json(call('parse_urlquery', ['view=vs-2019&preserve-view=true']))).toBe('{"Query Parameters":{"view":"vs-2019","preserve-view":"true"}}');
  });

  it('parse_path', () => {
    expect(json(call('parse_path', ['C:\\temp\\file.txt']))).toBe(
      '{"Scheme":"","RootPath":"C:","DirectoryPath":"C:\\\\temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}',
    );
    expect(json(call('parse_path', ['file://C:/temp/file.txt:some.exe']))).toBe(
      '{"Scheme":"file","RootPath":"C:","DirectoryPath":"C:/temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":"some.exe"}',
    );
    expect(json(call('parse_path', ['\\\\shared\\users\\temp\\file.txt.gz']))).toBe(
      '{"Scheme":"","RootPath":"","DirectoryPath":"\\\\\\\\shared\\\\users\\\\temp","DirectoryName":"temp","Filename":"file.txt.gz","Extension":"gz","AlternateDataStreamName":""}',
    );
    expect(json(call('parse_path', ['/usr/lib/temp/file.txt']))).toBe(
      '{"Scheme":"","RootPath":"","DirectoryPath":"/usr/lib/temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}',
    );
  });

  it('parse_command_line, parse_csv, parse_version, unicode', () => {
    expect(call('parse_command_line', ['echo "hello world!"', 'windows'])).toEqual(['echo', 'hello world!']);
    expect(call('parse_command_line', ['a\\\\\\"b "c d" e\\f', 'windows'])).toEqual(['a\\"b', 'c d', 'e\\f']);
    expect(call('parse_csv', ['aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\nline2"'])).toEqual(['aa', 'b,b,b', 'cc', 'Escaping quotes: "Title"', 'line1\nline2']);
    expect(call('parse_csv', ['record1,a,b,c\nrecord2,x,y,z'])).toEqual(['record1', 'a', 'b', 'c']);
    const v = (s: string): unknown => call('parse_version', [s]);
    expect(v('0.0.0.5')).toBe(5);
    expect(v('0.0.7.0')).toBe(700_000_000);
    expect((v('1.2.3.4') as number) > (v('0.1.2.0') as number)).toBe(true);
    expect(v('x')).toBeNull();
    expect(call('unicode_codepoints_from_string', ['⒦⒰⒮⒯⒪'])).toEqual([9382, 9392, 9390, 9391, 9386]);
    expect(call('unicode_codepoints_to_string', [[75, 117, 115], 116, 111], ['dynamic'])).toBe('Kusto');
  });
});

describe('ip functions (docs examples)', () => {
  it('ipv4 compare / match / ranges', () => {
    const pairs: [string, string][] = [['192.168.1.0', '192.168.1.0'], ['192.168.1.1/24', '192.168.1.255'], ['192.168.1.1', '192.168.1.255/24'], ['192.168.1.1/30', '192.168.1.255/24']];
    expect(pairs.map((p) => call('ipv4_compare', p))).toEqual([0, 0, 0, 0]);
    expect(pairs.map((p) => call('ipv4_is_match', p))).toEqual([true, true, true, true]);
    expect(call('ipv4_compare', ['192.168.1.1', '192.168.1.0', 31])).toBe(0);
    expect(call('ipv4_compare', ['192.168.1.1', '192.168.1.0'])).toBe(1);
    expect(call('ipv4_is_in_any_range', ['192.168.1.6', '192.168.1.1/24', '10.0.0.1/8', '127.1.0.1/16'])).toBe(true);
    expect(call('ipv4_is_in_any_range', ['127.0.0.1', ['127.0.0.1', '192.168.1.1']])).toBe(true);
    const local = ['192.168.1.1/16', '127.0.0.1/8', '10.0.0.1/8'];
    expect(['10.1.2.3', '192.168.1.5', '123.1.11.21', '1.1.1.1'].map((ip) => call('ipv4_is_in_any_range', [ip, local]))).toEqual([true, true, false, false]);
    expect(call('ipv4_is_in_range', ['10.1.2.3', '10.1.2.0/24'])).toBe(true);
    expect(['10.1.2.3', '192.168.1.1/24', '127.0.0.1'].map((ip) => call('ipv4_is_private', [ip]))).toEqual([true, true, false]);
    expect(call('ipv4_is_private', ['not an ip'])).toBeNull();
  });

  it('parse / format / netmask', () => {
    expect(['192.168.1.1', '192.168.1.1/24', '255.255.255.255/31'].map((ip) => call('parse_ipv4', [ip]))).toEqual([3232235777, 3232235776, 4294967294]);
    expect(call('format_ipv4', ['192.168.1.1', 24])).toBe('192.168.1.0');
    expect(call('format_ipv4_mask', ['192.168.1.1', 32])).toBe('192.168.1.1/32');
    expect(call('format_ipv4_mask', ['192.168.1.1/24', 32])).toBe('192.168.1.0/24');
    expect(call('format_ipv4', ['192.168.1.1/24', -1])).toBe('');
    expect(call('format_ipv4', [3232235777])).toBe('192.168.1.1');
    expect(['10.1.2.3', '192.168.1.1/24', '127.0.0.1/16'].map((ip) => call('ipv4_netmask_suffix', [ip]))).toEqual([32, 24, 16]);
    expect(call('parse_ipv6', ['192.168.255.255/24'])).toBe('0000:0000:0000:0000:0000:ffff:c0a8:ff00');
    expect(call('parse_ipv6_mask', ['fe80::85d:e82c:9446:7994/120', 124])).toBe('fe80:0000:0000:0000:085d:e82c:9446:7900');
    expect(call('parse_ipv6_mask', ['::192.168.255.255/24', 128])).toBe('0000:0000:0000:0000:0000:ffff:c0a8:ff00');
  });

  it('ipv6 compare / match / range', () => {
    expect(call('ipv6_compare', ['fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998'])).toBe(0);
    expect(call('ipv6_compare', ['192.168.1.1', '::ffff:c0a8:0101'])).toBe(0);
    expect(call('ipv6_compare', ['::192.168.1.1/30', '192.168.1.255/24'])).toBe(0);
    expect(call('ipv6_compare', ['fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127])).toBe(0);
    expect(call('ipv6_is_match', ['fe80::1', 'fe80::2'])).toBe(false);
    expect(call('ipv6_is_in_range', ['a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112'])).toBe(true);
    expect(call('ipv6_is_in_range', ['a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', '0:0:0:0:0:ffff:c0a8:ac/60'])).toBe(false);
  });

  it('has_ipv4 family', () => {
    const log = '05:04:54 127.0.0.1 GET /favicon.ico 404';
    expect(call('has_ipv4', [log, '127.0.0.1'])).toBe(true);
    expect(call('has_any_ipv4', [log, '127.0.0.1', '127.0.0.2'])).toBe(true);
    expect(call('has_any_ipv4', [log, ['127.0.0.1', '127.0.0.2']])).toBe(true);
    expect(call('has_any_ipv4', ['05:04:54 127.0.0.256 GET', ['127.0.0.256', '192.168.1.1']])).toBe(false);
    expect(call('has_any_ipv4', ['05:04:54127.0.0.1 GET', '127.0.0.1', '192.168.1.1'])).toBe(false);
    expect(call('has_ipv4_prefix', [log, '127.0.'])).toBe(true);
    expect(call('has_ipv4_prefix', [log, '127.0'])).toBe(false);
    expect(call('has_ipv4_prefix', ['05:04:54 127.0.0.256 GET', '127.0.'])).toBe(false);
    expect(call('has_any_ipv4_prefix', [log, ['10.', '127.0.']])).toBe(true);
  });
});
