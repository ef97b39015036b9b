// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newRule, type Rule } from '../../../src/rule/model.ts';
import type { ProofResult } from '../../../src/sigma/proof.ts';
import { mountPerTest } from '../../test-support/react-root.ts';
import type { ExportFormat, RuleExport } from './export-rule.ts';
import { ExportPanel, type ExportEngine } from './ExportPanel.tsx';

const view = mountPerTest();
const HOSTILE = '<img src=x onerror="alert(1)">';

const SIGMA: RuleExport = {
  text: 'title: A - CopyCmd\nlevel: high\n---\ntitle: A - ZipFile\nlevel: high\n',
  fileName: 'proc_creation_win_a_copycmd.yml',
  documents: 2,
  warnings: [{ line: 3, subdetection: 'CopyCmd', kind: 'approximation', message: `\`ProcessCommandLine has "copy"\` became |contains, which is broader ${HOSTILE}` }],
  errors: [],
};
const SENTINEL: RuleExport = { text: 'id: x\nname: A\n', fileName: 'a.yaml', documents: 1, warnings: [{ line: null, subdetection: null, path: 'sentinel.query_period', kind: 'RB-SENTINEL-001', message: 'short period' }], errors: [] };
const ARM: RuleExport = { text: '{\n  "resources": []\n}\n', fileName: 'a.json', documents: 1, warnings: [], errors: [] };
const REFUSED: RuleExport = { text: '', fileName: 'x.yml', documents: 0, warnings: [], errors: [{ line: 8, subdetection: null, kind: 'unsupported', message: '`take` applied to the union cannot be expressed in Sigma' }] };

const PROOF: ProofResult = {
  status: 'compared', same: false, events: 4, notes: ['1 test with only an events file is not part of the proof.'],
  message: '2 events of 4 are matched differently by the Sigma rules (1 unexplained).',
  differences: [
    { test: 'copy', table: 'DeviceProcessEvents', row: 1, summary: 'cmd.exe /c xcopy a b', originalMatched: false, sigmaMatched: true, subdetection: 'CopyCmd', explainedBy: { line: 3, subdetection: 'CopyCmd', kind: 'approximation', message: 'has became |contains' } },
    { test: 'copy', table: 'DeviceProcessEvents', row: 3, summary: 'cmd.exe copy', originalMatched: true, sigmaMatched: false, subdetection: 'CopyCmd' },
  ],
};

function fakeEngine(results: Partial<Record<ExportFormat, RuleExport>> = {}) {
  const exports: { rule: Rule; format: ExportFormat }[] = [];
  const proofs: Rule[] = [];
  const engine: ExportEngine = {
    exportRule: async (rule, format) => {
      exports.push({ rule, format });
      return results[format] ?? { sigma: SIGMA, sentinel: SENTINEL, arm: ARM }[format];
    },
    proveSigma: async (rule) => {
      proofs.push(rule);
      return PROOF;
    },
  };
  return { engine, exports, proofs };
}

const rule = (query = 'DeviceProcessEvents'): Rule => ({ ...newRule('id-1', '2026-11-24', query), title: 'A' });
const settle = async (): Promise<void> => {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(350);
  });
};
const preview = (): HTMLTextAreaElement | null => view.host.querySelector('textarea');
const status = (): string => view.host.querySelector('[role="status"]')?.textContent ?? '';
const list = (label: string): string[] => [...(view.host.querySelector(`ul[aria-label="${label}"]`)?.querySelectorAll('li') ?? [])].map((li) => li.textContent ?? '');
function radio(name: string): HTMLInputElement {
  const label = [...view.host.querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
  const input = label?.querySelector('input');
  if (!input) throw new Error(`no radio ${name}`);
  return input;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ExportPanel', () => {
  it('previews the Sigma export with its warnings (line and sub-detection, as text) and the proof', async () => {
    const { engine } = fakeEngine();
    view.render(<ExportPanel rule={rule()} engine={engine} save={() => {}} />);
    expect(status()).toBe('Exporting…');
    await settle();
    expect(radio('Sigma').checked).toBe(true);
    expect(preview()?.value).toBe(SIGMA.text);
    expect(preview()?.readOnly).toBe(true);
    expect(status()).toBe('2 Sigma rules · 1 warning · proc_creation_win_a_copycmd.yml');
    expect(list('Export warnings')).toEqual([`Line 3 · CopyCmd (approximation): \`ProcessCommandLine has "copy"\` became |contains, which is broader ${HOSTILE}`]);
    expect(view.host.querySelector('img')).toBeNull();
    expect(view.host.textContent).toContain('2 events of 4 are matched differently');
    const differences = list('Events matched differently');
    expect(differences[0]).toContain('copy · DeviceProcessEvents row 2: cmd.exe /c xcopy a b — matched by the Sigma rules only (CopyCmd); explained by line 3 (CopyCmd): has became |contains');
    expect(differences[1]).toContain('matched by the query only (CopyCmd); unexplained');
    expect(list('What the proof did not cover')).toHaveLength(1);
  });

  it('downloads exactly the previewed text under the export\'s file name', async () => {
    const { engine } = fakeEngine();
    const saved: { name: string; content: string; type: string }[] = [];
    view.render(<ExportPanel rule={rule()} engine={engine} save={(name, content, type) => saved.push({ name, content, type })} />);
    await settle();
    act(() => view.button('Download').click());
    expect(saved).toEqual([{ name: 'proc_creation_win_a_copycmd.yml', content: SIGMA.text, type: 'application/yaml' }]);
  });

  it('switches to Sentinel YAML and ARM JSON, never showing another format\'s text meanwhile, and runs no proof for them', async () => {
    const { engine, exports, proofs } = fakeEngine();
    view.render(<ExportPanel rule={rule()} engine={engine} save={() => {}} />);
    await settle();
    act(() => radio('Sentinel YAML').click());
    expect(preview()?.value).toBe('');
    expect(status()).toBe('Exporting…');
    await settle();
    expect(preview()?.value).toBe(SENTINEL.text);
    expect(list('Export warnings')).toEqual(['sentinel.query_period (RB-SENTINEL-001): short period']);
    expect(view.host.textContent).not.toContain('Proof by running');
    act(() => radio('ARM JSON').click());
    await settle();
    expect(preview()?.value).toBe(ARM.text);
    expect(status()).toBe('1 ARM template · 0 warnings · a.json');
    expect(exports.map((e) => e.format)).toEqual(['sigma', 'sentinel', 'arm']);
    expect(proofs).toHaveLength(1);
  });

  it('exports nothing when the export has errors: the preview says why and Download is disabled', async () => {
    const { engine } = fakeEngine({ sigma: REFUSED });
    view.render(<ExportPanel rule={rule()} engine={engine} save={() => {}} />);
    await settle();
    expect(preview()).toBeNull();
    expect(view.host.querySelector('[role="alert"]')?.textContent).toContain('Nothing is exported: 1 error keeps this rule from being a valid Sigma rule');
    expect(list('Export errors')).toEqual(['Line 8 (unsupported): `take` applied to the union cannot be expressed in Sigma']);
    expect(view.button('Download').disabled).toBe(true);
    expect(view.button('Copy').disabled).toBe(true);
    expect(status()).toBe('Nothing exported: 1 error');
  });

  it('re-exports as the rule changes, debounced, and the latest edit wins', async () => {
    let release: (() => void) | undefined;
    const exports: string[] = [];
    const engine: ExportEngine = {
      exportRule: (r) => {
        exports.push(r.query);
        // The first export is slow: it answers after the second, and must not overwrite it.
        if (exports.length === 1) return new Promise((resolve) => (release = () => resolve({ ...SIGMA, text: 'title: stale\n' })));
        return Promise.resolve({ ...SIGMA, text: `title: ${r.query}\n` });
      },
      proveSigma: async () => PROOF,
    };
    view.render(<ExportPanel rule={rule('Q1')} engine={engine} save={() => {}} />);
    await settle();
    view.render(<ExportPanel rule={rule('Q2')} engine={engine} save={() => {}} />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(100);
    });
    view.render(<ExportPanel rule={rule('Q3')} engine={engine} save={() => {}} />);
    await settle();
    await act(async () => {
      release?.();
      await Promise.resolve();
    });
    expect(exports).toEqual(['Q1', 'Q3']);
    expect(preview()?.value).toBe('title: Q3\n');
  });
});
