/**
 * Whether a rule can be deployed to Microsoft Sentinel as it is: the limits Sentinel (and the Azure-Sentinel
 * repository's template validator) enforce, checked before anything is exported so that the IDE can show them next
 * to the download and the CLI can refuse to write an undeployable file.
 *
 * The scheduling and entity-mapping checks are validateRule's own (validateSentinel), so the form, `rulebench
 * check` and the export agree word for word; what is added here is what only matters for deployment (the query
 * compiles, is within Sentinel's size limit, the mapped columns exist, every technique's tactic is listed).
 */
import { lookBackTicks } from '../kql/engine/look-back.ts';
import { TECHNIQUE_ID } from '../attack/tactics.ts';
import { compileQuery, type TabularPlan } from '../kql/engine/index.ts';
import type { Rule } from '../rule/model.ts';
import { durationMinutes, MAX_DESCRIPTION_CHARS, MAX_QUERY_CHARS, MAX_TITLE_CHARS, UUID, validateSentinel } from '../rule/validate.ts';
import type { TableSchema } from '../schema/types.ts';
import { parentTechnique, SENTINEL_TACTIC_BY_SHORTNAME, sentinelTactics, type SentinelExportOptions, type SentinelProblem } from './common.ts';

/** Fields an NRT rule does not have: their values are not exported, so their problems do not matter. */
const SCHEDULING_PATHS = ['sentinel.query_frequency', 'sentinel.query_period', 'sentinel.trigger_operator', 'sentinel.trigger_threshold'];

/** Compile errors listed one by one up to this many; a broken query rarely needs more to be understood. */
const MAX_QUERY_ERRORS = 5;

export function checkSentinelLimits(rule: Rule, schema: readonly TableSchema[], options: SentinelExportOptions = {}): SentinelProblem[] {
  const problems: SentinelProblem[] = [];
  const error = (path: string, code: string, message: string): void => void problems.push({ path, severity: 'error', code, message });

  // Identity: Sentinel keys the rule by a GUID and shows the name and description in every alert.
  if (!UUID.test(rule.id)) error('id', 'RB-SENTINEL-101', `Sentinel needs the rule's id to be a GUID (the alert rule's resource name), not "${rule.id}".`);
  if (rule.title.trim() === '') error('title', 'RB-SENTINEL-102', 'Sentinel needs a name for the rule; give it a title.');
  else if (rule.title.length > MAX_TITLE_CHARS) error('title', 'RB-SENTINEL-103', `The title is ${rule.title.length} characters; Sentinel's name allows ${MAX_TITLE_CHARS}.`);
  if (rule.description.length > MAX_DESCRIPTION_CHARS) {
    error('description', 'RB-SENTINEL-104', `The description is ${rule.description.length.toLocaleString('en-US')} characters; Sentinel allows ${MAX_DESCRIPTION_CHARS.toLocaleString('en-US')}.`);
  } else if (rule.description.trim() === '') {
    problems.push({ path: 'description', severity: 'warning', code: 'RB-SENTINEL-105', message: 'The description is empty; analysts see it on every alert, so say what the rule detects.' });
  }

  // The query: Sentinel refuses longer queries and queries that do not compile.
  const compiled = checkQuery(rule, schema, problems);

  // Scheduling, trigger and entity mappings, exactly as the rule form checks them.
  validateSentinel(rule, (path, code, message) => {
    if (rule.sentinel.kind === 'NRT' && SCHEDULING_PATHS.some((p) => path === p || path.startsWith(`${p}.`))) return;
    error(path, code, message);
  });
  if (compiled) {
    checkMappedColumns(rule, compiled, problems);
    checkLookBack(rule, compiled, problems);
  }

  // ATT&CK: tactics Sentinel can name, and each technique's tactic among them.
  const mapped = sentinelTactics(rule);
  problems.push(...mapped.problems);
  checkTechniques(rule, mapped.tactics, options, problems);
  return problems;
}

function checkQuery(rule: Rule, schema: readonly TableSchema[], problems: SentinelProblem[]): TabularPlan | undefined {
  const error = (code: string, message: string): void => void problems.push({ path: 'query', severity: 'error', code, message });
  if (rule.query.trim() === '') {
    error('RB-SENTINEL-106', 'The query is empty; Sentinel needs the KQL the rule runs.');
    return undefined;
  }
  if (rule.query.length > MAX_QUERY_CHARS) {
    error('RB-SENTINEL-107', `The query is ${rule.query.length.toLocaleString('en-US')} characters; Sentinel accepts at most ${MAX_QUERY_CHARS.toLocaleString('en-US')}. Shorten it (functions or watchlists help).`);
  }
  const compiled = compileQuery(rule.query, schema);
  if (compiled.ok && compiled.plan) return compiled.plan;
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors.slice(0, MAX_QUERY_ERRORS)) {
    const at = d.line !== undefined ? `line ${d.line}${d.column !== undefined ? `, column ${d.column}` : ''}: ` : '';
    error('RB-SENTINEL-108', `The query does not compile, so Sentinel would refuse it: ${at}${d.code} ${d.message}`);
  }
  if (errors.length > MAX_QUERY_ERRORS) error('RB-SENTINEL-108', `… and ${errors.length - MAX_QUERY_ERRORS} more compile errors.`);
  if (errors.length === 0) error('RB-SENTINEL-108', 'The query does not compile, so Sentinel would refuse it.');
  return undefined;
}

/** Whether some operator's output columns are only known at run time (bag_unpack without a schema, pivot). */
function hasRuntimeColumns(plan: TabularPlan): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [plan];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const kind = (node as { kind?: unknown }).kind;
    if (kind === 'pivot' || (kind === 'bag-unpack' && (node as { dynamicColumns?: unknown }).dynamicColumns === true)) return true;
    for (const value of Array.isArray(node) ? node : Object.values(node)) if (value !== null && typeof value === 'object') stack.push(value);
  }
  return false;
}

/** Sentinel rejects an entity mapping whose column the query does not return. */
function checkMappedColumns(rule: Rule, plan: TabularPlan, problems: SentinelProblem[]): void {
  if (plan.columns.length === 0 || hasRuntimeColumns(plan)) return;
  const columns = new Set(plan.columns.map((c) => c.name));
  rule.sentinel.entity_mappings.forEach((mapping, i) => {
    mapping.fieldMappings.forEach((field, j) => {
      if (field.columnName === '' || columns.has(field.columnName)) return;
      problems.push({
        path: `sentinel.entity_mappings.${i}.fieldMappings.${j}.columnName`,
        severity: 'error',
        code: 'RB-SENTINEL-130',
        message: `The query returns no column "${field.columnName}" for the ${mapping.entityType} ${field.identifier}; Sentinel would refuse the mapping. Project it, or map one of ${[...columns].slice(0, 12).join(', ')}${columns.size > 12 ? ', …' : ''}.`,
      });
    });
  });
}

/** Sentinel's validator: each technique must belong to at least one of the listed tactics. */
function checkTechniques(rule: Rule, tactics: readonly string[], options: SentinelExportOptions, problems: SentinelProblem[]): void {
  const listed = new Set(tactics);
  rule.attack.techniques.forEach((value, i) => {
    const path = `attack.techniques.${i}`;
    const id = value.trim();
    if (!TECHNIQUE_ID.test(id)) {
      problems.push({ path, severity: 'error', code: 'RB-SENTINEL-112', message: `"${value}" is not a technique ID (T1234 or T1234.001); Sentinel refuses it.` });
      return;
    }
    if (listed.size === 0) {
      problems.push({ path, severity: 'error', code: 'RB-SENTINEL-113', message: `${id} is listed but the rule has no tactic Sentinel can name; Sentinel requires each technique's tactic to be listed. Add its tactic.` });
      return;
    }
    const technique = options.catalog?.techniques.get(id) ?? options.catalog?.techniques.get(parentTechnique(id));
    // Without ATT&CK data the technique's tactics are unknown; the catalog-free check above is all that can be done.
    if (!technique || technique.tactics.length === 0) return;
    const needed = [...new Set(technique.tactics.map((t) => SENTINEL_TACTIC_BY_SHORTNAME[t]).filter((t): t is string => t !== undefined))];
    if (needed.length > 0 && !needed.some((t) => listed.has(t))) {
      problems.push({
        path,
        severity: 'error',
        code: 'RB-SENTINEL-114',
        message: `${id} belongs to ${technique.tactics.join(' / ')} (Sentinel: ${needed.join(' or ')}), which the rule does not list; Sentinel requires each technique's tactic to be listed. Add ${technique.tactics.length === 1 ? 'it' : 'one of them'} to the rule's tactics.`,
      });
    }
  });
}

const TICKS_PER_MINUTE = 600_000_000n;

/**
 * Sentinel gives a scheduled query only the last `query_period` of data, whatever its own `ago()` says: a rule that
 * looks back 24 h but runs with a 1 h period sees 1 h. Say so, since the author evidently meant the longer window.
 */
function checkLookBack(rule: Rule, plan: TabularPlan, problems: SentinelProblem[]): void {
  if (rule.sentinel.kind !== 'Scheduled') return;
  const period = durationMinutes(rule.sentinel.query_period);
  const lookBack = lookBackTicks(plan);
  if (period === undefined || lookBack === 0n) return;
  const lookBackMinutes = Number(lookBack / TICKS_PER_MINUTE);
  if (lookBackMinutes <= period) return;
  problems.push({
    path: 'sentinel.query_period',
    severity: 'warning',
    code: 'RB-SENTINEL-140',
    message: `The query looks back ${formatMinutes(lookBackMinutes)} (ago), but Sentinel runs it on the last ${rule.sentinel.query_period} of data only (query_period). Set query_period to ${formatMinutes(lookBackMinutes)} or shorten the ago() window.`,
  });
}

function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}
