// `npm run sigma:import-check -- <shared folder> [--json report.json] [--verbose]`: imports each sampled SigmaHQ
// rule, and for the rules the established converter (pySigma-backend-kusto, microsoft_xdr) also converted, generates
// events that exercise every detection item (a matching event, each value mutated, each field emptied, selections
// combined) and runs both KQL queries through our engine, comparing which events each selects (by ReportId).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileQuery, type TableData } from '../src/kql/engine/index.ts';
import { builtInTables } from '../src/schema/catalog.ts';
import { CATEGORY_ACTION_TYPES } from '../src/sigma/import-mapping.ts';
import { importSigma, planItems, type Alternative, type ItemPlan } from '../src/sigma/import.ts';
import type { SearchNode, SigmaRule } from '../src/sigma/parse.ts';
import type { KqlValue } from '../src/kql/values/value.ts';

const shared = process.argv[2];
if (!shared || shared.startsWith('--')) {
  console.error('usage: npm run sigma:import-check -- <shared folder> [--json report.json] [--verbose]');
  process.exit(2);
}
const jsonIndex = process.argv.indexOf('--json');
const jsonPath = jsonIndex > 0 ? (process.argv[jsonIndex + 1] ?? 'sigma-import-check.json') : undefined;
const verbose = process.argv.includes('--verbose');
const dir = join(shared, 'sigma', 'rules');
const schema = builtInTables();
const NOW = 17_955_116_430_000_000n; // 2026-11-24T09:14:03Z

interface IndexEntry { file: string; id: string; category: string }
interface BackendEntry { file: string; queries?: string[]; error?: string }
const readJsonl = <T>(path: string): T[] => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
const index = readJsonl<IndexEntry>(join(dir, 'index.jsonl'));
const backend = new Map(readJsonl<BackendEntry>(join(dir, 'kql-microsoft_xdr.jsonl')).map((b) => [b.file, b]));

type Event = Map<string, KqlValue>;
interface Labeled { label: string; event: Event }

// ------------------------------------------------------------------ values that satisfy an alternative

/** A string matching a (simple) regular expression: literals, escapes, classes, groups, alternation, quantifiers. */
function sampleRegex(pattern: string): string | undefined {
  let i = 0;
  const p = pattern.replace(/^\(\?[imsU]+\)/, '');
  const alt = (): string => {
    const first = seq();
    while (p[i] === '|') {
      i++;
      seq();
    }
    return first;
  };
  const seq = (): string => {
    let out = '';
    while (i < p.length && p[i] !== '|' && p[i] !== ')') {
      let atom: string;
      const c = p[i] as string;
      if (c === '(') {
        i++;
        if (p[i] === '?') {
          if (p[i + 1] === ':') i += 2;
          else if (p[i + 1] === 'P' || p[i + 1] === '<') i = p.indexOf('>', i) + 1;
          else throw new Error('group');
        }
        atom = alt();
        i++;
      } else if (c === '[') {
        const end = p.indexOf(']', i + 2);
        const body = p.slice(i + 1, end);
        i = end + 1;
        if (body.startsWith('^')) atom = /[Qq]/.test(body) ? '#' : 'Q';
        else atom = body.startsWith('\\') ? ({ d: '1', w: 'a', s: ' ' } as Record<string, string>)[body[1] as string] ?? (body[1] as string) : (body[0] as string);
      } else if (c === '\\') {
        const n = p[i + 1] as string;
        i += 2;
        atom = ({ d: '1', w: 'a', s: ' ', b: '', D: 'x', W: ' ', S: 'x', n: '\n', t: '\t' } as Record<string, string>)[n] ?? n;
      } else if (c === '.') {
        atom = 'a';
        i++;
      } else if (c === '^' || c === '$') {
        atom = '';
        i++;
      } else {
        atom = c;
        i++;
      }
      const q = p[i];
      if (q === '*' || q === '?') {
        i++;
        atom = '';
      } else if (q === '+') i++;
      else if (q === '{') {
        const end = p.indexOf('}', i);
        const n = Number(p.slice(i + 1, end).split(',')[0]);
        i = end + 1;
        atom = atom.repeat(n);
      }
      if (p[i] === '?' || p[i] === '+') i++; // lazy / possessive
      out += atom;
    }
    return out;
  };
  try {
    const s = alt();
    return i >= p.length ? s : undefined;
  } catch {
    return undefined;
  }
}

function cidrSample(range: string): string {
  const [addr = ''] = range.split('/');
  if (addr.includes(':')) return addr.endsWith('::') ? `${addr}1` : addr;
  const octets = addr.split('.').map(Number);
  octets[3] = (octets[3] ?? 0) | 1;
  return octets.join('.');
}

function fill(parts: readonly (string | { wildcard: '*' | '?' })[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.wildcard === '*' ? 'wx' : 'y')).join('');
}

/** A value satisfying one alternative. */
function satisfying(a: Alternative): KqlValue | undefined {
  switch (a.kind) {
    case 'string': {
      const v = fill(a.parts);
      return a.match === 'contains' ? `pre ${v} post` : a.match === 'startswith' ? `${v} tail` : a.match === 'endswith' ? `head ${v}` : v;
    }
    case 'regex':
      return sampleRegex(a.pattern);
    case 'cidr':
      return cidrSample(a.range);
    case 'number':
      return a.op === '>' ? a.value + 1 : a.op === '<' ? a.value - 1 : a.value;
    case 'bool':
      return a.value;
    case 'null':
      return '';
    case 'exists':
      return a.value ? 'present' : '';
    case 'fieldref':
      return 'same value';
  }
}

/** The same value with one character changed, so an exact or substring comparison no longer holds. */
function mutate(value: KqlValue): KqlValue {
  if (typeof value === 'number') return value + 7;
  if (typeof value === 'boolean') return !value;
  if (typeof value !== 'string' || value === '') return 'mutated';
  const chars = [...value];
  const letters = chars.map((c, i) => (/[A-Za-z0-9]/.test(c) ? i : -1)).filter((i) => i >= 0);
  const at = letters[Math.floor(letters.length / 2)] ?? Math.floor(chars.length / 2);
  const c = chars[at] as string;
  chars[at] = /\d/.test(c) ? (c === '7' ? '3' : '7') : /[qQ]/.test(c) ? 'z' : 'q';
  return chars.join('');
}

/** Sets an item's columns on an event so that value `v` (alternative `k`) of the item holds. */
function apply(event: Event, plan: ItemPlan, v: number, k: number, transform: (x: KqlValue) => KqlValue = (x) => x): boolean {
  const alts = plan.all ? plan.values.map((alts) => alts[0] as Alternative) : [plan.values[v]?.[k] as Alternative];
  const values = alts.map(satisfying);
  if (values.some((x) => x === undefined)) return false;
  let value: KqlValue = plan.all && values.length > 1 ? values.map(String).join(' ') : (values[0] as KqlValue);
  value = transform(value);
  if (plan.target.startsWith('hash:')) {
    event.set(plan.target.slice(5).split(',')[v] as string, value);
    return true;
  }
  const alt = alts[0] as Alternative;
  if (alt.kind === 'fieldref') event.set(alt.column, 'same value');
  if (plan.columns.length === 2 && typeof value === 'string') {
    // strcat(Domain, "\", Name)
    const cut = value.lastIndexOf('\\');
    event.set(plan.columns[0] as string, cut >= 0 ? value.slice(0, cut) : '');
    event.set(plan.columns[1] as string, cut >= 0 ? value.slice(cut + 1) : value);
    return true;
  }
  event.set(plan.columns[0] as string, value);
  return true;
}

/** Events exercising one search identifier: per OR branch a satisfying event, then per item its values, mutations and blanks. */
function searchEvents(name: string, node: SearchNode, plans: Map<unknown, ItemPlan>): { positives: Event[]; all: Labeled[] } {
  const branches: SearchNode[][] = [];
  const flatten = (n: SearchNode): SearchNode[][] => {
    if (n.t === 'item') return [[n]];
    if (n.t === 'or') return n.items.flatMap(flatten);
    // and: cartesian product of the branches would explode; take each child's first branch plus variants below.
    let acc: SearchNode[][] = [[]];
    for (const child of n.items) {
      const options = flatten(child);
      acc = acc.flatMap((a) => options.slice(0, 3).map((o) => [...a, ...o])).slice(0, 8);
    }
    return acc;
  };
  branches.push(...flatten(node));
  const positives: Event[] = [];
  const all: Labeled[] = [];
  branches.forEach((items, b) => {
    const base: Event = new Map();
    const itemPlans = items.map((i) => (i.t === 'item' ? plans.get(i.item) : undefined)).filter((p): p is ItemPlan => p !== undefined);
    for (const plan of itemPlans) apply(base, plan, 0, 0);
    positives.push(base);
    all.push({ label: `${name}[${b}] satisfied`, event: base });
    for (const plan of itemPlans) {
      const field = plan.item.field ?? 'keyword';
      plan.values.forEach((alts, v) => {
        alts.forEach((_, k) => {
          if (v === 0 && k === 0) return;
          const e = new Map(base);
          if (apply(e, plan, v, k)) all.push({ label: `${name}[${b}] ${field} value ${v + 1}.${k + 1}`, event: e });
        });
        const m = new Map(base);
        if (apply(m, plan, v, 0, mutate)) all.push({ label: `${name}[${b}] ${field} value ${v + 1} mutated`, event: m });
      });
      const blank = new Map(base);
      for (const c of plan.columns) blank.set(c, typeof base.get(c) === 'number' ? 0 : '');
      all.push({ label: `${name}[${b}] ${field} emptied`, event: blank });
    }
  });
  return { positives, all };
}

function generateEvents(sigma: SigmaRule, plans: Map<unknown, ItemPlan>): Labeled[] {
  const events: Labeled[] = [{ label: 'neutral event', event: new Map() }];
  const firsts: [string, Event][] = [];
  for (const [name, node] of sigma.searches) {
    const { positives, all } = searchEvents(name, node, plans);
    events.push(...all);
    if (positives[0]) firsts.push([name, positives[0]]);
  }
  // Selections combined: all of them, and every pair, so `a and not b` and `1 of x*` are exercised.
  const merge = (list: [string, Event][]): Event => {
    const e: Event = new Map();
    for (const [, ev] of list) for (const [k, v] of ev) e.set(k, v);
    return e;
  };
  if (firsts.length > 1) events.push({ label: `all of ${firsts.map(([n]) => n).join(', ')}`, event: merge(firsts) });
  for (let i = 0; i < firsts.length; i++) {
    for (let j = 0; j < firsts.length; j++) {
      if (i !== j) events.push({ label: `${firsts[i]?.[0]} + ${firsts[j]?.[0]}`, event: merge([firsts[i] as [string, Event], firsts[j] as [string, Event]]) });
    }
  }
  // Each selection together with all the others but one (filters switched off one at a time).
  for (let i = 0; i < firsts.length && firsts.length > 2; i++) {
    events.push({ label: `all but ${firsts[i]?.[0]}`, event: merge(firsts.filter((_, j) => j !== i)) });
  }
  return events;
}

function tableOf(name: string, category: string, events: Labeled[]): Map<string, TableData> {
  const t = schema.find((s) => s.name === name);
  if (!t) throw new Error(`no table ${name}`);
  const action = CATEGORY_ACTION_TYPES[category]?.[0] ?? (name === 'DeviceRegistryEvents' ? 'RegistryValueSet' : name === 'DeviceFileEvents' ? 'FileCreated' : 'neutral');
  const neutral = (type: string, column: string): KqlValue => {
    if (column === 'ActionType') return action;
    switch (type) {
      case 'string':
        return 'neutral';
      case 'long':
      case 'int':
      case 'real':
        return 123456789;
      case 'bool':
        return false;
      case 'datetime':
        return NOW;
      default:
        return null;
    }
  };
  const rows = events.map((e, i) => t.columns.map((c) => (c.name === 'ReportId' ? i : e.event.has(c.name) ? (e.event.get(c.name) as KqlValue) : neutral(c.type, c.name))));
  return new Map([[name, { columns: t.columns.map((c) => ({ name: c.name, type: c.type })), rows }]]);
}

function selected(query: string, tables: Map<string, TableData>): Set<number> | string {
  const compiled = compileQuery(query, schema);
  if (!compiled.ok) return compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`).join('; ');
  const result = compiled.run(tables, { now: NOW });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return errors.map((d) => d.message).join('; ');
  const col = result.columns.findIndex((c) => c.name === 'ReportId');
  return new Set(result.rows.map((r) => Number(r[col])));
}

// ------------------------------------------------------------------ the run

interface Outcome { file: string; imported: boolean; backend: 'converted' | 'error'; same?: boolean; backendCompileError?: string; ourCompileError?: string; reason?: string; events?: number }
const outcomes: Outcome[] = [];
let imported = 0;
for (const entry of index) {
  const text = readFileSync(join(shared, 'sigma', entry.file), 'utf8');
  const result = importSigma(text, entry.file, schema, { today: '2026-11-24' });
  if (result.rule) imported++;
  const b = backend.get(entry.file);
  const outcome: Outcome = { file: entry.file, imported: result.rule !== null, backend: b?.queries ? 'converted' : 'error' };
  outcomes.push(outcome);
  if (!b?.queries) continue;
  if (!result.rule || !result.sigma) {
    outcome.same = false;
    outcome.reason = `not imported: ${[...result.diagnostics.map((d) => d.message), ...result.report.filter((r) => r.severity === 'error').map((r) => r.message)].join('; ')}`;
    continue;
  }
  const planned = planItems(result.sigma, schema);
  if (!planned) continue;
  const events = generateEvents(result.sigma, planned.plans as Map<unknown, ItemPlan>);
  outcome.events = events.length;
  const backendQuery = b.queries.join('\n');
  const tableName = /^\s*(\w+)/.exec(backendQuery)?.[1] ?? planned.table;
  const tables = tableOf(planned.table, entry.category, events);
  if (tableName !== planned.table) {
    const other = tableOf(tableName, entry.category, events);
    for (const [k, v] of other) tables.set(k, v);
  }
  const ours = selected(result.rule.query, tables);
  const theirs = selected(backendQuery, tables);
  if (typeof theirs === 'string') {
    outcome.backendCompileError = theirs;
    continue;
  }
  if (typeof ours === 'string') {
    outcome.same = false;
    outcome.ourCompileError = ours;
    outcome.reason = `our query does not run: ${ours}`;
    continue;
  }
  const differing = events.map((e, i) => ({ e, i })).filter(({ i }) => ours.has(i) !== theirs.has(i));
  outcome.same = differing.length === 0;
  if (!outcome.same) {
    const first = differing[0] as { e: Labeled; i: number };
    outcome.reason = `${differing.length}/${events.length} events differ; first: "${first.e.label}" ${ours.has(first.i) ? 'selected by ours only' : 'selected by the backend only'}`;
    if (verbose) outcome.reason += `\n    ours:    ${result.rule.query.replace(/\n/g, ' ')}\n    backend: ${backendQuery.replace(/\n/g, ' ')}\n    event: ${JSON.stringify(Object.fromEntries(first.e.event))}`;
  }
}

const convertible = outcomes.filter((o) => o.backend === 'converted');
const backendBroken = convertible.filter((o) => o.backendCompileError !== undefined);
const compared = convertible.filter((o) => o.backendCompileError === undefined);
const same = compared.filter((o) => o.same === true);
console.log(`imported ${imported}/${index.length}`);
console.log(`convertible by the backend ${convertible.length}/${index.length}`);
console.log(`backend KQL our engine cannot compile or run: ${backendBroken.length}`);
for (const o of backendBroken) console.log(`  ${o.file}: ${o.backendCompileError}`);
console.log(`same selection ${same.length}/${compared.length} (${((100 * same.length) / Math.max(1, compared.length)).toFixed(1)}%)`);
for (const o of compared.filter((c) => c.same !== true)) console.log(`  MISMATCH ${o.file}: ${o.reason}`);
const notImportedOnlyOurs = outcomes.filter((o) => !o.imported && o.backend === 'error');
console.log(`not imported (backend also fails): ${notImportedOnlyOurs.length}`);
if (jsonPath) {
  writeFileSync(jsonPath, JSON.stringify({ imported, total: index.length, convertible: convertible.length, backendBroken: backendBroken.length, compared: compared.length, same: same.length, outcomes }, null, 2));
  console.log(`report written to ${jsonPath}`);
}
