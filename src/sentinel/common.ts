/**
 * What the Sentinel YAML and ARM exports share: the problem type, ATT&CK v19 tactics mapped to the names Sentinel
 * accepts, the data connectors of the tables a query reads, and durations in ISO 8601.
 */
import { findTactic, LEGACY_TACTICS } from '../attack/tactics.ts';
import type { Rule } from '../rule/model.ts';
import { durationMinutes } from '../rule/validate.ts';
import type { TableSchema } from '../schema/types.ts';

/** A reason the rule cannot be deployed as it is (`error`), might not behave as hoped (`warning`), or was adapted (`info`). */
export interface SentinelProblem {
  /** The rule field it is about (`sentinel.query_period`, `attack.tactics.0`, `query`), as validateRule's paths. */
  readonly path: string;
  readonly severity: 'error' | 'warning' | 'info';
  /** `RB-RULE-…` for the checks shared with the rule form, `RB-SENTINEL-…` for the export's own. */
  readonly code: string;
  readonly message: string;
}

export interface SentinelExportOptions {
  /**
   * The loaded ATT&CK data, when there is one: then every technique's tactics are known and the export can insist
   * that one of them is listed, as Sentinel's own template validator does.
   */
  readonly catalog?: { readonly techniques: ReadonlyMap<string, { readonly tactics: readonly string[] }> } | null;
  /** The template's `version` (`X.Y.Z`); default 1.0.0. The Azure-Sentinel repository wants it raised on every change. */
  readonly version?: string;
}

export interface SentinelExport {
  /**
   * The file's text, always rendered so that it can be previewed. When `problems` holds an error the rule would be
   * refused by Sentinel (or misbehave there): callers must not offer it for deployment (see hasErrors).
   */
  readonly text: string;
  readonly problems: SentinelProblem[];
}

export function hasErrors(problems: readonly SentinelProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/**
 * The tactic names Sentinel accepts (its `AttackTactic` enum), by ATT&CK v19 short name. Sentinel's enum predates
 * v19: Stealth (TA0005, Defense Evasion's ID) and Defense Impairment both go to DefenseEvasion.
 */
export const SENTINEL_TACTIC_BY_SHORTNAME: Readonly<Record<string, string>> = {
  reconnaissance: 'Reconnaissance',
  'resource-development': 'ResourceDevelopment',
  'initial-access': 'InitialAccess',
  execution: 'Execution',
  persistence: 'Persistence',
  'privilege-escalation': 'PrivilegeEscalation',
  stealth: 'DefenseEvasion',
  'defense-impairment': 'DefenseEvasion',
  'defense-evasion': 'DefenseEvasion',
  'credential-access': 'CredentialAccess',
  discovery: 'Discovery',
  'lateral-movement': 'LateralMovement',
  collection: 'Collection',
  'command-and-control': 'CommandAndControl',
  exfiltration: 'Exfiltration',
  impact: 'Impact',
};

/** The Sentinel tactic for one value of `attack.tactics` (a short name, an ID, a name, or legacy defense-evasion). */
export function sentinelTactic(value: string): string | undefined {
  const key = value.trim().toLowerCase().replace(/[_\s]+/g, '-');
  if (Object.prototype.hasOwnProperty.call(LEGACY_TACTICS, key)) return SENTINEL_TACTIC_BY_SHORTNAME[key];
  const tactic = findTactic(value);
  return tactic ? SENTINEL_TACTIC_BY_SHORTNAME[tactic.shortname] : undefined;
}

/** The rule's tactics as Sentinel names them, unique, in the rule's order; with the problems of the mapping. */
export function sentinelTactics(rule: Pick<Rule, 'attack'>): { tactics: string[]; problems: SentinelProblem[] } {
  const tactics: string[] = [];
  const problems: SentinelProblem[] = [];
  rule.attack.tactics.forEach((value, i) => {
    const path = `attack.tactics.${i}`;
    const mapped = sentinelTactic(value);
    if (mapped === undefined) {
      problems.push({ path, severity: 'error', code: 'RB-SENTINEL-110', message: `"${value}" is not an ATT&CK tactic, so Sentinel has no tactic for it; use an ATT&CK short name such as collection.` });
      return;
    }
    const shortname = findTactic(value)?.shortname ?? value.trim().toLowerCase();
    if (shortname === 'stealth' || shortname === 'defense-impairment') {
      problems.push({
        path,
        severity: 'info',
        code: 'RB-SENTINEL-111',
        message: `${shortname} is exported as DefenseEvasion: Sentinel's tactic list predates ATT&CK v19, which split Defense Evasion into Stealth and Defense Impairment.`,
      });
    }
    if (!tactics.includes(mapped)) tactics.push(mapped);
  });
  return { tactics, problems };
}

/** `T1074.002` → `T1074`. */
export function parentTechnique(id: string): string {
  return id.trim().split('.')[0] as string;
}

/** Tables that the Microsoft Defender XDR connector does not stream to a Sentinel workspace. */
const NOT_STREAMED = /^DeviceTvm/;

export interface DataConnector {
  connectorId: string;
  dataTypes: string[];
}

/**
 * The `requiredDataConnectors` for the tables a query reads: Defender XDR tables come through
 * MicrosoftThreatProtection, SecurityEvent through SecurityEvents. Tables with no known connector are reported.
 */
export function requiredDataConnectors(tables: readonly string[], schema: readonly TableSchema[]): { connectors: DataConnector[]; problems: SentinelProblem[] } {
  const byConnector = new Map<string, string[]>();
  const problems: SentinelProblem[] = [];
  const add = (connectorId: string, table: string): void => {
    const list = byConnector.get(connectorId) ?? [];
    list.push(table);
    byConnector.set(connectorId, list);
  };
  for (const table of tables) {
    const origin = schema.find((t) => t.name === table)?.origin;
    if (table === 'SecurityEvent') add('SecurityEvents', table);
    else if (origin === 'defender') {
      add('MicrosoftThreatProtection', table);
      if (NOT_STREAMED.test(table)) {
        problems.push({ path: 'query', severity: 'warning', code: 'RB-SENTINEL-121', message: `${table} exists only in Defender advanced hunting; the Microsoft Defender XDR connector does not send it to Sentinel, so the rule will find no rows there.` });
      }
    } else {
      problems.push({ path: 'query', severity: 'warning', code: 'RB-SENTINEL-120', message: `Rulebench does not know which data connector fills ${table}; add it to requiredDataConnectors by hand.` });
    }
  }
  return { connectors: [...byConnector].map(([connectorId, dataTypes]) => ({ connectorId, dataTypes })), problems };
}

/** `5m` → `PT5M`, `1h` → `PT1H`, `1d` → `P1D` (ARM wants ISO 8601 durations); undefined when not in that form. */
export function isoDuration(text: string): string | undefined {
  if (durationMinutes(text) === undefined) return undefined;
  const n = Number(text.slice(0, -1));
  const unit = text.slice(-1);
  return unit === 'd' ? `P${n}D` : `PT${n}${unit.toUpperCase()}`;
}
