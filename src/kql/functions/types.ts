/** The scalar function registry contract (docs/engine.md, "Scalar functions"). */
import type { RE2JS } from 're2js';
import type { KqlType } from '../../schema/types.ts';
import type { KqlValue } from '../values/index.ts';

/** The current row, given to functions marked `needsRowContext` (e.g. `pack_all`). */
export interface RowContext {
  readonly columns: readonly { readonly name: string; readonly type: KqlType }[];
  readonly values: readonly KqlValue[];
}

export interface CallContext {
  /** Static type of each argument. A `typeof(int)` argument is passed as the string constant `'int'`. */
  readonly argTypes: readonly KqlType[];
  /** Datetime ticks of the evaluation (`now()`), fixed for the whole query. */
  readonly now: bigint;
  /**
   * An RE2 regex (re2js), cached per query; null when the pattern is invalid (the engine may then report a
   * diagnostic). `flags` is an RE2JS flag mask (`RE2JS.CASE_INSENSITIVE`…). `compileRegex` in `regex.ts`
   * is a ready implementation.
   */
  regex(pattern: string, flags?: number): RE2JS | null;
  /** Set by the engine for functions with `needsRowContext`. */
  readonly row?: RowContext;
}

/** The per-row context of a prepared function. */
export type EvalContext = CallContext;

export interface PrepareContext extends CallContext {
  /** The value of each argument that is a constant, else `undefined`. */
  readonly constantArgs: readonly (KqlValue | undefined)[];
  /** A diagnostic at the call's span (e.g. an invalid constant regex); evaluation continues. */
  error(message: string): void;
}

export interface ScalarFunction {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly minArgs: number;
  readonly maxArgs: number;
  /** The result type from the argument types (the binder's result type wins when present). */
  readonly returns: (argTypes: readonly KqlType[]) => KqlType;
  /** Arguments that must be constants (e.g. a regex) are compiled once: prepare returns the per-row function. */
  readonly prepare?: (ctx: PrepareContext) => (args: readonly KqlValue[], row: EvalContext) => KqlValue;
  readonly impl?: (args: readonly KqlValue[], ctx: CallContext) => KqlValue;
  readonly needsRowContext?: boolean;
}
