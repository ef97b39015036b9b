/**
 * Field-level checks of a rule, cheap enough for the form to run on every keystroke. Limits are Sentinel's where a
 * rule is meant to be deployed there (name 256, description 5,000, query 10,000 characters; scheduling 5m … 14d).
 */
import type { AttackCatalog } from '../attack/stix.ts';
import { validateAttackMapping } from '../attack/validate.ts';
import {
  CONFIDENCES,
  LEVELS,
  RELATION_TYPES,
  RULE_STATUSES,
  SENTINEL_KINDS,
  SENTINEL_SEVERITIES,
  TRIGGER_OPERATORS,
  type Rule,
  type RuleIssue,
} from './model.ts';

export const MAX_TITLE_CHARS = 256;
export const MAX_DESCRIPTION_CHARS = 5000;
export const MAX_QUERY_CHARS = 10_000;
export const MAX_ENTITY_MAPPINGS = 5;
export const MAX_FIELD_MAPPINGS = 3;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION = /^(\d+)([mhd])$/;
const COLUMN_NAME = /^[a-zA-Z_]+\w*$/;

/** Sentinel's entity identifiers: the valid ones per entity type, and the sets of which a mapping needs one. */
const ENTITY_IDENTIFIERS: Readonly<Record<string, { valid: readonly string[]; required: readonly (readonly string[])[] }>> = {
  Account: {
    valid: ['Name', 'FullName', 'NTDomain', 'DnsDomain', 'UPNSuffix', 'Sid', 'AadTenantId', 'AadUserId', 'PUID', 'IsDomainJoined', 'DisplayName', 'ObjectGuid'],
    required: [['FullName'], ['Sid'], ['Name'], ['AadUserId'], ['PUID'], ['ObjectGuid']],
  },
  Host: {
    valid: ['DnsDomain', 'NTDomain', 'HostName', 'FullName', 'NetBiosName', 'AzureID', 'OMSAgentID', 'OSFamily', 'OSVersion', 'IsDomainJoined'],
    required: [['FullName'], ['HostName'], ['NetBiosName'], ['AzureID'], ['OMSAgentID']],
  },
  IP: { valid: ['Address'], required: [['Address']] },
  URL: { valid: ['Url'], required: [['Url']] },
  File: { valid: ['Directory', 'Name'], required: [['Name']] },
  FileHash: { valid: ['Algorithm', 'Value'], required: [['Algorithm', 'Value']] },
  Process: { valid: ['ProcessId', 'CommandLine', 'ElevationToken', 'CreationTimeUtc'], required: [['CommandLine'], ['ProcessId']] },
  DNS: { valid: ['DomainName'], required: [['DomainName']] },
  CloudApplication: { valid: ['AppId', 'Name', 'InstanceName'], required: [['AppId'], ['Name']] },
  AzureResource: { valid: ['ResourceId'], required: [['ResourceId']] },
  RegistryKey: { valid: ['Hive', 'Key'], required: [['Key'], ['Hive']] },
  RegistryValue: { valid: ['Name', 'Value', 'ValueType'], required: [['Name']] },
  SecurityGroup: { valid: ['DistinguishedName', 'SID', 'ObjectGuid'], required: [['DistinguishedName'], ['SID'], ['ObjectGuid']] },
  Malware: { valid: ['Name', 'Category'], required: [['Name']] },
  Mailbox: { valid: ['MailboxPrimaryAddress', 'DisplayName', 'Upn', 'ExternalDirectoryObjectId', 'RiskLevel'], required: [['MailboxPrimaryAddress']] },
  // MailMessage, MailCluster, SubmissionMail and IoTDevice have more identifiers than we list; only their
  // required ones are checked, so an unlisted identifier is not reported for them.
  MailMessage: { valid: [], required: [['NetworkMessageId'], ['Recipient']] },
  MailCluster: { valid: [], required: [['Query'], ['Source']] },
  SubmissionMail: {
    valid: ['NetworkMessageId', 'Timestamp', 'Recipient', 'Sender', 'SenderIp', 'Subject', 'ReportType', 'SubmissionId', 'SubmissionDate', 'Submitter'],
    required: [['SubmissionId'], ['NetworkMessageId'], ['Recipient'], ['Submitter']],
  },
  IoTDevice: { valid: [], required: [['DeviceId']] },
};
export const ENTITY_TYPES: readonly string[] = Object.keys(ENTITY_IDENTIFIERS);

/** Minutes in `5m` / `1h` / `14d`, or undefined when the text is not in that form. */
export function durationMinutes(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n * (m[2] === 'm' ? 1 : m[2] === 'h' ? 60 : 1440);
}

function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text) || /\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function oneOf(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** `catalog`: the loaded ATT&CK data, when there is one (revoked, deprecated and unknown techniques need it). */
export function validateRule(rule: Rule, catalog: AttackCatalog | null = null): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const error = (path: string, code: string, message: string): void => void issues.push({ path, severity: 'error', code, message });
  const warning = (path: string, code: string, message: string): void => void issues.push({ path, severity: 'warning', code, message });
  const push = (severity: RuleIssue['severity'], path: string, code: string, message: string): void => void issues.push({ path, severity, code, message });

  const duplicates = (path: string, list: readonly string[], what: string, normalize: (s: string) => string = (s) => s): void => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const key = normalize(item);
      if (seen.has(key)) warning(`${path}.${i}`, 'RB-RULE-120', `${what} "${item}" is listed twice; remove the repeat.`);
      seen.add(key);
    });
  };

  // Identity
  if (rule.title.trim() === '') error('title', 'RB-RULE-101', 'Give the rule a title.');
  else if (rule.title.length > MAX_TITLE_CHARS) error('title', 'RB-RULE-102', `The title is ${rule.title.length} characters; Sentinel allows ${MAX_TITLE_CHARS}. Shorten it.`);
  if (!UUID.test(rule.id)) error('id', 'RB-RULE-103', `The id must be a UUID such as 0b0c7f56-2b9c-4a57-9d0e-1c2b3a4d5e6f${rule.id === '' ? '' : `, not "${rule.id}"`}.`);
  if (!(RULE_STATUSES as readonly string[]).includes(rule.status)) error('status', 'RB-RULE-104', `The status must be ${oneOf(RULE_STATUSES)}, not "${rule.status}".`);
  if (rule.description.length > MAX_DESCRIPTION_CHARS) {
    error('description', 'RB-RULE-105', `The description is ${rule.description.length} characters; Sentinel allows ${MAX_DESCRIPTION_CHARS}. Shorten it (move detail to tuning or references).`);
  }
  if (!isRealDate(rule.date)) error('date', 'RB-RULE-106', `The date must be a real day written YYYY-MM-DD (2026-11-24), not "${rule.date}".`);
  if (rule.modified !== undefined) {
    if (!isRealDate(rule.modified)) error('modified', 'RB-RULE-106', `The modified date must be a real day written YYYY-MM-DD, not "${rule.modified}".`);
    else if (isRealDate(rule.date) && rule.modified < rule.date) error('modified', 'RB-RULE-107', `The modified date (${rule.modified}) is before the creation date (${rule.date}); it must be the same day or later.`);
  }
  rule.references.forEach((ref, i) => {
    if (!isHttpUrl(ref)) error(`references.${i}`, 'RB-RULE-108', `References must be http(s) URLs such as https://attack.mitre.org/techniques/T1074/002/, not "${ref}".`);
  });
  duplicates('references', rule.references, 'The reference');
  if (!(LEVELS as readonly string[]).includes(rule.level)) error('level', 'RB-RULE-109', `The level must be ${oneOf(LEVELS)}, not "${rule.level}".`);
  if (!(CONFIDENCES as readonly string[]).includes(rule.confidence)) error('confidence', 'RB-RULE-110', `The confidence must be ${oneOf(CONFIDENCES)}, not "${rule.confidence}".`);

  // ATT&CK: one set of checks and codes for the form, the picker and the CLI (src/attack/validate.ts).
  for (const issue of validateAttackMapping(rule.attack, catalog)) push(issue.severity, issue.path, issue.code, issue.message);

  // Lists of text
  for (const key of ['data_sources', 'falsepositives'] as const) {
    rule[key].forEach((item, i) => {
      if (item.trim() === '') error(`${key}.${i}`, 'RB-RULE-121', 'This entry is empty; fill it in or remove it.');
    });
    duplicates(key, rule[key], 'The entry');
  }

  // Tests and methodology
  const testNames = new Set<string>();
  rule.tests.forEach((test, i) => {
    if (test.name.trim() === '') error(`tests.${i}.name`, 'RB-RULE-130', 'Give the test a name.');
    else if (testNames.has(test.name)) error(`tests.${i}.name`, 'RB-RULE-131', `Another test is already named "${test.name}"; test names must be unique.`);
    testNames.add(test.name);
    if (test.events === undefined && test.events_file === undefined) {
      error(`tests.${i}`, 'RB-RULE-132', `The test "${test.name}" has no events: add "events" (inline rows) or "events_file".`);
    }
    if (test.expect.rows !== undefined && (!Number.isSafeInteger(test.expect.rows) || test.expect.rows < 0)) {
      error(`tests.${i}.expect.rows`, 'RB-RULE-133', `"rows" must be a whole number of 0 or more, not ${test.expect.rows}.`);
    }
    if (test.expect.match === false && test.expect.rows !== undefined && test.expect.rows !== 0) {
      error(`tests.${i}.expect.rows`, 'RB-RULE-134', 'A test that expects no match cannot expect rows; remove "rows" or set "match: true".');
    }
    if (test.now !== undefined && !/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(test.now)) {
      error(`tests.${i}.now`, 'RB-RULE-135', `"now" must be an ISO 8601 time such as 2026-11-24T18:00:00Z, not "${test.now}".`);
    }
  });
  const methodNames = new Set<string>();
  rule.test_methodology.forEach((method, i) => {
    if (method.name.trim() === '') error(`test_methodology.${i}.name`, 'RB-RULE-140', 'Give the test method a name.');
    else if (methodNames.has(method.name)) warning(`test_methodology.${i}.name`, 'RB-RULE-141', `Another test method is already named "${method.name}".`);
    methodNames.add(method.name);
    method.tests.forEach((name, j) => {
      if (!testNames.has(name)) error(`test_methodology.${i}.tests.${j}`, 'RB-RULE-142', `There is no test named "${name}"; name one of the rule's tests${testNames.size > 0 ? ` (${[...testNames].join(', ')})` : ''}.`);
    });
    duplicates(`test_methodology.${i}.tests`, method.tests, 'The test');
  });

  // Related rules
  rule.related.forEach((related, i) => {
    if (!UUID.test(related.id)) error(`related.${i}.id`, 'RB-RULE-150', `A related rule's id must be a UUID, not "${related.id}".`);
    else if (related.id.toLowerCase() === rule.id.toLowerCase()) error(`related.${i}.id`, 'RB-RULE-151', 'A rule cannot be related to itself.');
    if (!(RELATION_TYPES as readonly string[]).includes(related.type)) error(`related.${i}.type`, 'RB-RULE-152', `The relation type must be ${oneOf(RELATION_TYPES)}, not "${related.type}".`);
  });
  duplicates('related', rule.related.map((r) => r.id.toLowerCase()), 'The related rule');

  // Query
  if (rule.query.trim() === '') error('query', 'RB-RULE-160', 'The query is empty; write the KQL the rule runs.');
  else if (rule.query.length > MAX_QUERY_CHARS) warning('query', 'RB-RULE-161', `The query is ${rule.query.length.toLocaleString('en-US')} characters; Sentinel accepts at most ${MAX_QUERY_CHARS.toLocaleString('en-US')}. Shorten it (functions or watchlists help) before deploying there.`);

  validateSentinel(rule, error);
  return issues;
}

/**
 * The checks of `rule.sentinel` alone (kind, severity, scheduling, trigger, entity mappings), reporting each through
 * `error`. Exported so that the Sentinel export (src/sentinel/limits.ts) applies the very same rules and messages.
 */
export function validateSentinel(rule: Rule, error: (path: string, code: string, message: string) => void): void {
  const s = rule.sentinel;
  if (!(SENTINEL_KINDS as readonly string[]).includes(s.kind)) error('sentinel.kind', 'RB-RULE-170', `The Sentinel kind must be ${oneOf(SENTINEL_KINDS)} (exactly so spelt), not "${s.kind}".`);
  if (s.severity !== undefined && !(SENTINEL_SEVERITIES as readonly string[]).includes(s.severity)) {
    error('sentinel.severity', 'RB-RULE-171', `The Sentinel severity must be ${oneOf(SENTINEL_SEVERITIES)}, not "${s.severity}" (or leave it out to follow "level").`);
  }
  const minutes: Partial<Record<'query_frequency' | 'query_period', number>> = {};
  for (const key of ['query_frequency', 'query_period'] as const) {
    const value = s[key];
    const n = durationMinutes(value);
    const path = `sentinel.${key}`;
    if (n === undefined) error(path, 'RB-RULE-172', `"${key}" must be a number followed by m, h or d (5m, 1h, 14d), not "${value}".`);
    else if (n < 5 || n > 14 * 1440) error(path, 'RB-RULE-173', `"${key}" must be between 5m and 14d; ${value} is ${n < 5 ? 'too short' : 'too long'}.`);
    else minutes[key] = n;
  }
  const frequency = minutes.query_frequency;
  const period = minutes.query_period;
  if (frequency !== undefined && period !== undefined) {
    if (period < frequency) error('sentinel.query_period', 'RB-RULE-174', `The query period (${s.query_period}) must be at least the query frequency (${s.query_frequency}), or runs would leave gaps.`);
    if (period >= 2 * 1440 && frequency < 60) error('sentinel.query_frequency', 'RB-RULE-175', `With a query period of 2d or more (${s.query_period}), Sentinel requires a query frequency of at least 1h, not ${s.query_frequency}.`);
  }
  if (!(TRIGGER_OPERATORS as readonly string[]).includes(s.trigger_operator)) error('sentinel.trigger_operator', 'RB-RULE-176', `The trigger operator must be ${oneOf(TRIGGER_OPERATORS)}, not "${s.trigger_operator}".`);
  if (!Number.isInteger(s.trigger_threshold) || s.trigger_threshold < 0 || s.trigger_threshold > 10_000) {
    error('sentinel.trigger_threshold', 'RB-RULE-177', `The trigger threshold must be a whole number from 0 to 10000, not ${s.trigger_threshold}.`);
  }
  if (s.entity_mappings.length > MAX_ENTITY_MAPPINGS) {
    error(`sentinel.entity_mappings.${MAX_ENTITY_MAPPINGS}`, 'RB-RULE-180', `Sentinel allows at most ${MAX_ENTITY_MAPPINGS} entity mappings; this rule has ${s.entity_mappings.length}. Remove some.`);
  }
  s.entity_mappings.forEach((mapping, i) => {
    const path = `sentinel.entity_mappings.${i}`;
    const known = Object.prototype.hasOwnProperty.call(ENTITY_IDENTIFIERS, mapping.entityType) ? ENTITY_IDENTIFIERS[mapping.entityType] : undefined;
    if (!known) error(`${path}.entityType`, 'RB-RULE-181', `"${mapping.entityType}" is not a Sentinel entity type; use one of ${ENTITY_TYPES.join(', ')}.`);
    const count = mapping.fieldMappings.length;
    if (count < 1 || count > MAX_FIELD_MAPPINGS) {
      error(`${path}.fieldMappings`, 'RB-RULE-182', `An entity mapping needs 1 to ${MAX_FIELD_MAPPINGS} field mappings; this one has ${count}.`);
    }
    const identifiers = new Set<string>();
    mapping.fieldMappings.forEach((field, j) => {
      const fieldPath = `${path}.fieldMappings.${j}`;
      if (known && known.valid.length > 0 && !known.valid.includes(field.identifier)) {
        error(`${fieldPath}.identifier`, 'RB-RULE-183', `"${field.identifier}" is not an identifier of ${mapping.entityType}; use one of ${known.valid.join(', ')}.`);
      }
      if (identifiers.has(field.identifier)) error(`${fieldPath}.identifier`, 'RB-RULE-184', `The identifier "${field.identifier}" is mapped twice in this entity; keep one.`);
      identifiers.add(field.identifier);
      if (!COLUMN_NAME.test(field.columnName) || field.columnName.length > 500) {
        error(`${fieldPath}.columnName`, 'RB-RULE-185', `"${field.columnName}" is not a column name Sentinel accepts (letters, digits and _, not starting with a digit).`);
      }
    });
    if (known && count > 0 && !known.required.some((set) => set.every((id) => identifiers.has(id)))) {
      error(`${path}.fieldMappings`, 'RB-RULE-186', `A ${mapping.entityType} mapping needs ${oneOf(known.required.map((set) => set.join(' and ')))} among its identifiers.`);
    }
  });
}
