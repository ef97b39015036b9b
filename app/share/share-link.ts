import { deflateSync, Inflate, strToU8 } from 'fflate';

/** The fragment key: `#rule=<data>`. A fragment is never sent to a server, unlike a query string. */
export const SHARE_KEY = 'rule';
/** A rule file is at most 5 MB, but a link that large is useless; decoding stops past this many bytes. */
export const MAX_SHARED_BYTES = 2 * 1024 * 1024;
/** Base64url of 2 MB of deflate output, with room to spare; longer fragments are refused before decoding. */
const MAX_ENCODED_CHARS = Math.ceil((MAX_SHARED_BYTES * 4) / 3) + 16;

export type DecodeResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunked so that String.fromCharCode's argument list stays small for large rules.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(data: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(data) || data.length % 4 === 1) return null;
  const base64 = data.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (data.length % 4)) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The fragment (without `#`) that carries a rule file's text. */
export function encodeShareFragment(ruleFileText: string): string {
  return `${SHARE_KEY}=${toBase64Url(deflateSync(strToU8(ruleFileText), { level: 9 }))}`;
}

/** A link to this page that opens with the rule offered for import. */
export function shareUrl(ruleFileText: string, page: string): string {
  const base = page.split('#')[0] ?? page;
  return `${base}#${encodeShareFragment(ruleFileText)}`;
}

class TooLarge extends Error {}

/** Inflates, stopping as soon as the output passes `limit` bytes, so a small link cannot expand to gigabytes. */
function inflateLimited(bytes: Uint8Array, limit: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > limit) throw new TooLarge();
    chunks.push(chunk);
    if (final) finished = true;
  });
  inflater.push(bytes, true);
  if (!finished) throw new Error('the data ends too early');
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Decodes the data of a share link (what follows `rule=`) back into the rule file's text. */
export function decodeShareData(data: string, limit: number = MAX_SHARED_BYTES): DecodeResult {
  if (data === '') return { ok: false, message: 'The share link holds no rule: nothing follows "#rule=".' };
  if (data.length > MAX_ENCODED_CHARS) {
    return { ok: false, message: `The share link is ${data.length.toLocaleString('en-US')} characters long; shared rules are limited to 2 MB.` };
  }
  const bytes = fromBase64Url(data);
  if (!bytes) return { ok: false, message: 'The share link is damaged: its data has characters a share link never contains, or was cut short.' };
  let inflated: Uint8Array;
  try {
    inflated = inflateLimited(bytes, limit);
  } catch (error) {
    if (error instanceof TooLarge) {
      return { ok: false, message: `The shared rule is larger than ${(limit / 1024 / 1024).toFixed(0)} MB when unpacked; it was not opened.` };
    }
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The share link is damaged and could not be unpacked (${detail}). Ask for the link again; it may have been cut short when copied.` };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(inflated) };
  } catch {
    return { ok: false, message: 'The share link is damaged: the unpacked rule is not UTF-8 text.' };
  }
}

/** The share data in a location hash (`#rule=…`), or null when the hash is not a share link. */
export function shareDataIn(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  return fragment.startsWith(`${SHARE_KEY}=`) ? fragment.slice(SHARE_KEY.length + 1) : null;
}
