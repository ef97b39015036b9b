/**
 * A rule as a Microsoft Sentinel analytics-rule template in the Azure-Sentinel repository's YAML format
 * (`Detections/…` and `Solutions/…/Analytic Rules/…`): the keys and enums that repository's validator knows, in
 * the order its rules are written. The deployment limits are checked first (checkSentinelLimits) and returned with
 * the text, so nothing undeployable is handed out without its reasons.
 */
import { Document, visit } from 'yaml';
import { sentinelSeverity, type Rule } from '../rule/model.ts';
import { requiredTables } from '../rule/tables.ts';
import type { TableSchema } from '../schema/types.ts';
import { requiredDataConnectors, sentinelTactics, type SentinelExport, type SentinelExportOptions, type SentinelProblem } from './common.ts';
import { checkSentinelLimits } from './limits.ts';

export const DEFAULT_TEMPLATE_VERSION = '1.0.0';
const VERSION = /^\d+\.\d+\.\d+$/;

/** Everything both exports need from the rule, computed once: the limits, tactics, techniques, connectors. */
export interface SentinelFields {
  readonly problems: SentinelProblem[];
  readonly tactics: string[];
  /** As written in the rule (sub-techniques included), without repeats. */
  readonly techniques: string[];
  readonly connectors: ReturnType<typeof requiredDataConnectors>['connectors'];
  readonly version: string;
}

export function sentinelFields(rule: Rule, schema: readonly TableSchema[], options: SentinelExportOptions = {}): SentinelFields {
  const problems = checkSentinelLimits(rule, schema, options);
  const connectors = requiredDataConnectors(requiredTables(rule.query, schema), schema);
  problems.push(...connectors.problems);
  const version = options.version ?? DEFAULT_TEMPLATE_VERSION;
  if (!VERSION.test(version)) problems.push({ path: 'version', severity: 'error', code: 'RB-SENTINEL-140', message: `The template version must be X.Y.Z (1.0.0), not "${version}".` });
  const techniques = [...new Set(rule.attack.techniques.map((t) => t.trim()))];
  return { problems, tactics: sentinelTactics(rule).tactics, techniques, connectors: connectors.connectors, version };
}

export function exportSentinelYaml(rule: Rule, schema: readonly TableSchema[], options: SentinelExportOptions = {}): SentinelExport {
  const fields = sentinelFields(rule, schema, options);
  const problems = [...fields.problems];
  const scheduled = rule.sentinel.kind !== 'NRT';
  const template: Record<string, unknown> = {
    id: rule.id,
    name: rule.title,
    description: rule.description,
    severity: sentinelSeverity(rule),
    requiredDataConnectors: fields.connectors,
    // NRT rules run on every ingested batch: the template has no schedule or trigger (NrtTemplateInternalModel).
    ...(scheduled
      ? {
          queryFrequency: rule.sentinel.query_frequency,
          queryPeriod: rule.sentinel.query_period,
          triggerOperator: rule.sentinel.trigger_operator,
          triggerThreshold: rule.sentinel.trigger_threshold,
        }
      : {}),
    tactics: fields.tactics,
    // relevantTechniques accepts sub-techniques (the validator strips them when it matches tactics).
    ...(fields.techniques.length > 0 ? { relevantTechniques: fields.techniques } : {}),
    query: rule.query,
    // When present, Sentinel wants 1 to 5 mappings: an empty list is left out rather than written as [].
    ...(rule.sentinel.entity_mappings.length > 0
      ? { entityMappings: rule.sentinel.entity_mappings.map((m) => ({ entityType: m.entityType, fieldMappings: m.fieldMappings.map((f) => ({ identifier: f.identifier, columnName: f.columnName })) })) }
      : {}),
    version: fields.version,
    kind: rule.sentinel.kind,
  };
  // The repository's CI (NonAsciiValidations) rejects any non-ASCII character in a Detections file.
  if (/[^\x00-\x7f]/.test(`${rule.title}\n${rule.description}\n${rule.query}`)) {
    const where = /[^\x00-\x7f]/.test(rule.query) ? 'query' : /[^\x00-\x7f]/.test(rule.title) ? 'title' : 'description';
    problems.push({ path: where, severity: 'warning', code: 'RB-SENTINEL-141', message: `The ${where} has non-ASCII characters; Sentinel deploys it, but the Azure-Sentinel repository's CI rejects such files.` });
  }
  return { text: toYaml(template), problems };
}

/** YAML as the Azure-Sentinel rules are written: 2-space indents, lists indented under their key, `|` blocks. */
function toYaml(value: Record<string, unknown>): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  // A line of only blanks cannot be kept in a | block (YAML reads it as an empty line), so such text is quoted,
  // as src/rule/yaml.ts does for rule files.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes('\n') && /(?:^|\n)[ \t]+(?:\n|$)/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, blockQuote: 'literal', defaultKeyType: 'PLAIN', doubleQuotedAsJSON: true });
}
