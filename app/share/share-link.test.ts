import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeShareData, encodeShareFragment, MAX_SHARED_BYTES, shareDataIn, shareUrl } from './share-link.ts';

function data(fragment: string): string {
  return fragment.slice('rule='.length);
}

describe('share links', () => {
  it('round-trips a rule file, unicode included, through the URL fragment', () => {
    const text = 'title: Ünïcode — “quotes” 🚀\nquery: |\n  DeviceFileEvents\n  | where FolderPath has @"\\\\srv\\share$"\n';
    const url = shareUrl(text, 'http://127.0.0.1:4173/?x=1#old');
    expect(url.startsWith('http://127.0.0.1:4173/?x=1#rule=')).toBe(true);
    const hash = url.slice(url.indexOf('#'));
    expect(hash).toMatch(/^#rule=[A-Za-z0-9_-]+$/);
    expect(decodeShareData(shareDataIn(hash) ?? '')).toEqual({ ok: true, text });
  });

  it('compresses: a repetitive 200 KB rule becomes a short link', () => {
    const text = 'DeviceProcessEvents | where FileName == "x"\n'.repeat(5000);
    const fragment = encodeShareFragment(text);
    expect(fragment.length).toBeLessThan(5000);
    expect(decodeShareData(data(fragment))).toEqual({ ok: true, text });
  });

  it('is not a share link without the rule key', () => {
    expect(shareDataIn('')).toBeNull();
    expect(shareDataIn('#section-2')).toBeNull();
    expect(shareDataIn('#rule=abc')).toBe('abc');
  });

  it('explains corrupt data instead of throwing', () => {
    const good = data(encodeShareFragment('title: x\n'.repeat(50)));
    expect(decodeShareData('')).toMatchObject({ ok: false, message: expect.stringMatching(/holds no rule/) });
    expect(decodeShareData('abc$%')).toMatchObject({ ok: false, message: expect.stringMatching(/damaged/) });
    expect(decodeShareData(good.slice(0, Math.floor(good.length / 2)))).toMatchObject({ ok: false, message: expect.stringMatching(/damaged|cut short/) });
    expect(decodeShareData('AAAAAAAAAAAA')).toMatchObject({ ok: false, message: expect.stringMatching(/damaged/) });
    const notUtf8 = btoa(String.fromCharCode(...deflateSync(new Uint8Array([0xff, 0xfe, 0xfd])))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(decodeShareData(notUtf8)).toMatchObject({ ok: false, message: expect.stringMatching(/not UTF-8/) });
  });

  it('stops unpacking past the size limit, so a tiny link cannot expand into gigabytes', () => {
    const bomb = data(encodeShareFragment('A'.repeat(MAX_SHARED_BYTES + 10)));
    expect(bomb.length).toBeLessThan(10_000);
    expect(decodeShareData(bomb)).toMatchObject({ ok: false, message: expect.stringMatching(/larger than 2 MB/) });
    expect(decodeShareData(data(encodeShareFragment('B'.repeat(1000))), 100)).toMatchObject({ ok: false });
  });

  it('refuses an over-long fragment before decoding it', () => {
    expect(decodeShareData('A'.repeat(3 * 1024 * 1024))).toMatchObject({ ok: false, message: expect.stringMatching(/limited to 2 MB/) });
  });
});
