/// <reference types="@kusto/language-service-next" />
/**
 * Our schema → Kusto symbols (and a GlobalState to analyze against), plus reading the binder's types back.
 *
 * Bridge.NET exposes C# constructor overloads as numbered members (`TableSymbol.$ctor4`, `DatabaseSymbol.ctor`)
 * whose numbering may change between package versions; every such call lives in this file.
 */
import type { TableSchema } from '../../schema/types.ts';
import type { LetValueKind } from './types.ts';
import { kustoLanguage } from './load.ts';

type GlobalState = Kusto.Language.GlobalState;
type TypeSymbol = Kusto.Language.Symbols.TypeSymbol;

/** The database name the query runs against; tables are referenced unqualified, so the name is cosmetic. */
const DATABASE_NAME = 'rulebench';
/** Building a GlobalState costs ~60 ms (Node) and more on a cold worker; schemas change rarely, so keep a few. */
const MAX_CACHED_STATES = 4;

const stateCache = new Map<string, GlobalState>();

/**
 * A cheap, collision-free key for a schema: table names with their column names and types, in order.
 * Descriptions and origins do not affect analysis, so they are left out.
 */
export function schemaFingerprint(tables: readonly TableSchema[]): string {
  return JSON.stringify(tables.map((t) => [t.name, t.columns.map((c) => [c.name, c.type])]));
}

/** The GlobalState for `tables`, built once per distinct fingerprint (small LRU). */
export function globalStateFor(tables: readonly TableSchema[]): GlobalState {
  const key = schemaFingerprint(tables);
  const hit = stateCache.get(key);
  if (hit) {
    stateCache.delete(key); // re-insert: Map order is our LRU order
    stateCache.set(key, hit);
    return hit;
  }
  const state = buildGlobalState(tables);
  stateCache.set(key, state);
  while (stateCache.size > MAX_CACHED_STATES) {
    const oldest = stateCache.keys().next().value;
    if (oldest === undefined) break;
    stateCache.delete(oldest);
  }
  return state;
}

function buildGlobalState(tables: readonly TableSchema[]): GlobalState {
  const language = kustoLanguage();
  const symbols = language.Symbols;
  const tableSymbols: Kusto.Language.Symbols.TableSymbol[] = [];
  const seenTables = new Set<string>();
  for (const table of tables) {
    // KQL names are case-sensitive; a second table of the same name would be ambiguous, so the first one wins.
    if (!table.name || seenTables.has(table.name)) continue;
    seenTables.add(table.name);
    const columns: Kusto.Language.Symbols.ColumnSymbol[] = [];
    const seenColumns = new Set<string>();
    for (const column of table.columns) {
      if (!column.name || seenColumns.has(column.name)) continue;
      seenColumns.add(column.name);
      // Our KqlType spellings are Kusto's; an unknown one (should not happen) degrades to dynamic, not an error.
      const type = symbols.ScalarTypes.GetSymbol(column.type) ?? symbols.ScalarTypes.Dynamic;
      columns.push(new symbols.ColumnSymbol(column.name, type, null, null, null, null));
    }
    // Built from symbols rather than a `(a:string, …)` schema string, so odd column names need no escaping.
    tableSymbols.push(new symbols.TableSymbol.$ctor4(table.name, columns));
  }
  const database = new symbols.DatabaseSymbol.ctor(DATABASE_NAME, tableSymbols);
  const state = language.GlobalState.Default?.WithDatabase(database);
  if (!state) throw new Error('Kusto.Language returned no GlobalState');
  return state;
}

/** Classifies the binder's ResultType of a let's value. */
export function valueKindOf(type: TypeSymbol | null | undefined): LetValueKind {
  if (!type) return 'other';
  const kinds = kustoLanguage().Symbols.SymbolKind;
  // FunctionSymbol reports IsTabular for tabular functions, so functions must be recognised first.
  if (type.Kind === kinds.Function) return 'function';
  if (type.Kind === kinds.Error || type.IsError) return 'other';
  if (type.IsTabular) return 'tabular';
  if (type.IsScalar) return 'scalar';
  return 'other';
}
