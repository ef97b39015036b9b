// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { parseAttackBundle, type AttackCatalog } from '../../src/attack/stix.ts';
import type { AttackMapping } from '../../src/rule/model.ts';
import { mountPerTest } from '../test-support/react-root.ts';
import { AttackPicker } from './AttackPicker.tsx';

const FIXTURE = join(import.meta.dirname, '../../src/attack/fixtures/enterprise-attack-2.1.json');
const catalog = parseAttackBundle(readFileSync(FIXTURE, 'utf8')).catalog as AttackCatalog;

const view = mountPerTest();
let latest: AttackMapping = { tactics: [], techniques: [] };

/** The picker in a parent that owns the mapping, as the rule form does. */
function Harness({ initial, withCatalog }: { initial: AttackMapping; withCatalog: boolean }) {
  const [mapping, setMapping] = useState(initial);
  latest = mapping;
  return <AttackPicker mapping={mapping} onChange={setMapping} catalog={withCatalog ? catalog : null} />;
}

function render(initial: AttackMapping, withCatalog = true): void {
  latest = initial;
  view.render(<Harness initial={initial} withCatalog={withCatalog} />);
}

/** The accessible name as the tests need it: aria-label, else the text without aria-hidden parts. */
function nameOf(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label;
  const clone = element.cloneNode(true) as Element;
  clone.querySelectorAll('[aria-hidden="true"]').forEach((e) => e.remove());
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function button(name: string | RegExp): HTMLButtonElement {
  const all = [...view.host.querySelectorAll('button')];
  const found = all.find((b) => (typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b))));
  if (!found) throw new Error(`no button ${String(name)}; have: ${all.map(nameOf).join(' | ')}`);
  return found;
}

function checkbox(name: string): HTMLInputElement {
  const label = [...view.host.querySelectorAll('label')].find((l) => nameOf(l) === name);
  const input = label?.querySelector('input[type="checkbox"]');
  if (!(input instanceof HTMLInputElement)) throw new Error(`no checkbox ${name}`);
  return input;
}

function search(): HTMLInputElement {
  const label = [...view.host.querySelectorAll('label')].find((l) => nameOf(l) === 'Search techniques by ID or name');
  const input = label ? view.host.ownerDocument.getElementById(label.htmlFor) : null;
  if (!(input instanceof HTMLInputElement)) throw new Error('no search box');
  return input;
}

function type(input: HTMLInputElement, value: string): void {
  act(() => {
    // React listens for the native input event and reads the value through the prototype's setter.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function click(element: HTMLElement): void {
  act(() => element.click());
}

function list(name: string): HTMLUListElement {
  const found = [...view.host.querySelectorAll('ul')].find((u) => u.getAttribute('aria-label') === name);
  if (!(found instanceof HTMLUListElement)) throw new Error(`no list ${name}`);
  return found;
}

describe('AttackPicker with a catalog', () => {
  it('searches by ID, groups results by tactic, and adds a technique with its tactic', () => {
    render({ tactics: [], techniques: [] });
    type(search(), 'T1074');
    const group = view.host.querySelector('section[aria-label="Collection techniques"]');
    expect(group?.querySelectorAll('button')).toHaveLength(3);
    expect([...(group?.querySelectorAll('button') ?? [])].map(nameOf)).toEqual([
      'T1074 Data Staged (adds Collection)',
      'T1074.001 Data Staged: Local Data Staging (adds Collection)',
      'T1074.002 Data Staged: Remote Data Staging (adds Collection)',
    ]);
    click(button(/^T1074\.002 /));
    expect(latest).toEqual({ tactics: ['collection'], techniques: ['T1074.002'] });
    expect(checkbox('Collection').checked).toBe(true);
    expect(search().value).toBe('');
    expect(view.host.querySelector('[role="status"]')?.textContent).toBe('Added T1074.002 and its tactic Collection.');
    const chip = list('Techniques').querySelector('li');
    expect(chip?.textContent).toContain('Data Staged: Remote Data Staging');
    const link = chip?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://attack.mitre.org/techniques/T1074/002/');
    expect(link?.getAttribute('rel')).toBe('noreferrer');
    expect(link?.getAttribute('target')).toBe('_blank');
  });

  it('finds techniques by name words and adds the tactic of the group chosen', () => {
    render({ tactics: [], techniques: [] });
    type(search(), 'hide art');
    expect([...view.host.querySelectorAll('section')].map((s) => s.getAttribute('aria-label'))).toEqual(['Stealth techniques', 'Defense Impairment techniques']);
    const impairment = view.host.querySelector('section[aria-label="Defense Impairment techniques"] button');
    if (!(impairment instanceof HTMLButtonElement)) throw new Error('no result');
    click(impairment);
    expect(latest).toEqual({ tactics: ['defense-impairment'], techniques: ['T1564'] });
  });

  it('shows a revoked technique with a one-click replacement', () => {
    render({ tactics: ['defense-impairment'], techniques: ['T1562.001'] });
    expect(list('Problems with T1562.001').textContent).toContain('T1562.001 was revoked in ATT&CK; use T1685 (Disable or Modify Tools)');
    click(button('Replace with T1685'));
    expect(latest).toEqual({ tactics: ['defense-impairment'], techniques: ['T1685'] });
    expect(view.host.querySelector('.attack-issues')).toBeNull();
  });

  it('offers to add the missing tactic of a technique', () => {
    render({ tactics: ['exfiltration'], techniques: ['T1074.002'] });
    expect(list('Problems with T1074.002').textContent).toContain("T1074.002 belongs to Collection, which is not among the rule's tactics");
    click(button('Add tactic Collection'));
    expect(latest).toEqual({ tactics: ['exfiltration', 'collection'], techniques: ['T1074.002'] });
  });

  it('replaces the legacy defense-evasion tactic with the one its technique needs', () => {
    render({ tactics: ['defense-evasion'], techniques: ['T1070.004'] });
    expect(list('Problems with the tactics').textContent).toContain('defense-evasion is no longer an ATT&CK tactic');
    click(button('Replace with Stealth'));
    expect(latest).toEqual({ tactics: ['stealth'], techniques: ['T1070.004'] });
    expect(checkbox('Stealth').checked).toBe(true);
    expect(view.host.querySelector('.attack-issues')).toBeNull();
  });

  it('toggles tactics and removes techniques', () => {
    render({ tactics: ['collection'], techniques: ['T1074', 'T1074.002'] });
    click(checkbox('Exfiltration'));
    expect(latest.tactics).toEqual(['collection', 'exfiltration']);
    click(checkbox('Collection'));
    expect(latest.tactics).toEqual(['exfiltration']);
    click(button('Remove T1074'));
    expect(latest.techniques).toEqual(['T1074.002']);
  });

  it('says when nothing matches, and renders hostile text as text', () => {
    render({ tactics: ['<img src=x onerror=alert(1)>'], techniques: ['<b>T1</b>'] });
    type(search(), '<script>zz');
    expect(view.host.textContent).toContain('No technique matches “<script>zz”.');
    expect(view.host.querySelector('img, b, script')).toBeNull();
  });
});

describe('AttackPicker without a catalog', () => {
  it('offers the 15 built-in tactics', () => {
    render({ tactics: [], techniques: [] }, false);
    expect(view.host.querySelectorAll('input[type="checkbox"]')).toHaveLength(15);
    expect(view.host.textContent).toContain('No ATT&CK data loaded');
  });

  it('adds typed technique IDs after checking their shape', () => {
    render({ tactics: ['collection'], techniques: [] }, false);
    type(search(), 't1074.002');
    click(button('Add T1074.002'));
    expect(latest).toEqual({ tactics: ['collection'], techniques: ['T1074.002'] });
    type(search(), 'T174');
    expect(() => button(/^Add /)).toThrow();
    expect(view.host.textContent).toContain('Type a technique ID such as T1074.002');
    const input = search();
    type(input, 'T1059');
    act(() => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(latest.techniques).toEqual(['T1074.002', 'T1059']);
    expect(list('Techniques').querySelector('a')?.getAttribute('href')).toBe('https://attack.mitre.org/techniques/T1074/002/');
  });

  it('keeps malformed IDs visible with their problem, and warns about defense-evasion', () => {
    render({ tactics: ['defense-evasion'], techniques: ['T174'] }, false);
    expect(list('Problems with T174').textContent).toContain('T174 is not a technique ID (T1234 or T1234.001).');
    expect(button('Remove tactic defense-evasion')).toBeTruthy();
    click(button('Replace with Defense Impairment'));
    expect(latest.tactics).toEqual(['defense-impairment']);
  });
});
