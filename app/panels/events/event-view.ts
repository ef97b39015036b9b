/**
 * Plain helpers for the Events tab: how an event is named, its status from the latest evaluation, and how a field's
 * encoded value is shown. Values come from events (untrusted): they are only ever turned into text.
 */
import { parseJsonText } from '../../../src/events/json-text.ts';
import type { DynamicValue } from '../../../src/events/index.ts';
import type { KqlType } from '../../../src/schema/types.ts';
import { eventRefKey, type Evaluation, type EventRef } from '../../workers/engine-protocol.ts';

/** "DeviceProcessEvents row 3": the event's 1-based row within its table in its text, with the text when several are loaded. */
export function eventLabel(ref: EventRef, sourceName?: string): string {
  return `${ref.table} row ${ref.row + 1}${sourceName ? ` of ${sourceName}` : ''}`;
}

/** Event key → the sub-detections whose results it is a source of, from the latest evaluation. */
export function matchedIndex(result: Evaluation | null): Map<string, readonly (string | null)[]> {
  const index = new Map<string, readonly (string | null)[]>();
  for (const entry of result?.matched ?? []) index.set(eventRefKey(entry.ref), entry.subdetections);
  return index;
}

/** "Matched by A, B" or "No match"; null when nothing was evaluated yet. */
export function statusText(subdetections: readonly (string | null)[] | undefined, evaluated: boolean): string | null {
  if (!evaluated) return null;
  if (!subdetections || subdetections.length === 0) return 'No match';
  return `Matched by ${subdetections.map((s) => s ?? 'the query').join(', ')}`;
}

/** Strings longer than this are cut, with a control to show them whole. */
export const TRUNCATE_AT = 300;

export function truncated(text: string, limit: number = TRUNCATE_AT): { shown: string; cut: boolean } {
  if (text.length <= limit) return { shown: text, cut: false };
  return { shown: text.slice(0, limit), cut: true };
}

/** A field's value to show: text for scalars, a parsed value for dynamic bags and arrays. */
export type FieldValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tree'; readonly value: DynamicValue };

/** Decodes the CLI's encoding of one cell (JSON text) for display; never evaluates it as markup. */
export function fieldValue(type: KqlType, encoded: string): FieldValue {
  if (encoded === 'null') return { kind: 'null' };
  if (type === 'dynamic') {
    const parsed = parseJsonText(encoded);
    if (!parsed.ok) return { kind: 'text', text: encoded };
    const value = parsed.value;
    if (value !== null && typeof value === 'object') return { kind: 'tree', value };
    return { kind: 'text', text: encoded };
  }
  if (encoded.startsWith('"')) {
    try {
      return { kind: 'text', text: String(JSON.parse(encoded)) };
    } catch {
      return { kind: 'text', text: encoded };
    }
  }
  return { kind: 'text', text: encoded };
}

/** A scalar inside a dynamic value, as JSON shows it (strings quoted, so `"1"` and `1` differ). */
export function scalarText(value: DynamicValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  return String(value);
}

/** The entries of a bag or array, in order, keys as text. */
export function entriesOf(value: DynamicValue): [string, DynamicValue][] {
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v]);
  if (value !== null && typeof value === 'object') return Object.keys(value).map((k) => [k, value[k] ?? null]);
  return [];
}

/** "{3 keys}" / "[2 items]". */
export function containerSummary(value: DynamicValue): string {
  if (Array.isArray(value)) return `[${value.length} ${value.length === 1 ? 'item' : 'items'}]`;
  const n = value !== null && typeof value === 'object' ? Object.keys(value).length : 0;
  return `{${n} ${n === 1 ? 'key' : 'keys'}}`;
}

/** Fields whose name contains `filter` (case-insensitive). */
export function filterFields<T extends { readonly name: string }>(fields: readonly T[], filter: string): readonly T[] {
  const needle = filter.trim().toLowerCase();
  return needle === '' ? fields : fields.filter((f) => f.name.toLowerCase().includes(needle));
}
