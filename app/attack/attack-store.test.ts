// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ATTACK_URL_KEY, blockedUrlReason, clearAttack, DEFAULT_ATTACK_URL, downloadAttack, importAttackFile, restoreAttack, useAttackStore,
} from './attack-store.ts';

const BUNDLE = readFileSync(join(import.meta.dirname, '../../src/attack/fixtures/enterprise-attack-2.1.json'), 'utf8');

function streamed(text: string, init: ResponseInit = {}): Response {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-length': String(bytes.length) }, ...init });
}

beforeEach(() => {
  useAttackStore.setState({ catalog: null, status: 'empty', progress: null, error: null, warnings: [], storageNotice: null, source: null });
});
afterEach(() => vi.unstubAllGlobals());

describe('the ATT&CK store', () => {
  it('starts empty without touching the network, and says when the browser cannot keep the data', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    await restoreAttack();
    expect(fetchSpy).not.toHaveBeenCalled();
    // jsdom has no IndexedDB: the same happens in a browser that refuses it.
    expect(useAttackStore.getState()).toMatchObject({ status: 'empty', catalog: null });
    expect(useAttackStore.getState().storageNotice).toMatch(/^Saved ATT&CK data cannot be read in this browser \(IndexedDB is not available\)/);
  });

  it('downloads with progress, loads the catalog, and keeps it in memory when it cannot be saved', async () => {
    const progress: string[] = [];
    const unsubscribe = useAttackStore.subscribe((s) => {
      if (s.progress && progress.at(-1) !== s.progress) progress.push(s.progress);
    });
    const fetchSpy = vi.fn(async () => streamed(BUNDLE));
    vi.stubGlobal('fetch', fetchSpy);
    expect(await downloadAttack(DEFAULT_ATTACK_URL)).toBe(true);
    unsubscribe();
    expect(fetchSpy).toHaveBeenCalledWith(DEFAULT_ATTACK_URL, expect.objectContaining({ credentials: 'omit' }));
    const state = useAttackStore.getState();
    expect(state.status).toBe('ready');
    expect(state.catalog?.label).toBe('ATT&CK v19.1');
    expect(state.source).toMatchObject({ kind: 'download', location: DEFAULT_ATTACK_URL });
    expect(state.storageNotice).toMatch(/could not be saved in this browser .* kept for this session only/);
    expect(progress[0]).toBe('Connecting to raw.githubusercontent.com…');
    expect(progress).toContain('Downloading… 24 KB of 24 KB');
    expect(progress.at(-1)).toMatch(/^Reading the ATT&CK bundle/);
  });

  it('refuses URLs the security policy would block, before any request, and tells to import the file', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    expect(await downloadAttack('https://example.com/enterprise-attack.json')).toBe(false);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(useAttackStore.getState().error).toBe(
      "Rulebench's security policy only allows downloads from raw.githubusercontent.com, not example.com. Download the bundle from that address yourself and use “Import bundle file…”.",
    );
    expect(useAttackStore.getState().status).toBe('error');
    expect(blockedUrlReason('http://raw.githubusercontent.com/x.json', 'http://127.0.0.1:4173')).toMatch(/^Only https:\/\//);
    expect(blockedUrlReason('http://127.0.0.1:4173/x.json', 'http://127.0.0.1:4173')).toBeNull();
    expect(blockedUrlReason('not a url')).toMatch(/is not a URL/);
  });

  it('reports a failed or refused download and keeps the catalog it had', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => streamed(BUNDLE)));
    await downloadAttack(DEFAULT_ATTACK_URL);
    vi.stubGlobal('fetch', vi.fn(async () => new Response('Not Found', { status: 404, statusText: 'Not Found' })));
    expect(await downloadAttack(DEFAULT_ATTACK_URL)).toBe(false);
    expect(useAttackStore.getState()).toMatchObject({ status: 'ready', error: `The download failed: ${DEFAULT_ATTACK_URL} answered 404 Not Found.` });
    expect(useAttackStore.getState().catalog?.label).toBe('ATT&CK v19.1');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await downloadAttack(DEFAULT_ATTACK_URL);
    expect(useAttackStore.getState().error).toMatch(/failed \(Failed to fetch\)\. You may be offline.*Import bundle file…/);
    vi.stubGlobal('fetch', vi.fn(async () => streamed('<html>rate limited</html>')));
    await downloadAttack(DEFAULT_ATTACK_URL);
    expect(useAttackStore.getState().error).toMatch(/^This is not JSON, so not a STIX bundle: .* It looks like HTML/);
  });

  it('imports a file, refuses files that are not bundles or are too large, and forgets', async () => {
    expect(await importAttackFile(new File([BUNDLE], 'enterprise-attack.json', { type: 'application/json' }))).toBe(true);
    expect(useAttackStore.getState().source).toMatchObject({ kind: 'file', location: 'enterprise-attack.json' });
    expect(await importAttackFile(new File(['{"rules":[]}'], 'rules.json'))).toBe(false);
    expect(useAttackStore.getState().error).toBe('rules.json: Expected a STIX bundle (a JSON object with "type": "bundle" and an "objects" list) but found an object with keys "rules".');
    const huge = new File(['x'], 'huge.json');
    Object.defineProperty(huge, 'size', { value: 101 * 1024 * 1024 });
    expect(await importAttackFile(huge)).toBe(false);
    expect(useAttackStore.getState().error).toBe('huge.json is 101.0 MB; bundles over 100 MB are refused.');
    await clearAttack();
    expect(useAttackStore.getState()).toMatchObject({ catalog: null, status: 'empty', source: null, error: null });
  });

  it('saves a changed URL and forgets it when it is MITRE’s again', () => {
    useAttackStore.getState().setUrl('https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack-19.1.json');
    expect(localStorage.getItem(ATTACK_URL_KEY)).toContain('enterprise-attack-19.1.json');
    useAttackStore.getState().setUrl(DEFAULT_ATTACK_URL);
    expect(localStorage.getItem(ATTACK_URL_KEY)).toBeNull();
  });
});
