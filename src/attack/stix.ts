/**
 * Reads MITRE's official ATT&CK STIX bundle (STIX 2.0 from mitre/cti, STIX 2.1 from attack-stix-data) into the
 * small catalog the rule form needs. Rulebench ships no ATT&CK data: the bundle is downloaded or imported by the
 * user, so it is untrusted input. Every field is shape-checked, ID maps are Maps (a technique ID such as
 * `__proto__` can never reach an object prototype), and malformed objects are skipped and counted, not fatal.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { TECHNIQUE_ID, V19_TACTICS, type Tactic } from './tactics.ts';

/** Bundles larger than this are refused before parsing (the Enterprise bundle is about 45 MB). */
export const MAX_BUNDLE_BYTES = 100 * 1024 * 1024;

export interface AttackTechnique {
  /** `T1074.002` */
  readonly id: string;
  readonly name: string;
  /** Tactic short names (`collection`), in matrix order. */
  readonly tactics: readonly string[];
  /** `T1074` for `T1074.002`; null for a technique. */
  readonly parent: string | null;
  readonly isSubtechnique: boolean;
  /** The canonical page, built from the ID (a URL from the bundle is never rendered). */
  readonly url: string;
  readonly revoked: boolean;
  /** For a revoked technique: the current techniques that replace it, revoked-by chains followed to their end. */
  readonly replacedBy: readonly string[];
  /** Deprecated techniques have no replacement. */
  readonly deprecated: boolean;
}

export interface AttackCatalog {
  /** `19.1`, or null when the bundle does not say. */
  readonly version: string | null;
  /** What the UI shows: `ATT&CK v19.1` (or `ATT&CK (version not stated)`). */
  readonly label: string;
  /** `2.0` or `2.1`. */
  readonly specVersion: string;
  /** Tactics in matrix order. */
  readonly tactics: readonly Tactic[];
  /** Every technique and sub-technique with a mitre-attack ID, revoked and deprecated ones included. */
  readonly techniques: ReadonlyMap<string, AttackTechnique>;
}

export interface ParsedAttackBundle {
  readonly catalog: AttackCatalog | null;
  readonly diagnostics: Diagnostic[];
}

const KILL_CHAIN = 'mitre-attack';
const TACTIC_ID = /^TA\d{4}$/;
const SHORTNAME = /^[a-z][a-z0-9-]{0,63}$/;
const VERSION = /^\d{1,3}(?:\.\d{1,3}){0,2}$/;
/** Names are shown as text; a cap keeps a hostile bundle from flooding the picker. */
const MAX_NAME = 200;
/** One diagnostic per kind of malformed object, with a count, not one per object. */
const MAX_EXAMPLES = 3;

/** `https://attack.mitre.org/techniques/T1074/002/` */
export function techniqueUrl(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}

/** `https://attack.mitre.org/tactics/TA0009/` */
export function tacticUrl(id: string): string {
  return `https://attack.mitre.org/tactics/${id}/`;
}

function refuse(message: string, code = 'RB-ATTACK-001'): ParsedAttackBundle {
  return { catalog: null, diagnostics: [{ code, severity: 'error', message }] };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (typeof value === 'object') {
    const type = (value as Record<string, unknown>).type;
    if (typeof type === 'string') return `an object with "type": ${JSON.stringify(type.slice(0, 40))}`;
    const keys = Object.keys(value).slice(0, 5);
    return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}`;
  }
  return `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(record: Record<string, unknown>, key: string): string | undefined {
  // Own properties only: a key inherited from Object.prototype is not data.
  if (!Object.prototype.hasOwnProperty.call(record, key)) return undefined;
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

/** The `mitre-attack` external ID (`T1074.002`, `TA0009`, `enterprise-attack`) of a STIX object. */
function attackId(record: Record<string, unknown>): string | undefined {
  const refs = record.external_references;
  if (!Array.isArray(refs)) return undefined;
  for (const ref of refs as unknown[]) {
    if (isRecord(ref) && str(ref, 'source_name') === KILL_CHAIN) {
      const id = str(ref, 'external_id');
      if (id !== undefined) return id;
    }
  }
  return undefined;
}

function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME);
}

class Skipped {
  private readonly counts = new Map<string, { count: number; examples: string[] }>();
  add(reason: string, example: string): void {
    const entry = this.counts.get(reason) ?? { count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < MAX_EXAMPLES) entry.examples.push(example.slice(0, 80));
    this.counts.set(reason, entry);
  }
  diagnostics(): Diagnostic[] {
    return [...this.counts].map(([reason, { count, examples }]) => ({
      code: 'RB-ATTACK-010',
      severity: 'warning' as const,
      message: `Skipped ${count} ${count === 1 ? 'object' : 'objects'}: ${reason} (${examples.join(', ')}${count > examples.length ? ', …' : ''})`,
    }));
  }
}

interface RawTechnique {
  readonly stixId: string;
  readonly id: string;
  readonly name: string;
  readonly phases: readonly string[];
  readonly isSubtechnique: boolean;
  readonly revoked: boolean;
  readonly deprecated: boolean;
}

/** Prefers the current object when a bundle holds two with one ATT&CK ID (an old revoked copy and its successor). */
function better(a: RawTechnique, b: RawTechnique): RawTechnique {
  const rank = (t: RawTechnique) => (t.revoked ? 2 : 0) + (t.deprecated ? 1 : 0);
  return rank(b) < rank(a) ? b : a;
}

/**
 * Parses an ATT&CK STIX bundle. Returns no catalog, and an error saying what was found instead, when the text is
 * not JSON, not a STIX bundle, or a bundle without Enterprise ATT&CK techniques.
 */
export function parseAttackBundle(text: string): ParsedAttackBundle {
  if (text.length > MAX_BUNDLE_BYTES) {
    return refuse(`The ATT&CK bundle is ${(text.length / 1024 / 1024).toFixed(0)} MB; bundles over 100 MB are refused.`, 'RB-ATTACK-002');
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    const start = text.trimStart().slice(0, 1);
    const hint = start === '<' ? ' It looks like HTML (a web page, not the bundle file).' : '';
    return refuse(`This is not JSON, so not a STIX bundle: ${error instanceof Error ? error.message : String(error)}.${hint}`);
  }
  if (!isRecord(root) || str(root, 'type') !== 'bundle' || !Array.isArray(root.objects)) {
    return refuse(`Expected a STIX bundle (a JSON object with "type": "bundle" and an "objects" list) but found ${describe(root)}.`);
  }
  const objects = root.objects as unknown[];
  const skipped = new Skipped();
  const diagnostics: Diagnostic[] = [];

  const tacticsByStixId = new Map<string, Tactic>();
  const tacticsByShortname = new Map<string, Tactic>();
  const matrices: { id: string | undefined; refs: string[]; deprecated: boolean }[] = [];
  const rawByStixId = new Map<string, RawTechnique>();
  const revokedBy = new Map<string, string[]>();
  const killChainsSeen = new Set<string>();
  let collectionVersion: string | undefined;
  let identityVersion: string | undefined;
  let objectSpec: string | undefined;

  for (const object of objects) {
    if (!isRecord(object)) {
      skipped.add('not a JSON object', describe(object));
      continue;
    }
    const type = str(object, 'type');
    const stixId = str(object, 'id');
    objectSpec ??= str(object, 'spec_version');
    switch (type) {
      case 'x-mitre-collection': {
        const version = str(object, 'x_mitre_version');
        if (version !== undefined && VERSION.test(version)) collectionVersion ??= version;
        break;
      }
      case 'identity': {
        const version = str(object, 'x_mitre_version');
        if (version !== undefined && VERSION.test(version)) identityVersion ??= version;
        break;
      }
      case 'x-mitre-tactic': {
        const id = attackId(object);
        const shortname = str(object, 'x_mitre_shortname');
        const name = str(object, 'name');
        if (!stixId || !id || !TACTIC_ID.test(id) || !shortname || !SHORTNAME.test(shortname) || !name) {
          skipped.add('a tactic without a TA ID, short name or name', stixId ?? id ?? 'x-mitre-tactic');
          break;
        }
        if (object.revoked === true || object.x_mitre_deprecated === true) break;
        const tactic: Tactic = { id, name: cleanName(name), shortname };
        tacticsByStixId.set(stixId, tactic);
        tacticsByShortname.set(shortname, tactic);
        break;
      }
      case 'x-mitre-matrix': {
        const refs = Array.isArray(object.tactic_refs) ? (object.tactic_refs as unknown[]).filter((r): r is string => typeof r === 'string') : [];
        matrices.push({ id: attackId(object), refs, deprecated: object.revoked === true || object.x_mitre_deprecated === true });
        break;
      }
      case 'attack-pattern': {
        const id = attackId(object);
        const name = str(object, 'name');
        if (!stixId || !id || !name) {
          // ATT&CK bundles also hold attack-patterns of other sources (CAPEC): no mitre-attack ID, not ours.
          if (id !== undefined || name === undefined) skipped.add('a technique without an ID or name', stixId ?? id ?? 'attack-pattern');
          break;
        }
        if (!TECHNIQUE_ID.test(id)) {
          skipped.add('a technique whose ID is not T1234 or T1234.001', id);
          break;
        }
        const phases: string[] = [];
        if (Array.isArray(object.kill_chain_phases)) {
          for (const phase of object.kill_chain_phases as unknown[]) {
            if (!isRecord(phase)) continue;
            const chain = str(phase, 'kill_chain_name');
            const phaseName = str(phase, 'phase_name');
            if (chain !== undefined) killChainsSeen.add(chain.slice(0, 40));
            if (chain === KILL_CHAIN && phaseName !== undefined && SHORTNAME.test(phaseName) && !phases.includes(phaseName)) phases.push(phaseName);
          }
        }
        const revoked = object.revoked === true;
        const raw: RawTechnique = {
          stixId,
          id,
          name: cleanName(name),
          phases,
          isSubtechnique: object.x_mitre_is_subtechnique === true || id.includes('.'),
          revoked,
          deprecated: object.x_mitre_deprecated === true,
        };
        rawByStixId.set(stixId, raw);
        break;
      }
      case 'relationship': {
        if (str(object, 'relationship_type') !== 'revoked-by') break;
        const source = str(object, 'source_ref');
        const target = str(object, 'target_ref');
        if (!source || !target) {
          skipped.add('a revoked-by relationship without source_ref or target_ref', stixId ?? 'relationship');
          break;
        }
        const targets = revokedBy.get(source) ?? [];
        if (!targets.includes(target)) targets.push(target);
        revokedBy.set(source, targets);
        break;
      }
      default:
        break;
    }
  }

  // Mobile and ICS bundles use their own kill chains (mitre-mobile-attack, mitre-ics-attack): not Enterprise.
  const enterprise = [...rawByStixId.values()].some((t) => t.phases.length > 0) || !([...killChainsSeen].some((c) => c !== KILL_CHAIN));
  if (rawByStixId.size === 0 || !enterprise) {
    const chains = [...killChainsSeen].filter((c) => c !== KILL_CHAIN);
    const why =
      chains.length > 0
        ? `its techniques belong to ${chains.map((c) => JSON.stringify(c)).join(', ')}, not Enterprise ATT&CK ("mitre-attack"); use the Enterprise bundle (enterprise-attack.json)`
        : `it has ${objects.length} ${objects.length === 1 ? 'object' : 'objects'} but no ATT&CK techniques (attack-pattern objects with a "mitre-attack" ID)`;
    return { catalog: null, diagnostics: [{ code: 'RB-ATTACK-003', severity: 'error', message: `This STIX bundle is not ATT&CK data: ${why}.` }, ...skipped.diagnostics()] };
  }

  // Tactics in matrix order: the Enterprise matrix when there are several, else the first current one.
  let tactics: Tactic[] = [];
  const matrix = matrices.find((m) => m.id === 'enterprise-attack' && !m.deprecated) ?? matrices.find((m) => !m.deprecated);
  if (matrix) {
    const seen = new Set<string>();
    for (const ref of matrix.refs) {
      const tactic = tacticsByStixId.get(ref);
      if (tactic && !seen.has(tactic.shortname)) {
        seen.add(tactic.shortname);
        tactics.push(tactic);
      }
    }
  }
  if (tactics.length === 0 && tacticsByShortname.size > 0) {
    // No matrix: order by the built-in v19 order where known, new tactics after them by ID.
    const builtIn = (t: Tactic) => {
      const index = V19_TACTICS.findIndex((b) => b.shortname === t.shortname);
      return index < 0 ? V19_TACTICS.length : index;
    };
    tactics = [...tacticsByShortname.values()].sort((a, b) => builtIn(a) - builtIn(b) || a.id.localeCompare(b.id));
    diagnostics.push({ code: 'RB-ATTACK-011', severity: 'warning', message: 'The bundle has no ATT&CK matrix (x-mitre-matrix); tactics are shown in the usual ATT&CK order.' });
  }
  if (tactics.length === 0) {
    tactics = [...V19_TACTICS];
    diagnostics.push({ code: 'RB-ATTACK-012', severity: 'warning', message: 'The bundle has no ATT&CK tactics (x-mitre-tactic); the built-in ATT&CK v19 tactics are used.' });
  }
  const tacticOrder = new Map(tactics.map((t, i) => [t.shortname, i]));

  // One object per ATT&CK ID.
  const byId = new Map<string, RawTechnique>();
  for (const raw of rawByStixId.values()) {
    const existing = byId.get(raw.id);
    byId.set(raw.id, existing ? better(existing, raw) : raw);
  }

  /** Current replacements of a revoked object: chains followed, cycles and dead ends dropped. */
  const replacements = (stixId: string): string[] => {
    const found: string[] = [];
    const visited = new Set<string>([stixId]);
    const queue = [...(revokedBy.get(stixId) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift();
      if (next === undefined || visited.has(next)) continue;
      visited.add(next);
      const target = rawByStixId.get(next);
      if (!target) continue;
      if (target.revoked) queue.push(...(revokedBy.get(next) ?? []));
      else if (!found.includes(target.id)) found.push(target.id);
    }
    return found;
  };

  const techniques = new Map<string, AttackTechnique>();
  let unknownPhases = 0;
  for (const raw of [...byId.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const known = raw.phases.filter((p) => tacticOrder.has(p));
    if (known.length < raw.phases.length) unknownPhases++;
    known.sort((a, b) => (tacticOrder.get(a) ?? 0) - (tacticOrder.get(b) ?? 0));
    techniques.set(raw.id, {
      id: raw.id,
      name: raw.name,
      tactics: known,
      parent: raw.id.includes('.') ? (raw.id.split('.')[0] ?? null) : null,
      isSubtechnique: raw.isSubtechnique,
      url: techniqueUrl(raw.id),
      revoked: raw.revoked,
      replacedBy: raw.revoked ? replacements(raw.stixId) : [],
      deprecated: raw.deprecated,
    });
  }
  if (unknownPhases > 0) {
    diagnostics.push({
      code: 'RB-ATTACK-013',
      severity: 'warning',
      message: `${unknownPhases} ${unknownPhases === 1 ? 'technique names a tactic' : 'techniques name tactics'} that the bundle's matrix does not have; those tactics are left out.`,
    });
  }

  const specVersion = str(root, 'spec_version') ?? objectSpec ?? '2.1';
  const version = collectionVersion ?? identityVersion ?? null;
  const catalog: AttackCatalog = {
    version,
    label: version ? `ATT&CK v${version}` : 'ATT&CK (version not stated)',
    specVersion,
    tactics,
    techniques,
  };
  return { catalog, diagnostics: [...diagnostics, ...skipped.diagnostics()] };
}

/** Current (not revoked, not deprecated) techniques of a tactic, each sub-technique right after its parent. */
export function techniquesByTactic(catalog: AttackCatalog, shortname: string): AttackTechnique[] {
  return [...catalog.techniques.values()]
    .filter((t) => !t.revoked && !t.deprecated && t.tactics.includes(shortname))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export interface SearchOptions {
  /** At most this many results (default 40). */
  readonly limit?: number;
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/** Lower is better; undefined when the technique does not match. */
function score(technique: AttackTechnique, query: string, queryWords: readonly string[]): number | undefined {
  const id = technique.id.toLowerCase();
  const idQuery = /^\d/.test(query) ? `t${query}` : query;
  if (id === idQuery) return 0;
  if (/^t\d/.test(idQuery) && id.startsWith(idQuery)) return 1 + (id.length - idQuery.length) / 100;
  if (queryWords.length === 0) return undefined;
  const name = technique.name.toLowerCase();
  const nameWords = words(name);
  if (!queryWords.every((q) => nameWords.some((w) => w.startsWith(q)) || name.includes(q))) return undefined;
  const whole = queryWords.filter((q) => nameWords.includes(q)).length;
  const starts = name.startsWith(query) ? 0 : 1;
  return 2 + starts + (queryWords.length - whole) / (queryWords.length + 1);
}

/**
 * Current techniques matching an ID prefix (`T1074`, `1074.0`) or the words of a name (`remote stag`), best first.
 * Matching sub-techniques follow their parent; a sub-technique whose parent does not match is ranked on its own.
 */
export function searchTechniques(catalog: AttackCatalog, query: string, options: SearchOptions = {}): AttackTechnique[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const queryWords = words(q);
  const scored = new Map<string, number>();
  for (const technique of catalog.techniques.values()) {
    // Revoked and deprecated techniques are offered only when asked for by their exact ID.
    if ((technique.revoked || technique.deprecated) && technique.id.toLowerCase() !== q) continue;
    const s = score(technique, q, queryWords);
    if (s !== undefined) scored.set(technique.id, s);
  }
  const groups = new Map<string, { best: number; members: AttackTechnique[] }>();
  for (const [id, s] of scored) {
    const technique = catalog.techniques.get(id);
    if (!technique) continue;
    const key = technique.parent !== null && scored.has(technique.parent) ? technique.parent : id;
    const group = groups.get(key) ?? { best: Infinity, members: [] };
    group.best = Math.min(group.best, s);
    group.members.push(technique);
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(([a, ga], [b, gb]) => ga.best - gb.best || a.localeCompare(b));
  const results = ordered.flatMap(([, g]) => g.members.sort((a, b) => a.id.localeCompare(b.id)));
  return results.slice(0, options.limit ?? 40);
}

/** A technique's display name: sub-techniques with their parent's (`Data Staged: Remote Data Staging`). */
export function techniqueDisplayName(catalog: AttackCatalog, technique: AttackTechnique): string {
  const parent = technique.parent !== null ? catalog.techniques.get(technique.parent) : undefined;
  return parent ? `${parent.name}: ${technique.name}` : technique.name;
}
