/**
 * The loaded ATT&CK catalog and how it got here. Rulebench ships no ATT&CK data: the user downloads MITRE's
 * official bundle (only ever on a click, so the IDE stays offline by default) or imports a file; it is then kept in
 * IndexedDB (attack-db.ts) and restored on start.
 */
import { create } from 'zustand';
import { MAX_BUNDLE_BYTES, type AttackCatalog } from '../../src/attack/stix.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { deleteAttackBundle, readAttackBundle, writeAttackBundle, type AttackSource } from './attack-db.ts';
import { parseAttackBundleOffThread } from './attack-parse.ts';

export type { AttackSource } from './attack-db.ts';

/** MITRE's official Enterprise ATT&CK bundle, always the latest release. */
export const DEFAULT_ATTACK_URL = 'https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack.json';
/** Hosts the page's Content-Security-Policy lets `fetch` reach besides its own origin (vite.config.ts, connect-src). */
export const ATTACK_DOWNLOAD_HOSTS: readonly string[] = ['raw.githubusercontent.com'];
export const ATTACK_URL_KEY = 'rulebench:attack-url';

export type AttackStatus = 'empty' | 'loading' | 'ready' | 'error';

export interface AttackState {
  readonly catalog: AttackCatalog | null;
  /** `empty`: nothing loaded (the built-in tactics are used); `error`: the last attempt failed and nothing is loaded. */
  readonly status: AttackStatus;
  /** What is happening now ("Downloading… 12.0 of 45.3 MB"), or null. */
  readonly progress: string | null;
  /** Why the last download or import failed; the catalog loaded before it, if any, stays. */
  readonly error: string | null;
  /** Parser warnings about the loaded bundle (malformed objects skipped, …). */
  readonly warnings: readonly string[];
  /** Said when the bundle cannot be kept in IndexedDB and lives in memory for this session only. */
  readonly storageNotice: string | null;
  /** Where the loaded catalog came from. */
  readonly source: AttackSource | null;
  /** The URL "Download from MITRE" fetches (saved in localStorage). */
  readonly url: string;
  readonly setUrl: (url: string) => void;
}

function savedUrl(): string {
  try {
    const value = globalThis.localStorage?.getItem(ATTACK_URL_KEY);
    return value !== null && value !== undefined && value.trim() !== '' ? value : DEFAULT_ATTACK_URL;
  } catch {
    // Storage disabled by the browser: the default URL is the useful answer.
    return DEFAULT_ATTACK_URL;
  }
}

export const useAttackStore = create<AttackState>()((set) => ({
  catalog: null,
  status: 'empty',
  progress: null,
  error: null,
  warnings: [],
  storageNotice: null,
  source: null,
  url: savedUrl(),
  setUrl(url: string) {
    set({ url });
    try {
      if (url.trim() === '' || url.trim() === DEFAULT_ATTACK_URL) globalThis.localStorage?.removeItem(ATTACK_URL_KEY);
      else globalThis.localStorage?.setItem(ATTACK_URL_KEY, url.trim());
    } catch {
      // Not saved across reloads; the field still holds it for this session.
    }
  },
}));

/** Each action takes a ticket; a result for an older ticket is dropped, so the last click wins. */
let ticket = 0;
let downloadAbort: AbortController | null = null;

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function messages(diagnostics: readonly Diagnostic[], severity: Diagnostic['severity']): string[] {
  return diagnostics.filter((d) => d.severity === severity).map((d) => d.message);
}

function fail(mine: number, message: string): void {
  if (mine !== ticket) return;
  useAttackStore.setState((s) => ({ status: s.catalog ? 'ready' : 'error', progress: null, error: message }));
}

/** Parses `text` and, when it is ATT&CK, makes it the loaded catalog and saves it. Returns false on refusal. */
async function adopt(mine: number, text: string, source: AttackSource, save: boolean): Promise<boolean> {
  useAttackStore.setState({ progress: `Reading the ATT&CK bundle (${size(text.length)})…` });
  const { catalog, diagnostics } = await parseAttackBundleOffThread(text);
  if (mine !== ticket) return false;
  if (!catalog) {
    fail(mine, messages(diagnostics, 'error').join(' ') || 'The file is not an ATT&CK bundle.');
    return false;
  }
  useAttackStore.setState({ catalog, status: 'ready', progress: null, error: null, warnings: messages(diagnostics, 'warning'), source });
  if (save) {
    try {
      await writeAttackBundle({ text, source });
      if (mine === ticket) useAttackStore.setState({ storageNotice: null });
    } catch (error) {
      if (mine === ticket) {
        useAttackStore.setState({ storageNotice: `The ATT&CK data could not be saved in this browser (${reason(error)}); it is kept for this session only.` });
      }
    }
  }
  return true;
}

let restoring: Promise<void> | null = null;

/** Restores the saved bundle once per page load. Never touches the network. */
export function restoreAttack(): Promise<void> {
  restoring ??= (async () => {
    const mine = ++ticket;
    useAttackStore.setState({ status: 'loading', progress: 'Reading the saved ATT&CK data…' });
    let saved;
    try {
      saved = await readAttackBundle();
    } catch (error) {
      if (mine !== ticket) return;
      useAttackStore.setState({
        status: 'empty',
        progress: null,
        storageNotice: `Saved ATT&CK data cannot be read in this browser (${reason(error)}); downloaded or imported data is kept for this session only.`,
      });
      return;
    }
    if (mine !== ticket) return;
    if (!saved) {
      useAttackStore.setState({ status: 'empty', progress: null });
      return;
    }
    await adopt(mine, saved.text, saved.source, false);
  })();
  return restoring;
}

/** Why `url` cannot be fetched under the page's security policy, or null when it can. */
export function blockedUrlReason(url: string, pageOrigin: string = globalThis.location?.origin ?? ''): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url === '' ? 'The URL is empty' : `"${url}" is not a URL`}: give the full address of a STIX bundle (https://…).`;
  }
  if (parsed.origin === pageOrigin) return null;
  if (parsed.protocol !== 'https:') return `Only https:// addresses can be downloaded (this one is ${parsed.protocol}).`;
  if (!ATTACK_DOWNLOAD_HOSTS.includes(parsed.hostname)) {
    return (
      `Rulebench's security policy only allows downloads from ${ATTACK_DOWNLOAD_HOSTS.join(', ')}, not ${parsed.hostname}. ` +
      'Download the bundle from that address yourself and use “Import bundle file…”.'
    );
  }
  return null;
}

/** Downloads a bundle (on the user's click only), with progress, then parses, loads and saves it. */
export async function downloadAttack(url: string): Promise<boolean> {
  const mine = ++ticket;
  downloadAbort?.abort();
  const trimmed = url.trim();
  const blocked = blockedUrlReason(trimmed);
  if (blocked) {
    fail(mine, blocked);
    return false;
  }
  const abort = new AbortController();
  downloadAbort = abort;
  useAttackStore.setState({ status: 'loading', progress: `Connecting to ${new URL(trimmed).hostname}…`, error: null });
  let text: string;
  try {
    const response = await fetch(trimmed, { signal: abort.signal, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache' });
    if (!response.ok) {
      fail(mine, `The download failed: ${trimmed} answered ${response.status} ${response.statusText}.`.replace(/ \./, '.'));
      return false;
    }
    const total = Number(response.headers.get('content-length') ?? '0');
    if (total > MAX_BUNDLE_BYTES) {
      fail(mine, `The file at ${trimmed} is ${size(total)}; bundles over 100 MB are refused.`);
      return false;
    }
    text = await readBody(response, total, mine, abort);
  } catch (error) {
    if (abort.signal.aborted) {
      fail(mine, 'The download was cancelled.');
      return false;
    }
    fail(
      mine,
      `The download from ${trimmed} failed (${reason(error)}). You may be offline, or the address may be blocked; ` +
        'download the bundle yourself and use “Import bundle file…”.',
    );
    return false;
  } finally {
    if (downloadAbort === abort) downloadAbort = null;
  }
  if (mine !== ticket) return false;
  return adopt(mine, text, { kind: 'download', location: trimmed, loadedAt: new Date().toISOString() }, true);
}

async function readBody(response: Response, total: number, mine: number, abort: AbortController): Promise<string> {
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > MAX_BUNDLE_BYTES) {
      abort.abort();
      throw new Error('the file is over 100 MB, which is refused');
    }
    parts.push(decoder.decode(value, { stream: true }));
    if (mine === ticket) {
      useAttackStore.setState({ progress: total > 0 ? `Downloading… ${size(received)} of ${size(total)}` : `Downloading… ${size(received)}` });
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** Stops a running download. */
export function cancelAttackDownload(): void {
  downloadAbort?.abort();
}

/** Loads a bundle file the user chose, refusing files over 100 MB before reading them. */
export async function importAttackFile(file: File): Promise<boolean> {
  const mine = ++ticket;
  downloadAbort?.abort();
  if (file.size > MAX_BUNDLE_BYTES) {
    fail(mine, `${file.name} is ${size(file.size)}; bundles over 100 MB are refused.`);
    return false;
  }
  useAttackStore.setState({ status: 'loading', progress: `Reading ${file.name}…`, error: null });
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    fail(mine, `${file.name} could not be read: ${reason(error)}`);
    return false;
  }
  if (mine !== ticket) return false;
  const ok = await adopt(mine, text, { kind: 'file', location: file.name, loadedAt: new Date().toISOString() }, true);
  if (!ok && mine === ticket) fail(mine, `${file.name}: ${useAttackStore.getState().error ?? 'not an ATT&CK bundle'}`);
  return ok;
}

/** Forgets the loaded and saved bundle; the rule form falls back to the built-in tactics. */
export async function clearAttack(): Promise<void> {
  ++ticket;
  downloadAbort?.abort();
  useAttackStore.setState({ catalog: null, status: 'empty', progress: null, error: null, warnings: [], source: null });
  try {
    await deleteAttackBundle();
  } catch (error) {
    useAttackStore.setState({ storageNotice: `The saved ATT&CK data could not be deleted from this browser (${reason(error)}).` });
  }
}
