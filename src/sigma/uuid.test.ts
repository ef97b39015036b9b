import { describe, expect, it } from 'vitest';
import { sha1, toHex, URL_NAMESPACE, uuidV5 } from './uuid.ts';

const hex = (text: string) => toHex(sha1(new TextEncoder().encode(text)));

describe('sha1', () => {
  it('matches the FIPS 180 test vectors', () => {
    expect(hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
    expect(hex('a'.repeat(1_000_000))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  it('handles lengths around the padding boundary', () => {
    expect(hex('a'.repeat(55))).toBe('c1c8bbdc22796e28c0e15163d20899b65621d65a');
    expect(hex('a'.repeat(56))).toBe('c2db330f6083854c99d4b5bfb6e8f29f201be699');
    expect(hex('a'.repeat(64))).toBe('0098ba824b5c16427bd7a1122a5a442a25ec644d');
  });
});

describe('uuidV5', () => {
  it('matches known version-5 UUIDs', () => {
    // The DNS-namespace example of Python's uuid module documentation.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5(URL_NAMESPACE, 'http://example.com')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is stable and differs per name', () => {
    const ns = '5d7c3b0e-6f1a-4e2b-9a8c-2f4d6b8e1a07';
    expect(uuidV5(ns, 'A')).toBe(uuidV5(ns, 'A'));
    expect(uuidV5(ns, 'A')).not.toBe(uuidV5(ns, 'B'));
    expect(() => uuidV5('nope', 'A')).toThrow();
  });
});
