/**
 * Loaded events as the plain JSON records a rule test stores inline (`tests[].events`), so "Save current events as
 * a test" writes what the user is looking at into the rule file. Runs in the engine worker (it reads the parsed
 * tables); kept here, framework-free, because it exists for the Tests tab.
 */
import { encodeCell } from '../../../src/cli/json-encoding.ts';
import type { KqlValue } from '../../../src/kql/values/value.ts';
import type { CombinedEvents } from '../../workers/combined-events.ts';

/** More events than this are not stored in a rule file: it would become unreadable and slow to load. */
export const MAX_TEST_EVENTS = 5_000;

/** How many events the combined tables hold. */
export function countEvents(events: CombinedEvents): number {
  let total = 0;
  for (const table of events.tables.values()) total += table.rows.length;
  return total;
}

/**
 * One record per event, `Type` first, values encoded as the CLI prints them (datetimes as ISO text, dynamic as
 * JSON, longs beyond 2^53 as digit strings) and parsed back into JSON values. Nulls and empty strings are left
 * out: the loader reads a missing field as exactly that, and a Defender row has dozens of empty columns.
 */
export function eventsAsRecords(events: CombinedEvents): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  for (const [name, table] of events.tables) {
    for (const row of table.rows) {
      const entries: [string, unknown][] = [['Type', name]];
      table.columns.forEach((column, i) => {
        // A Sentinel table's own `Type` column holds its name, which the first entry already says.
        if (column.name === 'Type') return;
        const value = row[i] as KqlValue | undefined;
        if (value === null || value === undefined || value === '') return;
        entries.push([column.name, JSON.parse(encodeCell(value, column.type)) as unknown]);
      });
      // fromEntries defines own properties, so a field named `__proto__` stays a field.
      records.push(Object.fromEntries(entries));
    }
  }
  return records;
}
