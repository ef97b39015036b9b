import { useEffect, useRef } from 'react';
import { engineClient } from '../workers/engine-client.ts';
import type { AsOf } from '../workers/engine-protocol.ts';
import type { EditorProblem } from '../state/editor-slice.ts';
import { useAppStore } from '../state/store.ts';
import { useEventsStore } from '../state/events-slice.ts';
import { useAllTables } from '../state/tables.ts';
import { useMemo } from 'react';
import { tableSchemaFingerprint } from '../../src/schema/catalog.ts';

/**
 * Query and events changes closer together than this run the rule once. Short, because a stale run is discarded
 * (latest wins) and the rule plus 10k events evaluates in tens of milliseconds (BENCHMARKS.md).
 */
const EVALUATION_DELAY_MS = 120;

/** A datetime-local value read as UTC; undefined when incomplete. */
export function fixedEpochMs(value: string): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Re-runs the rule on the loaded events whenever the query, the events or the evaluation time change. */
export function useEvaluation(): void {
  const query = useAppStore((s) => s.query);
  const sources = useEventsStore((s) => s.eventSources);
  const asOfMode = useEventsStore((s) => s.asOfMode);
  const asOfFixed = useEventsStore((s) => s.asOfFixed);
  const runRequest = useEventsStore((s) => s.runRequest);
  const selectedEvent = useEventsStore((s) => s.selectedEvent);
  const lastInputs = useRef<unknown[]>([]);
  const tables = useAllTables();
  const schemaKey = useMemo(() => tableSchemaFingerprint(tables), [tables]);

  useEffect(() => {
    let cancelled = false;
    const { setEvaluation, setEngineProblems } = useEventsStore.getState();
    // What is shown is now older than the query: mark it stale until the new result arrives.
    setEvaluation({ ...useEventsStore.getState().evaluation, running: true });
    const fixed = fixedEpochMs(asOfFixed);
    const asOf: AsOf = asOfMode === 'fixed' && fixed !== undefined ? { mode: 'fixed', epochMs: fixed } : asOfMode === 'now' ? { mode: 'now' } : { mode: 'latest' };
    const events = sources.map((s) => ({ id: s.id, excludedTables: s.excludedTables, excludedRows: s.excludedRows ?? [] }));
    // Choosing another event only changes what is explained: run at once.
    const inputs = [query, sources, asOfMode, asOfFixed, runRequest, tables, schemaKey];
    const onlySelectionChanged = inputs.every((value, i) => value === lastInputs.current[i]);
    lastInputs.current = inputs;
    const timer = setTimeout(() => {
      engineClient()
        .evaluate(query, events, asOf, tables, schemaKey, selectedEvent)
        .then((result) => {
          if (cancelled || result === null) return;
          setEvaluation({ result, running: false, error: null });
          // New rows after an edit: a chosen row index would now point at another row.
          if (!onlySelectionChanged) useEventsStore.getState().selectResultRow(null, []);
          // The frame that shows these results: what `npm run bench:engine` times an edit against.
          requestAnimationFrame(() => performance.mark('rulebench:results'));
          const problems: EditorProblem[] = result.diagnostics
            .filter((d) => !d.code.startsWith('KS'))
            .map((d) => ({
              code: d.code,
              severity: d.severity,
              message: d.message,
              line: d.line ?? 1,
              column: d.column ?? 1,
              endLine: d.endLine ?? d.line ?? 1,
              endColumn: d.endColumn ?? d.column ?? 1,
            }));
          setEngineProblems(problems);
        })
        .catch((error: unknown) => {
          if (cancelled) return;
          setEvaluation({ result: null, running: false, error: error instanceof Error ? error.message : String(error) });
        });
    }, onlySelectionChanged ? 0 : EVALUATION_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, sources, asOfMode, asOfFixed, runRequest, tables, schemaKey, selectedEvent]);
}
