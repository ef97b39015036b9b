/**
 * Sigma → Rulebench rule: a KQL query on the Defender table of the rule's logsource, with the metadata carried
 * over. Semantics follow Sigma, not the established converter's shortcuts: values stay case-insensitive (`=~`,
 * `contains`, `in~`; `(?i)` in regexes built from wildcards), wildcards in the middle become an anchored regex, IPv6
 * ranges use ipv6_is_in_range. Every approximation or loss is reported with the Sigma line; an item that cannot be
 * expressed is an error and no rule is produced (dropping it silently would change what the rule matches).
 */
import { RE2JS } from 're2js';
import { findTactic, LEGACY_TACTICS, TECHNIQUE_ID } from '../attack/tactics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { LEVELS, newRule, RELATION_TYPES, RULE_STATUSES, type Level, type RelationType, type Rule, type RuleStatus } from '../rule/model.ts';
import type { TableSchema } from '../schema/types.ts';
import {
  CATEGORY_ACTION_TYPES,
  CATEGORY_DATA_SOURCE,
  DROPPED_FIELDS,
  FIELD_TO_COLUMN,
  REGISTRY_EVENT_TYPES,
  REGISTRY_HIVES,
  UNSUPPORTED_CATEGORIES,
  type ColumnTarget,
} from './import-mapping.ts';
import { CATEGORY_TO_TABLE } from './mapping.ts';
import { parseSigma, plainText, type ConditionNode, type DetectionItem, type SearchNode, type SigmaRule, type SigmaValue, type StringPart } from './parse.ts';

export interface ImportIssue {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly message: string;
  /** The Sigma line the issue is about. */
  readonly line: number;
}

export interface ImportResult {
  readonly rule: Rule | null;
  readonly report: ImportIssue[];
  /** Problems reading the Sigma file itself (YAML, modifiers, condition). */
  readonly diagnostics: Diagnostic[];
  /** The parsed Sigma rule, when it could be read. */
  readonly sigma?: SigmaRule;
  /** The Defender table the query reads. */
  readonly table?: string;
}

export interface ImportOptions {
  /** `YYYY-MM-DD` for a rule without `date`; default today. */
  readonly today?: string;
  /** The id for a rule without one; default a random UUID. */
  readonly newId?: () => string;
}

/** What one value of a detection item compares, after the modifiers are applied. */
export type Alternative =
  | { readonly kind: 'string'; readonly parts: readonly StringPart[]; readonly match: 'exact' | 'contains' | 'startswith' | 'endswith'; readonly cased: boolean }
  | { readonly kind: 'regex'; readonly pattern: string }
  | { readonly kind: 'cidr'; readonly range: string }
  | { readonly kind: 'number'; readonly op: '==' | '>' | '>=' | '<' | '<='; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'fieldref'; readonly column: string; readonly match: 'exact' | 'contains' | 'startswith' | 'endswith'; readonly cased: boolean };

/** One detection item resolved to a column (or column expression) and its values' alternatives. */
export interface ItemPlan {
  readonly item: DetectionItem;
  /** A column name, or an expression such as `strcat(AccountDomain, @"\", AccountName)`. */
  readonly target: string;
  /** The plain column(s) the target reads, for generating events. */
  readonly columns: readonly string[];
  /** Per Sigma value, its alternatives (OR-ed; several for windash, base64offset, Hashes). */
  readonly values: readonly (readonly Alternative[])[];
  readonly all: boolean;
  readonly negate: boolean;
  readonly fileNameOnly: boolean;
}

class Failure extends Error {}

/** Builds the KQL of one rule; collects the report. */
class Converter {
  readonly report: ImportIssue[] = [];
  readonly plans: ItemPlan[] = [];
  private readonly columns: Map<string, string>;

  constructor(
    readonly table: string,
    readonly category: string,
    schema: readonly TableSchema[],
  ) {
    const t = schema.find((s) => s.name === table);
    this.columns = new Map((t?.columns ?? []).map((c) => [c.name, c.type]));
  }

  issue(severity: ImportIssue['severity'], code: string, message: string, line: number): void {
    // The same approximation on every value of a rule is said once per line.
    if (this.report.some((r) => r.code === code && r.line === line && r.message === message)) return;
    this.report.push({ severity, code, message, line });
  }

  fail(code: string, message: string, line: number): never {
    this.issue('error', code, message, line);
    throw new Failure(message);
  }

  /** Sigma field → column target, or undefined for a field that is dropped. */
  resolveField(item: DetectionItem): ColumnTarget | undefined {
    const field = item.field;
    if (field === null) {
      const column = this.table === 'DeviceProcessEvents' ? 'ProcessCommandLine' : 'InitiatingProcessCommandLine';
      this.issue('warning', 'RB-SIGMA-IMPORT-020', `Keyword search (matches anywhere in a Sigma event) is approximated as ${column} contains …; Defender has no whole-event text search in the engine's subset.`, item.line);
      return { column };
    }
    if (Object.prototype.hasOwnProperty.call(DROPPED_FIELDS, field)) {
      this.issue('info', 'RB-SIGMA-IMPORT-011', `"${field}" is left out: ${DROPPED_FIELDS[field]}.`, item.line);
      return undefined;
    }
    if (field === 'Initiated' && this.table === 'DeviceNetworkEvents') {
      this.issue('warning', 'RB-SIGMA-IMPORT-011', '"Initiated" is left out: DeviceNetworkEvents has no connection-direction column (ActionType ConnectionSuccess/InboundConnectionAccepted comes closest).', item.line);
      return undefined;
    }
    const mapped = FIELD_TO_COLUMN[this.table]?.[field];
    if (mapped && this.columns.has(mapped.column)) return mapped;
    if (this.columns.has(field)) return { column: field };
    return this.fail('RB-SIGMA-IMPORT-010', `The Sigma field "${field}" has no column in ${this.table}; the rule cannot be imported without changing what it matches. Rewrite the selection with a Defender column (${this.table} | getschema).`, item.line);
  }

  plan(item: DetectionItem): ItemPlan | undefined {
    const mods = item.modifiers;
    for (const m of mods) {
      if (m === 'expand') this.fail('RB-SIGMA-IMPORT-030', '|expand needs placeholder values from a pipeline; Defender has none. Replace %placeholders% with values.', item.line);
      if (['minute', 'hour', 'day', 'week', 'month', 'year'].includes(m)) this.fail('RB-SIGMA-IMPORT-030', `|${m} (a part of a timestamp) is not supported by the importer.`, item.line);
    }
    if (item.field === 'Hashes') return this.hashes(item);
    const target = this.resolveField(item);
    if (!target) return undefined;
    const type = this.columns.get(target.column) ?? 'string';
    const values = item.values.map((v) => this.alternatives(item, v, type, target));
    let expression = target.column;
    const columns = [target.column];
    if (target.domainColumn && item.values.some((v) => v.kind === 'string' && v.raw.includes('\\'))) {
      expression = `strcat(${target.domainColumn}, @"\\", ${target.column})`;
      columns.unshift(target.domainColumn);
      this.issue('info', 'RB-SIGMA-IMPORT-012', `"${item.field}" values name DOMAIN\\user: compared with ${target.domainColumn} and ${target.column} joined by a backslash.`, item.line);
    }
    if (target.fileNameOnly) {
      this.issue('warning', 'RB-SIGMA-IMPORT-013', `"${item.field}" maps to ${target.column}, which holds only a file name: only each value's last path component is compared.`, item.line);
    }
    return { item, target: expression, columns, values, all: mods.includes('all'), negate: mods.includes('neq'), fileNameOnly: target.fileNameOnly === true };
  }

  /** `Hashes: 'SHA256=…'` → the column of that algorithm. */
  hashes(item: DetectionItem): ItemPlan {
    const byAlgo: Record<string, string> = this.table === 'DeviceRegistryEvents' || this.table === 'DeviceNetworkEvents'
      ? { MD5: 'InitiatingProcessMD5', SHA1: 'InitiatingProcessSHA1', SHA256: 'InitiatingProcessSHA256' }
      : { MD5: 'MD5', SHA1: 'SHA1', SHA256: 'SHA256' };
    const out: Alternative[][] = [];
    const columns = new Set<string>();
    const targets: string[] = [];
    for (const v of item.values) {
      if (v.kind !== 'string') continue;
      const text = plainText(v.parts).replace(/^\*|\*$/g, '');
      const m = /^(\w+)[=|](.+)$/.exec(text);
      const algo = m ? (m[1] as string).toUpperCase() : text.length === 32 ? 'MD5' : text.length === 40 ? 'SHA1' : text.length === 64 ? 'SHA256' : '';
      const hash = m ? (m[2] as string) : text;
      const column = byAlgo[algo];
      if (!column) {
        this.issue('warning', 'RB-SIGMA-IMPORT-014', `Hash "${text.slice(0, 40)}" (${algo || 'unknown algorithm'}) is left out: Defender records only MD5, SHA1 and SHA256.`, item.line);
        continue;
      }
      columns.add(column);
      targets.push(column);
      out.push([{ kind: 'string', parts: [hash], match: 'exact', cased: false }]);
    }
    if (out.length === 0) this.fail('RB-SIGMA-IMPORT-014', 'No hash of "Hashes" is one Defender records (MD5, SHA1, SHA256).', item.line);
    // Several columns: each value keeps its own column through the `hash:` target marker below.
    return { item, target: `hash:${targets.join(',')}`, columns: [...columns], values: out, all: false, negate: item.modifiers.includes('neq'), fileNameOnly: false };
  }

  alternatives(item: DetectionItem, value: SigmaValue, type: string, target: ColumnTarget): Alternative[] {
    const mods = item.modifiers;
    const cased = mods.includes('cased');
    // A keyword matches anywhere in the event, so on one column it is a substring match.
    const match = mods.includes('contains') || item.field === null ? 'contains' : mods.includes('startswith') ? 'startswith' : mods.includes('endswith') ? 'endswith' : 'exact';
    const numeric = ['long', 'int', 'real', 'decimal'].includes(type);
    if (mods.includes('exists')) {
      if (value.kind !== 'boolean') this.fail('RB-SIGMA-IMPORT-031', '|exists takes true or false.', item.line);
      return [{ kind: 'exists', value: value.kind === 'boolean' && value.value }];
    }
    if (value.kind === 'null') return [{ kind: 'null' }];
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
      if (!mods.includes(op)) continue;
      const n = value.kind === 'number' ? value.value : value.kind === 'string' ? Number(value.raw) : NaN;
      if (!Number.isFinite(n)) this.fail('RB-SIGMA-IMPORT-031', `|${op} compares numbers; "${value.kind === 'string' ? value.raw : String(value)}" is not one.`, item.line);
      if (!numeric) this.fail('RB-SIGMA-IMPORT-031', `|${op} on ${target.column}, which is not a number column.`, item.line);
      return [{ kind: 'number', op: ({ gt: '>', gte: '>=', lt: '<', lte: '<=' } as const)[op], value: n }];
    }
    if (value.kind === 'boolean') {
      if (type === 'bool') return [{ kind: 'bool', value: value.value }];
      return [{ kind: 'string', parts: [String(value.value)], match: 'exact', cased: false }];
    }
    if (value.kind === 'number' && numeric && match === 'exact') return [{ kind: 'number', op: '==', value: value.value }];
    if (numeric && value.kind === 'string' && match === 'exact' && /^-?\d+$/.test(value.raw)) return [{ kind: 'number', op: '==', value: Number(value.raw) }];
    const raw = value.kind === 'string' ? value.raw : String(value.value);
    let parts: StringPart[] = value.kind === 'string' ? [...value.parts] : [raw];
    if (mods.includes('fieldref')) {
      const ref = FIELD_TO_COLUMN[this.table]?.[raw]?.column ?? (this.columns.has(raw) ? raw : undefined);
      if (!ref) this.fail('RB-SIGMA-IMPORT-010', `|fieldref names "${raw}", which has no column in ${this.table}.`, item.line);
      return [{ kind: 'fieldref', column: ref as string, match, cased }];
    }
    if (mods.includes('re')) {
      const flags = [mods.includes('i') || mods.includes('ignorecase') ? 'i' : '', mods.includes('m') || mods.includes('multiline') ? 'm' : '', mods.includes('s') || mods.includes('dotall') ? 's' : ''].join('');
      let pattern = raw.replace(/\(\?<(?![=!])/g, '(?P<');
      if (flags) pattern = `(?${flags})${pattern}`;
      try {
        RE2JS.compile(pattern);
      } catch (error) {
        this.fail('RB-SIGMA-IMPORT-032', `The regular expression is not valid in RE2, which KQL uses (lookarounds, backreferences and atomic groups do not exist there): ${error instanceof Error ? error.message : String(error)}`, item.line);
      }
      return [{ kind: 'regex', pattern }];
    }
    if (mods.includes('cidr')) return [{ kind: 'cidr', range: raw }];
    if (!cased && (target.column === 'RegistryKey') && typeof parts[0] === 'string') {
      for (const [re, full] of REGISTRY_HIVES) {
        if (re.test(parts[0])) {
          parts[0] = parts[0].replace(re, full);
          this.issue('info', 'RB-SIGMA-IMPORT-015', `Registry hive abbreviations are written out as Defender records them (${full}).`, item.line);
        }
      }
    }
    if (item.field === 'EventType' && this.table === 'DeviceRegistryEvents' && match === 'exact') {
      const mapped = REGISTRY_EVENT_TYPES[raw];
      if (mapped) return mapped.map((a) => ({ kind: 'string', parts: [a], match: 'exact', cased: false }));
    }
    if (target.fileNameOnly) {
      const text = plainText(parts);
      const last = text.split(/[\\/]/).pop() ?? '';
      if (last === '' || (match === 'startswith' && text.includes('\\'))) this.fail('RB-SIGMA-IMPORT-013', `"${item.field}" value "${text}" names a folder, but ${target.column} holds only a file name.`, item.line);
      const lastParts = value.kind === 'string' ? splitLastComponent(parts) : [last];
      return [{ kind: 'string', parts: lastParts, match: text.includes('\\') && match === 'endswith' ? 'exact' : match, cased }];
    }
    let variants: StringPart[][] = [parts];
    if (mods.includes('windash')) variants = variants.flatMap((p) => windash(p));
    const encoding = mods.includes('wide') || mods.includes('utf16le') ? 'utf16le' : mods.includes('utf16be') ? 'utf16be' : mods.includes('utf16') ? 'utf16' : 'utf8';
    if (mods.includes('base64') || mods.includes('base64offset')) {
      if (parts.some((p) => typeof p !== 'string')) this.fail('RB-SIGMA-IMPORT-031', 'Base64 of a value with wildcards is undefined in Sigma.', item.line);
      const offset = mods.includes('base64offset');
      if (offset && match !== 'contains') this.issue('warning', 'RB-SIGMA-IMPORT-033', '|base64offset without |contains: the offset encodings only make sense inside a longer Base64 text; compared as contains.', item.line);
      variants = variants.flatMap((p) => (offset ? base64Offsets(encode(plainText(p), encoding)) : [base64(encode(plainText(p), encoding))]).map((s) => [s]));
      return variants.map((p) => ({ kind: 'string', parts: p, match: offset ? 'contains' : match, cased }));
    } else if (encoding !== 'utf8') {
      this.issue('warning', 'RB-SIGMA-IMPORT-033', `|${mods.find((m) => m.startsWith('utf16') || m === 'wide')} without |base64 has no effect on text columns; the value is compared as written.`, item.line);
    }
    if (numeric && value.kind === 'number') this.issue('warning', 'RB-SIGMA-IMPORT-034', `${target.column} is a number; |${match} compares its text (tostring).`, item.line);
    return variants.map((p) => ({ kind: 'string', parts: p, match, cased }));
  }

  // ---------------------------------------------------------------- KQL text

  itemKql(plan: ItemPlan): string {
    const numericTarget = ['long', 'int', 'real', 'decimal'].includes(this.columns.get(plan.target) ?? 'string');
    const hashColumns = plan.target.startsWith('hash:') ? plan.target.slice(5).split(',') : undefined;
    const valueKql = (alts: readonly Alternative[], index: number): string => {
      const target = hashColumns ? (hashColumns[index] as string) : plan.target;
      const strTarget = numericTarget ? `tostring(${target})` : target;
      // Several exact case-insensitive strings: in~ (…)
      const exact = alts.filter((a): a is Extract<Alternative, { kind: 'string' }> => a.kind === 'string' && a.match === 'exact' && a.parts.every((p) => typeof p === 'string'));
      const rest = alts.filter((a) => !exact.includes(a as Extract<Alternative, { kind: 'string' }>));
      const pieces: string[] = [];
      if (exact.length > 1) {
        const cased = exact.every((a) => a.cased);
        const uncased = exact.every((a) => !a.cased);
        if (cased || uncased) pieces.push(`${strTarget} ${cased ? 'in' : 'in~'} (${exact.map((a) => kqlString(plainText(a.parts))).join(', ')})`);
        else rest.unshift(...exact);
      } else rest.unshift(...exact);
      for (const a of rest) pieces.push(this.altKql(a, target, strTarget));
      return pieces.length === 1 ? (pieces[0] as string) : `(${pieces.join(' or ')})`;
    };
    let text: string;
    if (!plan.all && !hashColumns && plan.values.length > 1 && plan.values.every((alts) => alts.length === 1)) {
      // OR of values: fold exact ones into one in~.
      text = valueKql(plan.values.flat(), 0);
    } else {
      const parts = plan.values.map((alts, i) => valueKql(alts, i));
      text = parts.length === 1 ? (parts[0] as string) : `(${parts.join(plan.all ? ' and ' : ' or ')})`;
    }
    return plan.negate ? `not(${text})` : text;
  }

  altKql(a: Alternative, target: string, strTarget: string): string {
    switch (a.kind) {
      case 'null':
        return `isempty(${target})`;
      case 'exists':
        return a.value ? `isnotempty(${target})` : `isempty(${target})`;
      case 'bool':
        return `${target} == ${a.value}`;
      case 'number':
        return `${target} ${a.op} ${a.value}`;
      case 'cidr':
        return `${a.range.includes(':') ? 'ipv6_is_in_range' : 'ipv4_is_in_range'}(${target}, ${kqlString(a.range)})`;
      case 'regex':
        return `${strTarget} matches regex ${kqlString(a.pattern)}`;
      case 'fieldref': {
        const op = { exact: a.cased ? '==' : '=~', contains: 'contains', startswith: 'startswith', endswith: 'endswith' }[a.match];
        return `${strTarget} ${op}${a.cased && a.match !== 'exact' ? '_cs' : ''} ${a.column}`;
      }
      case 'string':
        return stringKql(strTarget, a.parts, a.match, a.cased);
    }
  }

  searchKql(node: SearchNode): string {
    switch (node.t) {
      case 'item': {
        const plan = this.plan(node.item);
        if (!plan) return 'true';
        this.plans.push(plan);
        return this.itemKql(plan);
      }
      case 'and': {
        const parts = node.items.map((i) => this.searchKql(i)).filter((p) => p !== 'true');
        return parts.length === 0 ? 'true' : parts.length === 1 ? (parts[0] as string) : `(${parts.join(' and ')})`;
      }
      case 'or': {
        const parts = node.items.map((i) => this.searchKql(i));
        return parts.includes('true') ? 'true' : parts.length === 1 ? (parts[0] as string) : `(${parts.join(' or ')})`;
      }
    }
  }
}

/** The condition as KQL, each search identifier's KQL substituted; `true` for searches made only of dropped items. */
function conditionKql(node: ConditionNode, searches: ReadonlyMap<string, string>): string {
  switch (node.t) {
    case 'ref':
      return searches.get(node.name) ?? 'true';
    case 'not': {
      const inner = conditionKql(node.operand, searches);
      return inner === 'true' ? 'false' : `not(${stripParens(inner)})`;
    }
    case 'and':
    case 'or': {
      const l = conditionKql(node.left, searches);
      const r = conditionKql(node.right, searches);
      return joinKql(node.t, [l, r]);
    }
    case 'of':
      return joinKql(node.quantifier === 'all' ? 'and' : 'or', node.names.map((n) => searches.get(n) ?? 'true'));
  }
}

function joinKql(op: 'and' | 'or', parts: string[]): string {
  let items = parts;
  if (op === 'and') items = items.filter((p) => p !== 'true');
  else if (items.includes('true')) return 'true';
  if (items.length === 0) return 'true';
  if (items.length === 1) return items[0] as string;
  return `(${items.join(` ${op} `)})`;
}

/** Calls `visit` for each character outside string literals (regular "…" with \ escapes, verbatim @"…" with ""), with the parenthesis depth before it. */
function scanOutsideStrings(text: string, visit: (index: number, depth: number) => boolean | void): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const verbatim = text[i - 1] === '@';
      for (i++; i < text.length; i++) {
        if (!verbatim && text[i] === '\\') i++;
        else if (text[i] === '"') {
          if (verbatim && text[i + 1] === '"') i++;
          else break;
        }
      }
      continue;
    }
    if (visit(i, depth) === true) return;
    if (c === '(') depth++;
    else if (c === ')') depth--;
  }
}

/** Removes parentheses that enclose the whole text. */
function stripParens(text: string): string {
  if (!text.startsWith('(') || !text.endsWith(')')) return text;
  let whole = true;
  scanOutsideStrings(text, (i, depth) => {
    if (text[i] === ')' && depth === 1 && i < text.length - 1) {
      whole = false;
      return true;
    }
    return false;
  });
  return whole ? text.slice(1, -1) : text;
}

/** Top-level conjuncts of a condition, so each becomes its own `| where` line. */
function conjuncts(text: string): string[] {
  const inner = stripParens(text);
  if (inner === text) return [text];
  const cuts: number[] = [];
  let hasOr = false;
  scanOutsideStrings(inner, (i, depth) => {
    if (depth !== 0) return false;
    if (inner.startsWith(' or ', i)) hasOr = true;
    if (inner.startsWith(' and ', i)) cuts.push(i);
    return false;
  });
  if (hasOr) return [text];
  const out: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    out.push(inner.slice(start, cut));
    start = cut + 5;
  }
  out.push(inner.slice(start));
  return out.map((p) => stripParens(p));
}

// ---------------------------------------------------------------- value helpers

/** A KQL string literal: verbatim (@"…") when it has backslashes, which keeps Windows paths readable. */
export function kqlString(text: string): string {
  if (text.includes('\\') && !/[\n\r\t]/.test(text)) return `@"${text.replace(/"/g, '""')}"`;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

const REGEX_SPECIAL = /[\\^$.|?*+()[\]{}]/g;

/** A Sigma string with wildcards as one KQL predicate: edge wildcards become startswith/endswith/contains, others a regex. */
export function stringKql(target: string, input: readonly StringPart[], match: 'exact' | 'contains' | 'startswith' | 'endswith', cased: boolean): string {
  const parts = [...input];
  let lead = match === 'contains' || match === 'endswith';
  let trail = match === 'contains' || match === 'startswith';
  while (parts.length > 0 && typeof parts[0] !== 'string' && parts[0]?.wildcard === '*') {
    parts.shift();
    lead = true;
  }
  while (parts.length > 0) {
    const last = parts[parts.length - 1];
    if (typeof last === 'string' || last?.wildcard !== '*') break;
    parts.pop();
    trail = true;
  }
  const cs = cased ? '_cs' : '';
  if (parts.every((p) => typeof p === 'string')) {
    const text = parts.join('');
    if (text === '') return lead || trail ? `isnotnull(${target})` : `isempty(${target})`;
    if (lead && trail) return `${target} contains${cs} ${kqlString(text)}`;
    if (lead) return `${target} endswith${cs} ${kqlString(text)}`;
    if (trail) return `${target} startswith${cs} ${kqlString(text)}`;
    return `${target} ${cased ? '==' : '=~'} ${kqlString(text)}`;
  }
  const body = parts.map((p) => (typeof p === 'string' ? p.replace(REGEX_SPECIAL, '\\$&') : p.wildcard === '*' ? '.*' : '.')).join('');
  return `${target} matches regex ${kqlString(`(?${cased ? '' : 'i'}s)${lead ? '' : '^'}${body}${trail ? '' : '$'}`)}`;
}

function splitLastComponent(parts: readonly StringPart[]): StringPart[] {
  const out: StringPart[] = [];
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i] as StringPart;
    if (typeof p === 'string') {
      const cut = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
      if (cut >= 0) {
        if (cut < p.length - 1) out.unshift(p.slice(cut + 1));
        return out;
      }
    }
    out.unshift(p);
  }
  return out;
}

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];

/** Sigma's windash: every `-` or `/` that starts a word after a non-word character, in each of the five dash variants. */
export function windash(parts: readonly StringPart[]): StringPart[][] {
  let results: StringPart[][] = [[]];
  let count = 0;
  parts.forEach((part, index) => {
    if (typeof part !== 'string') {
      results = results.map((r) => [...r, part]);
      return;
    }
    const positions: number[] = [];
    for (let i = 0; i < part.length; i++) {
      const c = part[i] as string;
      if (c !== '-' && c !== '/') continue;
      // A wildcard before the piece counts as a non-word character.
      const before = i > 0 ? /\w/.test(part[i - 1] as string) : false;
      const after = i + 1 < part.length ? /\w/.test(part[i + 1] as string) : index + 1 < parts.length;
      if (!before && after) positions.push(i);
    }
    count += positions.length;
    let texts = [part];
    if (count <= 3) for (const pos of positions) texts = texts.flatMap((t) => DASHES.map((d) => t.slice(0, pos) + d + t.slice(pos + 1)));
    results = results.flatMap((r) => texts.map((t) => [...r, t]));
  });
  return results;
}

function encode(text: string, encoding: 'utf8' | 'utf16le' | 'utf16be' | 'utf16'): number[] {
  if (encoding === 'utf8') return [...new TextEncoder().encode(text)];
  const out: number[] = encoding === 'utf16' ? [0xff, 0xfe] : [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (encoding === 'utf16be') out.push(code >> 8, code & 0xff);
    else out.push(code & 0xff, code >> 8);
  }
  return out;
}

export function base64(bytes: readonly number[]): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The three encodings of a value at byte offsets 0, 1 and 2 of a Base64 stream, without the unstable edges. */
export function base64Offsets(bytes: readonly number[]): string[] {
  const starts = [0, 2, 3];
  const ends = [0, -3, -2];
  return [0, 1, 2].map((i) => {
    const encoded = base64([...Array<number>(i).fill(0x20), ...bytes]);
    const end = ends[(bytes.length + i) % 3] as number;
    return encoded.slice(starts[i], end === 0 ? undefined : end);
  });
}

// ---------------------------------------------------------------- metadata

function normalizeDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /^(\d{4})[-/](\d{2})[-/](\d{2})/.exec(text);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function importSigma(text: string, source: string, schema: readonly TableSchema[], options: ImportOptions = {}): ImportResult {
  const parsed = parseSigma(text, source);
  const sigma = parsed.rule;
  if (!sigma) return { rule: null, report: [], diagnostics: parsed.diagnostics };
  const report: ImportIssue[] = [];
  const category = sigma.logsource.category ?? '';
  const table = CATEGORY_TO_TABLE[category];
  if (!table) {
    const why = UNSUPPORTED_CATEGORIES[category] ?? (category ? `no Defender table corresponds to the Sigma category "${category}"` : `the logsource names no category (${sigma.logsource.service ? `service: ${sigma.logsource.service}` : 'none'}); only Sysmon-style categories map to Defender tables`);
    report.push({ severity: 'error', code: 'RB-SIGMA-IMPORT-001', message: `Not convertible: ${why}.`, line: sigma.logsource.line });
    return { rule: null, report, diagnostics: parsed.diagnostics, sigma };
  }
  if (sigma.logsource.product && sigma.logsource.product !== 'windows') {
    report.push({ severity: 'warning', code: 'RB-SIGMA-IMPORT-002', message: `The rule is for ${sigma.logsource.product}; ${table} also holds Windows events, which the query does not exclude.`, line: sigma.logsource.line });
  }
  const converter = new Converter(table, category, schema);
  const searchKql = new Map<string, string>();
  let failed = false;
  for (const [name, node] of sigma.searches) {
    try {
      searchKql.set(name, converter.searchKql(node));
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      failed = true;
    }
  }
  report.push(...converter.report);
  if (failed) return { rule: null, report, diagnostics: parsed.diagnostics, sigma, table };

  const condition = conditionKql(sigma.condition, searchKql);
  const lines = [table];
  const actions = CATEGORY_ACTION_TYPES[category];
  if (actions) {
    lines.push(`| where ActionType ${actions.length === 1 ? `== ${kqlString(actions[0] as string)}` : `in (${actions.map(kqlString).join(', ')})`}`);
    report.push({ severity: 'info', code: 'RB-SIGMA-IMPORT-003', message: `The category ${category} is the ActionType ${actions.join(' or ')} in ${table}; the query filters on it.`, line: sigma.logsource.line });
  }
  if (condition === 'false') report.push({ severity: 'warning', code: 'RB-SIGMA-IMPORT-004', message: 'The condition can never be true once the left-out items are removed.', line: sigma.conditionLine });
  if (condition !== 'true') for (const c of conjuncts(condition)) lines.push(`| where ${c}`);
  const query = lines.join('\n');

  const rule = newRule(sigma.id ?? options.newId?.() ?? globalThis.crypto.randomUUID(), normalizeDate(sigma.date) ?? options.today ?? today(), query);
  const line = (key: string): number => sigma.keyLines.get(key) ?? 1;
  if (!sigma.id) report.push({ severity: 'warning', code: 'RB-SIGMA-IMPORT-040', message: `The Sigma rule has no id; a new one was made (${rule.id}).`, line: 1 });
  if (!sigma.date) report.push({ severity: 'info', code: 'RB-SIGMA-IMPORT-041', message: 'The Sigma rule has no date; today is used.', line: 1 });
  rule.title = sigma.title;
  if (sigma.status) {
    if ((RULE_STATUSES as readonly string[]).includes(sigma.status)) rule.status = sigma.status as RuleStatus;
    else report.push({ severity: 'warning', code: 'RB-SIGMA-IMPORT-042', message: `Unknown status "${sigma.status}"; "experimental" is used.`, line: line('status') });
  }
  rule.description = sigma.description ?? '';
  rule.author = sigma.author ?? '';
  const modified = normalizeDate(sigma.modified);
  if (modified) rule.modified = modified;
  rule.references = [...sigma.references];
  rule.falsepositives = sigma.falsepositives.filter((f) => !/^unknown$/i.test(f.trim()));
  if (sigma.level) {
    if ((LEVELS as readonly string[]).includes(sigma.level)) rule.level = sigma.level as Level;
    else report.push({ severity: 'warning', code: 'RB-SIGMA-IMPORT-042', message: `Unknown level "${sigma.level}"; "medium" is used.`, line: line('level') });
  }
  rule.related = sigma.related.filter((r) => (RELATION_TYPES as readonly string[]).includes(r.type)).map((r) => ({ id: r.id, type: r.type as RelationType }));
  rule.data_sources = [...(CATEGORY_DATA_SOURCE[category] ? [CATEGORY_DATA_SOURCE[category] as string] : []), 'Microsoft Defender for Endpoint'];
  for (const { tag, line: tagLine } of sigma.tags) {
    const lower = tag.toLowerCase();
    if (!lower.startsWith('attack.')) {
      report.push({ severity: 'info', code: 'RB-SIGMA-IMPORT-043', message: `The tag "${tag}" has no place in a Rulebench rule; it is not kept.`, line: tagLine });
      continue;
    }
    const name = lower.slice(7);
    if (/^t\d{4}(\.\d{3})?$/.test(name)) {
      const id = name.toUpperCase();
      if (TECHNIQUE_ID.test(id) && !rule.attack.techniques.includes(id)) rule.attack.techniques.push(id);
      continue;
    }
    const key = name.replace(/_/g, '-');
    const legacy = LEGACY_TACTICS[key];
    if (legacy) {
      report.push({ severity: 'warning', code: 'RB-SIGMA-IMPORT-044', message: `The tactic "${tag}" no longer exists: ${legacy.note}. Choose ${legacy.replacedBy.join(' or ')} in the rule form.`, line: tagLine });
      continue;
    }
    const tactic = findTactic(key);
    if (tactic) {
      if (!rule.attack.tactics.includes(tactic.shortname)) rule.attack.tactics.push(tactic.shortname);
    } else report.push({ severity: 'info', code: 'RB-SIGMA-IMPORT-043', message: `The tag "${tag}" is neither an ATT&CK tactic nor a technique ID (groups and software are not kept).`, line: tagLine });
  }
  return { rule, report, diagnostics: parsed.diagnostics, sigma, table };
}

/** The item plans of a Sigma rule on its Defender table (for generating test events); undefined when it cannot be imported. */
export function planItems(sigma: SigmaRule, schema: readonly TableSchema[]): { table: string; plans: Map<DetectionItem, ItemPlan> } | undefined {
  const table = CATEGORY_TO_TABLE[sigma.logsource.category ?? ''];
  if (!table) return undefined;
  const converter = new Converter(table, sigma.logsource.category ?? '', schema);
  try {
    for (const node of sigma.searches.values()) converter.searchKql(node);
  } catch (error) {
    if (error instanceof Failure) return undefined;
    throw error;
  }
  return { table, plans: new Map(converter.plans.map((p) => [p.item, p])) };
}
