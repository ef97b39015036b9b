import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_BUNDLE_BYTES, parseAttackBundle, searchTechniques, techniqueDisplayName, techniquesByTactic, type AttackCatalog } from './stix.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const text21 = readFileSync(join(FIXTURES, 'enterprise-attack-2.1.json'), 'utf8');
const text20 = readFileSync(join(FIXTURES, 'enterprise-attack-2.0.json'), 'utf8');

function load(text: string): AttackCatalog {
  const { catalog, diagnostics } = parseAttackBundle(text);
  expect(diagnostics).toEqual([]);
  if (!catalog) throw new Error('no catalog');
  return catalog;
}

function bundle(objects: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'bundle', id: 'bundle--1', ...extra, objects });
}

function technique(id: string, name: string, phases: string[], extra: Record<string, unknown> = {}) {
  return {
    type: 'attack-pattern',
    id: `attack-pattern--${id}`,
    name,
    external_references: [{ source_name: 'mitre-attack', external_id: id }],
    kill_chain_phases: phases.map((p) => ({ kill_chain_name: 'mitre-attack', phase_name: p })),
    ...extra,
  };
}

function revokedBy(source: string, target: string) {
  return { type: 'relationship', id: `relationship--${source}-${target}`, relationship_type: 'revoked-by', source_ref: `attack-pattern--${source}`, target_ref: `attack-pattern--${target}` };
}

describe('parseAttackBundle', () => {
  it('reads a STIX 2.1 bundle: version from the collection, tactics in matrix order, techniques', () => {
    const catalog = load(text21);
    expect(catalog.label).toBe('ATT&CK v19.1');
    expect(catalog.version).toBe('19.1');
    expect(catalog.specVersion).toBe('2.1');
    expect(catalog.tactics.map((t) => t.shortname)).toEqual(['execution', 'stealth', 'defense-impairment', 'discovery', 'collection', 'exfiltration']);
    expect(catalog.tactics[4]).toEqual({ id: 'TA0009', name: 'Collection', shortname: 'collection' });
    expect(catalog.techniques.get('T1074.002')).toEqual({
      id: 'T1074.002',
      name: 'Remote Data Staging',
      tactics: ['collection'],
      parent: 'T1074',
      isSubtechnique: true,
      url: 'https://attack.mitre.org/techniques/T1074/002/',
      revoked: false,
      replacedBy: [],
      deprecated: false,
    });
    // The CAPEC pattern has no mitre-attack ID and is not a technique.
    expect([...catalog.techniques.keys()].every((id) => id.startsWith('T'))).toBe(true);
  });

  it('reads the same content from a STIX 2.0 bundle', () => {
    const catalog20 = load(text20);
    const catalog21 = load(text21);
    expect(catalog20.specVersion).toBe('2.0');
    expect(catalog20.version).toBeNull();
    expect(catalog20.label).toBe('ATT&CK (version not stated)');
    expect(catalog20.tactics).toEqual(catalog21.tactics);
    expect([...catalog20.techniques.values()]).toEqual([...catalog21.techniques.values()]);
  });

  it('follows revoked-by chains to the current technique', () => {
    const catalog = load(text21);
    expect(catalog.techniques.get('T1089')).toMatchObject({ revoked: true, replacedBy: ['T1685'] });
    expect(catalog.techniques.get('T1562.001')).toMatchObject({ revoked: true, replacedBy: ['T1685'] });
    expect(catalog.techniques.get('T1562')?.replacedBy).toEqual(['T1685', 'T1686']);
    expect(catalog.techniques.get('T1064')).toMatchObject({ deprecated: true, revoked: false, replacedBy: [] });
  });

  it('survives revoked-by cycles and dead ends', () => {
    const { catalog } = parseAttackBundle(
      bundle([
        technique('T1001', 'A', [], { revoked: true }),
        technique('T1002', 'B', [], { revoked: true }),
        technique('T1003', 'C', [], { revoked: true }),
        revokedBy('T1001', 'T1002'),
        revokedBy('T1002', 'T1001'),
        revokedBy('T1003', 'T9999'),
        technique('T1004', 'D', ['collection']),
      ]),
    );
    expect(catalog?.techniques.get('T1001')?.replacedBy).toEqual([]);
    expect(catalog?.techniques.get('T1003')?.replacedBy).toEqual([]);
  });

  it('takes the version from the identity when there is no collection, and the tactics from the built-in list when the bundle has none', () => {
    const { catalog, diagnostics } = parseAttackBundle(
      bundle([{ type: 'identity', id: 'identity--1', name: 'The MITRE Corporation', x_mitre_version: '18.1' }, technique('T1074', 'Data Staged', ['collection'])], { spec_version: '2.0' }),
    );
    expect(catalog?.label).toBe('ATT&CK v18.1');
    expect(catalog?.tactics).toHaveLength(15);
    expect(diagnostics.map((d) => d.code)).toEqual(['RB-ATTACK-012']);
  });

  it('orders tactics without a matrix by the usual ATT&CK order', () => {
    const tactic = (id: string, name: string, shortname: string) => ({
      type: 'x-mitre-tactic', id: `x-mitre-tactic--${id}`, name, x_mitre_shortname: shortname, external_references: [{ source_name: 'mitre-attack', external_id: id }],
    });
    const { catalog, diagnostics } = parseAttackBundle(
      bundle([tactic('TA0009', 'Collection', 'collection'), tactic('TA0002', 'Execution', 'execution'), technique('T1074', 'Data Staged', ['collection', 'nowhere'])]),
    );
    expect(catalog?.tactics.map((t) => t.id)).toEqual(['TA0002', 'TA0009']);
    expect(catalog?.techniques.get('T1074')?.tactics).toEqual(['collection']);
    expect(diagnostics.map((d) => d.code)).toEqual(['RB-ATTACK-011', 'RB-ATTACK-013']);
  });

  it('refuses text that is not JSON, saying what it found', () => {
    const { catalog, diagnostics } = parseAttackBundle('<!DOCTYPE html><html>404</html>');
    expect(catalog).toBeNull();
    expect(diagnostics[0]?.severity).toBe('error');
    expect(diagnostics[0]?.message).toMatch(/^This is not JSON, so not a STIX bundle: .* It looks like HTML/);
  });

  it.each([
    ['[1,2]', 'found an array of 2 items'],
    ['{"type":"indicator","objects":[]}', 'found an object with "type": "indicator"'],
    ['{"tactics":[],"techniques":[]}', 'found an object with keys "tactics", "techniques"'],
    ['42', 'found a number'],
    ['null', 'found null'],
  ])('refuses %s as not a STIX bundle', (text, found) => {
    const { catalog, diagnostics } = parseAttackBundle(text);
    expect(catalog).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toContain(found);
    expect(diagnostics[0]?.message).toContain('Expected a STIX bundle');
  });

  it('refuses a bundle without ATT&CK techniques, and a Mobile bundle', () => {
    const empty = parseAttackBundle(bundle([{ type: 'indicator', id: 'indicator--1' }]));
    expect(empty.catalog).toBeNull();
    expect(empty.diagnostics[0]?.message).toBe('This STIX bundle is not ATT&CK data: it has 1 object but no ATT&CK techniques (attack-pattern objects with a "mitre-attack" ID).');
    const mobile = parseAttackBundle(
      bundle([{ ...technique('T1404', 'Exploitation for Privilege Escalation', []), kill_chain_phases: [{ kill_chain_name: 'mitre-mobile-attack', phase_name: 'privilege-escalation' }] }]),
    );
    expect(mobile.catalog).toBeNull();
    expect(mobile.diagnostics[0]?.message).toContain('"mitre-mobile-attack", not Enterprise ATT&CK');
  });

  it('refuses a text over 100 MB without parsing it', () => {
    const huge = { length: MAX_BUNDLE_BYTES + 1 } as unknown as string; // only the length is read before refusing
    const { catalog, diagnostics } = parseAttackBundle(huge);
    expect(catalog).toBeNull();
    expect(diagnostics[0]?.code).toBe('RB-ATTACK-002');
  });

  it('skips malformed objects with one counted warning each, and is immune to prototype keys', () => {
    const { catalog, diagnostics } = parseAttackBundle(
      bundle([
        'not an object',
        7,
        technique('T1074', 'Data Staged', ['collection']),
        { ...technique('T1074', 'x', []), id: 'attack-pattern--other', external_references: [{ source_name: 'mitre-attack', external_id: '__proto__' }] },
        { type: 'attack-pattern', id: 'attack-pattern--noname', external_references: [{ source_name: 'mitre-attack', external_id: 'T1111' }] },
        { type: 'x-mitre-tactic', id: 'x-mitre-tactic--bad', name: 'Bad', x_mitre_shortname: 'constructor', external_references: [{ source_name: 'mitre-attack', external_id: 'TA9' }] },
        { type: 'relationship', id: 'relationship--x', relationship_type: 'revoked-by', source_ref: '__proto__' },
        { type: 'attack-pattern', id: 'attack-pattern--__proto__', name: 'constructor', ['__proto__']: { polluted: true } },
      ]),
    );
    expect(catalog?.techniques.size).toBe(1);
    expect(diagnostics.filter((d) => d.code === 'RB-ATTACK-010').map((d) => d.message)).toEqual([
      'Skipped 2 objects: not a JSON object (a string, a number)',
      "Skipped 1 object: a technique whose ID is not T1234 or T1234.001 (__proto__)",
      'Skipped 1 object: a technique without an ID or name (attack-pattern--noname)',
      'Skipped 1 object: a tactic without a TA ID, short name or name (x-mitre-tactic--bad)',
      'Skipped 1 object: a revoked-by relationship without source_ref or target_ref (relationship--x)',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('prefers the current object when two share an ATT&CK ID', () => {
    const { catalog } = parseAttackBundle(
      bundle([technique('T1074', 'Old', ['collection'], { revoked: true, id: 'attack-pattern--a' }), technique('T1074', 'Data Staged', ['collection'], { id: 'attack-pattern--b' })]),
    );
    expect(catalog?.techniques.get('T1074')).toMatchObject({ name: 'Data Staged', revoked: false });
  });
});

describe('searchTechniques', () => {
  const catalog = load(text21);
  const ids = (query: string) => searchTechniques(catalog, query).map((t) => t.id);

  it('finds by ID prefix, with or without the T, sub-techniques after their parent', () => {
    expect(ids('T1074')).toEqual(['T1074', 'T1074.001', 'T1074.002']);
    expect(ids('t1074.002')).toEqual(['T1074.002']);
    expect(ids('1074.00')).toEqual(['T1074.001', 'T1074.002']);
  });

  it('finds by name words and prefixes, best match first', () => {
    expect(ids('remote stag')).toEqual(['T1074.002']);
    expect(ids('staging')).toEqual(['T1074.001', 'T1074.002']);
    expect(ids('data')).toEqual(['T1074', 'T1074.001', 'T1074.002']);
    expect(ids('disable')).toEqual(['T1685']);
    expect(ids('')).toEqual([]);
    expect(ids('no such thing')).toEqual([]);
  });

  it('offers revoked and deprecated techniques only for their exact ID', () => {
    expect(ids('T1562')).toEqual(['T1562']);
    expect(ids('T1562.00')).toEqual([]);
    expect(ids('scripting')).toEqual(['T1059']); // not T1064 Scripting, which is deprecated
    expect(ids('T1064')).toEqual(['T1064']);
  });

  it('limits the results', () => {
    expect(searchTechniques(catalog, 'T1', { limit: 2 })).toHaveLength(2);
  });

  it('lists the current techniques of a tactic and names sub-techniques with their parent', () => {
    expect(techniquesByTactic(catalog, 'collection').map((t) => t.id)).toEqual(['T1074', 'T1074.001', 'T1074.002']);
    expect(techniquesByTactic(catalog, 'defense-impairment').map((t) => t.id)).toEqual(['T1564', 'T1685', 'T1686']);
    const sub = catalog.techniques.get('T1074.002');
    if (!sub) throw new Error('fixture');
    expect(techniqueDisplayName(catalog, sub)).toBe('Data Staged: Remote Data Staging');
  });
});
