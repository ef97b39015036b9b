/**
 * Parses an ATT&CK bundle off the main thread: JSON.parse of the 45 MB Enterprise bundle takes long enough to
 * freeze typing. The catalog (Maps and plain objects) comes back by structured clone.
 */
import { parseAttackBundle } from '../../src/attack/stix.ts';
import type { AttackParseRequest, AttackParseResponse } from './attack-parse.ts';

self.addEventListener('message', (event: MessageEvent<AttackParseRequest>) => {
  let response: AttackParseResponse;
  try {
    response = { id: event.data.id, ...parseAttackBundle(event.data.text) };
  } catch (error) {
    response = { id: event.data.id, catalog: null, diagnostics: [{ code: 'RB-ATTACK-004', severity: 'error', message: `Reading the bundle failed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  // The project's lib is DOM, where `self` is a Window; in this file it is the worker's global scope.
  (self as unknown as Worker).postMessage(response);
});
