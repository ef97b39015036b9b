/**
 * Shared state and helpers of lowering (plain syntax tree → Plan).
 *
 * Lowering trusts the binder: names are resolved through symbol ids (lets, parameters) or, for columns, by name in
 * the columns of the operator's input; result types and operator output columns come from the tree.
 * Anything not supported raises `Unsupported`, which the entry point turns into one RB-KQL-100 diagnostic.
 */
import type { SourceSpan } from '../../../diagnostics.ts';
import type { KqlType } from '../../../schema/types.ts';
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { KqlValue } from '../../values/value.ts';
import type { Column, ScalarExpr, TabularPlan } from '../plan.ts';

export class Unsupported extends Error {
  constructor(
    readonly what: string,
    readonly span: SourceSpan,
  ) {
    super(`${what} is not supported by the in-browser evaluator`);
  }
}

export type Binding =
  | { readonly kind: 'scalar'; readonly expr: ScalarExpr }
  | { readonly kind: 'tabular'; readonly plan: TabularPlan }
  | { readonly kind: 'function'; readonly declaration: PlainSyntaxNode; readonly scope: Scope };

export class Scope {
  private readonly bindings = new Map<number, Binding | (() => Binding)>();
  constructor(private readonly parent?: Scope) {}
  bind(symbolId: number, binding: Binding): void {
    this.bindings.set(symbolId, binding);
  }
  /** Lowered on first use: an unused `let` with unsupported syntax must not fail the query. */
  bindLazy(symbolId: number, resolve: () => Binding): void {
    this.bindings.set(symbolId, resolve);
  }
  lookup(symbolId: number): Binding | undefined {
    const found = this.bindings.get(symbolId);
    if (found === undefined) return this.parent?.lookup(symbolId);
    if (typeof found !== 'function') return found;
    const resolved = found();
    this.bindings.set(symbolId, resolved);
    return resolved;
  }
  child(): Scope {
    return new Scope(this);
  }
}

/** What a scalar expression can see: the input row's columns, and for join conditions the two sides. */
export interface RowContext {
  readonly columns: readonly Column[];
  /** extend: the row at run time is the input's (the first `inputWidth` columns); later columns are substituted. */
  readonly inputWidth?: number;
  readonly left?: readonly Column[];
  readonly right?: readonly Column[];
}

export interface LowerContext {
  readonly scope: Scope;
  readonly row: RowContext;
  readonly ids: { next: number };
  /** mv-apply's subquery starts with an operator: it applies to this per-row table. */
  readonly implicitInput?: TabularPlan;
  /** What `search` without `in (…)` searches: the schema's tables and the query's parameterless views. */
  readonly searchable?: {
    readonly tables: readonly { readonly name: string; readonly columns: readonly Column[] }[];
    readonly views: { name: string; id: number }[];
  };
  /** `set name = literal;` request options the evaluator models (query_bin_auto_size, query_bin_auto_at). */
  readonly options?: ReadonlyMap<string, { readonly value: KqlValue; readonly type: KqlType }>;
  /** Inside summarize: turns an aggregate call into a reference to its result (undefined for other calls). */
  readonly aggregateHook?: (call: PlainSyntaxNode) => ScalarExpr | undefined;
}

export function withRow(ctx: LowerContext, columns: readonly Column[]): LowerContext {
  return { ...ctx, row: { columns } };
}

export function withScope(ctx: LowerContext, scope: Scope): LowerContext {
  return { ...ctx, scope };
}

export function spanOf(node: PlainSyntaxNode): SourceSpan {
  return { start: node.span[0], end: node.span[1] };
}

export function unsupported(what: string, node: PlainSyntaxNode): never {
  throw new Unsupported(what, spanOf(node));
}

/** Non-token children. */
export function nodes(node: PlainSyntaxNode): PlainSyntaxNode[] {
  return node.children.filter((c) => c.tokenText === undefined);
}

export function tokens(node: PlainSyntaxNode): PlainSyntaxNode[] {
  return node.children.filter((c) => c.tokenText !== undefined);
}

export function child(node: PlainSyntaxNode, kind: string): PlainSyntaxNode | undefined {
  return node.children.find((c) => c.kind === kind);
}

/** Elements of the (first) `List` child, or of the given list node. */
export function listItems(list: PlainSyntaxNode | undefined): PlainSyntaxNode[] {
  if (!list) return [];
  return list.children.filter((c) => c.kind !== 'CommaToken');
}

/** All `List` children of a node, in order. */
export function lists(node: PlainSyntaxNode): PlainSyntaxNode[] {
  return node.children.filter((c) => c.kind === 'List');
}

/** `NamedParameter`s (e.g. `kind=inner`) of an operator, name → value node. */
export function namedParameters(node: PlainSyntaxNode): Map<string, PlainSyntaxNode> {
  const out = new Map<string, PlainSyntaxNode>();
  const visit = (n: PlainSyntaxNode): void => {
    for (const c of n.children) {
      if (c.kind === 'NamedParameter') {
        const name = c.children.find((x) => x.kind === 'NameDeclaration' || x.kind === 'NameReference')?.name ?? c.children[0]?.tokenText;
        const value = c.children[c.children.length - 1];
        if (name && value) out.set(name.toLowerCase(), value);
      } else if (c.kind === 'List') visit(c);
    }
  };
  visit(node);
  return out;
}

/** The text of a parameter value: a literal, a name (kind=inner) or a token. */
export function parameterText(value: PlainSyntaxNode): string {
  if (value.hasLiteral) return String(value.literal);
  if (value.name !== undefined) return value.name;
  if (value.tokenText !== undefined) return value.tokenText;
  const first = value.children.find((c) => c.tokenText !== undefined || c.name !== undefined);
  return first?.tokenText ?? first?.name ?? '';
}

export function typeOf(node: PlainSyntaxNode, fallback: KqlType = 'dynamic'): KqlType {
  const t = node.resultType;
  return t && t !== 'table' ? t : fallback;
}

export function columnsOf(node: PlainSyntaxNode): Column[] {
  return (node.columns ?? []).map((c) => ({ name: c.name, type: c.type }));
}

export function findColumn(columns: readonly Column[], name: string): number {
  for (let i = 0; i < columns.length; i++) if (columns[i]?.name === name) return i;
  return -1;
}

/** A column reference expression by index. */
export function columnRef(columns: readonly Column[], index: number, span: SourceSpan): ScalarExpr {
  const column = columns[index];
  if (!column) throw new Error(`column ${index} out of range`);
  return { kind: 'column', index, name: column.name, type: column.type, span };
}

/** The simple name a node declares or references (NameDeclaration, NameReference, or one wrapped in a node). */
export function nameOf(node: PlainSyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.name !== undefined) return node.name;
  for (const c of node.children) {
    const n = nameOf(c);
    if (n !== undefined) return n;
  }
  return undefined;
}
