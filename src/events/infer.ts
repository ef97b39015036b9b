/**
 * Column types for a table that is not in the schema, inferred from its rows. The rule is the narrowest type
 * every non-empty value fits, so coercing with the inferred type never warns: booleans → bool, integers → long,
 * other numbers → real, ISO datetime text → datetime, objects/arrays → dynamic, and anything mixed → string
 * (or dynamic when objects are involved). CSV cells are text, so there the text's form decides.
 */
import type { KqlType } from '../schema/types.ts';
import { parseJsonText } from './json-text.ts';
import { parseEventDatetime } from './time-text.ts';
import type { DynamicValue } from './types.ts';

const INT_TEXT = /^[+-]?\d+$/;
const REAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOL_TEXT = /^(?:true|false)$/i;

const BOOL = 1;
const LONG = 2;
const REAL = 4;
const DATETIME = 8;
const STRING = 16;
const DYNAMIC = 32;

/** Accumulates what kinds of values one field has held. */
export class TypeInference {
  private kinds = 0;

  add(value: DynamicValue | undefined, fromText: boolean): void {
    if (value === null || value === undefined || value === '') return;
    this.kinds |= kindOf(value, fromText);
  }

  result(): KqlType {
    const k = this.kinds;
    if (k === 0) return 'string';
    if (k & DYNAMIC) return 'dynamic';
    if (k === BOOL) return 'bool';
    if (k === LONG) return 'long';
    if ((k & ~(LONG | REAL)) === 0) return 'real';
    if (k === DATETIME) return 'datetime';
    return 'string';
  }
}

function kindOf(value: DynamicValue, fromText: boolean): number {
  switch (typeof value) {
    case 'boolean':
      return BOOL;
    case 'number':
      return Number.isInteger(value) ? LONG : REAL;
    case 'bigint':
      return LONG;
    case 'string':
      return fromText ? textKind(value) : parseEventDatetime(value) !== null ? DATETIME : STRING;
    default:
      return DYNAMIC;
  }
}

function textKind(text: string): number {
  const s = text.trim();
  if (BOOL_TEXT.test(s)) return BOOL;
  if (INT_TEXT.test(s)) return LONG;
  if (REAL_TEXT.test(s)) return REAL;
  if (parseEventDatetime(s) !== null) return DATETIME;
  if (s.startsWith('{') || s.startsWith('[')) return parseJsonText(s).ok ? DYNAMIC : STRING;
  return STRING;
}
