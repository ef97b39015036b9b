/** Test support: calls a registered function the way the engine does (prepare with constants, or impl). */
import type { KqlType } from '../../schema/types.ts';
import { type KqlValue, parseDatetime } from '../values/index.ts';
import { findScalarFunction } from './index.ts';
import { createRegexCache } from './regex.ts';
import type { CallContext, RowContext } from './types.ts';

export const NOW = parseDatetime('2026-01-01T00:00:00Z') ?? 0n;

/** Infers a KQL type for a JS test value (override with explicit types where it matters). */
export function inferType(v: KqlValue): KqlType {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'real';
  if (typeof v === 'bigint') return 'long';
  return 'dynamic';
}

export interface CallOptions {
  types?: readonly (KqlType | undefined)[];
  constant?: boolean;
  row?: RowContext;
}

/** Calls `name(args)`; all arguments count as constants unless `constant: false`. Diagnostics are returned. */
export function callFn(name: string, args: readonly KqlValue[], options: CallOptions = {}): { value: KqlValue; errors: string[] } {
  const f = findScalarFunction(name);
  if (!f) throw new Error(`no function ${name}`);
  const argTypes = args.map((a, i) => options.types?.[i] ?? inferType(a));
  const errors: string[] = [];
  const ctx: CallContext = { argTypes, now: NOW, regex: createRegexCache(), ...(options.row ? { row: options.row } : {}) };
  if (f.prepare) {
    const run = f.prepare({ ...ctx, constantArgs: options.constant === false ? args.map(() => undefined) : args, error: (m) => errors.push(m) });
    return { value: run(args, ctx), errors };
  }
  if (!f.impl) throw new Error(`${name} has neither prepare nor impl`);
  return { value: f.impl(args, ctx), errors };
}

/** Shorthand returning only the value. */
export function call(name: string, args: readonly KqlValue[], types?: readonly (KqlType | undefined)[]): KqlValue {
  return callFn(name, args, types ? { types } : {}).value;
}
