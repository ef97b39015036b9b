/// <reference types="@kusto/language-service-next" />
/**
 * Kusto.Language's syntax tree → a plain, structured-clone-safe tree (`PlainSyntaxNode`) that the engine lowers.
 * This walk is the only place the engine's input touches Bridge.NET objects: node kinds become SyntaxKind names,
 * literals become our runtime values, the binder's result types become `KqlType` (or `'table'` with columns), and
 * referenced symbols become `{ kind, name, id }` where `id` preserves the binder's symbol identity.
 *
 * Shape decisions (so lowering can address children by position):
 * - `SeparatedElement` wrappers are unwrapped and their separator tokens dropped;
 * - `SyntaxList` stays a node of kind `List` whose children are the elements;
 * - `TokenName`/`BracketedName` wrappers are folded into the `name` of NameReference/NameDeclaration;
 * - tokens are leaves with `tokenText`.
 */
import type { Diagnostic } from '../../diagnostics.ts';
import type { KqlType, TableSchema } from '../../schema/types.ts';
import { KQL_TYPES } from '../../schema/types.ts';
import { LineIndex } from '../line-index.ts';
import { convertDiagnostic } from './kusto-diagnostics.ts';
import { kustoLanguage } from './load.ts';
import { toArray } from './lists.ts';
import { globalStateFor } from './symbols.ts';
import { parseDatetime, parseTimespan } from '../values/index.ts';

/** A literal decoded into the engine's runtime representation (datetime/timespan as 100 ns ticks since Unix epoch). */
export type PlainLiteral = null | boolean | number | bigint | string;

export interface PlainColumn {
  readonly name: string;
  readonly type: KqlType;
}

export interface PlainSymbol {
  /** SymbolKind name: Column, Variable, Parameter, Function, Table, Operator, … */
  readonly kind: string;
  readonly name: string;
  /** Same id ⇔ same binder symbol within one tree. */
  readonly id: number;
  /** For function symbols declared by `let f = (…) {…}`: true (user function), else built-in. */
  readonly isUserFunction?: boolean;
}

export interface PlainSyntaxNode {
  readonly kind: string;
  /** `[TextStart, End)` */
  readonly span: readonly [number, number];
  readonly children: readonly PlainSyntaxNode[];
  readonly tokenText?: string;
  /** NameReference / NameDeclaration / BracketedName: the simple name. */
  readonly name?: string;
  /** LiteralExpression nodes only. `hasLiteral` distinguishes a decoded null from no literal. */
  readonly hasLiteral?: boolean;
  readonly literal?: PlainLiteral;
  readonly resultType?: KqlType | 'table';
  readonly columns?: readonly PlainColumn[];
  readonly symbol?: PlainSymbol;
}

export interface SyntaxTreeResult {
  readonly tree: PlainSyntaxNode | null;
  /** Kusto's diagnostics (errors, warnings), with positions. */
  readonly diagnostics: readonly Diagnostic[];
}

/** .NET DateTime ticks at 1970-01-01T00:00:00Z. */
const UNIX_EPOCH_DOTNET_TICKS = 621355968000000000n;

type SyntaxElement = Kusto.Language.Syntax.SyntaxElement;
type TypeSymbol = Kusto.Language.Symbols.TypeSymbol;

/** The concatenated token text of a node (no trivia). */
function literalText(element: SyntaxElement): string {
  if (element.IsToken) return (element as Kusto.Language.Syntax.SyntaxToken).Text ?? '';
  const node = element as WalkableNode;
  let text = '';
  for (let i = 0; i < node.ChildCount; i++) {
    const child = node.GetChild(i);
    if (child) text += literalText(child);
  }
  return text;
}

/** See statements.ts: every node has GetChild at run time though the .d.ts declares it on concrete classes only. */
interface WalkableNode extends Kusto.Language.Syntax.SyntaxNode {
  GetChild(index: number): SyntaxElement | null;
  SimpleName?: string | null;
  LiteralValue?: unknown;
}

/**
 * The Bridge runtime's helpers we need to decode boxed literals. The .d.ts lacks `System.Enum`, `Bridge.getTypeName`
 * is typed loosely, so this is the narrow view we rely on (checked at run time where it matters).
 */
interface BridgeRuntime {
  getTypeName(value: unknown): string;
  unbox(value: unknown, noclone?: boolean): unknown;
}
interface SystemRuntime {
  Enum: { toString(enumType: unknown, value: number): string };
  DateTime: { getTicks(value: unknown): { toString(): string } };
}

function runtime(): { bridge: BridgeRuntime; system: SystemRuntime } {
  const g = globalThis as unknown as { Bridge: BridgeRuntime; System: SystemRuntime };
  return { bridge: g.Bridge, system: g.System };
}

const SCALAR_TYPES: ReadonlySet<string> = new Set(KQL_TYPES);

export function parseSyntaxTree(text: string, tables: readonly TableSchema[]): SyntaxTreeResult {
  const language = kustoLanguage();
  const globals = globalStateFor(tables);
  const code = language.KustoCode.ParseAndAnalyze(text, globals);
  if (!code) throw new Error('Kusto.Language returned no analysis result');
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  for (const d of toArray(code.GetDiagnostics())) {
    const converted = convertDiagnostic(d, lines);
    if (converted) diagnostics.push(converted);
  }
  return { tree: code.Syntax ? convertTree(code.Syntax) : null, diagnostics };
}

function convertTree(root: Kusto.Language.Syntax.SyntaxNode): PlainSyntaxNode {
  const language = kustoLanguage();
  const { bridge, system } = runtime();
  const syntaxKindNames = new Map<number, string>();
  const symbolKindNames = new Map<number, string>();
  const symbolIds = new Map<unknown, number>();
  const kindName = (kind: number): string => {
    let name = syntaxKindNames.get(kind);
    if (name === undefined) {
      name = system.Enum.toString(language.Syntax.SyntaxKind, kind);
      syntaxKindNames.set(kind, name);
    }
    return name;
  };
  const symbolKindName = (kind: number): string => {
    let name = symbolKindNames.get(kind);
    if (name === undefined) {
      name = system.Enum.toString(language.Symbols.SymbolKind, kind);
      symbolKindNames.set(kind, name);
    }
    return name;
  };

  const convertType = (type: TypeSymbol | null | undefined): { resultType?: KqlType | 'table'; columns?: PlainColumn[] } => {
    if (!type) return {};
    if (type.IsTabular && !type.IsError) {
      const columns = toArray((type as Kusto.Language.Symbols.TableSymbol).Columns).map((c) => ({
        name: c.Name ?? '',
        type: scalarTypeOf(c.Type) ?? 'dynamic',
      }));
      return { resultType: 'table', columns };
    }
    const scalar = scalarTypeOf(type);
    return scalar ? { resultType: scalar } : {};
  };

  const decodeLiteral = (value: unknown): PlainLiteral => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
    const typeName = bridge.getTypeName(value);
    if (typeName === 'System.Int64' || typeName === 'System.UInt64') return normaliseLong(BigInt(String(value)));
    if (typeName === 'System.TimeSpan') {
      const ticks = (value as { getTicks(): { toString(): string } }).getTicks();
      return BigInt(ticks.toString());
    }
    if (typeName === 'System.Guid') return String(value).toLowerCase();
    if (value instanceof Date) return BigInt(system.DateTime.getTicks(value).toString()) - UNIX_EPOCH_DOTNET_TICKS;
    const unboxed = bridge.unbox(value, true);
    if (unboxed !== value) return decodeLiteral(unboxed);
    if (typeName === 'System.Decimal') return Number(String(value));
    return String(value);
  };

  /**
   * Datetime/timespan literals decoded from their text with the engine's codecs: Bridge.NET's DateTime keeps only
   * milliseconds (datetime(…03.7654321) lost its last 4 digits) and its TimeSpan parse returns 0 for the clock
   * form (time(02:03:04)). Undefined when the text is not one our codecs read (the binder's value is used then).
   */
  const decodeTimeText = (node: WalkableNode, isDatetime: boolean): bigint | undefined => {
    const text = literalText(node).trim();
    const m = /^(datetime|date|time|timespan)\s*\(([\s\S]*)\)$/i.exec(text);
    const body = (m ? m[2] ?? '' : text).trim();
    if (body === '' || /^null$/i.test(body)) return undefined;
    return (isDatetime ? parseDatetime(body) : parseTimespan(body)) ?? undefined;
  };

  /** Hex integer literals (`0xFFFFFFFF`, `int(0x10)`): the binder's value is 0 in this Bridge.NET build. */
  const decodeHexText = (node: WalkableNode, isInt: boolean): number | bigint | undefined => {
    const m = /^(?:(?:long|int)\s*\(\s*)?(-?)0x([0-9a-f]+)\s*\)?$/i.exec(literalText(node).trim());
    if (!m) return undefined;
    const value = BigInt.asIntN(isInt ? 32 : 64, BigInt(`0x${m[2] ?? '0'}`) * (m[1] ? -1n : 1n));
    return isInt ? Number(value) : normaliseLong(value);
  };

  const symbolOf = (node: WalkableNode): PlainSymbol | undefined => {
    const symbol = node.ReferencedSymbol;
    if (!symbol) return undefined;
    let id = symbolIds.get(symbol);
    if (id === undefined) {
      id = symbolIds.size + 1;
      symbolIds.set(symbol, id);
    }
    return { kind: symbolKindName(symbol.Kind), name: symbol.Name ?? '', id };
  };

  const convert = (element: SyntaxElement): PlainSyntaxNode | null => {
    const kind = kindName(element.Kind);
    const span: [number, number] = [element.TextStart, element.End];
    if (element.IsToken) {
      return { kind, span, children: [], tokenText: (element as Kusto.Language.Syntax.SyntaxToken).Text ?? '' };
    }
    const node = element as WalkableNode;
    if (kind === 'SeparatedElement') {
      const first = node.GetChild(0);
      return first ? convert(first) : null;
    }
    const out: {
      kind: string;
      span: readonly [number, number];
      children: PlainSyntaxNode[];
      name?: string;
      hasLiteral?: boolean;
      literal?: PlainLiteral;
      resultType?: KqlType | 'table';
      columns?: PlainColumn[];
      symbol?: PlainSymbol;
    } = { kind, span, children: [] };
    const isName = kind === 'NameReference' || kind === 'NameDeclaration' || kind === 'TokenName' || kind === 'BracketedName';
    if (isName && typeof node.SimpleName === 'string') out.name = node.SimpleName;
    if (kind === 'NullLiteralExpression') {
      out.hasLiteral = true;
      out.literal = null;
    } else if (kind.endsWith('LiteralExpression') && kind !== 'CompoundStringLiteralExpression') {
      out.hasLiteral = true;
      out.literal =
        (kind === 'DateTimeLiteralExpression' || kind === 'TimespanLiteralExpression'
          ? decodeTimeText(node, kind === 'DateTimeLiteralExpression')
          : kind === 'LongLiteralExpression' || kind === 'IntLiteralExpression'
            ? decodeHexText(node, kind === 'IntLiteralExpression')
            : undefined) ?? decodeLiteral(node.LiteralValue);
    } else if (kind === 'CompoundStringLiteralExpression') {
      out.hasLiteral = true;
      out.literal = typeof node.LiteralValue === 'string' ? node.LiteralValue : String(node.LiteralValue ?? '');
    }
    const expression = node as unknown as { ResultType?: TypeSymbol | null };
    if (expression.ResultType) Object.assign(out, convertType(expression.ResultType));
    const symbol = symbolOf(node);
    if (symbol) out.symbol = symbol;
    // Names: the identifier is already in `name`; skip the wrapper's children.
    if (isName && out.name !== undefined) return out;
    for (let i = 0; i < node.ChildCount; i++) {
      const child = node.GetChild(i);
      if (!child) continue;
      // Separators inside a SeparatedElement are dropped above; lists keep only elements.
      const converted = convert(child);
      if (converted) out.children.push(converted);
    }
    return out;
  };

  return convert(root) ?? { kind: 'Empty', span: [0, 0], children: [] };
}

function scalarTypeOf(type: TypeSymbol | null | undefined): KqlType | undefined {
  if (!type) return undefined;
  const name = type.Name ?? '';
  if (SCALAR_TYPES.has(name)) return name as KqlType;
  // Dynamic subtypes (dynamic array, bag) print as e.g. `dynamic` or `dynamic(array)`.
  if (name.startsWith('dynamic')) return 'dynamic';
  if (name === 'decimal' || name === 'bool') return name;
  return undefined;
}

function normaliseLong(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}
