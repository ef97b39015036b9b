import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAttackBundle, type AttackCatalog } from './stix.ts';
import { addTechnique, applyAttackFix, suggestFixes, validateAttackMapping, type AttackIssue } from './validate.ts';

function fixture(name: string): AttackCatalog {
  const { catalog } = parseAttackBundle(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8'));
  if (!catalog) throw new Error(`fixture ${name} did not load`);
  return catalog;
}

const catalogs: [string, AttackCatalog][] = [
  ['STIX 2.1', fixture('enterprise-attack-2.1.json')],
  ['STIX 2.0', fixture('enterprise-attack-2.0.json')],
];

function summary(issues: readonly AttackIssue[]) {
  return issues.map((i) => ({ path: i.path, severity: i.severity, code: i.code, message: i.message }));
}

describe('validateAttackMapping without a catalog', () => {
  it('accepts the built-in tactics and well-formed technique IDs it cannot check further', () => {
    expect(validateAttackMapping({ tactics: ['collection', 'defense-impairment'], techniques: ['T1074.002', 'T9999'] }, null)).toEqual([]);
  });

  it('reports malformed IDs, unknown tactics, spellings and duplicates', () => {
    const issues = validateAttackMapping({ tactics: ['collection', 'exfil', 'TA0010', 'Collection'], techniques: ['T174', 'T1074', 'T1074'] }, null);
    expect(summary(issues)).toEqual([
      { path: 'attack.tactics.1', severity: 'error', code: 'RB-ATTACK-102', message: 'exfil is not an ATT&CK tactic (for example collection or defense-impairment).' },
      { path: 'attack.tactics.2', severity: 'warning', code: 'RB-ATTACK-108', message: "Write the tactic as ATT&CK's short name exfiltration (TA0010 Exfiltration)." },
      { path: 'attack.tactics.3', severity: 'warning', code: 'RB-ATTACK-109', message: 'Collection is listed twice.' },
      { path: 'attack.techniques.0', severity: 'error', code: 'RB-ATTACK-101', message: 'T174 is not a technique ID (T1234 or T1234.001).' },
      { path: 'attack.techniques.2', severity: 'warning', code: 'RB-ATTACK-110', message: 'T1074 is listed twice.' },
    ]);
    expect(issues[1]?.fix).toEqual({ replaceTactic: { from: 'TA0010', to: ['exfiltration'] } });
  });

  it('warns about defense-evasion, naming both replacements, and offers each', () => {
    for (const legacy of ['defense-evasion', 'defense_evasion']) {
      const [issue, ...rest] = validateAttackMapping({ tactics: [legacy], techniques: [] }, null);
      expect(rest).toEqual([]);
      expect(issue).toMatchObject({ path: 'attack.tactics.0', severity: 'warning', code: 'RB-ATTACK-103', value: legacy });
      expect(issue?.message).toBe(
        `${legacy} is no longer an ATT&CK tactic: ATT&CK v19 split Defense Evasion into Stealth (TA0005, same ID) and Defense Impairment (TA0112). Use Stealth (stealth) or Defense Impairment (defense-impairment).`,
      );
      if (!issue) throw new Error('no issue');
      expect(suggestFixes(issue, null).map((f) => f.label)).toEqual([
        'Replace with Stealth and Defense Impairment',
        'Replace with Stealth',
        'Replace with Defense Impairment',
      ]);
    }
  });
});

describe.each(catalogs)('validateAttackMapping with a %s catalog', (_, catalog) => {
  it('accepts a correct mapping', () => {
    expect(validateAttackMapping({ tactics: ['collection'], techniques: ['T1074', 'T1074.002'] }, catalog)).toEqual([]);
  });

  it('reports an unknown technique', () => {
    expect(summary(validateAttackMapping({ tactics: ['collection'], techniques: ['T9999'] }, catalog))[0]).toMatchObject({
      path: 'attack.techniques.0',
      severity: 'error',
      code: 'RB-ATTACK-104',
      message: `T9999 is not a technique in ${catalog.label}.`,
    });
  });

  it('names the replacement of a revoked technique, following chains, and fixes it in one click', () => {
    const mapping = { tactics: ['defense-impairment'], techniques: ['T1562.001', 'T1089'] };
    const issues = validateAttackMapping(mapping, catalog);
    expect(issues.map((i) => i.message)).toEqual([
      'T1562.001 was revoked in ATT&CK; use T1685 (Disable or Modify Tools)',
      'T1089 was revoked in ATT&CK; use T1685 (Disable or Modify Tools)',
    ]);
    expect(issues.every((i) => i.severity === 'warning' && i.code === 'RB-ATTACK-105')).toBe(true);
    const [first] = issues;
    if (!first) throw new Error('no issue');
    const [fix] = suggestFixes(first, catalog);
    expect(fix).toEqual({ label: 'Replace with T1685', fix: { replaceTechnique: { from: 'T1562.001', to: ['T1685'] } } });
    const fixed = applyAttackFix(mapping, first.fix ?? {});
    expect(fixed).toEqual({ tactics: ['defense-impairment'], techniques: ['T1685', 'T1089'] });
    // The second revoked ID has the same replacement, which is now listed: replacing it removes the duplicate.
    const second = validateAttackMapping(fixed, catalog)[0];
    expect(applyAttackFix(fixed, second?.fix ?? {})).toEqual({ tactics: ['defense-impairment'], techniques: ['T1685'] });
  });

  it('offers every replacement of a technique revoked by two', () => {
    const [issue] = validateAttackMapping({ tactics: ['defense-impairment'], techniques: ['T1562'] }, catalog);
    expect(issue?.message).toBe('T1562 was revoked in ATT&CK; use T1685 (Disable or Modify Tools) or T1686 (Impair Command History Logging)');
    if (!issue) throw new Error('no issue');
    expect(suggestFixes(issue, catalog).map((f) => f.label)).toEqual(['Replace with T1685', 'Replace with T1686']);
  });

  it('warns about a deprecated technique without offering a replacement', () => {
    const [issue] = validateAttackMapping({ tactics: ['execution'], techniques: ['T1064'] }, catalog);
    expect(issue).toMatchObject({ severity: 'warning', code: 'RB-ATTACK-106', message: 'T1064 (Scripting) is deprecated in ATT&CK and has no replacement' });
    expect(issue?.fix).toBeUndefined();
    if (issue) expect(suggestFixes(issue, catalog)).toEqual([]);
  });

  it('reports a sub-technique whose tactic is not chosen, with the tactic to add', () => {
    const mapping = { tactics: ['exfiltration'], techniques: ['T1074.002'] };
    const [issue, ...rest] = validateAttackMapping(mapping, catalog);
    expect(rest).toEqual([]);
    expect(issue).toEqual({
      path: 'attack.techniques.0',
      value: 'T1074.002',
      severity: 'error',
      code: 'RB-ATTACK-107',
      message: "T1074.002 belongs to Collection, which is not among the rule's tactics",
      fix: { addTactics: ['collection'] },
    });
    if (!issue) throw new Error('no issue');
    expect(suggestFixes(issue, catalog)).toEqual([{ label: 'Add tactic Collection', fix: { addTactics: ['collection'] } }]);
    const fixed = applyAttackFix(mapping, issue.fix ?? {});
    expect(fixed).toEqual({ tactics: ['exfiltration', 'collection'], techniques: ['T1074.002'] });
    expect(validateAttackMapping(fixed, catalog)).toEqual([]);
  });

  it('offers each tactic of a technique in two tactics', () => {
    const [issue] = validateAttackMapping({ tactics: [], techniques: ['T1564'] }, catalog);
    expect(issue?.message).toBe("T1564 belongs to Stealth and Defense Impairment, none of which is among the rule's tactics");
    if (!issue) throw new Error('no issue');
    expect(suggestFixes(issue, catalog).map((f) => f.label)).toEqual(['Add tactic Stealth', 'Add tactic Defense Impairment']);
  });

  it('moves a v18 Defense Evasion rule to Stealth, the tactic its technique now belongs to', () => {
    const mapping = { tactics: ['defense-evasion'], techniques: ['T1070.004'] };
    const issues = validateAttackMapping(mapping, catalog);
    expect(summary(issues).map((i) => `${i.path} ${i.code}`)).toEqual(['attack.tactics.0 RB-ATTACK-103', 'attack.techniques.0 RB-ATTACK-107']);
    expect(issues[1]?.message).toBe("T1070.004 belongs to Stealth, which is not among the rule's tactics");
    const legacy = issues[0];
    if (!legacy) throw new Error('no issue');
    expect(legacy.fix).toEqual({ replaceTactic: { from: 'defense-evasion', to: ['stealth'] } });
    expect(suggestFixes(legacy, catalog).map((f) => f.label)).toEqual(['Replace with Stealth']);
    const fixed = applyAttackFix(mapping, legacy.fix ?? {});
    expect(fixed).toEqual({ tactics: ['stealth'], techniques: ['T1070.004'] });
    expect(validateAttackMapping(fixed, catalog)).toEqual([]);
  });

  it('replaces defense-evasion by both tactics when the techniques need both', () => {
    const mapping = { tactics: ['collection', 'defense-evasion'], techniques: ['T1070.004', 'T1685'] };
    const legacy = validateAttackMapping(mapping, catalog)[0];
    expect(legacy?.fix).toEqual({ replaceTactic: { from: 'defense-evasion', to: ['stealth', 'defense-impairment'] } });
    const fixed = applyAttackFix(mapping, legacy?.fix ?? {});
    expect(fixed.tactics).toEqual(['collection', 'stealth', 'defense-impairment']);
    expect(validateAttackMapping(fixed, catalog)).toEqual([]);
  });
});

describe('addTechnique', () => {
  const catalog = catalogs[0]?.[1];
  if (!catalog) throw new Error('fixture');
  const staging = catalog.techniques.get('T1074.002');
  const hide = catalog.techniques.get('T1564');
  if (!staging || !hide) throw new Error('fixture');

  it('adds the technique and its tactic when no tactic of it is chosen', () => {
    expect(addTechnique({ tactics: [], techniques: [] }, staging)).toEqual({ tactics: ['collection'], techniques: ['T1074.002'] });
    expect(addTechnique({ tactics: ['collection'], techniques: ['T1074.002'] }, staging)).toEqual({ tactics: ['collection'], techniques: ['T1074.002'] });
  });

  it('adds the tactic it was chosen under', () => {
    expect(addTechnique({ tactics: [], techniques: [] }, hide, 'defense-impairment')).toEqual({ tactics: ['defense-impairment'], techniques: ['T1564'] });
    expect(addTechnique({ tactics: ['stealth'], techniques: [] }, hide, 'defense-impairment')).toEqual({ tactics: ['stealth'], techniques: ['T1564'] });
  });

  it('applies removal fixes to the later copy', () => {
    expect(applyAttackFix({ tactics: ['a', 'b', 'a'], techniques: ['T1', 'T2', 'T1'] }, { removeTechnique: 'T1' })).toEqual({ tactics: ['a', 'b', 'a'], techniques: ['T1', 'T2'] });
    expect(applyAttackFix({ tactics: ['a', 'b', 'a'], techniques: [] }, { removeTactic: 'a' }).tactics).toEqual(['a', 'b']);
  });
});
