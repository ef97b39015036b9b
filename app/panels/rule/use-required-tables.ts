import { useEffect, useMemo, useState } from 'react';
import { tableSchemaFingerprint } from '../../../src/schema/catalog.ts';
import { useAllTables } from '../../state/tables.ts';
import { engineClient } from '../../workers/engine-client.ts';

/** Typing pauses shorter than this do not recompute (the query is compiled in the engine worker). */
const DELAY_MS = 300;

/** The tables `query` reads, computed in the engine worker; the last answer stays while a new one is computed. */
export function useRequiredTables(query: string): readonly string[] {
  const tables = useAllTables();
  const schemaKey = useMemo(() => tableSchemaFingerprint(tables), [tables]);
  const [found, setFound] = useState<readonly string[]>([]);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      engineClient()
        .requiredTables(query, tables, schemaKey)
        .then((names) => {
          if (!cancelled) setFound((old) => (old.length === names.length && old.every((n, i) => n === names[i]) ? old : names));
        })
        .catch((error: unknown) => console.error('Rulebench: could not read the query\'s tables', error));
    }, DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, tables, schemaKey]);
  return found;
}
