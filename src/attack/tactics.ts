/**
 * The 15 Enterprise ATT&CK v19 tactics, built in so that the rule form works without a downloaded bundle. Facts
 * only (IDs, names, short names, matrix order). v19 split Defense Evasion: TA0005 kept its ID and became Stealth,
 * and TA0112 Defense Impairment is new; rules still tagged `defense-evasion` are told so (LEGACY_TACTICS).
 */
export interface Tactic {
  /** `TA0009` */
  readonly id: string;
  /** `Collection` */
  readonly name: string;
  /** `collection`: the kill-chain phase name techniques and Sigma tags use. */
  readonly shortname: string;
}

export const V19_TACTICS: readonly Tactic[] = [
  { id: 'TA0043', name: 'Reconnaissance', shortname: 'reconnaissance' },
  { id: 'TA0042', name: 'Resource Development', shortname: 'resource-development' },
  { id: 'TA0001', name: 'Initial Access', shortname: 'initial-access' },
  { id: 'TA0002', name: 'Execution', shortname: 'execution' },
  { id: 'TA0003', name: 'Persistence', shortname: 'persistence' },
  { id: 'TA0004', name: 'Privilege Escalation', shortname: 'privilege-escalation' },
  { id: 'TA0005', name: 'Stealth', shortname: 'stealth' },
  { id: 'TA0112', name: 'Defense Impairment', shortname: 'defense-impairment' },
  { id: 'TA0006', name: 'Credential Access', shortname: 'credential-access' },
  { id: 'TA0007', name: 'Discovery', shortname: 'discovery' },
  { id: 'TA0008', name: 'Lateral Movement', shortname: 'lateral-movement' },
  { id: 'TA0009', name: 'Collection', shortname: 'collection' },
  { id: 'TA0011', name: 'Command and Control', shortname: 'command-and-control' },
  { id: 'TA0010', name: 'Exfiltration', shortname: 'exfiltration' },
  { id: 'TA0040', name: 'Impact', shortname: 'impact' },
];

/** Tactic short names that no longer exist, with what replaced them. */
export const LEGACY_TACTICS: Readonly<Record<string, { readonly replacedBy: readonly string[]; readonly note: string }>> = {
  'defense-evasion': {
    replacedBy: ['stealth', 'defense-impairment'],
    note: 'ATT&CK v19 split Defense Evasion into Stealth (TA0005, same ID) and Defense Impairment (TA0112)',
  },
};

/** `TA0009`, `collection`, `Collection` or `defense_evasion` → the tactic, or undefined. */
export function findTactic(value: string, tactics: readonly Tactic[] = V19_TACTICS): Tactic | undefined {
  const key = value.trim().toLowerCase().replace(/[_\s]+/g, '-');
  return tactics.find((t) => t.id.toLowerCase() === key || t.shortname === key || t.name.toLowerCase().replace(/\s+/g, '-') === key);
}

/** `T1074` or `T1074.002`. */
export const TECHNIQUE_ID = /^T\d{4}(?:\.\d{3})?$/;
