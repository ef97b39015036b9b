/**
 * The batch worker thread: evaluates one case line per message. It runs in a worker so the main thread can
 * enforce a wall-clock budget per case (terminating a stuck worker) and so a case that exhausts the worker's
 * heap limit kills only the worker, not the batch.
 */
import { parentPort } from 'node:worker_threads';
import { evaluateCaseLine, type BatchDefaults } from './batch-case.ts';
import { loadEngine } from './engine-loader.ts';

export interface WorkerRequest {
  readonly seq: number;
  readonly line: string;
  readonly defaults: BatchDefaults;
}

export type WorkerMessage = { readonly ready: true } | { readonly seq: number; readonly out: string };

const port = parentPort;
if (port) {
  const engine = await loadEngine();
  // Warm the parser up before reporting ready, so the first case's budget is not spent loading Kusto.Language.
  try {
    engine.compileQuery('print 1', []);
  } catch {
    // A failing warm-up shows up again, attributed, on the first case.
  }
  port.on('message', (request: WorkerRequest) => {
    const reply: WorkerMessage = { seq: request.seq, out: evaluateCaseLine(engine, request.line, request.defaults) };
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies WorkerMessage);
}
