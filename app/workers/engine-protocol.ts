import type { TableSchema } from '../../src/schema/types.ts';
import type { AnalysisResult } from '../../src/kql/analyze.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { KqlType } from '../../src/schema/types.ts';
import type { TableSummary } from '../../src/events/index.ts';
import type { RuleTest } from '../../src/rule/model.ts';
import type { TestOutcome } from '../../src/rule/run-tests.ts';
import type { Rule } from '../../src/rule/model.ts';
import type { ProofResult } from '../../src/sigma/proof.ts';
import type { ExportFormat, RuleExport } from '../panels/export/export-rule.ts';

/** One events text the user loaded: what is stored, and what the worker parses. */
export interface EventsSourceText {
  readonly id: string;
  readonly name: string;
  readonly text: string;
  /** Table for rows that name none (a CSV export without a `Type` column). */
  readonly table?: string;
}

/** One loaded event: its source text, its table, and its row within that table of that source (0-based). */
export interface EventRef {
  readonly sourceId: string;
  readonly table: string;
  readonly row: number;
}

/** A stable string for an EventRef (Map/Set key, React key). */
export function eventRefKey(ref: EventRef): string {
  return `${ref.sourceId}\u0000${ref.table}\u0000${ref.row}`;
}

/** Which loaded events an evaluation reads: a source minus the tables and single events the user removed. */
export interface EventsSelection {
  readonly id: string;
  readonly excludedTables: readonly string[];
  readonly excludedRows: readonly { readonly table: string; readonly row: number }[];
}

/** One sub-detection's verdict on the chosen event. */
export interface SubdetectionVerdict {
  readonly subdetection: string | null;
  /** `matched`: the event reached this sub-detection's output; `stopped`: it was dropped (see line/reason); `not-read`: it reads other tables. */
  readonly status: 'matched' | 'stopped' | 'not-read';
  /** 1-based line of the deciding predicate or operator (stopped only). */
  readonly line: number | null;
  /** Source text of the deciding predicate, when a predicate decided. */
  readonly predicate: string | null;
  readonly operator: string | null;
  /** In words: "stopped at line 30: ProcessCommandLine matches regex … was false for '…'". */
  readonly reason: string;
}

/** Why the chosen event did or did not produce results, per sub-detection. */
export interface EventVerdict {
  readonly ref: EventRef;
  readonly verdicts: readonly SubdetectionVerdict[];
}

/** Per sub-detection, rows out of each of its operators (inputs first). */
export interface FunnelView {
  readonly subdetection: string | null;
  readonly tables: readonly string[];
  readonly steps: readonly { readonly line: number; readonly operator: string; readonly rows: number }[];
}

/** A loaded event in the events list. */
export interface EventListItem {
  readonly ref: EventRef;
  /** Its Timestamp or TimeGenerated, ISO 8601 UTC, when it has one. */
  readonly time: string | null;
  /** A one-line summary of its most telling fields (plain text, at most ~160 characters). */
  readonly preview: string;
}

/** Every field of one event, values encoded as the CLI prints them (dynamic as JSON text). */
export interface EventDetail {
  readonly ref: EventRef;
  readonly fields: readonly { readonly name: string; readonly type: KqlType; readonly value: string }[];
}

/** `latest`: just after the newest event when the samples are older than the look-back; `now`; `fixed` (ms since epoch). */
export type AsOf = { readonly mode: 'latest' } | { readonly mode: 'now' } | { readonly mode: 'fixed'; readonly epochMs: number };

export interface ParsedEvents {
  /** Whether the worker kept the text (it produced at least one row). */
  readonly accepted: boolean;
  readonly summaries: readonly TableSummary[];
  readonly diagnostics: readonly Diagnostic[];
  /** The load was cancelled (`cancel-parse`): nothing was kept. */
  readonly cancelled?: boolean;
}

/** An evaluation, with every value already encoded as the CLI prints it (plain strings cross the worker boundary). */
export interface Evaluation {
  readonly compiled: boolean;
  readonly columns: readonly { readonly name: string; readonly type: KqlType }[];
  /** Each cell as the CLI's JSON encoding (src/cli/json-encoding.ts). */
  readonly rows: readonly (readonly string[])[];
  /** Per row, the sub-detection it came from (null: the final query itself). */
  readonly subdetections: readonly (string | null)[];
  /** Per row, the input events it came from. */
  readonly rowSources: readonly (readonly EventRef[])[];
  /** Per row, its time for the timeline: its own Timestamp/TimeGenerated, else its first source event's (ISO, or null). */
  readonly rowTimes: readonly (string | null)[];
  /** Every event that reached the output, with the sub-detections whose rows it is a source of. */
  readonly matched: readonly { readonly ref: EventRef; readonly subdetections: readonly (string | null)[] }[];
  /** Per sub-detection (plan order): the rows out of each operator. */
  readonly funnels: readonly FunnelView[];
  /** The verdicts for the event the request asked about (`explainEvent`), or null. */
  readonly verdict: EventVerdict | null;
  /** Milliseconds the worker spent compiling and running (for the status line). */
  readonly elapsedMs: number;
  readonly diagnostics: readonly Diagnostic[];
  /** The `now` used, ISO 8601 UTC. */
  readonly nowIso: string;
  /** How `now` was chosen, for the notice. */
  readonly nowReason: 'latest-event' | 'now' | 'fixed';
  readonly latestEventIso: string | null;
}

/** Messages to the engine worker. Only structured-clone-safe plain data crosses; never Bridge.NET objects. */
export type EngineRequest =
  | { readonly id: number; readonly kind: 'set-schema'; readonly schemaKey: string; readonly tables: readonly TableSchema[] }
  | { readonly id: number; readonly kind: 'analyze'; readonly schemaKey: string; readonly text: string }
  | { readonly id: number; readonly kind: 'parse-events'; readonly schemaKey: string; readonly source: EventsSourceText }
  | { readonly id: number; readonly kind: 'drop-events'; readonly sourceId: string }
  | {
      readonly id: number;
      readonly kind: 'evaluate';
      readonly schemaKey: string;
      readonly text: string;
      readonly asOf: AsOf;
      /** Wall-clock time of the request (ms), so "now" is the UI's now. */
      readonly wallClockMs: number;
      readonly events: readonly EventsSelection[];
      /** The event to explain per sub-detection (the one the user chose), or null. */
      readonly explainEvent: EventRef | null;
    }
  | {
      readonly id: number;
      readonly kind: 'list-events';
      readonly schemaKey: string;
      readonly events: readonly EventsSelection[];
      readonly offset: number;
      readonly limit: number;
      /** Only this table's events. */
      readonly table?: string;
      /** Only events whose preview contains this text (case-insensitive). */
      readonly search?: string;
      /** Only events that did / did not reach the output of the last evaluation. */
      readonly status?: 'matched' | 'unmatched';
    }
  | { readonly id: number; readonly kind: 'get-event'; readonly schemaKey: string; readonly ref: EventRef }
  /** Stops the `parse-events` request `parseId` at its next pause; it then replies cancelled, keeping nothing. */
  | { readonly id: number; readonly kind: 'cancel-parse'; readonly parseId: number }
  /** Runs a rule's tests (src/rule/run-tests.ts). Inline events only: the browser has no rule folder to read `events_file` from. */
  /** The tables a query reads (src/rule/tables.ts), for the rule form's read-only "Required tables". */
  | { readonly id: number; readonly kind: 'required-tables'; readonly schemaKey: string; readonly query: string }
  | { readonly id: number; readonly kind: 'run-rule-tests'; readonly schemaKey: string; readonly query: string; readonly tests: readonly RuleTest[] }
  /**
   * The selected events as plain JSON records (`Type` = table name, values as the CLI encodes them), for a rule
   * test's inline events. Over `limit` events, only the count comes back.
   */
  | { readonly id: number; readonly kind: 'events-as-records'; readonly schemaKey: string; readonly events: readonly EventsSelection[]; readonly limit?: number }
  /** The rule as a Sigma, Sentinel YAML or ARM JSON file (app/panels/export/export-rule.ts); exports compile the query. */
  | { readonly id: number; readonly kind: 'export-rule'; readonly schemaKey: string; readonly rule: Rule; readonly format: ExportFormat }
  /** Proof by running (src/sigma/proof.ts): the Sigma export, converted back, on the rule's test events. */
  | { readonly id: number; readonly kind: 'prove-sigma'; readonly schemaKey: string; readonly rule: Rule };

export type EngineResponse =
  | { readonly id: number; readonly kind: 'analyzed'; readonly result: AnalysisResult }
  | { readonly id: number; readonly kind: 'schema-set' }
  | { readonly id: number; readonly kind: 'events-parsed'; readonly result: ParsedEvents }
  | { readonly id: number; readonly kind: 'events-dropped' }
  | { readonly id: number; readonly kind: 'evaluated'; readonly result: Evaluation }
  | { readonly id: number; readonly kind: 'events-listed'; readonly total: number; readonly items: readonly EventListItem[] }
  | { readonly id: number; readonly kind: 'event'; readonly event: EventDetail | null }
  | { readonly id: number; readonly kind: 'failed'; readonly message: string }
  /** Sent while a `parse-events` request (same id) reads its text: characters read of the total. Not a reply. */
  | { readonly id: number; readonly kind: 'events-progress'; readonly done: number; readonly total: number }
  | { readonly id: number; readonly kind: 'parse-cancel-noted' }
  | { readonly id: number; readonly kind: 'required-tables-found'; readonly tables: readonly string[] }
  | { readonly id: number; readonly kind: 'rule-tests-run'; readonly outcomes: readonly TestOutcome[] }
  /** `records` is null when there were more than the request's `limit` events. */
  | { readonly id: number; readonly kind: 'events-records'; readonly total: number; readonly records: readonly Record<string, unknown>[] | null }
  | { readonly id: number; readonly kind: 'rule-exported'; readonly result: RuleExport }
  | { readonly id: number; readonly kind: 'sigma-proved'; readonly result: ProofResult };
