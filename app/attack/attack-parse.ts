import { parseAttackBundle, type ParsedAttackBundle } from '../../src/attack/stix.ts';

export interface AttackParseRequest {
  readonly id: number;
  readonly text: string;
}

export interface AttackParseResponse extends ParsedAttackBundle {
  readonly id: number;
}

let nextId = 1;

/**
 * Parses a bundle in a short-lived worker (terminated afterwards, so the parsed JSON tree is freed at once). Where
 * workers are missing (jsdom tests) it parses on this thread after yielding, so a status message can render first.
 */
export async function parseAttackBundleOffThread(text: string): Promise<ParsedAttackBundle> {
  if (typeof Worker === 'undefined') {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return parseAttackBundle(text);
  }
  const worker = new Worker(new URL('./attack.worker.ts', import.meta.url), { type: 'module', name: 'rulebench-attack' });
  const id = nextId++;
  try {
    return await new Promise<ParsedAttackBundle>((resolve, reject) => {
      worker.addEventListener('message', (event: MessageEvent<AttackParseResponse>) => {
        if (event.data.id === id) resolve({ catalog: event.data.catalog, diagnostics: event.data.diagnostics });
      });
      worker.addEventListener('error', (event) => reject(new Error(event.message || 'the ATT&CK worker failed')));
      const request: AttackParseRequest = { id, text };
      worker.postMessage(request);
    });
  } finally {
    worker.terminate();
  }
}
