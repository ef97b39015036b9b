import type { TableSchema } from '../../src/schema/types.ts';
import type { AnalysisResult } from '../../src/kql/analyze.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { KqlType } from '../../src/schema/types.ts';
import type { TableSummary } from '../../src/events/index.ts';

/** One events text the user loaded: what is stored, and what the worker parses. */
export interface EventsSourceText {
  readonly id: string;
  readonly name: string;
  readonly text: string;
  /** Table for rows that name none (a CSV export without a `Type` column). */
  readonly table?: string;
}

/** Which loaded events an evaluation reads: a source minus the tables the user removed from it. */
export interface EventsSelection {
  readonly id: string;
  readonly excludedTables: readonly string[];
}

/** `latest`: just after the newest event when the samples are older than the look-back; `now`; `fixed` (ms since epoch). */
export type AsOf = { readonly mode: 'latest' } | { readonly mode: 'now' } | { readonly mode: 'fixed'; readonly epochMs: number };

export interface ParsedEvents {
  /** Whether the worker kept the text (it produced at least one row). */
  readonly accepted: boolean;
  readonly summaries: readonly TableSummary[];
  readonly diagnostics: readonly Diagnostic[];
}

/** An evaluation, with every value already encoded as the CLI prints it (plain strings cross the worker boundary). */
export interface Evaluation {
  readonly compiled: boolean;
  readonly columns: readonly { readonly name: string; readonly type: KqlType }[];
  /** Each cell as the CLI's JSON encoding (src/cli/json-encoding.ts). */
  readonly rows: readonly (readonly string[])[];
  /** Per row, the sub-detection it came from (null: the final query itself). */
  readonly subdetections: readonly (string | null)[];
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
    };

export type EngineResponse =
  | { readonly id: number; readonly kind: 'analyzed'; readonly result: AnalysisResult }
  | { readonly id: number; readonly kind: 'schema-set' }
  | { readonly id: number; readonly kind: 'events-parsed'; readonly result: ParsedEvents }
  | { readonly id: number; readonly kind: 'events-dropped' }
  | { readonly id: number; readonly kind: 'evaluated'; readonly result: Evaluation }
  | { readonly id: number; readonly kind: 'failed'; readonly message: string };
