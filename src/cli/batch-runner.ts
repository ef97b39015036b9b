/**
 * `rulebench batch <cases.jsonl>`: every case in one process, one output line per input line, in input order.
 *
 * Cases run one at a time in a worker thread. The main thread gives each case a wall-clock budget: a case that
 * runs over it (or crashes the worker, e.g. by exhausting the worker's heap limit) becomes an error line and a
 * fresh worker takes the next case. The engine's row limit is the first guard; the budget is the backstop.
 */
import { Worker } from 'node:worker_threads';
import { BATCH_CODES, errorLine, evaluateCaseLine, parseCaseLine, salvageId, type BatchDefaults } from './batch-case.ts';
import type { EnginePort } from './engine-port.ts';
import type { WorkerMessage, WorkerRequest } from './batch-worker.ts';

export interface BatchOptions extends BatchDefaults {
  /** Wall-clock budget per case in milliseconds. */
  readonly timeoutMs: number;
  /** Heap limit of the worker (MB): a case that needs more fails alone. */
  readonly workerHeapMb: number;
  /** Evaluate in this thread (no budget beyond the row limit): for debugging and for hosts without workers. */
  readonly inProcess?: boolean;
}

export interface BatchSummary {
  readonly cases: number;
  readonly errors: number;
}

/** Runs every line of `lines`; `write` receives each output line without its newline. */
export async function runBatch(lines: AsyncIterable<string>, write: (line: string) => void, options: BatchOptions, loadEngine: () => Promise<EnginePort>): Promise<BatchSummary> {
  let cases = 0;
  let errors = 0;
  const emit = (out: string): void => {
    cases++;
    if (out.includes('"error":{') && isErrorLine(out)) errors++;
    write(out);
  };
  if (options.inProcess) {
    const engine = await loadEngine();
    for await (const line of lines) if (line.trim() !== '') emit(evaluateCaseLine(engine, line, options));
    return { cases, errors };
  }
  const pool = new WorkerSlot(options);
  try {
    for await (const line of lines) {
      if (line.trim() !== '') emit(await pool.evaluate(line));
    }
  } finally {
    await pool.close();
  }
  return { cases, errors };
}

function isErrorLine(out: string): boolean {
  try {
    const value: unknown = JSON.parse(out);
    return value !== null && typeof value === 'object' && 'error' in value;
  } catch {
    return true;
  }
}

/** One worker, replaced whenever a case times out or kills it. */
class WorkerSlot {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private seq = 0;

  constructor(private readonly options: BatchOptions) {}

  async evaluate(line: string): Promise<string> {
    const parsed = parseCaseLine(line);
    const id = typeof parsed === 'string' ? salvageId(line) : parsed.id;
    try {
      await this.start();
    } catch (error) {
      return errorLine(id, BATCH_CODES.internal, `the evaluator could not start: ${describe(error)}`);
    }
    const worker = this.worker as Worker;
    const seq = ++this.seq;
    const defaults: BatchDefaults = { now: this.options.now, rowLimit: this.options.rowLimit };
    return new Promise<string>((resolve) => {
      const done = (out: string, restart: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (restart) void this.discard();
        resolve(out);
      };
      const onMessage = (message: WorkerMessage): void => {
        if ('seq' in message && message.seq === seq) done(message.out, false);
      };
      const onError = (error: unknown): void => done(errorLine(id, BATCH_CODES.internal, `the evaluator crashed on this case: ${describe(error)}`), true);
      const onExit = (code: number): void => done(errorLine(id, BATCH_CODES.internal, `the evaluator exited (code ${code}) on this case`), true);
      const timer = setTimeout(
        () => done(errorLine(id, BATCH_CODES.timeout, `the case ran longer than the ${this.options.timeoutMs} ms budget and was stopped`), true),
        this.options.timeoutMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ seq, line, defaults } satisfies WorkerRequest);
    });
  }

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(new URL('./batch-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.workerHeapMb },
    });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: WorkerMessage): void => {
        if ('ready' in message) {
          cleanup();
          resolve();
        }
      };
      const onError = (error: unknown): void => {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const onExit = (code: number): void => {
        cleanup();
        reject(new Error(`worker exited with code ${code} while starting`));
      };
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
    // A failed start is retried on the next case with a fresh worker.
    this.ready.catch(() => void this.discard());
    return this.ready;
  }

  private async discard(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }

  close(): Promise<void> {
    return this.discard();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
