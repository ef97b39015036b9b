/**
 * Reads a Sigma detection rule (YAML) into a typed SigmaRule: metadata, logsource, search identifiers with their
 * detection items (each with its Sigma line), and the condition as a tree. Like src/rule/yaml.ts, reading never
 * throws and reports problems with line and column; a rule with an error is returned as null.
 *
 * Value semantics follow the Sigma specification: strings are case-insensitive whole-value matches, `*` and `?` are
 * wildcards (`\*`, `\?`, `\\` escape), a map is an AND of its fields, a list of maps an OR, a field's list of values
 * an OR (`|all`: AND), a list of plain strings is a keyword search.
 */
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';

/** Same limits as rule files: a Sigma rule is a few kilobytes. */
export const MAX_SIGMA_FILE_CHARS = 1024 * 1024;
export const MAX_SIGMA_ALIAS_COUNT = 100;

/** Every modifier the Sigma specification (v2.1) and pySigma define. */
export const SIGMA_MODIFIERS = [
  'contains', 'startswith', 'endswith', 'all', 're', 'i', 'm', 's', 'ignorecase', 'multiline', 'dotall', 'cidr', 'base64', 'base64offset',
  'wide', 'utf16le', 'utf16be', 'utf16', 'windash', 'exists', 'gt', 'gte', 'lt', 'lte', 'fieldref', 'cased', 'neq', 'expand',
  'minute', 'hour', 'day', 'week', 'month', 'year',
] as const;
export type SigmaModifier = (typeof SIGMA_MODIFIERS)[number];

/** One piece of a Sigma string: literal text or a wildcard. */
export type StringPart = string | { readonly wildcard: '*' | '?' };

export type SigmaValue =
  | { readonly kind: 'string'; readonly raw: string; readonly parts: readonly StringPart[] }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

export interface DetectionItem {
  /** Null for a keyword (unbound) search. */
  readonly field: string | null;
  readonly modifiers: readonly SigmaModifier[];
  readonly values: readonly SigmaValue[];
  readonly line: number;
  readonly column: number;
}

/** A search identifier's content: items AND-ed (a map) or alternatives OR-ed (a list of maps, a keyword list). */
export type SearchNode =
  | { readonly t: 'and'; readonly items: readonly SearchNode[]; readonly line: number }
  | { readonly t: 'or'; readonly items: readonly SearchNode[]; readonly line: number }
  | { readonly t: 'item'; readonly item: DetectionItem };

export type ConditionNode =
  | { readonly t: 'and' | 'or'; readonly left: ConditionNode; readonly right: ConditionNode }
  | { readonly t: 'not'; readonly operand: ConditionNode }
  | { readonly t: 'ref'; readonly name: string }
  /** `1 of sel*` (any), `all of them`: already resolved to the identifiers it names. */
  | { readonly t: 'of'; readonly quantifier: 'any' | 'all'; readonly pattern: string; readonly names: readonly string[] };

export interface SigmaRule {
  readonly title: string;
  readonly id?: string;
  readonly status?: string;
  readonly description?: string;
  readonly references: readonly string[];
  readonly author?: string;
  readonly date?: string;
  readonly modified?: string;
  readonly tags: readonly { readonly tag: string; readonly line: number }[];
  readonly falsepositives: readonly string[];
  readonly level?: string;
  readonly related: readonly { readonly id: string; readonly type: string }[];
  readonly logsource: { readonly product?: string; readonly category?: string; readonly service?: string; readonly line: number };
  readonly searches: ReadonlyMap<string, SearchNode>;
  readonly condition: ConditionNode;
  readonly conditionText: string;
  readonly conditionLine: number;
  /** Line of each top-level key (`title`, `tags`, …), for messages about metadata. */
  readonly keyLines: ReadonlyMap<string, number>;
}

export interface ParsedSigma {
  readonly rule: SigmaRule | null;
  readonly diagnostics: Diagnostic[];
}

const MODIFIER_SET = new Set<string>(SIGMA_MODIFIERS);

/** Parses a Sigma string into literal parts and wildcards (spec: `\*`, `\?` and `\\` escape, a lone `\` is literal). */
export function parseSigmaString(raw: string): StringPart[] {
  const parts: StringPart[] = [];
  let text = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '\\') {
      const next = raw[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        text += next;
        i++;
        continue;
      }
      text += c;
      continue;
    }
    if (c === '*' || c === '?') {
      if (text) parts.push(text);
      text = '';
      parts.push({ wildcard: c });
      continue;
    }
    text += c;
  }
  if (text) parts.push(text);
  return parts;
}

/** The literal text of a wildcard-free string (wildcards kept as their characters). */
export function plainText(parts: readonly StringPart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.wildcard)).join('');
}

class SigmaReader {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly source: string,
  ) {}

  pos(node: unknown): { line: number; column: number } {
    const offset = node !== null && typeof node === 'object' && 'range' in node ? ((node as { range?: readonly number[] | null }).range?.[0] ?? 0) : 0;
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  error(code: string, message: string, node: unknown, severity: 'error' | 'warning' = 'error'): void {
    const { line, column } = this.pos(node);
    this.diagnostics.push({ code, severity, message, line, column, source: this.source });
  }

  resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  text(node: unknown): string | undefined {
    const n = this.resolve(node);
    if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
    return typeof n.value === 'object' ? undefined : String(n.value);
  }

  strings(node: unknown): string[] {
    const n = this.resolve(node);
    if (isSeq(n)) return n.items.map((i) => this.text(i)).filter((s): s is string => s !== undefined);
    const one = this.text(n);
    return one === undefined ? [] : [one];
  }

  value(node: unknown): SigmaValue | undefined {
    const n = this.resolve(node);
    if (n === null || n === undefined) return { kind: 'null' };
    if (!isScalar(n)) {
      this.error('RB-SIGMA-013', 'A detection value must be a string, number, boolean or null, not a nested list or mapping.', n);
      return undefined;
    }
    const v = n.value;
    if (v === null || v === undefined) return { kind: 'null' };
    if (typeof v === 'number') return { kind: 'number', value: v };
    if (typeof v === 'bigint') return { kind: 'number', value: Number(v) };
    if (typeof v === 'boolean') return { kind: 'boolean', value: v };
    const raw = String(v);
    return { kind: 'string', raw, parts: parseSigmaString(raw) };
  }

  /** One `field|mod|mod: value(s)` pair of a detection map. */
  item(keyNode: unknown, valueNode: unknown): DetectionItem | undefined {
    const key = this.text(keyNode) ?? '';
    const [field = '', ...mods] = key.split('|');
    const { line, column } = this.pos(keyNode);
    const modifiers: SigmaModifier[] = [];
    let ok = true;
    for (const mod of mods) {
      if (!MODIFIER_SET.has(mod)) {
        this.error('RB-SIGMA-010', `Unknown modifier "${mod}" in "${key}" (line ${line}). Known modifiers: ${SIGMA_MODIFIERS.join(', ')}.`, keyNode);
        ok = false;
        continue;
      }
      if (modifiers.includes(mod as SigmaModifier)) this.error('RB-SIGMA-011', `The modifier "${mod}" appears twice in "${key}".`, keyNode, 'warning');
      modifiers.push(mod as SigmaModifier);
    }
    const v = this.resolve(valueNode);
    const values: SigmaValue[] = [];
    if (isSeq(v)) {
      for (const entry of v.items) {
        const value = this.value(entry);
        if (value) values.push(value);
        else ok = false;
      }
      if (v.items.length === 0) {
        this.error('RB-SIGMA-012', `"${key}" has an empty list of values; it can never match.`, keyNode);
        ok = false;
      }
    } else {
      const value = this.value(v);
      if (value) values.push(value);
      else ok = false;
    }
    if (modifiers.includes('all') && values.length < 2) this.error('RB-SIGMA-014', `"${key}": |all on a single value has no effect.`, keyNode, 'warning');
    if (modifiers.includes('re')) {
      const badOrder = modifiers.findIndex((m) => m === 're') > 0 && modifiers.slice(0, modifiers.indexOf('re')).some((m) => m !== 'cased');
      if (badOrder) this.error('RB-SIGMA-015', `"${key}": |re must be the first modifier (Sigma does not combine it with ${modifiers[0]}).`, keyNode);
    }
    if (!ok) return undefined;
    return { field: field === '' ? null : field, modifiers, values, line, column };
  }

  /** A search identifier's value. */
  search(node: unknown, name: string): SearchNode | undefined {
    const n = this.resolve(node);
    const { line } = this.pos(n);
    if (isMap(n)) {
      const items: SearchNode[] = [];
      let ok = true;
      for (const pair of n.items) {
        const item = this.item(pair.key, pair.value);
        if (item) items.push({ t: 'item', item });
        else ok = false;
      }
      if (items.length === 0 && ok) {
        this.error('RB-SIGMA-012', `The search identifier "${name}" is empty.`, n);
        return undefined;
      }
      return ok ? { t: 'and', items, line } : undefined;
    }
    if (isSeq(n)) {
      if (n.items.length === 0) {
        this.error('RB-SIGMA-012', `The search identifier "${name}" is an empty list.`, n);
        return undefined;
      }
      const allMaps = n.items.every((i) => isMap(this.resolve(i)));
      if (allMaps) {
        const alternatives = n.items.map((i) => this.search(i, name));
        return alternatives.every((a): a is SearchNode => a !== undefined) ? { t: 'or', items: alternatives, line } : undefined;
      }
      if (n.items.some((i) => isMap(this.resolve(i)) || isSeq(this.resolve(i)))) {
        this.error('RB-SIGMA-013', `The search identifier "${name}" mixes mappings and plain values; use a list of mappings or a list of keywords.`, n);
        return undefined;
      }
      // A list of plain values: a keyword search (OR).
      const item = this.item(null, n);
      return item ? { t: 'item', item: { ...item, line, column: this.pos(n).column } } : undefined;
    }
    if (isScalar(n) && n.value !== null) {
      // A single keyword.
      const value = this.value(n);
      if (!value) return undefined;
      const pos = this.pos(n);
      return { t: 'item', item: { field: null, modifiers: [], values: [value], line: pos.line, column: pos.column } };
    }
    this.error('RB-SIGMA-013', `The search identifier "${name}" must be a mapping of fields, a list of mappings or a list of keywords.`, n);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The condition grammar: or < and < not < `x of` < parentheses; keywords lowercase.

type Token = { kind: 'word' | '(' | ')'; text: string; offset: number };

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  const re = /\s+|\(|\)|[A-Za-z0-9_*\-.]+/y;
  let i = 0;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return `unexpected character "${text[i]}" at column ${i + 1} of the condition`;
    const t = m[0];
    if (t === '(' || t === ')') tokens.push({ kind: t, text: t, offset: i });
    else if (!/^\s+$/.test(t)) tokens.push({ kind: 'word', text: t, offset: i });
    i += t.length;
  }
  return tokens;
}

export function parseCondition(text: string, names: readonly string[]): { node: ConditionNode } | { error: string } {
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return { error: tokens };
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const fail = (message: string): never => {
    throw new ConditionError(message);
  };
  const expr = (): ConditionNode => {
    let left = term();
    while (peek()?.text === 'or') {
      pos++;
      left = { t: 'or', left, right: term() };
    }
    return left;
  };
  const term = (): ConditionNode => {
    let left = factor();
    while (peek()?.text === 'and') {
      pos++;
      left = { t: 'and', left, right: factor() };
    }
    return left;
  };
  const factor = (): ConditionNode => {
    const token = peek();
    if (!token) return fail('the condition ends too early: an identifier, "not", "1 of" or "(" was expected');
    if (token.text === 'not') {
      pos++;
      return { t: 'not', operand: factor() };
    }
    if (token.kind === '(') {
      pos++;
      const inner = expr();
      if (peek()?.kind !== ')') fail(`a closing ")" is missing for the "(" at column ${token.offset + 1}`);
      pos++;
      return inner;
    }
    if (token.kind === ')') return fail(`unexpected ")" at column ${token.offset + 1}`);
    if (/^(AND|OR|NOT|Of|OF|And|Or|Not)$/.test(token.text)) fail(`"${token.text}" at column ${token.offset + 1}: condition keywords are lowercase (${token.text.toLowerCase()})`);
    if (token.text === 'and' || token.text === 'or' || token.text === 'of') return fail(`unexpected "${token.text}" at column ${token.offset + 1}`);
    const next = tokens[pos + 1];
    if (next?.text === 'of') {
      const quant = token.text;
      if (quant !== '1' && quant !== 'any' && quant !== 'all') fail(`"${quant} of" at column ${token.offset + 1}: only "1 of", "any of" and "all of" exist`);
      const target = tokens[pos + 2];
      if (!target || target.kind !== 'word') return fail(`"${quant} of" at column ${token.offset + 1} needs a pattern (selection_*) or "them"`);
      pos += 3;
      const pattern = target.text;
      let matched: string[];
      if (pattern === 'them') matched = names.filter((n) => !n.startsWith('_'));
      else {
        const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
        matched = names.filter((n) => re.test(n));
      }
      if (matched.length === 0) fail(`"${quant} of ${pattern}" matches no search identifier (defined: ${names.join(', ') || 'none'})`);
      return { t: 'of', quantifier: quant === 'all' ? 'all' : 'any', pattern, names: matched };
    }
    pos++;
    if (!names.includes(token.text)) fail(`the condition names "${token.text}", but the detection has no such search identifier (defined: ${names.join(', ') || 'none'})`);
    return { t: 'ref', name: token.text };
  };
  try {
    const node = expr();
    const rest = peek();
    if (rest) return { error: `unexpected "${rest.text}" at column ${rest.offset + 1} of the condition` };
    return { node };
  } catch (error) {
    if (error instanceof ConditionError) return { error: error.message };
    throw error;
  }
}

class ConditionError extends Error {}

export function parseSigma(text: string, source: string): ParsedSigma {
  const fail = (code: string, message: string, line = 1, column = 1): ParsedSigma => ({
    rule: null,
    diagnostics: [{ code, severity: 'error', message, line, column, source }],
  });
  if (typeof text !== 'string') return fail('RB-SIGMA-002', 'Not a Sigma rule: the content is not text.');
  if (text.length > MAX_SIGMA_FILE_CHARS) return fail('RB-SIGMA-003', `The file is ${(text.length / 1024 / 1024).toFixed(1)} MB; Sigma rules are limited to 1 MB.`);
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    return fail('RB-SIGMA-001', `The YAML could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const pos = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
    const message = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
    diagnostics.push({ code: 'RB-SIGMA-001', severity: 'error', message: `YAML syntax error: ${message}`, line: pos.line, column: pos.col, source });
  }
  if (diagnostics.length > 0) return { rule: null, diagnostics };
  try {
    doc.toJS({ maxAliasCount: MAX_SIGMA_ALIAS_COUNT });
  } catch {
    return fail('RB-SIGMA-005', `The YAML expands aliases (*name) more than ${MAX_SIGMA_ALIAS_COUNT} times, as an "alias bomb" does; write the values out.`);
  }
  const root = doc.contents;
  if (!isMap(root)) return fail('RB-SIGMA-002', 'Not a Sigma rule: the document is not a mapping of keys (title:, logsource:, detection:, …).');
  const r = new SigmaReader(doc, lines, source);
  const top = new Map<string, { key: YamlNode; value: unknown }>();
  const keyLines = new Map<string, number>();
  for (const pair of root.items) {
    const key = r.text(pair.key);
    if (key === undefined) continue;
    top.set(key, { key: pair.key as YamlNode, value: pair.value });
    keyLines.set(key, r.pos(pair.key).line);
  }
  if (top.has('correlation')) return fail('RB-SIGMA-020', 'This is a Sigma correlation rule; only detection rules can be imported.', keyLines.get('correlation'));
  const str = (key: string): string | undefined => (top.has(key) ? r.text(top.get(key)?.value) : undefined);
  const title = str('title');
  if (!title) r.error('RB-SIGMA-004', 'The rule has no "title".', root);

  const logsourceNode = r.resolve(top.get('logsource')?.value);
  const logsource: { product?: string; category?: string; service?: string; line: number } = { line: keyLines.get('logsource') ?? 1 };
  if (isMap(logsourceNode)) {
    for (const pair of logsourceNode.items) {
      const k = r.text(pair.key);
      const v = r.text(pair.value);
      if (v !== undefined && (k === 'product' || k === 'category' || k === 'service')) logsource[k] = v;
    }
  } else r.error('RB-SIGMA-004', 'The rule has no "logsource" mapping (product, category, service).', top.get('logsource')?.key ?? root);

  const detection = r.resolve(top.get('detection')?.value);
  const searches = new Map<string, SearchNode>();
  let condition: ConditionNode | undefined;
  let conditionText = '';
  let conditionLine = keyLines.get('detection') ?? 1;
  if (!isMap(detection)) {
    r.error('RB-SIGMA-004', 'The rule has no "detection" mapping.', top.get('detection')?.key ?? root);
  } else {
    let conditionPair: { key: unknown; value: unknown } | undefined;
    let searchesOk = true;
    for (const pair of detection.items) {
      const name = r.text(pair.key) ?? '';
      if (name === 'condition') {
        conditionPair = pair;
        continue;
      }
      if (name === 'timeframe') {
        r.error('RB-SIGMA-021', '"timeframe" belongs to the deprecated aggregation syntax; it is ignored.', pair.key, 'warning');
        continue;
      }
      const node = r.search(pair.value, name);
      if (node) searches.set(name, node);
      else searchesOk = false;
    }
    if (!conditionPair) r.error('RB-SIGMA-004', 'The detection has no "condition".', detection);
    else {
      conditionLine = r.pos(conditionPair.key).line;
      const value = r.resolve(conditionPair.value);
      const texts = r.strings(value);
      if (texts.length === 0) r.error('RB-SIGMA-016', 'The condition is empty.', conditionPair.key);
      else {
        if (texts.length > 1) r.error('RB-SIGMA-017', 'The condition is a list; its conditions are OR-ed into one.', conditionPair.key, 'warning');
        conditionText = texts.length === 1 ? (texts[0] as string) : texts.map((t) => `(${t})`).join(' or ');
        if (conditionText.includes('|')) r.error('RB-SIGMA-018', 'The condition uses the deprecated aggregation syntax ("| count() …"); Sigma replaced it with correlation rules.', conditionPair.key);
        else {
          // Identifiers that failed to read still count as defined, so the condition error is not a second report.
          const parsed = parseCondition(conditionText, [...searches.keys(), ...(searchesOk ? [] : detection.items.map((p) => r.text(p.key) ?? '').filter((n) => n !== 'condition' && !searches.has(n)))]);
          if ('error' in parsed) r.error('RB-SIGMA-016', `Condition: ${parsed.error}.`, conditionPair.key);
          else condition = parsed.node;
        }
      }
    }
  }

  const tagsNode = r.resolve(top.get('tags')?.value);
  const tags = isSeq(tagsNode) ? tagsNode.items.map((i) => ({ tag: r.text(i) ?? '', line: r.pos(i).line })).filter((t) => t.tag !== '') : [];
  const relatedNode = r.resolve(top.get('related')?.value);
  const related = isSeq(relatedNode)
    ? relatedNode.items.flatMap((i) => {
        const m = r.resolve(i);
        if (!isMap(m)) return [];
        const id = r.text(m.get('id', true));
        const type = r.text(m.get('type', true));
        return id && type ? [{ id, type }] : [];
      })
    : [];
  const all = r.diagnostics;
  if (all.some((d) => d.severity === 'error') || !condition || !title) return { rule: null, diagnostics: all };
  const optional = (key: string): Record<string, string> => {
    const v = str(key);
    return v === undefined ? {} : { [key]: v };
  };
  const rule: SigmaRule = {
    title,
    ...optional('id'),
    ...optional('status'),
    ...optional('description'),
    ...optional('author'),
    ...optional('date'),
    ...optional('modified'),
    ...optional('level'),
    references: r.strings(top.get('references')?.value),
    falsepositives: r.strings(top.get('falsepositives')?.value),
    tags,
    related,
    logsource,
    searches,
    condition,
    conditionText,
    conditionLine,
    keyLines,
  };
  return { rule, diagnostics: all };
}
