/**
 * Checks a Sigma document against the rules of the official Sigma JSON schema (spec v2.1.0) and the SigmaHQ
 * house-style validators that apply to a single exported rule. Our own implementation of those rules, so the
 * browser can check an export without ajv or the schema files.
 */
import { FILENAME_PREFIX } from './mapping.ts';
import { UUID_PATTERN } from './uuid.ts';

export interface Issue {
  /** Key path (`detection.condition`, `tags.2`). */
  readonly path: string;
  readonly severity: 'error' | 'warning';
  /** The schema keyword or SigmaHQ validator id the issue comes from. */
  readonly code: string;
  readonly message: string;
}

const STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'];
const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'];
const RELATED = ['derived', 'obsolete', 'merged', 'renamed', 'similar'];
const CORRELATIONS = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile'];
const DATE = /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$/;
const TAG = /^[a-z0-9_-]+\.[a-z0-9._-]+$/;
const NAMESPACES = ['attack', 'car', 'cve', 'd3fend', 'detection', 'stp', 'tlp'];
const TITLE_MAX_SIGMAHQ = 120;
const DESCRIPTION_MIN = 16;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateSigmaDocument(doc: unknown): Issue[] {
  const issues: Issue[] = [];
  const err = (path: string, code: string, message: string) => issues.push({ path, severity: 'error', code, message });
  const warn = (path: string, code: string, message: string) => issues.push({ path, severity: 'warning', code, message });
  if (!isObj(doc)) {
    err('', 'type', 'a Sigma rule is a YAML mapping');
    return issues;
  }
  const correlation = doc.correlation !== undefined;
  // Schema: required keys and types.
  if (typeof doc.title !== 'string' || doc.title === '') err('title', 'required', 'title is required');
  else {
    if (doc.title.length > 256) err('title', 'maxLength', 'title is longer than 256 characters');
    if (doc.title.length > TITLE_MAX_SIGMAHQ) warn('title', 'sigmahq_title_length', `title is longer than ${TITLE_MAX_SIGMAHQ} characters`);
    if (/^Detects? /.test(doc.title)) warn('title', 'sigmahq_title_start', "title starts with 'Detect'");
    if (doc.title.endsWith('.')) warn('title', 'sigmahq_title_end', 'title ends with a dot');
  }
  if (doc.id === undefined) warn('id', 'identifier_existence', 'the rule has no id');
  else if (typeof doc.id !== 'string' || !UUID_PATTERN.test(doc.id)) err('id', 'format', 'id must be a UUID');
  if (doc.status === undefined) warn('status', 'sigmahq_status_existence', 'status is missing');
  else if (!STATUSES.includes(String(doc.status))) err('status', 'enum', `status must be one of ${STATUSES.join(', ')}`);
  if (doc.level === undefined) warn('level', 'sigmahq_level_existence', 'level is missing');
  else if (!LEVELS.includes(String(doc.level))) err('level', 'enum', `level must be one of ${LEVELS.join(', ')}`);
  if (doc.description === undefined) warn('description', 'sigmahq_description_existence', 'description is missing');
  else if (typeof doc.description !== 'string') err('description', 'type', 'description must be a string');
  else {
    if (doc.description.length > 65535) err('description', 'maxLength', 'description is longer than 65535 characters');
    if (doc.description.length < DESCRIPTION_MIN) warn('description', 'sigmahq_description_length', 'description is too brief');
    const refs = Array.isArray(doc.references) ? doc.references : [];
    if (refs.length === 0 && /https?:\/\/|internal research/i.test(doc.description)) warn('description', 'sigmahq_link_in_description', 'links belong in references');
  }
  if (doc.author === undefined) warn('author', 'sigmahq_author_existence', 'author is missing');
  else if (typeof doc.author !== 'string') err('author', 'type', 'author must be a string');
  if (doc.date === undefined) warn('date', 'sigmahq_date_existence', 'date is missing');
  for (const key of ['date', 'modified'] as const) {
    if (doc[key] !== undefined && (typeof doc[key] !== 'string' || !DATE.test(doc[key]))) err(key, 'pattern', `${key} must be YYYY-MM-DD (a string)`);
  }
  if (typeof doc.modified === 'string' && typeof doc.date === 'string') {
    if (doc.modified < doc.date) warn('modified', 'sigmahq_modified_date_order', 'modified is older than date');
    if (doc.modified === doc.date) warn('modified', 'sigmahq_redundant_modified', 'modified equals date');
  }
  if (doc.modified !== undefined && doc.date === undefined) warn('modified', 'sigmahq_modified_without_date', 'modified without date');
  uniqueStrings(doc, 'references', err, warn, 'duplicate_references');
  if (Array.isArray(doc.references)) doc.references.forEach((r, i) => {
    if (typeof r === 'string' && r.startsWith('https://attack.mitre.org/')) warn(`references.${i}`, 'sigmahq_mitre_link', 'use an attack.* tag instead of a MITRE link');
  });
  uniqueStrings(doc, 'tags', err, warn, 'duplicate_tag');
  if (Array.isArray(doc.tags)) doc.tags.forEach((t, i) => {
    if (typeof t !== 'string' || !TAG.test(t)) err(`tags.${i}`, 'pattern', `tag ${JSON.stringify(t)} must match namespace.name in lower case`);
    else if (!NAMESPACES.includes(t.split('.')[0] as string)) warn(`tags.${i}`, 'namespace_tag', `unknown tag namespace in ${t}`);
  });
  uniqueStrings(doc, 'falsepositives', err, warn, 'sigmahq_field_duplicate_value');
  if (Array.isArray(doc.falsepositives)) doc.falsepositives.forEach((f, i) => {
    if (typeof f !== 'string') return;
    if (f.length < 2) err(`falsepositives.${i}`, 'minLength', 'a false positive needs at least 2 characters');
    if (!/^[A-Z0-9]/.test(f)) warn(`falsepositives.${i}`, 'sigmahq_falsepositives_capital', 'start with a capital letter');
    if (/\b(none|pentest|penetration)\b/i.test(f)) warn(`falsepositives.${i}`, 'sigmahq_falsepositives_banned_word', 'banned word');
  });
  if (doc.related !== undefined) {
    if (!Array.isArray(doc.related)) err('related', 'type', 'related must be a list');
    else doc.related.forEach((r, i) => {
      if (!isObj(r) || typeof r.id !== 'string' || !UUID_PATTERN.test(r.id)) err(`related.${i}.id`, 'format', 'related id must be a UUID');
      if (!isObj(r) || !RELATED.includes(String(r.type))) err(`related.${i}.type`, 'enum', `related type must be one of ${RELATED.join(', ')}`);
    });
  }
  if (correlation) checkCorrelation(doc.correlation, err);
  else {
    if (!isObj(doc.logsource)) err('logsource', 'required', 'logsource is required');
    else if (Object.keys(doc.logsource).length === 0) err('logsource', 'SigmaLogsourceError', 'logsource is empty');
    checkDetection(doc.detection, err, warn);
  }
  return issues;
}

type Report = (path: string, code: string, message: string) => void;

function uniqueStrings(doc: Obj, key: string, err: Report, warn: Report, code: string): void {
  const v = doc[key];
  if (v === undefined) return;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    err(key, 'type', `${key} must be a list of strings`);
    return;
  }
  if (new Set(v).size !== v.length) err(key, 'uniqueItems', `${key} has duplicates`);
  else if (new Set(v.map((x: string) => x.toLowerCase())).size !== v.length) warn(key, code, `${key} has duplicates`);
}

function checkDetection(detection: unknown, err: Report, warn: Report): void {
  if (!isObj(detection)) {
    err('detection', 'required', 'detection is required');
    return;
  }
  const condition = detection.condition;
  if (typeof condition !== 'string') {
    err('detection.condition', 'required', 'detection.condition is required (a string)');
    return;
  }
  const names = Object.keys(detection).filter((k) => k !== 'condition');
  for (const name of names) {
    const value = detection[name];
    const path = `detection.${name}`;
    const maps: Obj[] = [];
    if (isObj(value)) maps.push(value);
    else if (Array.isArray(value)) {
      for (const item of value) {
        if (isObj(item)) maps.push(item);
        else if (typeof item !== 'string' && !(typeof item === 'number' && Number.isInteger(item))) err(path, 'type', 'a list may hold only strings, integers and maps');
      }
    } else err(path, 'type', 'a search identifier is a map or a list');
    for (const map of maps) for (const [key, v] of Object.entries(map)) {
      const modifiers = key.split('|').slice(1);
      const values = Array.isArray(v) ? v : [v];
      if (Array.isArray(v) && v.some((x) => x === null || typeof x === 'boolean' || (typeof x === 'number' && !Number.isInteger(x)))) err(`${path}.${key}`, 'type', 'null, booleans and floats are not allowed inside a value list');
      if (modifiers.includes('all') && values.length < 2) warn(`${path}.${key}`, 'sigmahq_invalid_all_modifier', '|all needs two or more values');
      if (modifiers.includes('all') && !modifiers.includes('contains') && !modifiers.includes('startswith') && !modifiers.includes('endswith')) warn(`${path}.${key}`, 'invalid_modifier_combinations', 'a field-bound |all needs |contains');
      if (new Set(modifiers).size !== modifiers.length) warn(`${path}.${key}`, 'invalid_modifier_combinations', 'a modifier is repeated');
      const strings = values.filter((x): x is string => typeof x === 'string');
      if (!modifiers.includes('re') && !modifiers.includes('cased') && new Set(strings.map((s) => s.toLowerCase())).size !== strings.length) warn(`${path}.${key}`, 'sigmahq_field_duplicate_value', 'duplicate values');
      if (modifiers.includes('re') && strings.some((s) => /\(\?(=|!|<=|<!|>)/.test(s))) warn(`${path}.${key}`, 'sigmahq_unsupported_regex_group_construct', 'lookaround and atomic groups are not supported');
      if (strings.some((s) => /[\u0000-\u0008\u000b-\u001f]/.test(s))) warn(`${path}.${key}`, 'control_character', 'a value holds a control character');
    }
  }
  // Condition grammar: identifiers, x of pattern, lowercase and/or/not, parentheses.
  const tokens = condition.match(/\(|\)|[^\s()]+/g) ?? [];
  const referenced = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t === '(' || t === ')' || t === 'and' || t === 'or' || t === 'not') continue;
    if (/^(AND|OR|NOT)$/i.test(t)) {
      err('detection.condition', 'SigmaConditionError', `keywords are lower case: ${t}`);
      continue;
    }
    if ((t === '1' || t === 'any' || t === 'all') && tokens[i + 1] === 'of') {
      const pattern = tokens[i + 2] ?? '';
      i += 2;
      if (pattern === 'them') {
        if (t === 'all') warn('detection.condition', 'all_of_them_condition', "'all of them' is discouraged");
        names.forEach((n) => referenced.add(n));
        continue;
      }
      if (!pattern.includes('*')) warn('detection.condition', 'sigmahq_missing_asterisk_condition', `'${t} of ${pattern}' without an asterisk`);
      const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      const matched = names.filter((n) => re.test(n));
      if (matched.length === 0) err('detection.condition', 'dangling_condition', `'${pattern}' matches no search identifier`);
      if (matched.length === 1) warn('detection.condition', 'sigmahq_ofselection_condition', `'${t} of ${pattern}' matches only one selection`);
      matched.forEach((n) => referenced.add(n));
      continue;
    }
    if (/^\d+$/.test(t) && tokens[i + 1] === 'of') {
      err('detection.condition', 'SigmaConditionError', `'${t} of' is not valid; use 1 of or all of`);
      i += 2;
      continue;
    }
    if (!names.includes(t)) err('detection.condition', 'dangling_condition', `the condition names ${t}, which is not defined`);
    referenced.add(t);
  }
  let depth = 0;
  for (const t of tokens) {
    depth += t === '(' ? 1 : t === ')' ? -1 : 0;
    if (depth < 0) break;
  }
  if (depth !== 0) err('detection.condition', 'SigmaConditionError', 'unbalanced parentheses');
  for (const n of names) if (!referenced.has(n)) err(`detection.${n}`, 'dangling_detection', `${n} is not used by the condition`);
}

function checkCorrelation(correlation: unknown, err: Report): void {
  if (!isObj(correlation)) {
    err('correlation', 'type', 'correlation must be a mapping');
    return;
  }
  if (!CORRELATIONS.includes(String(correlation.type))) err('correlation.type', 'enum', `type must be one of ${CORRELATIONS.join(', ')}`);
  if (!Array.isArray(correlation.rules) || correlation.rules.length === 0) err('correlation.rules', 'required', 'rules must list the correlated rules');
  if (typeof correlation.timespan !== 'string' || !/^\d+[smhd]$/.test(correlation.timespan)) err('correlation.timespan', 'pattern', 'timespan is a number and s, m, h or d');
  const type = String(correlation.type);
  if (type !== 'temporal' && type !== 'temporal_ordered') {
    const condition = correlation.condition;
    if (!isObj(condition)) err('correlation.condition', 'required', 'condition is required');
    else {
      const ops = Object.keys(condition).filter((k) => k !== 'field');
      if (ops.length < 1 || ops.length > 2 || ops.some((k) => !['gt', 'gte', 'lt', 'lte', 'eq', 'neq'].includes(k) || !Number.isInteger(condition[k]))) err('correlation.condition', 'SigmaCorrelationConditionError', 'condition takes one or two of gt, gte, lt, lte, eq, neq with integers');
      if (type.startsWith('value_') && typeof condition.field !== 'string') err('correlation.condition.field', 'required', `${type} needs condition.field`);
    }
  }
  if (!Array.isArray(correlation['group-by']) || correlation['group-by'].length === 0) err('correlation.group-by', 'sigmahq_correlation_group_by_existence', 'group-by is required');
}

/** SigmaHQ's file name for the document: category prefix + title slug, `[a-z0-9_]{10,90}.yml`. */
export function sigmaFileName(doc: { title?: unknown; logsource?: unknown; correlation?: unknown }): string {
  const category = isObj(doc.logsource) ? String(doc.logsource.category ?? '') : '';
  const prefix = doc.correlation !== undefined ? 'correlation_' : (FILENAME_PREFIX[category] ?? (category ? `${category}_` : 'rule_'));
  const slug = String(doc.title ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  let name = `${prefix}${slug}`.slice(0, 90).replace(/_+$/, '');
  while (name.length < 10) name += '_rule';
  return `${name}.yml`;
}
