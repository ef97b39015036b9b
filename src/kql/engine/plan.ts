/**
 * The Plan: what a query means, independent of Kusto.Language and of how it runs.
 * Tabular nodes and scalar expressions are discriminated unions on `kind`; every node keeps its source span and its
 * result type (scalars) or columns (tables), taken from the binder at lowering.
 */
import type { SourceSpan } from '../../diagnostics.ts';
import type { KqlType } from '../../schema/types.ts';
import type { KqlValue } from '../values/value.ts';

export interface Column {
  readonly name: string;
  readonly type: KqlType;
}

interface Node {
  readonly span: SourceSpan;
}

// ---------------------------------------------------------------------------------------------------------------
// Scalar expressions

export type BinaryOperator =
  | '+' | '-' | '*' | '/' | '%'
  | '<' | '<=' | '>' | '>='
  | '==' | '!=' | '=~' | '!~'
  | 'and' | 'or';

/** String operators whose right side is one string (`has`, `!contains_cs`, …), spelled as in KQL. */
export type StringOperator = string;

export interface ScalarBase extends Node {
  readonly type: KqlType;
}

export type ScalarExpr =
  | (ScalarBase & { readonly kind: 'literal'; readonly value: KqlValue })
  | (ScalarBase & { readonly kind: 'column'; readonly index: number; readonly name: string })
  | (ScalarBase & { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: ScalarExpr; readonly right: ScalarExpr })
  | (ScalarBase & { readonly kind: 'string-op'; readonly op: StringOperator; readonly left: ScalarExpr; readonly right: ScalarExpr })
  | (ScalarBase & { readonly kind: 'negate'; readonly operand: ScalarExpr })
  | (ScalarBase & {
      readonly kind: 'in';
      readonly negated: boolean;
      readonly caseInsensitive: boolean;
      readonly value: ScalarExpr;
      readonly list: readonly ScalarExpr[];
      /** `x in (T | project c)`: the first column of a subquery's rows. */
      readonly subqueries: readonly TabularPlan[];
    })
  | (ScalarBase & { readonly kind: 'has-any'; readonly all: boolean; readonly value: ScalarExpr; readonly list: readonly ScalarExpr[] })
  | (ScalarBase & { readonly kind: 'between'; readonly negated: boolean; readonly value: ScalarExpr; readonly low: ScalarExpr; readonly high: ScalarExpr })
  | (ScalarBase & {
      readonly kind: 'call';
      readonly name: string;
      readonly args: readonly ScalarExpr[];
      /** Functions that read the whole row (pack_all): the columns of the row the expression is evaluated on. */
      readonly rowColumns?: readonly Column[];
    })
  | (ScalarBase & { readonly kind: 'access'; readonly target: ScalarExpr; readonly key: ScalarExpr })
  | (ScalarBase & { readonly kind: 'toscalar'; readonly query: TabularPlan })
  /** Functions of the serialized row sequence: prev/next and the running row_* functions. */
  | (ScalarBase & { readonly kind: 'window'; readonly fn: WindowFunction; readonly args: readonly ScalarExpr[] });

export type WindowFunction = 'prev' | 'next' | 'row_number' | 'row_cumsum' | 'row_rank_dense' | 'row_rank_min' | 'row_window_session';
export const WINDOW_FUNCTIONS: ReadonlySet<string> = new Set<WindowFunction>(['prev', 'next', 'row_number', 'row_cumsum', 'row_rank_dense', 'row_rank_min', 'row_window_session']);

// ---------------------------------------------------------------------------------------------------------------
// Aggregates (summarize)

export interface AggregateCall extends Node {
  /** The KQL name, normalised (`makeset` → `make_set`, `any` → `take_any`). */
  readonly name: string;
  readonly args: readonly ScalarExpr[];
  /** How many output columns it produces (arg_max(x, *) produces several). */
  readonly outputs: readonly AggregateOutput[];
  readonly argTypes: readonly KqlType[];
}

/** One output column of an aggregate: its value is the aggregate's own result or a column of a chosen row. */
export type AggregateOutput =
  | { readonly kind: 'result'; readonly type: KqlType }
  | { readonly kind: 'chosen-row'; readonly expr: ScalarExpr };

// ---------------------------------------------------------------------------------------------------------------
// Tabular operators

export type JoinKind =
  | 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter'
  | 'leftsemi' | 'leftanti' | 'rightsemi' | 'rightanti';

export interface SortKey {
  readonly expr: ScalarExpr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

export interface TabularBase extends Node {
  /** Output columns. Empty with `dynamicColumns` for operators whose schema depends on the data (bag_unpack). */
  readonly columns: readonly Column[];
}

export interface ParsePart {
  /** Literal text (simple/relaxed) or a regex fragment (regex kind) between captures; empty for none. */
  readonly text: string;
}

export type TabularPlan =
  | (TabularBase & { readonly kind: 'table'; readonly name: string })
  | (TabularBase & { readonly kind: 'datatable'; readonly rows: readonly (readonly KqlValue[])[] })
  | (TabularBase & { readonly kind: 'print'; readonly exprs: readonly ScalarExpr[] })
  | (TabularBase & { readonly kind: 'range'; readonly from: ScalarExpr; readonly to: ScalarExpr; readonly step: ScalarExpr })
  | (TabularBase & { readonly kind: 'filter'; readonly input: TabularPlan; readonly predicate: ScalarExpr })
  /** project, extend, project-away/-keep/-rename/-reorder: each output column from an expression over the input row. */
  | (TabularBase & { readonly kind: 'project'; readonly input: TabularPlan; readonly exprs: readonly ScalarExpr[] })
  | (TabularBase & {
      readonly kind: 'summarize';
      readonly input: TabularPlan;
      readonly keys: readonly ScalarExpr[];
      readonly aggregates: readonly AggregateCall[];
      /** Output columns as expressions over the intermediate row [key values…, aggregate outputs…]. */
      readonly outputs: readonly ScalarExpr[];
    })
  | (TabularBase & { readonly kind: 'sort'; readonly input: TabularPlan; readonly keys: readonly SortKey[] })
  | (TabularBase & { readonly kind: 'take'; readonly input: TabularPlan; readonly count: ScalarExpr })
  | (TabularBase & {
      readonly kind: 'join';
      readonly left: TabularPlan;
      readonly right: TabularPlan;
      readonly joinKind: JoinKind;
      /** Equality keys: left-side expression i pairs with right-side expression i. */
      readonly leftKeys: readonly ScalarExpr[];
      readonly rightKeys: readonly ScalarExpr[];
      /** Each output column: a column of the left or of the right row. */
      readonly outputs: readonly { readonly side: 'left' | 'right'; readonly index: number }[];
    })
  | (TabularBase & {
      readonly kind: 'union';
      readonly inputs: readonly TabularPlan[];
      /** Per input, per output column: the input column index or -1 (null). */
      readonly columnMaps: readonly (readonly number[])[];
      /** withsource=Col: the output column index and the name of each input. */
      readonly source?: { readonly index: number; readonly names: readonly string[] };
    })
  | (TabularBase & {
      readonly kind: 'mv-expand';
      readonly input: TabularPlan;
      /** Output column i: a copied input column (`{ input }`), an expanded expression, or the item index. */
      readonly outputs: readonly MvExpandOutput[];
      readonly expanded: readonly ScalarExpr[];
      readonly bagExpansionArray: boolean;
      readonly limit: number | null;
    })
  | (TabularBase & {
      readonly kind: 'mv-apply';
      readonly input: TabularPlan;
      readonly expanded: readonly ScalarExpr[];
      /** The per-row table the subquery sees: input columns (the expanded ones replaced) + the item index. */
      readonly rowTableColumns: readonly Column[];
      readonly rowTableOutputs: readonly MvExpandOutput[];
      readonly subquery: TabularPlan;
      readonly slot: number;
      /** Each output column: a column of the subquery's row (`sub`) or of the input row. */
      readonly outputs: readonly { readonly side: 'input' | 'sub'; readonly index: number }[];
      readonly limit: number | null;
    })
  | (TabularBase & { readonly kind: 'slot'; readonly slot: number })
  | (TabularBase & {
      readonly kind: 'parse';
      readonly input: TabularPlan;
      readonly source: ScalarExpr;
      readonly mode: 'simple' | 'relaxed' | 'regex';
      readonly regexFlags: string;
      /** Alternating pieces: literal texts and captures (column index into output, with its type). */
      readonly pattern: readonly ParsePiece[];
      /** parse-where drops rows that do not match. */
      readonly dropUnmatched: boolean;
      /** Output column indexes of the input's columns (parse appends new columns or overwrites same-named ones). */
      readonly inputToOutput: readonly number[];
    })
  | (TabularBase & {
      readonly kind: 'parse-kv';
      readonly input: TabularPlan;
      readonly source: ScalarExpr;
      /** Output column index of each requested key (its name is the key). */
      readonly keys: readonly { readonly name: string; readonly output: number; readonly type: KqlType }[];
      readonly inputToOutput: readonly number[];
      readonly options: ParseKvOptions;
    })
  | (TabularBase & {
      readonly kind: 'top-nested';
      readonly input: TabularPlan;
      /** Outer level first; each output row is [key₁, aggregate₁, key₂, aggregate₂, …] of one leaf. */
      readonly levels: readonly TopNestedLevel[];
    })
  | (TabularBase & {
      readonly kind: 'make-series';
      /** summarize by [by-keys…, binned axis] of the series' expressions: [keys…, bin, values…]. */
      readonly input: TabularPlan;
      readonly keyCount: number;
      readonly valueCount: number;
      readonly defaults: readonly KqlValue[];
      readonly from: ScalarExpr | null;
      readonly to: ScalarExpr | null;
      readonly step: ScalarExpr;
      /** kind=nonempty: an empty input still gives one row of defaults (without by keys). */
      readonly nonEmpty: boolean;
      readonly valueTypes: readonly KqlType[];
      readonly axisType: KqlType;
    })
  | (TabularBase & {
      readonly kind: 'partition';
      readonly input: TabularPlan;
      readonly key: ScalarExpr;
      /** Runs once per distinct key on that key's rows (a slot table), in first-seen key order. */
      readonly subquery: TabularPlan;
      readonly slot: number;
    })
  | (TabularBase & { readonly kind: 'materialize'; readonly input: TabularPlan; readonly id: number })
  | (TabularBase & {
      readonly kind: 'bag-unpack';
      readonly input: TabularPlan;
      /** The input column holding the bags (dropped from the output). */
      readonly column: number;
      readonly prefix: string;
      readonly ignored: readonly string[];
      readonly conflict: 'error' | 'replace_source' | 'keep_source';
      /** No output schema was given: the columns are found in the data at run time (`columns` is the input's). */
      readonly dynamicColumns: boolean;
    })
  | (TabularBase & { readonly kind: 'serialize'; readonly input: TabularPlan })
  | (TabularBase & {
      readonly kind: 'pivot';
      readonly input: TabularPlan;
      /** `columns` are the group-by keys; one column per distinct pivot value is appended at run time. */
      readonly keys: readonly ScalarExpr[];
      readonly pivot: ScalarExpr;
      readonly aggregate: AggregateCall;
    })
  | (TabularBase & {
      readonly kind: 'reduce';
      readonly input: TabularPlan;
      readonly expr: ScalarExpr;
      readonly threshold: number;
      /** `characters=`: extra term separators (dropped from patterns); null for the default. */
      readonly characters: string | null;
      /** kind=source: every input row with its group's Pattern (and Count, Representative) appended. */
      readonly source: boolean;
    });

/** parse-kv's `with (…)`: explicit delimiters, a regex with two groups, or neither (automatic detection). */
export interface ParseKvOptions {
  readonly pairDelimiter?: string;
  readonly kvDelimiter?: string;
  readonly regex?: string;
  /** Opening → closing quote characters. */
  readonly quotes: ReadonlyMap<string, string>;
  readonly escapes: readonly string[];
  readonly greedy: boolean;
}

export interface TopNestedLevel {
  readonly count: ScalarExpr | null;
  readonly key: ScalarExpr;
  readonly aggregate: AggregateCall;
  readonly descending: boolean;
}

export type MvExpandOutput =
  | { readonly kind: 'input'; readonly index: number }
  | { readonly kind: 'expanded'; readonly which: number; readonly type: KqlType }
  | { readonly kind: 'item-index' };

export type ParsePiece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'capture'; readonly output: number; readonly type: KqlType }
  | { readonly kind: 'skip' };

export type TabularKind = TabularPlan['kind'];
export type ScalarKind = ScalarExpr['kind'];
