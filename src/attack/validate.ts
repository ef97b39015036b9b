/**
 * Checks a rule's ATT&CK mapping. Without a catalog only what the code knows is checked (ID shapes, the 15 built-in
 * v19 tactics, the Defense Evasion split); with a loaded catalog, techniques are checked against it too. Issues
 * carry a machine-readable `fix` so the form can offer it as one click.
 */
import type { AttackMapping, RuleIssue } from '../rule/model.ts';
import type { AttackCatalog, AttackTechnique } from './stix.ts';
import { findTactic, LEGACY_TACTICS, TECHNIQUE_ID, V19_TACTICS, type Tactic } from './tactics.ts';

/** A change to the mapping that resolves an issue. Exactly one field is set. */
export interface AttackFix {
  /** Add these tactic short names. */
  readonly addTactics?: readonly string[];
  /** Replace a technique ID by one or more others (a revoked technique by its replacements). */
  readonly replaceTechnique?: { readonly from: string; readonly to: readonly string[] };
  /** Replace a tactic value by one or more short names (a legacy or misspelt tactic). */
  readonly replaceTactic?: { readonly from: string; readonly to: readonly string[] };
  /** Remove a value listed twice (the later copy). */
  readonly removeTechnique?: string;
  readonly removeTactic?: string;
}

export interface AttackIssue extends RuleIssue {
  /** The mapping entry at `path`, as written. */
  readonly value: string;
  /** The usual fix, when there is one; `suggestFixes` lists every alternative. */
  readonly fix?: AttackFix;
}

/** A fix as the form offers it: a button label and the change. */
export interface SuggestedFix {
  readonly label: string;
  readonly fix: AttackFix;
}

function tacticsOf(catalog: AttackCatalog | null): readonly Tactic[] {
  return catalog?.tactics ?? V19_TACTICS;
}

function tacticName(shortname: string, catalog: AttackCatalog | null): string {
  return tacticsOf(catalog).find((t) => t.shortname === shortname)?.name ?? shortname;
}

function list(names: readonly string[], conjunction: 'and' | 'or'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

function normaliseTacticKey(value: string): string {
  return value.trim().toLowerCase().replace(/[_\s]+/g, '-');
}

function named(id: string, catalog: AttackCatalog): string {
  const technique = catalog.techniques.get(id);
  return technique ? `${id} (${technique.name})` : id;
}

/** The replacements of a legacy tactic that the rule's techniques actually belong to, in matrix order. */
function legacyTargets(replacedBy: readonly string[], mapping: AttackMapping, catalog: AttackCatalog | null): string[] {
  if (!catalog) return [];
  const wanted = new Set<string>();
  for (const id of mapping.techniques) {
    const technique = catalog.techniques.get(id.trim());
    for (const tactic of technique?.tactics ?? []) if (replacedBy.includes(tactic)) wanted.add(tactic);
  }
  return replacedBy.filter((t) => wanted.has(t));
}

/** Validates `rule.attack`; paths are `attack.tactics.N` and `attack.techniques.N`. */
export function validateAttackMapping(mapping: AttackMapping, catalog: AttackCatalog | null): AttackIssue[] {
  const issues: AttackIssue[] = [];
  const tactics = tacticsOf(catalog);
  const chosen = new Set<string>();

  mapping.tactics.forEach((value, index) => {
    const path = `attack.tactics.${index}`;
    const key = normaliseTacticKey(value);
    const legacy = Object.prototype.hasOwnProperty.call(LEGACY_TACTICS, key) ? LEGACY_TACTICS[key] : undefined;
    if (legacy && !tactics.some((t) => t.shortname === key)) {
      const targets = legacyTargets(legacy.replacedBy, mapping, catalog);
      const to = targets.length > 0 ? targets : [...legacy.replacedBy];
      const names = legacy.replacedBy.map((t) => `${tacticName(t, catalog)} (${t})`);
      issues.push({
        path,
        value,
        severity: 'warning',
        code: 'RB-ATTACK-103',
        message: `${value} is no longer an ATT&CK tactic: ${legacy.note}. Use ${list(names, 'or')}.`,
        fix: { replaceTactic: { from: value, to } },
      });
      return;
    }
    const tactic = findTactic(value, tactics);
    if (!tactic) {
      issues.push({ path, value, severity: 'error', code: 'RB-ATTACK-102', message: `${value} is not an ATT&CK tactic (for example collection or defense-impairment).` });
      return;
    }
    if (chosen.has(tactic.shortname)) {
      issues.push({ path, value, severity: 'warning', code: 'RB-ATTACK-109', message: `${tactic.name} is listed twice.`, fix: { removeTactic: value } });
      return;
    }
    chosen.add(tactic.shortname);
    if (value !== tactic.shortname) {
      issues.push({
        path,
        value,
        severity: 'warning',
        code: 'RB-ATTACK-108',
        message: `Write the tactic as ATT&CK's short name ${tactic.shortname} (${tactic.id} ${tactic.name}).`,
        fix: { replaceTactic: { from: value, to: [tactic.shortname] } },
      });
    }
  });

  const seenTechniques = new Set<string>();
  mapping.techniques.forEach((value, index) => {
    const path = `attack.techniques.${index}`;
    const id = value.trim();
    if (!TECHNIQUE_ID.test(id)) {
      issues.push({ path, value, severity: 'error', code: 'RB-ATTACK-101', message: `${value} is not a technique ID (T1234 or T1234.001).` });
      return;
    }
    if (seenTechniques.has(id)) {
      issues.push({ path, value, severity: 'warning', code: 'RB-ATTACK-110', message: `${id} is listed twice.`, fix: { removeTechnique: value } });
      return;
    }
    seenTechniques.add(id);
    if (!catalog) return;
    const technique = catalog.techniques.get(id);
    if (!technique) {
      issues.push({ path, value, severity: 'error', code: 'RB-ATTACK-104', message: `${id} is not a technique in ${catalog.label}.` });
      return;
    }
    if (technique.revoked) {
      const to = technique.replacedBy;
      issues.push({
        path,
        value,
        severity: 'warning',
        code: 'RB-ATTACK-105',
        message:
          to.length > 0
            ? `${id} was revoked in ATT&CK; use ${list(to.map((r) => named(r, catalog)), 'or')}`
            : `${id} was revoked in ATT&CK and has no current replacement`,
        ...(to.length > 0 ? { fix: { replaceTechnique: { from: value, to: to.slice(0, 1) } } } : {}),
      });
      return;
    }
    if (technique.deprecated) {
      issues.push({ path, value, severity: 'warning', code: 'RB-ATTACK-106', message: `${id} (${technique.name}) is deprecated in ATT&CK and has no replacement` });
      return;
    }
    if (technique.tactics.length > 0 && !technique.tactics.some((t) => chosen.has(t))) {
      const names = technique.tactics.map((t) => tacticName(t, catalog));
      const message =
        technique.tactics.length === 1
          ? `${id} belongs to ${names[0]}, which is not among the rule's tactics`
          : `${id} belongs to ${list(names, 'and')}, none of which is among the rule's tactics`;
      issues.push({ path, value, severity: 'error', code: 'RB-ATTACK-107', message, fix: { addTactics: technique.tactics.slice(0, 1) } });
    }
  });
  return issues;
}

/** Every fix the form can offer for an issue, the usual one first. */
export function suggestFixes(issue: AttackIssue, catalog: AttackCatalog | null): SuggestedFix[] {
  const fix = issue.fix;
  if (!fix) return [];
  if (fix.replaceTechnique) {
    const { from } = fix.replaceTechnique;
    const replacements = catalog?.techniques.get(from.trim())?.replacedBy ?? fix.replaceTechnique.to;
    return replacements.map((to) => ({ label: `Replace with ${to}`, fix: { replaceTechnique: { from, to: [to] } } }));
  }
  if (fix.addTactics) {
    const technique = issue.path.startsWith('attack.techniques.') ? catalog?.techniques.get(issue.value.trim()) : undefined;
    const all = technique && technique.tactics.length > 0 ? technique.tactics : fix.addTactics;
    return all.map((t) => ({ label: `Add tactic ${tacticName(t, catalog)}`, fix: { addTactics: [t] } }));
  }
  if (fix.replaceTactic) {
    const { from, to } = fix.replaceTactic;
    const key = normaliseTacticKey(from);
    const legacy = Object.prototype.hasOwnProperty.call(LEGACY_TACTICS, key) ? LEGACY_TACTICS[key] : undefined;
    const label = (targets: readonly string[]) => `Replace with ${list(targets.map((t) => tacticName(t, catalog)), 'and')}`;
    const fixes: SuggestedFix[] = [{ label: label(to), fix }];
    if (legacy && to.length === legacy.replacedBy.length) {
      // No technique decides between the replacements: offer each on its own as well.
      for (const single of legacy.replacedBy) fixes.push({ label: label([single]), fix: { replaceTactic: { from, to: [single] } } });
    }
    return fixes;
  }
  if (fix.removeTechnique !== undefined) return [{ label: `Remove the second ${fix.removeTechnique}`, fix }];
  if (fix.removeTactic !== undefined) return [{ label: `Remove the second ${fix.removeTactic}`, fix }];
  return [];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function replaceOnce(values: readonly string[], from: string, to: readonly string[], present: readonly string[]): string[] {
  const index = values.indexOf(from);
  if (index < 0) return [...values];
  const additions = to.filter((v) => !present.includes(v) || v === from);
  return unique([...values.slice(0, index), ...additions, ...values.slice(index + 1)]);
}

function removeLast(values: readonly string[], value: string): string[] {
  const index = values.lastIndexOf(value);
  return index < 0 ? [...values] : [...values.slice(0, index), ...values.slice(index + 1)];
}

/** The mapping with a fix applied; the input is not changed. */
export function applyAttackFix(mapping: AttackMapping, fix: AttackFix): AttackMapping {
  let { tactics, techniques } = mapping;
  if (fix.addTactics) tactics = unique([...tactics, ...fix.addTactics]);
  if (fix.replaceTactic) tactics = replaceOnce(tactics, fix.replaceTactic.from, fix.replaceTactic.to, tactics);
  if (fix.replaceTechnique) techniques = replaceOnce(techniques, fix.replaceTechnique.from, fix.replaceTechnique.to, techniques);
  if (fix.removeTechnique !== undefined) techniques = removeLast(techniques, fix.removeTechnique);
  if (fix.removeTactic !== undefined) tactics = removeLast(tactics, fix.removeTactic);
  return { tactics: [...tactics], techniques: [...techniques] };
}

/** Adds a technique and, when none of its tactics is chosen yet, the given (or its first) tactic. */
export function addTechnique(mapping: AttackMapping, technique: AttackTechnique, viaTactic?: string): AttackMapping {
  const techniques = mapping.techniques.includes(technique.id) ? [...mapping.techniques] : [...mapping.techniques, technique.id];
  const chosen = mapping.tactics.map((t) => findTactic(t)?.shortname ?? t);
  const hasOne = technique.tactics.some((t) => chosen.includes(t));
  const wanted = viaTactic !== undefined && technique.tactics.includes(viaTactic) ? viaTactic : technique.tactics[0];
  const tactics = !hasOne && wanted !== undefined && !mapping.tactics.includes(wanted) ? [...mapping.tactics, wanted] : [...mapping.tactics];
  return { tactics, techniques };
}
