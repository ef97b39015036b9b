/**
 * A rule as an ARM deployment template: one `Microsoft.SecurityInsights/alertRules` resource on the workspace
 * named by the `workspace` parameter, in the classic nested spelling
 * (`Microsoft.OperationalInsights/workspaces/providers/alertRules`) that `az deployment group create` and the
 * portal's "Custom deployment" accept without a `scope`. Same limits and problems as the YAML export.
 */
import { sentinelSeverity, type Rule, type TriggerOperator } from '../rule/model.ts';
import type { TableSchema } from '../schema/types.ts';
import { isoDuration, parentTechnique, type SentinelExport, type SentinelExportOptions } from './common.ts';
import { sentinelFields } from './export.ts';

/** The GA API version of Microsoft.SecurityInsights whose ScheduledAlertRule shape this follows. */
export const ARM_API_VERSION = '2025-09-01';
/** NRT alert rules exist only in preview API versions of the resource provider. */
export const ARM_NRT_API_VERSION = '2023-05-01-preview';
export const DEPLOYMENT_TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

const TRIGGER_OPERATORS: Readonly<Record<TriggerOperator, string>> = { gt: 'GreaterThan', lt: 'LessThan', eq: 'Equal', ne: 'NotEqual' };

/**
 * ARM evaluates a string that starts with `[` and ends with `]` as a template expression; doubling the opening
 * bracket makes it literal. A query such as `[x]` (or a crafted description) must never run as an expression.
 */
export function armLiteral(text: string): string {
  return text.startsWith('[') && text.endsWith(']') ? `[${text}` : text;
}

export function exportArmTemplate(rule: Rule, schema: readonly TableSchema[], options: SentinelExportOptions = {}): SentinelExport {
  const fields = sentinelFields(rule, schema, options);
  const problems = [...fields.problems];
  const nrt = rule.sentinel.kind === 'NRT';

  // The API's `techniques` takes T#### only ("The expected format is 'T####'"); sub-techniques go in as their parent.
  const techniques = [...new Set(fields.techniques.map(parentTechnique))];
  const folded = fields.techniques.filter((t) => t.includes('.'));
  if (folded.length > 0) {
    problems.push({
      path: 'attack.techniques',
      severity: 'info',
      code: 'RB-SENTINEL-150',
      message: `The alert rule API takes technique IDs only (T####), so ${folded.join(', ')} ${folded.length === 1 ? 'is' : 'are'} deployed as ${[...new Set(folded.map(parentTechnique))].join(', ')}.`,
    });
  }
  if (nrt) {
    problems.push({ path: 'sentinel.kind', severity: 'info', code: 'RB-SENTINEL-151', message: `NRT alert rules are only in preview versions of the Sentinel API; the template uses ${ARM_NRT_API_VERSION}.` });
  }

  const properties: Record<string, unknown> = {
    displayName: armLiteral(rule.title),
    description: armLiteral(rule.description),
    severity: sentinelSeverity(rule),
    // A deprecated or unsupported rule is still deployable (to keep its history) but should not raise alerts.
    enabled: rule.status !== 'deprecated' && rule.status !== 'unsupported',
    query: armLiteral(rule.query),
    ...(nrt
      ? {}
      : {
          queryFrequency: isoDuration(rule.sentinel.query_frequency) ?? rule.sentinel.query_frequency,
          queryPeriod: isoDuration(rule.sentinel.query_period) ?? rule.sentinel.query_period,
          triggerOperator: TRIGGER_OPERATORS[rule.sentinel.trigger_operator] ?? rule.sentinel.trigger_operator,
          triggerThreshold: rule.sentinel.trigger_threshold,
        }),
    suppressionDuration: 'PT1H',
    suppressionEnabled: false,
    tactics: fields.tactics,
    techniques,
    ...(rule.sentinel.entity_mappings.length > 0
      ? {
          entityMappings: rule.sentinel.entity_mappings.map((m) => ({
            entityType: m.entityType,
            fieldMappings: m.fieldMappings.map((f) => ({ identifier: f.identifier, columnName: armLiteral(f.columnName) })),
          })),
        }
      : {}),
    // Not created from a gallery template. templateVersion is left out: the API allows it only with a template name.
    alertRuleTemplateName: null,
  };

  const template = {
    $schema: DEPLOYMENT_TEMPLATE_SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: {
      workspace: { type: 'string', metadata: { description: 'The Log Analytics workspace that Microsoft Sentinel is enabled on.' } },
    },
    resources: [
      {
        // The resource name ends in the rule's id, so deploying again updates the same rule instead of adding one.
        name: `[concat(parameters('workspace'),'/Microsoft.SecurityInsights/${armId(rule.id)}')]`,
        type: 'Microsoft.OperationalInsights/workspaces/providers/alertRules',
        kind: rule.sentinel.kind,
        apiVersion: nrt ? ARM_NRT_API_VERSION : ARM_API_VERSION,
        properties,
      },
    ],
  };
  return { text: `${JSON.stringify(template, null, 2)}\n`, problems };
}

/** The id inside a template expression's '…' literal: a quote would end the literal, so it is doubled as ARM escapes it. */
function armId(id: string): string {
  return id.replace(/'/g, "''");
}
