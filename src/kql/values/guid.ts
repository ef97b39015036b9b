/** Guid codec: the canonical form is lowercase `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */

const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLAIN = /^[0-9a-f]{32}$/i;

/** Parses the forms .NET's Guid.Parse accepts (`D`, `N`, `B` `{…}`, `P` `(…)`); null when invalid. */
export function parseGuid(text: string): string | null {
  let s = text.trim();
  if ((s.startsWith('{') && s.endsWith('}')) || (s.startsWith('(') && s.endsWith(')'))) s = s.slice(1, -1);
  if (DASHED.test(s)) return s.toLowerCase();
  if (PLAIN.test(s)) {
    const h = s.toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return null;
}

/** The 16 bytes of a guid in .NET's order (first three groups little-endian), as `base64_encode_fromguid`. */
export function guidToBytes(guid: string): number[] {
  const h = guid.replace(/-/g, '');
  const b = (i: number): number => parseInt(h.slice(i * 2, i * 2 + 2), 16);
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  return order.map(b);
}

/** The inverse of `guidToBytes`; null unless exactly 16 bytes. */
export function guidFromBytes(bytes: readonly number[]): string | null {
  if (bytes.length !== 16) return null;
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  const h = order.map((i) => (bytes[i] ?? 0).toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
