import type { TableSchema } from '../../src/schema/types.ts';
import type { AnalysisResult } from '../../src/kql/analyze.ts';
import type { EngineRequest, EngineResponse } from './engine-protocol.ts';

type Pending = { resolve: (response: EngineResponse) => void };

/**
 * The UI's narrow view of the engine worker. Analyses are "latest wins": a result for text that has since
 * changed is reported as stale and never overwrites a newer one.
 */
export class EngineClient {
  private readonly worker: Worker;
  private nextId = 1;
  private latestAnalysisId = 0;
  private readonly pending = new Map<number, Pending>();
  private sentSchemaKey: string | null = null;

  constructor() {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'rulebench-engine' });
    this.worker.addEventListener('message', (event: MessageEvent<EngineResponse>) => {
      const entry = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      entry?.resolve(event.data);
    });
  }

  private send(request: EngineRequest): Promise<EngineResponse> {
    return new Promise((resolve) => {
      this.pending.set(request.id, { resolve });
      this.worker.postMessage(request);
    });
  }

  /** Analyses `text`; resolves to null when a newer analysis was requested meanwhile. */
  async analyze(text: string, tables: readonly TableSchema[], schemaKey: string): Promise<AnalysisResult | null> {
    const id = this.nextId++;
    this.latestAnalysisId = id;
    if (this.sentSchemaKey !== schemaKey) {
      this.sentSchemaKey = schemaKey;
      await this.send({ id: this.nextId++, kind: 'set-schema', schemaKey, tables });
    }
    const response = await this.send({ id, kind: 'analyze', schemaKey, text });
    if (id !== this.latestAnalysisId) return null;
    if (response.kind === 'failed') throw new Error(response.message);
    return response.kind === 'analyzed' ? response.result : null;
  }

  dispose(): void {
    this.worker.terminate();
  }
}

let shared: EngineClient | null = null;

/** One engine worker per page, started on first use. */
export function engineClient(): EngineClient {
  shared ??= new EngineClient();
  return shared;
}
