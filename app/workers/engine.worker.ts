// The engine worker: parses and analyses rules off the UI thread. It only adapts messages to src/kql.
import '../editor/worker-global-shim.ts';
import { analyze, warmUp } from '../../src/kql/analyze.ts';
import type { TableSchema } from '../../src/schema/types.ts';
import type { EngineRequest, EngineResponse } from './engine-protocol.ts';

const schemas = new Map<string, readonly TableSchema[]>();

function reply(message: EngineResponse): void {
  (self as unknown as Worker).postMessage(message);
}

self.addEventListener('message', (event: MessageEvent<EngineRequest>) => {
  const request = event.data;
  try {
    switch (request.kind) {
      case 'set-schema':
        schemas.clear();
        schemas.set(request.schemaKey, request.tables);
        reply({ id: request.id, kind: 'schema-set' });
        // Pays Kusto.Language's one-time start-up cost now, not on the first keystroke's analysis.
        warmUp(request.tables);
        return;
      case 'analyze': {
        const tables = schemas.get(request.schemaKey);
        if (!tables) {
          reply({ id: request.id, kind: 'failed', message: `schema ${request.schemaKey} was not sent to the engine worker` });
          return;
        }
        reply({ id: request.id, kind: 'analyzed', result: analyze(request.text, tables) });
        return;
      }
    }
  } catch (error) {
    reply({ id: request.id, kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
