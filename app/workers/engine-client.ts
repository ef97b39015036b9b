import type { TableSchema } from '../../src/schema/types.ts';
import type { AnalysisResult } from '../../src/kql/analyze.ts';
import type { RuleTest } from '../../src/rule/model.ts';
import type { TestOutcome } from '../../src/rule/run-tests.ts';
import type { Rule } from '../../src/rule/model.ts';
import type { ProofResult } from '../../src/sigma/proof.ts';
import type { ExportFormat, RuleExport } from '../panels/export/export-rule.ts';
import type {
  AsOf, EngineRequest, EngineResponse, Evaluation, EventDetail, EventListItem, EventRef, EventsSelection, EventsSourceText, ParsedEvents,
} from './engine-protocol.ts';

type Pending = { resolve: (response: EngineResponse) => void };

/** How the UI follows and stops a `parseEvents`. */
export interface ParseControl {
  /** Characters read of the text, as the worker reads it. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting stops the parse at the worker's next pause; the promise then resolves with `cancelled: true`. */
  readonly signal?: AbortSignal;
}

/**
 * The UI's narrow view of the engine worker. Analyses are "latest wins": a result for text that has since
 * changed is reported as stale and never overwrites a newer one.
 */
export class EngineClient {
  private readonly worker: Worker;
  private nextId = 1;
  private latestAnalysisId = 0;
  private latestEvaluationId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly progress = new Map<number, (done: number, total: number) => void>();
  private sentSchemaKey: string | null = null;

  constructor() {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'rulebench-engine' });
    this.worker.addEventListener('message', (event: MessageEvent<EngineResponse>) => {
      // Progress precedes the reply to the same request: it must not settle it.
      if (event.data.kind === 'events-progress') {
        this.progress.get(event.data.id)?.(event.data.done, event.data.total);
        return;
      }
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

  private schemaSent: Promise<unknown> = Promise.resolve();

  /** Every request waits for the same schema send, so requests reach the worker in the order they were made. */
  private async ensureSchema(tables: readonly TableSchema[], schemaKey: string): Promise<void> {
    if (this.sentSchemaKey !== schemaKey) {
      this.sentSchemaKey = schemaKey;
      this.schemaSent = this.send({ id: this.nextId++, kind: 'set-schema', schemaKey, tables });
    }
    await this.schemaSent;
  }

  /** Analyses `text`; resolves to null when a newer analysis was requested meanwhile. */
  async analyze(text: string, tables: readonly TableSchema[], schemaKey: string): Promise<AnalysisResult | null> {
    const id = this.nextId++;
    this.latestAnalysisId = id;
    await this.ensureSchema(tables, schemaKey);
    const response = await this.send({ id, kind: 'analyze', schemaKey, text });
    if (id !== this.latestAnalysisId) return null;
    if (response.kind === 'failed') throw new Error(response.message);
    return response.kind === 'analyzed' ? response.result : null;
  }

  /** Parses one events text; the worker keeps it for evaluations when it produced rows. */
  async parseEvents(source: EventsSourceText, tables: readonly TableSchema[], schemaKey: string, control: ParseControl = {}): Promise<ParsedEvents> {
    const cancelled: ParsedEvents = { accepted: false, summaries: [], diagnostics: [], cancelled: true };
    if (control.signal?.aborted) return cancelled;
    await this.ensureSchema(tables, schemaKey);
    const id = this.nextId++;
    const { onProgress, signal } = control;
    if (onProgress) this.progress.set(id, onProgress);
    const onAbort = (): void => void this.send({ id: this.nextId++, kind: 'cancel-parse', parseId: id });
    signal?.addEventListener('abort', onAbort, { once: true });
    let response: EngineResponse;
    try {
      response = await this.send({ id, kind: 'parse-events', schemaKey, source });
    } finally {
      this.progress.delete(id);
      signal?.removeEventListener('abort', onAbort);
    }
    if (response.kind === 'failed') throw new Error(response.message);
    if (response.kind !== 'events-parsed') throw new Error(`unexpected engine reply ${response.kind}`);
    return response.result;
  }

  async dropEvents(sourceId: string): Promise<void> {
    await this.send({ id: this.nextId++, kind: 'drop-events', sourceId });
  }

  /** Evaluates `text` on the selected events; resolves to null when a newer evaluation was requested meanwhile. */
  async evaluate(
    text: string,
    events: readonly EventsSelection[],
    asOf: AsOf,
    tables: readonly TableSchema[],
    schemaKey: string,
    explainEvent: EventRef | null = null,
  ): Promise<Evaluation | null> {
    const id = this.nextId++;
    this.latestEvaluationId = id;
    await this.ensureSchema(tables, schemaKey);
    const response = await this.send({ id, kind: 'evaluate', schemaKey, text, asOf, wallClockMs: Date.now(), events, explainEvent });
    if (id !== this.latestEvaluationId) return null;
    if (response.kind === 'failed') throw new Error(response.message);
    return response.kind === 'evaluated' ? response.result : null;
  }

  /** A page of the loaded events (status filters use the latest evaluation). */
  async listEvents(
    query: { events: readonly EventsSelection[]; offset: number; limit: number; table?: string; search?: string; status?: 'matched' | 'unmatched' },
    tables: readonly TableSchema[],
    schemaKey: string,
  ): Promise<{ total: number; items: readonly EventListItem[] }> {
    await this.ensureSchema(tables, schemaKey);
    const response = await this.send({ id: this.nextId++, kind: 'list-events', schemaKey, ...query });
    if (response.kind === 'failed') throw new Error(response.message);
    if (response.kind !== 'events-listed') throw new Error(`unexpected engine reply ${response.kind}`);
    return { total: response.total, items: response.items };
  }

  /** Every field of one loaded event, or null when it is no longer loaded. */
  async getEvent(ref: EventRef, tables: readonly TableSchema[], schemaKey: string): Promise<EventDetail | null> {
    await this.ensureSchema(tables, schemaKey);
    const response = await this.send({ id: this.nextId++, kind: 'get-event', schemaKey, ref });
    if (response.kind === 'failed') throw new Error(response.message);
    if (response.kind !== 'event') throw new Error(`unexpected engine reply ${response.kind}`);
    return response.event;
  }

  /** The tables `query` reads; [] when it does not compile. */
  async requiredTables(query: string, tables: readonly TableSchema[], schemaKey: string): Promise<readonly string[]> {
    await this.ensureSchema(tables, schemaKey);
    const response = await this.send({ id: this.nextId++, kind: 'required-tables', schemaKey, query });
    if (response.kind === 'failed') throw new Error(response.message);
    if (response.kind !== 'required-tables-found') throw new Error(`unexpected engine reply ${response.kind}`);
    return response.tables;
  }

  /** Runs rule tests on their inline events (an `events_file` cannot be read in the browser). */
  async runRuleTests(query: string, tests: readonly RuleTest[], tables: readonly TableSchema[], schemaKey: string): Promise<readonly TestOutcome[]> {
    await this.ensureSchema(tables, schemaKey);
    const response = await this.send({ id: this.nextId++, kind: 'run-rule-tests', schemaKey, query, tests });
    if (response.kind === 'failed') throw new Error(response.message);
    if (response.kind !== 'rule-tests-run') throw new Error(`unexpected engine reply ${response.kind}`);
    return response.outcomes;
  }

  /** The selected events as plain JSON records; `records` is null when there are more than `limit`. */
  async eventsAsRecords(
    events: readonly EventsSelection[],
    tables: readonly TableSchema[],
    schemaKey: string,
    limit?: number,
  ): Promise<{ total: number; records: readonly Record<string, unknown>[] | null }> {
    await this.ensureSchema(tables, schemaKey);
    const response = await this.send({ id: this.nextId++, kind: 'events-as-records', schemaKey, events, ...(limit !== undefined ? { limit } : {}) });
    if (response.kind === 'failed') throw new Error(response.message);
    if (response.kind !== 'events-records') throw new Error(`unexpected engine reply ${response.kind}`);
    return { total: response.total, records: response.records };
  }

  /** The rule as a Sigma, Sentinel YAML or ARM JSON file, with the export's warnings and errors. */
  async exportRule(rule: Rule, format: ExportFormat, tables: readonly TableSchema[], schemaKey: string): Promise<RuleExport> {
    await this.ensureSchema(tables, schemaKey);
    const response = await this.send({ id: this.nextId++, kind: 'export-rule', schemaKey, rule, format });
    if (response.kind === 'failed') throw new Error(response.message);
    if (response.kind !== 'rule-exported') throw new Error(`unexpected engine reply ${response.kind}`);
    return response.result;
  }

  /** Proof by running: the Sigma export converted back to KQL and run, with the query, on the rule's test events. */
  async proveSigma(rule: Rule, tables: readonly TableSchema[], schemaKey: string): Promise<ProofResult> {
    await this.ensureSchema(tables, schemaKey);
    const response = await this.send({ id: this.nextId++, kind: 'prove-sigma', schemaKey, rule });
    if (response.kind === 'failed') throw new Error(response.message);
    if (response.kind !== 'sigma-proved') throw new Error(`unexpected engine reply ${response.kind}`);
    return response.result;
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
