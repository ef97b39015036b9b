import { useEffect, useMemo } from 'react';
import { tableSchemaFingerprint } from '../../src/schema/catalog.ts';
import { engineClient } from '../workers/engine-client.ts';
import { useAppStore } from '../state/store.ts';
import { useAllTables } from '../state/tables.ts';
import type { OutlineEntry } from '../state/editor-slice.ts';

/** Typing pauses shorter than this do not re-analyse; a 1 MB paste stays responsive. */
const ANALYSIS_DELAY_MS = 300;

/** Keeps the sub-detection outline in step with the query, analysed in the engine worker. */
export function useSubdetectionOutline(): void {
  const query = useAppStore((s) => s.query);
  const setOutline = useAppStore((s) => s.setOutline);
  const tables = useAllTables();
  const schemaKey = useMemo(() => tableSchemaFingerprint(tables), [tables]);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      engineClient()
        .analyze(query, tables, schemaKey)
        .then((result) => {
          if (cancelled || result === null) return;
          const outline: OutlineEntry[] = result.outline.map((entry, index) => ({
            name: entry.name,
            startLine: entry.startLine,
            endLine: entry.endLine,
            reachesResult: entry.reachesResult,
            colorIndex: index,
          }));
          setOutline(outline, result.foldableStatements);
        })
        .catch((error: unknown) => console.error('Rulebench: analysis failed', error));
    }, ANALYSIS_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, tables, schemaKey, setOutline]);
}
