/**
 * KQL predicates (Plan scalar expressions) → Sigma detection items, selections and a condition. Works on the lowered
 * Plan, never the query text: `let` constants (`StagingPaths = dynamic([...])`) are already literals there.
 * Anything without a faithful Sigma form throws ExportFailure naming the construct; approximations are reported
 * through `warn`, so an exported rule is never silently broader or narrower than the KQL.
 */
import type { SourceSpan } from '../diagnostics.ts';
import type { ScalarExpr } from '../kql/engine/plan.ts';
import { isBag, isDynamicArray, type KqlValue } from '../kql/values/value.ts';
import { fieldFor } from './mapping.ts';

export type SigmaValue = string | number | boolean | null;

/** One Sigma detection item: `field|mod1|mod2: values` (values OR-linked, AND-linked with the `all` modifier). */
export interface Item {
  readonly field: string;
  readonly modifiers: readonly string[];
  readonly values: readonly SigmaValue[];
}

export type Formula =
  | { readonly k: 'item'; readonly item: Item }
  | { readonly k: 'and' | 'or'; readonly parts: readonly Formula[] }
  | { readonly k: 'not'; readonly part: Formula };

export type WarningKind = 'approximation' | 'dropped' | 'unsupported';

export class ExportFailure extends Error {
  constructor(message: string, readonly span?: SourceSpan) {
    super(message);
  }
}

export interface TranslateContext {
  readonly table: string;
  readonly text: string;
  /** Source column name of a column index at the filter's input, or null for a computed column. */
  readonly column: (index: number) => string | null;
  readonly warn: (kind: WarningKind, message: string, span: SourceSpan) => void;
}

const source = (ctx: TranslateContext, span: SourceSpan): string => ctx.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();

function columnOf(expr: ScalarExpr, ctx: TranslateContext): string | undefined {
  if (expr.kind !== 'column') return undefined;
  const name = ctx.column(expr.index);
  if (name === null) throw new ExportFailure(`\`${expr.name}\` is computed by the query (extend/project), and Sigma can only match event fields`, expr.span);
  return name;
}

function toSigmaValue(value: KqlValue, span: SourceSpan): SigmaValue[] {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return [value];
  if (typeof value === 'number') return [value];
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new ExportFailure(`the number ${value} is too large for Sigma`, span);
    return [Number(value)];
  }
  // A dynamic list (a `let` constant or an inline dynamic([...])) expands into the value list.
  if (isDynamicArray(value)) return value.flatMap((v) => toSigmaValue(v as KqlValue, span));
  if (isBag(value)) throw new ExportFailure('a property bag cannot be a Sigma value', span);
  throw new ExportFailure('this value has no Sigma form', span);
}

function literalValues(exprs: readonly ScalarExpr[], ctx: TranslateContext): SigmaValue[] {
  return exprs.flatMap((e) => {
    if (e.kind !== 'literal') throw new ExportFailure(`\`${source(ctx, e.span)}\` is not a constant, and Sigma values must be`, e.span);
    if (e.type === 'datetime' || e.type === 'timespan') throw new ExportFailure(`the ${e.type} \`${source(ctx, e.span)}\` has no Sigma value form`, e.span);
    return toSigmaValue(e.value, e.span);
  });
}

/**
 * Sigma treats `*` and `?` as wildcards and `\` as their escape (`\\` is one backslash), while a KQL literal has no
 * wildcards: escape them, and double backslashes that would otherwise be read as escapes (runs of two or more, or
 * one before a wildcard). A lone backslash (`C:\Windows`) stays as it is, as SigmaHQ writes paths.
 */
export function escapeSigmaString(value: string): string {
  return value.replace(/(\\+)([*?]?)/g, (_m, slashes: string, wildcard: string) => {
    const run = slashes.length >= 2 || wildcard !== '' ? slashes + slashes : slashes;
    return run + (wildcard ? `\\${wildcard}` : '');
  }).replace(/(^|[^\\])([*?])/g, (_m, before: string, w: string) => `${before}\\${w}`);
}

type Match = 'eq' | 'contains' | 'startswith' | 'endswith' | 're' | 'gt' | 'gte' | 'lt' | 'lte' | 'exists';

/** Constructs of RE2 (KQL) that Sigma's regex subset (`. ^ $ * + ? {n,m} [..] [^..] | ()`) does not list or reads differently. */
const RE2_ONLY = /\\[dDwWsSbBAzpPQE]|\(\?[^i:]|\(\?i[a-z]*:|\[\[:|\*\?|\+\?|\?\?|\}\?/;

function item(column: string, match: Match, values: SigmaValue[], ctx: TranslateContext, span: SourceSpan, all = false, extra: string[] = []): Formula {
  const mapping = fieldFor(ctx.table, column);
  if (!mapping) throw new ExportFailure(`the column ${column} of ${ctx.table} has no Sigma field`, span);
  let m: Match = match;
  let vals = values;
  if (mapping.fileName) {
    // Sigma has no file-name field for these events, only the full path (Image, TargetFilename…): a file name is
    // the path's last segment, so `FileName =~ 'x.exe'` is exactly `Image|endswith: '\x.exe'` (MDE's FolderPath
    // holds the full path including the name).
    if (match === 'eq') {
      m = 'endswith';
      vals = values.map((v) => (typeof v === 'string' ? `\\${v}` : v));
    } else if (match === 'startswith') {
      m = 'contains';
      vals = values.map((v) => (typeof v === 'string' ? `\\${v}` : v));
      ctx.warn('approximation', `${column} startswith became ${mapping.field}|contains '\\…': it can also match a folder name`, span);
    } else if (match === 'contains') {
      ctx.warn('approximation', `${column} contains became ${mapping.field}|contains: it can also match the folder part of the path`, span);
    } else if (match !== 'endswith') {
      throw new ExportFailure(`${column} holds a file name while Sigma's ${mapping.field} holds the whole path: \`${source(ctx, span)}\` cannot be rewritten on it`, span);
    }
  }
  const modifiers = [...(m === 'eq' ? [] : [m]), ...extra];
  if (all && vals.length > 1) modifiers.push('all');
  const escaped = m === 're' ? vals : vals.map((v) => (typeof v === 'string' ? escapeSigmaString(v) : v));
  return { k: 'item', item: { field: mapping.field, modifiers, values: escaped } };
}

const not = (part: Formula): Formula => ({ k: 'not', part });

function flatten(k: 'and' | 'or', parts: Formula[]): Formula {
  return { k, parts: parts.flatMap((p) => (p.k === k ? p.parts : [p])) };
}

export function isTimeFilter(expr: ScalarExpr): boolean {
  if (expr.kind !== 'binary' || !['<', '<=', '>', '>=', '==', '!='].includes(expr.op)) return false;
  return (expr.left.type === 'datetime' && expr.left.kind === 'column') || (expr.right.type === 'datetime' && expr.right.kind === 'column');
}

/** The predicate as a Sigma formula over detection items. */
export function translate(expr: ScalarExpr, ctx: TranslateContext): Formula {
  const text = () => source(ctx, expr.span);
  switch (expr.kind) {
    case 'binary': {
      if (expr.op === 'and' || expr.op === 'or') return flatten(expr.op, [translate(expr.left, ctx), translate(expr.right, ctx)]);
      if (isTimeFilter(expr)) throw new ExportFailure(`the time filter \`${text()}\` inside a larger condition has no Sigma form (rules carry no time window)`, expr.span);
      const [col, lit, flipped] = expr.left.kind === 'column' ? [expr.left, expr.right, false] : [expr.right, expr.left, true];
      const column = columnOf(col, ctx);
      if (column === undefined || lit.kind !== 'literal') throw new ExportFailure(`\`${text()}\` compares two expressions; Sigma compares a field with constants`, expr.span);
      const values = literalValues([lit], ctx);
      if (['==', '!=', '=~', '!~'].includes(expr.op)) {
        if ((expr.op === '==' || expr.op === '!=') && typeof values[0] === 'string') {
          ctx.warn('approximation', `\`${text()}\` is case-sensitive; Sigma matching is case-insensitive (|cased is not supported by the kusto backend)`, expr.span);
        }
        const f = item(column, 'eq', values, ctx, expr.span);
        return expr.op.startsWith('!') ? not(f) : f;
      }
      if (typeof values[0] !== 'number') throw new ExportFailure(`\`${text()}\`: Sigma compares only numbers with gt/lt`, expr.span);
      const op = flipped ? ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[expr.op] : expr.op;
      const m = ({ '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' } as Record<string, Match>)[op ?? ''];
      if (!m) throw new ExportFailure(`the operator \`${expr.op}\` in \`${text()}\` has no Sigma modifier`, expr.span);
      return item(column, m, values, ctx, expr.span);
    }
    case 'string-op': {
      const column = columnOf(expr.left, ctx);
      if (column === undefined || expr.right.kind !== 'literal') throw new ExportFailure(`\`${text()}\`: Sigma matches a field against constants`, expr.span);
      const negated = expr.op.startsWith('!');
      const base = expr.op.replace(/^!/, '');
      const cased = base.endsWith('_cs');
      const op = base.replace(/_cs$/, '');
      const values = literalValues([expr.right], ctx);
      let f: Formula;
      if (op === 'matches regex') {
        const pattern = String(values[0] ?? '');
        let body = pattern;
        const extra: string[] = [];
        if (pattern.startsWith('(?i)')) {
          body = pattern.slice(4);
          extra.push('i');
        }
        if (RE2_ONLY.test(body)) {
          ctx.warn('approximation', `the regex in \`${text()}\` uses RE2 constructs (\\d, \\w, \\b, (?…), lazy quantifiers…) outside Sigma's regex subset; backends may read it differently`, expr.span);
        }
        f = item(column, 're', [body], ctx, expr.span, false, extra);
      } else if (op === 'contains' || op === 'startswith' || op === 'endswith') {
        if (cased) ctx.warn('approximation', `\`${text()}\` is case-sensitive; Sigma matching is case-insensitive`, expr.span);
        f = item(column, op, values, ctx, expr.span);
      } else if (op === 'has' || op === 'hasprefix' || op === 'hassuffix') {
        ctx.warn('approximation', `\`${text()}\` became |contains, which is broader: KQL ${op} matches whole terms, contains any substring`, expr.span);
        f = item(column, 'contains', values, ctx, expr.span);
      } else {
        throw new ExportFailure(`the operator \`${expr.op}\` has no Sigma modifier`, expr.span);
      }
      return negated ? not(f) : f;
    }
    case 'in': {
      if (expr.subqueries.length > 0) throw new ExportFailure(`\`${text()}\` reads a subquery; Sigma values must be constants`, expr.span);
      const column = columnOf(expr.value, ctx);
      if (column === undefined) throw new ExportFailure(`\`${text()}\`: Sigma matches a field against constants`, expr.span);
      const values = literalValues(expr.list, ctx);
      if (!expr.caseInsensitive && values.some((v) => typeof v === 'string')) {
        ctx.warn('approximation', `\`${text()}\` is case-sensitive; Sigma matching is case-insensitive`, expr.span);
      }
      const f = item(column, 'eq', values, ctx, expr.span);
      return expr.negated ? not(f) : f;
    }
    case 'has-any': {
      const column = columnOf(expr.value, ctx);
      if (column === undefined) throw new ExportFailure(`\`${text()}\`: Sigma matches a field against constants`, expr.span);
      const values = literalValues(expr.list, ctx);
      ctx.warn('approximation', `\`${text()}\` became |contains${expr.all ? '|all' : ''}, which is broader: KQL has_${expr.all ? 'all' : 'any'} matches whole terms, contains any substring`, expr.span);
      return item(column, 'contains', values, ctx, expr.span, expr.all);
    }
    case 'between': {
      const column = columnOf(expr.value, ctx);
      if (column === undefined) throw new ExportFailure(`\`${text()}\`: Sigma matches a field against constants`, expr.span);
      const [low] = literalValues([expr.low], ctx);
      const [high] = literalValues([expr.high], ctx);
      if (typeof low !== 'number' || typeof high !== 'number') throw new ExportFailure(`\`${text()}\`: Sigma ranges are numeric`, expr.span);
      const f = flatten('and', [item(column, 'gte', [low], ctx, expr.span), item(column, 'lte', [high], ctx, expr.span)]);
      return expr.negated ? not(f) : f;
    }
    case 'call': {
      const [arg] = expr.args;
      if (expr.name === 'not' && arg) return not(translate(arg, ctx));
      const column = arg ? columnOf(arg, ctx) : undefined;
      if (column !== undefined && expr.args.length === 1) {
        if (expr.name === 'isnull') return item(column, 'eq', [null], ctx, expr.span);
        if (expr.name === 'isnotnull') return not(item(column, 'eq', [null], ctx, expr.span));
        // isempty is true for null and for '': both Sigma forms, OR-linked, say exactly that.
        if (expr.name === 'isempty') return flatten('or', [item(column, 'eq', [''], ctx, expr.span), item(column, 'eq', [null], ctx, expr.span)]);
        if (expr.name === 'isnotempty') return not(flatten('or', [item(column, 'eq', [''], ctx, expr.span), item(column, 'eq', [null], ctx, expr.span)]));
      }
      throw new ExportFailure(`the function call \`${text()}\` has no Sigma equivalent`, expr.span);
    }
    default:
      throw new ExportFailure(`\`${text()}\` has no Sigma equivalent`, expr.span);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Formula → named search identifiers + condition

/** A search identifier: OR of maps, each map AND of items with distinct keys. */
type Search = Item[][];

const keyOf = (i: Item): string => [i.field, ...i.modifiers].join('|');

function asSearch(f: Formula): Search | null {
  if (f.k === 'item') return [[f.item]];
  if (f.k === 'not') return null;
  const parts = f.parts.map(asSearch);
  if (parts.some((p) => p === null)) return null;
  if (f.k === 'or') return (parts as Search[]).flat();
  if ((parts as Search[]).some((p) => p.length !== 1)) return null;
  const merged = (parts as Search[]).flatMap((p) => p[0] as Item[]);
  return new Set(merged.map(keyOf)).size === merged.length ? [merged] : null;
}

export type DetectionMap = Record<string, SigmaValue | SigmaValue[]>;
export type SearchIdentifier = DetectionMap | DetectionMap[];

const SLUGS: Record<string, string> = {
  Image: 'img', CommandLine: 'cli', ParentImage: 'parent', ParentCommandLine: 'parent_cli', TargetFilename: 'target',
  OriginalFileName: 'ofn', ImageLoaded: 'loaded', TargetObject: 'key', DestinationPort: 'port', DestinationIp: 'ip',
  DestinationHostname: 'host', EventType: 'event_type', GrandParentImage: 'grandparent',
};

function slug(search: Search): string {
  const first = search[0]?.[0]?.field ?? 'x';
  return SLUGS[first] ?? first.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

function toIdentifier(search: Search): SearchIdentifier {
  const maps = search.map((items) => {
    const map: DetectionMap = {};
    for (const i of items) map[keyOf(i)] = i.values.length === 1 ? (i.values[0] as SigmaValue) : [...i.values];
    return map;
  });
  return maps.length === 1 ? (maps[0] as DetectionMap) : maps;
}

export interface BuiltDetection {
  readonly identifiers: Record<string, SearchIdentifier>;
  readonly condition: string;
}

/** Conjuncts (top-level AND parts) → `selection_*` / `filter_main_*` identifiers and a SigmaHQ-style condition. */
export function buildDetection(conjuncts: readonly Formula[]): BuiltDetection {
  const identifiers: Record<string, SearchIdentifier> = {};
  const name = (prefix: string, search: Search): string => {
    const base = `${prefix}${slug(search)}`;
    let n = base;
    for (let i = 2; Object.prototype.hasOwnProperty.call(identifiers, n); i++) n = `${base}_${i}`;
    identifiers[n] = toIdentifier(search);
    return n;
  };
  let nested = false;
  const build = (f: Formula, prefix: string, top: boolean): string => {
    const search = asSearch(f);
    if (search) return name(prefix, search);
    if (!top) nested = true;
    if (f.k === 'not') return `not ${wrap(build(f.part, 'filter_main_', false))}`;
    if (f.k === 'item') return name(prefix, [[f.item]]);
    const joined = f.parts.map((p) => wrap(build(p, prefix, false))).join(` ${f.k} `);
    return joined;
  };
  const positives = conjuncts.filter((c) => c.k !== 'not').map((c) => build(c, 'selection_', true));
  const negatives = conjuncts.filter((c): c is Extract<Formula, { k: 'not' }> => c.k === 'not').map((c) => build(c.part, 'filter_main_', true));
  const simple = (s: string) => /^[\w-]+$/.test(s);
  const group = (names: string[], prefix: string, quantifier: string): string => {
    const owned = Object.keys(identifiers).filter((k) => k.startsWith(prefix));
    if (!nested && names.length >= 2 && names.every(simple) && owned.length === names.length) return `${quantifier} of ${prefix}*`;
    return names.map(wrap).join(quantifier === 'all' ? ' and ' : ' or ');
  };
  // One positive selection reads best as `selection` (SigmaHQ style); x-of patterns need two or more.
  if (positives.length === 1 && simple(positives[0] as string) && !nested) {
    const only = positives[0] as string;
    identifiers.selection = identifiers[only] as SearchIdentifier;
    delete identifiers[only];
    positives[0] = 'selection';
  }
  const parts: string[] = [];
  if (positives.length > 0) parts.push(group(positives, 'selection_', 'all'));
  if (negatives.length > 0) parts.push(`not ${wrap(group(negatives, 'filter_main_', '1'))}`);
  const condition = parts.length > 1 ? parts.map((p) => (p.startsWith('not ') || simple(p) || p.includes(' of ') ? p : `(${p})`)).join(' and ') : (parts[0] ?? '');
  return { identifiers, condition };
}

function wrap(s: string): string {
  return /^[\w-]+$/.test(s) || /^(all|1) of [\w*]+$/.test(s) || (s.startsWith('not ') && !/ (and|or) /.test(s)) ? s : `(${s})`;
}
