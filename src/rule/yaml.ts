/**
 * Reads and writes `*.rule.yml` files (the format is documented in README.md, "Rule files").
 *
 * Reading never throws and reports every problem it can find in one pass, each with a line and column and the
 * field's path, so an editor can show them all and the caller keeps the user's text. Reading checks structure and
 * JSON types only; whether a value is allowed (an enum member, a UUID, a date) is validateRule's job, so the form
 * and the file give the same messages.
 */
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { newRule, type Rule } from './model.ts';

/** Files larger than this are refused before parsing: a rule is a few kilobytes, and YAML parsing is not streamed. */
export const MAX_RULE_FILE_CHARS = 5 * 1024 * 1024;
/** Any one string value larger than this is refused (a pasted log in `description`, say). */
export const MAX_STRING_CHARS = 1024 * 1024;
/** Alias expansions allowed before a document is treated as an alias bomb ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface ParsedRuleFile {
  /** The rule, when the file has no errors (warnings such as unknown keys are allowed). */
  readonly rule: Rule | null;
  /**
   * The best reading of the file even when it has errors: missing or mistyped fields take newRule's defaults.
   * Null when the file is not a YAML mapping at all. For checking everything at once, never for saving.
   */
  readonly draft: Rule | null;
  readonly diagnostics: Diagnostic[];
  /** Field path (`title`, `falsepositives.2`, `sentinel.query_period`) → where its value (or key) starts. */
  readonly positions: Map<string, Position>;
  /**
   * Where the query's text sits in the file when it is a block scalar (`query: |`): query line L, column C is file
   * line L + lineOffset, column C + columnOffset. Absent for a flow scalar (positions then use the `query` key).
   */
  readonly queryOffset?: { readonly lineOffset: number; readonly columnOffset: number };
}

// ---------------------------------------------------------------------------------------------------------------
// The shape of a rule file: one table drives reading (types, required keys, defaults) and writing (key order).

type Spec =
  | { readonly t: 'string' }
  | { readonly t: 'number' }
  | { readonly t: 'boolean' }
  | { readonly t: 'list'; readonly of: Spec }
  | { readonly t: 'object'; readonly fields: Readonly<Record<string, Field>> }
  /** An inline event: any keys, any JSON values. */
  | { readonly t: 'row' };

interface Field {
  readonly spec: Spec;
  /** Missing → an error. */
  readonly required?: boolean;
  /** Missing → this value; without `fallback` (and not required) a missing field stays absent. */
  readonly fallback?: () => unknown;
}

const STRING: Spec = { t: 'string' };
const NUMBER: Spec = { t: 'number' };
const BOOLEAN: Spec = { t: 'boolean' };
const STRINGS: Spec = { t: 'list', of: STRING };

// Defaults come from newRule so that the file and the IDE's "New rule" agree.
const DEFAULTS = newRule('', '');
const copy = <T>(value: T): () => T => () => structuredClone(value);
const emptyList = (): unknown[] => [];

const SENTINEL_FIELDS: Record<string, Field> = {
  kind: { spec: STRING, fallback: copy(DEFAULTS.sentinel.kind) },
  severity: { spec: STRING },
  query_frequency: { spec: STRING, fallback: copy(DEFAULTS.sentinel.query_frequency) },
  query_period: { spec: STRING, fallback: copy(DEFAULTS.sentinel.query_period) },
  trigger_operator: { spec: STRING, fallback: copy(DEFAULTS.sentinel.trigger_operator) },
  trigger_threshold: { spec: NUMBER, fallback: copy(DEFAULTS.sentinel.trigger_threshold) },
  entity_mappings: {
    spec: {
      t: 'list',
      of: {
        t: 'object',
        fields: {
          entityType: { spec: STRING, required: true },
          fieldMappings: {
            spec: { t: 'list', of: { t: 'object', fields: { identifier: { spec: STRING, required: true }, columnName: { spec: STRING, required: true } } } },
            required: true,
          },
        },
      },
    },
    fallback: emptyList,
  },
};

const TEST_FIELDS: Record<string, Field> = {
  name: { spec: STRING, required: true },
  events: { spec: { t: 'list', of: { t: 'row' } } },
  events_file: { spec: STRING },
  table: { spec: STRING },
  now: { spec: STRING },
  expect: {
    spec: { t: 'object', fields: { match: { spec: BOOLEAN, required: true }, subdetection: { spec: STRING }, rows: { spec: NUMBER } } },
    required: true,
  },
};

/**
 * Required: title, id, date, level and query. A rule without a name, identity, creation date or severity is not a
 * rule anyone can deploy or track, and `date` has no clock-free default. Everything else defaults as in newRule.
 */
export const RULE_FIELDS: Readonly<Record<string, Field>> = {
  title: { spec: STRING, required: true },
  id: { spec: STRING, required: true },
  status: { spec: STRING, fallback: copy(DEFAULTS.status) },
  description: { spec: STRING, fallback: copy(DEFAULTS.description) },
  author: { spec: STRING, fallback: copy(DEFAULTS.author) },
  date: { spec: STRING, required: true },
  modified: { spec: STRING },
  references: { spec: STRINGS, fallback: emptyList },
  level: { spec: STRING, required: true },
  confidence: { spec: STRING, fallback: copy(DEFAULTS.confidence) },
  attack: {
    spec: { t: 'object', fields: { tactics: { spec: STRINGS, fallback: emptyList }, techniques: { spec: STRINGS, fallback: emptyList } } },
    fallback: copy(DEFAULTS.attack),
  },
  data_sources: { spec: STRINGS, fallback: emptyList },
  tables: { spec: STRINGS, fallback: emptyList },
  falsepositives: { spec: STRINGS, fallback: emptyList },
  tuning: { spec: STRING, fallback: copy(DEFAULTS.tuning) },
  test_methodology: {
    spec: {
      t: 'list',
      of: { t: 'object', fields: { name: { spec: STRING, required: true }, expected_signal: { spec: STRING, fallback: () => '' }, tests: { spec: STRINGS, fallback: emptyList } } },
    },
    fallback: emptyList,
  },
  related: {
    spec: { t: 'list', of: { t: 'object', fields: { id: { spec: STRING, required: true }, type: { spec: STRING, required: true }, title: { spec: STRING } } } },
    fallback: emptyList,
  },
  query: { spec: STRING, required: true },
  sentinel: { spec: { t: 'object', fields: SENTINEL_FIELDS }, fallback: copy(DEFAULTS.sentinel) },
  tests: { spec: { t: 'list', of: { t: 'object', fields: TEST_FIELDS } }, fallback: emptyList },
};

const KIND_NAMES: Record<Spec['t'], string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  list: 'a list',
  object: 'a mapping (key: value lines)',
  row: 'a mapping of event fields',
};

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** The value of a field that could not be read; the caller falls back to the default. */
const INVALID = Symbol('invalid');
type Read = unknown;

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  readonly positions = new Map<string, Position>();
  private visited = 0;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly source: string,
  ) {}

  at(offset: number | undefined): Position {
    const { line, col } = this.lines.linePos(offset ?? 0);
    return { line, column: col };
  }

  report(severity: 'error' | 'warning', code: string, message: string, where: Position): void {
    this.diagnostics.push({ code, severity, message, line: where.line, column: where.column, source: this.source });
  }

  read(node: unknown, spec: Spec, path: string, where: Position): Read | typeof INVALID {
    // A second guard behind maxAliasCount: never walk more nodes than a sane rule file could have.
    if (++this.visited > 2_000_000) return INVALID;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      return target === undefined ? INVALID : this.read(target, spec, path, where);
    }
    const label = path === '' ? 'the file' : `"${path}"`;
    const wrong = (got: string): typeof INVALID => {
      const hint = spec.t === 'string' && (got === 'a number' || got === 'true or false') ? ' (put the value in quotes)' : '';
      this.report('error', 'RB-RULE-012', `${label} must be ${KIND_NAMES[spec.t]}, not ${got}${hint}.`, where);
      return INVALID;
    };
    switch (spec.t) {
      case 'string':
      case 'number':
      case 'boolean': {
        if (!isScalar(node)) return wrong(describeNode(node));
        const value = node.value;
        if (typeof value === 'string' && value.length > MAX_STRING_CHARS) {
          this.report('error', 'RB-RULE-004', `${label} is ${value.length.toLocaleString('en-US')} characters; values are limited to ${MAX_STRING_CHARS.toLocaleString('en-US')} (1 MB). Shorten it or link to the text instead.`, where);
          return INVALID;
        }
        if (typeof value !== (spec.t === 'string' ? 'string' : spec.t)) return wrong(describeValue(value));
        return value;
      }
      case 'list': {
        if (!isSeq(node)) return wrong(describeNode(node));
        const out: unknown[] = [];
        node.items.forEach((item, i) => {
          const itemPath = `${path}.${i}`;
          const itemAt = this.at(nodeStart(item));
          this.positions.set(itemPath, itemAt);
          const value = this.read(item, spec.of, itemPath, itemAt);
          // A bad item is left out of the draft; the error already names it.
          if (value !== INVALID) out.push(value);
        });
        return out;
      }
      case 'row': {
        if (!isMap(node)) return wrong(describeNode(node));
        return this.plain(node, path);
      }
      case 'object':
        if (!isMap(node)) return wrong(describeNode(node));
        return this.object(node, spec.fields, path, where);
    }
  }

  /** An inline event as plain data; keys such as `__proto__` are ordinary keys of a prototype-less object. */
  private plain(node: unknown, path: string): unknown {
    if (++this.visited > 2_000_000) return null;
    if (isAlias(node)) return this.plain(node.resolve(this.doc), path);
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === 'string' && value.length > MAX_STRING_CHARS) {
        this.report('error', 'RB-RULE-004', `"${path}" is ${value.length.toLocaleString('en-US')} characters; values are limited to ${MAX_STRING_CHARS.toLocaleString('en-US')} (1 MB).`, this.at(nodeStart(node)));
        return null;
      }
      return typeof value === 'bigint' ? Number(value) : (value ?? null);
    }
    if (isSeq(node)) return node.items.map((item, i) => this.plain(item, `${path}.${i}`));
    if (isMap(node)) {
      const out = Object.create(null) as Record<string, unknown>;
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) {
          this.report('error', 'RB-RULE-012', `"${path}" has a key that is not text; event field names must be plain text.`, this.at(nodeStart(pair.key)));
          continue;
        }
        this.positions.set(`${path}.${key}`, this.at(nodeStart(pair.value) ?? nodeStart(pair.key)));
        out[key] = this.plain(pair.value, `${path}.${key}`);
      }
      return out;
    }
    return null;
  }

  object(node: YamlNode & { items: unknown[] }, fields: Readonly<Record<string, Field>>, path: string, where: Position): Record<string, unknown> {
    const found = new Map<string, { value: unknown; at: Position }>();
    for (const pair of node.items as { key: unknown; value: unknown }[]) {
      const keyAt = this.at(nodeStart(pair.key));
      const key = isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
      const keyLabel = isScalar(pair.key) ? String(pair.key.value) : describeNode(pair.key);
      const fieldPath = path === '' ? (key ?? keyLabel) : `${path}.${key ?? keyLabel}`;
      if (key === undefined || !Object.prototype.hasOwnProperty.call(fields, key)) {
        const known = Object.keys(fields);
        const closest = closestKey(keyLabel, known);
        this.report(
          'warning',
          'RB-RULE-010',
          closest
            ? `Unknown key "${fieldPath}"; it is ignored. Did you mean "${closest}"?`
            : `Unknown key "${fieldPath}"; it is ignored. Known keys${path === '' ? '' : ` of "${path}"`}: ${known.join(', ')}.`,
          keyAt,
        );
        continue;
      }
      // An explicit null (`modified:` with nothing after it) counts as absent.
      if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
      const valueAt = this.at(nodeStart(pair.value) ?? nodeStart(pair.key));
      this.positions.set(fieldPath, valueAt);
      found.set(key, { value: pair.value, at: valueAt });
    }
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(fields)) {
      const fieldPath = path === '' ? key : `${path}.${key}`;
      const entry = found.get(key);
      let value: unknown = INVALID;
      if (entry) value = this.read(entry.value, field.spec, fieldPath, entry.at);
      else if (field.required) {
        this.report('error', 'RB-RULE-011', `${path === '' ? 'The rule' : `"${path}"`} has no "${key}"; it is required. Add a "${key}:" line.`, where);
      }
      if (value === INVALID) {
        if (field.fallback) value = field.fallback();
        else if (field.required) value = placeholder(field.spec);
        else continue;
      }
      out[key] = value;
    }
    return out;
  }
}

function placeholder(spec: Spec): unknown {
  switch (spec.t) {
    case 'string':
      return '';
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'list':
      return [];
    case 'row':
      return Object.create(null);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(spec.fields)) {
        if (field.fallback) out[key] = field.fallback();
        else if (field.required) out[key] = placeholder(field.spec);
      }
      return out;
    }
  }
}

function nodeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: readonly number[] | null }).range;
    return range?.[0];
  }
  return undefined;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  if (typeof value === 'string') return 'text';
  return 'another kind of value';
}

function describeNode(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  if (isScalar(node)) return describeValue(node.value);
  return 'empty';
}

/** The known key nearest to `key` by edit distance, when it is close enough to be a plausible typo. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = key.toLowerCase();
  for (const candidate of known) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (a.length > 200 || b.length > 200) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

export function parseRuleFile(text: string, source: string): ParsedRuleFile {
  const fail = (code: string, message: string, line = 1, column = 1): ParsedRuleFile => ({
    rule: null,
    draft: null,
    diagnostics: [{ code, severity: 'error', message, line, column, source }],
    positions: new Map(),
  });
  if (typeof text !== 'string') return fail('RB-RULE-002', 'Not a rule file: the content is not text.');
  if (text.length > MAX_RULE_FILE_CHARS) {
    return fail('RB-RULE-003', `The file is ${(text.length / 1024 / 1024).toFixed(1)} MB; rule files are limited to 5 MB. Move large event samples into an events_file.`);
  }
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, keepSourceTokens: false });
  } catch (error) {
    // yaml reports problems in doc.errors; a throw here is a bug in the library, still not the caller's problem.
    return fail('RB-RULE-001', `The YAML could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const pos = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    const message = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
    diagnostics.push({
      code: duplicate ? 'RB-RULE-006' : 'RB-RULE-001',
      severity: 'error',
      message: duplicate
        ? `The key "${(/^[^:\n]{0,100}/.exec(text.slice(error.pos[0])) ?? [''])[0].trim()}" appears twice in the same mapping; keep one.`
        : `YAML syntax error: ${message}`,
      line: pos.line,
      column: pos.col,
      source,
    });
  }
  if (diagnostics.length > 0) return { rule: null, draft: null, diagnostics, positions: new Map() };

  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return fail('RB-RULE-005', `The YAML expands aliases (*name) more than ${MAX_ALIAS_COUNT} times, as an "alias bomb" does; rule files should not need aliases. Write the values out.`);
  }

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return fail('RB-RULE-002', 'Not a rule file: the file is empty. A rule file is a YAML mapping starting with "title:".');
  if (!isMap(root)) {
    const start = lines.linePos(nodeStart(root) ?? 0);
    return fail('RB-RULE-002', `Not a rule file: the document is ${describeNode(root)}, not a mapping of keys (title:, id:, query:, …).`, start.line, start.col);
  }
  const reader = new Reader(doc, lines, source);
  const draft = reader.object(root, RULE_FIELDS, '', { line: 1, column: 1 }) as unknown as Rule;
  // The tables come from the query (requiredTables); what the file says may be stale.
  draft.tables = [];
  const all = [...diagnostics, ...reader.diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const queryOffset = blockOffset(root, text, lines);
  return {
    rule: all.some((d) => d.severity === 'error') ? null : draft,
    draft,
    diagnostics: all,
    positions: reader.positions,
    ...(queryOffset ? { queryOffset } : {}),
  };
}

/** For `query: |`, where the block's first line is and how deep it is indented. */
function blockOffset(root: YamlNode & { items: unknown[] }, text: string, lines: LineCounter): { lineOffset: number; columnOffset: number } | undefined {
  const pair = (root.items as { key: unknown; value: unknown }[]).find((p) => isScalar(p.key) && p.key.value === 'query');
  const value = pair?.value;
  if (!isScalar(value) || typeof value.value !== 'string' || (value.type !== 'BLOCK_LITERAL')) return undefined;
  const header = lines.linePos(nodeStart(value) ?? 0).line;
  const fileLines = text.split(/\r?\n/);
  const queryLines = value.value.split('\n');
  for (let i = 0; i < queryLines.length; i++) {
    const queryLine = queryLines[i] as string;
    const fileLine = fileLines[header + i];
    if (queryLine === '' || fileLine === undefined) continue;
    return { lineOffset: header, columnOffset: fileLine.length - queryLine.length };
  }
  return { lineOffset: header, columnOffset: 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** The rule as plain data in the model's key order, leaving out absent optional fields. */
function ordered(value: unknown, spec: Spec): unknown {
  if (value === undefined || value === null) return value;
  switch (spec.t) {
    case 'list':
      return Array.isArray(value) ? value.map((item) => ordered(item, spec.of)) : value;
    case 'object': {
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(spec.fields)) {
        if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
        const v = source[key];
        if (v === undefined) continue;
        out[key] = ordered(v, field.spec);
      }
      return out;
    }
    case 'row': {
      // A Map keeps `__proto__` and other unusual keys as data when yaml builds the node.
      const map = new Map<string, unknown>();
      for (const key of Object.keys(value as object)) map.set(key, (value as Record<string, unknown>)[key]);
      return map;
    }
    default:
      return value;
  }
}

export function serializeRule(rule: Rule): string {
  const doc = new Document(ordered(rule, { t: 'object', fields: RULE_FIELDS }), { aliasDuplicateObjects: false });
  // A line of only blanks cannot be kept in a | block (YAML reads it as an empty line), so such text is quoted.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes('\n') && /(?:^|\n)[ \t]+(?:\n|$)/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // doubleQuotedAsJSON: yaml 2.9's folded double-quoted lines can turn `\\` before a folded blank into `\ ` (found
  // by the round-trip property test); one-line JSON-style escapes cannot.
  return doc.toString({ indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, blockQuote: 'literal', defaultKeyType: 'PLAIN', doubleQuotedAsJSON: true });
}
