/**
 * A detection rule as Rulebench keeps it: metadata, the KQL query and its tests. One rule is one `*.rule.yml`
 * file (src/rule/yaml.ts reads and writes it). Property names are the file's keys: Sigma's where the concept is the
 * same (title, id, status, description, author, date, modified, references, falsepositives, level, related),
 * snake_case for what KQL rules add. The format is documented in README.md ("Rule files").
 */

/** Sigma's rule statuses. */
export const RULE_STATUSES = ['experimental', 'test', 'stable', 'deprecated', 'unsupported'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

/** Sigma's `level`: the rule's severity. */
export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Sigma's relation types for `related`. */
export const RELATION_TYPES = ['derived', 'obsolete', 'merged', 'renamed', 'similar'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export interface RelatedRule {
  /** The related rule's id (a UUID). */
  id: string;
  type: RelationType;
  /** Its title, for people reading the file (optional). */
  title?: string;
}

export interface AttackMapping {
  /** Tactic short names as ATT&CK spells them (`collection`, `stealth`, `defense-impairment`). */
  tactics: string[];
  /** Technique and sub-technique IDs (`T1074`, `T1074.002`). */
  techniques: string[];
}

/** One test method of the rule's methodology (the page's "Test 1: Stage Files to Remote SMB Share via xcopy"). */
export interface TestMethod {
  name: string;
  /** What telemetry the method should produce. */
  expected_signal: string;
  /** Names of rule tests (`tests[].name`) that exercise this method. */
  tests: string[];
}

export const SENTINEL_SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;
export type SentinelSeverity = (typeof SENTINEL_SEVERITIES)[number];
export const TRIGGER_OPERATORS = ['gt', 'lt', 'eq', 'ne'] as const;
export type TriggerOperator = (typeof TRIGGER_OPERATORS)[number];
export const SENTINEL_KINDS = ['Scheduled', 'NRT'] as const;
export type SentinelKind = (typeof SENTINEL_KINDS)[number];

export interface EntityMapping {
  /** Sentinel entity type: Account, Host, IP, File, Process, URL, … */
  entityType: string;
  fieldMappings: { identifier: string; columnName: string }[];
}

/** Microsoft Sentinel scheduling: how the analytics rule runs and when it alerts. */
export interface SentinelSettings {
  kind: SentinelKind;
  /** Overrides the severity derived from `level` (critical and high → High, …). */
  severity?: SentinelSeverity;
  /** `5m` … `14d`. */
  query_frequency: string;
  /** `5m` … `14d`, at least `query_frequency`. */
  query_period: string;
  trigger_operator: TriggerOperator;
  /** 0 … 10,000. */
  trigger_threshold: number;
  entity_mappings: EntityMapping[];
}

/** What a rule test expects of the rule's result on its events. */
export interface TestExpectation {
  /** Whether the rule returns at least one row. */
  match: boolean;
  /** The sub-detection that must produce the rows (a tabular `let` of the query). */
  subdetection?: string;
  /** Exactly this many result rows. */
  rows?: number;
}

/** A Panther-style rule test: events in, expectation out. */
export interface RuleTest {
  name: string;
  /** Events inline, as rows that name their table in `Type` (or `$table`), like the events panel accepts. */
  events?: Record<string, unknown>[];
  /** Or a JSON / NDJSON / CSV file next to the rule file. */
  events_file?: string;
  /** Table for rows that name none (a CSV without `Type`). */
  table?: string;
  /** The evaluation time (ISO 8601); default: just after the newest event, so `ago()` windows hold. */
  now?: string;
  expect: TestExpectation;
}

export interface Rule {
  title: string;
  /** A UUID, stable for the rule's life (Sentinel and Sigma both key rules by it). */
  id: string;
  status: RuleStatus;
  description: string;
  author: string;
  /** Created, `YYYY-MM-DD`. */
  date: string;
  /** Last changed, `YYYY-MM-DD`. */
  modified?: string;
  references: string[];
  level: Level;
  confidence: Confidence;
  attack: AttackMapping;
  /** Data sources as ATT&CK names them (`Process: Process Creation`), plus the product (`Microsoft Defender for Endpoint`). */
  data_sources: string[];
  /** Tables the query reads. Derived from the query when the file is written; never typed by hand. */
  tables: string[];
  falsepositives: string[];
  /** How to tune the rule for an environment (allow-lists, thresholds, …). */
  tuning: string;
  test_methodology: TestMethod[];
  related: RelatedRule[];
  query: string;
  sentinel: SentinelSettings;
  tests: RuleTest[];
}

/** A new, empty rule: every list empty, sensible Sentinel defaults, today's date. */
export function newRule(id: string, today: string, query = ''): Rule {
  return {
    title: '',
    id,
    status: 'experimental',
    description: '',
    author: '',
    date: today,
    references: [],
    level: 'medium',
    confidence: 'medium',
    attack: { tactics: [], techniques: [] },
    data_sources: [],
    tables: [],
    falsepositives: [],
    tuning: '',
    test_methodology: [],
    related: [],
    query,
    sentinel: { kind: 'Scheduled', query_frequency: '1h', query_period: '1h', trigger_operator: 'gt', trigger_threshold: 0, entity_mappings: [] },
    tests: [],
  };
}

/** Sentinel's severity for a Sigma level. */
export function sentinelSeverity(rule: Pick<Rule, 'level' | 'sentinel'>): SentinelSeverity {
  if (rule.sentinel.severity) return rule.sentinel.severity;
  switch (rule.level) {
    case 'critical':
    case 'high':
      return 'High';
    case 'medium':
      return 'Medium';
    case 'low':
      return 'Low';
    case 'informational':
      return 'Informational';
  }
}

/** A problem with one field of a rule: `path` is the field's key path (`falsepositives.2`, `attack.techniques.0`). */
export interface RuleIssue {
  readonly path: string;
  readonly severity: 'error' | 'warning';
  /** Stable code, `RB-RULE-…` or `RB-ATTACK-…`. */
  readonly code: string;
  readonly message: string;
}
