/**
 * The loaded events as the engine reads them: every selected source's tables appended by column name, minus the
 * tables and single events the user removed, with each combined row's origin (source, table, row) so results,
 * explanations and the events list can name the event the user sees.
 */
import type { EventTable, LoadedEvents } from '../../src/events/index.ts';
import { encodeCell } from '../../src/cli/json-encoding.ts';
import { formatDatetime } from '../../src/kql/values/index.ts';
import type { KqlValue } from '../../src/kql/values/value.ts';
import type { EventDetail, EventListItem, EventRef, EventsSelection } from './engine-protocol.ts';

export interface CombinedEvents {
  readonly tables: Map<string, EventTable>;
  /** Per table, the origin of each combined row. */
  readonly origins: Map<string, EventRef[]>;
}

/** Source id → its parsed tables. */
export type LoadedSources = ReadonlyMap<string, LoadedEvents>;

export function combineEvents(selection: readonly EventsSelection[], loadedById: (id: string) => LoadedEvents | undefined): CombinedEvents {
  const tables = new Map<string, EventTable>();
  const origins = new Map<string, EventRef[]>();
  for (const { id, excludedTables, excludedRows } of selection) {
    const loaded = loadedById(id);
    if (!loaded) continue;
    const removed = new Set(excludedRows.map((r) => `${r.table}\u0000${r.row}`));
    for (const [name, table] of loaded.tables) {
      if (excludedTables.includes(name)) continue;
      let combined = tables.get(name);
      let origin = origins.get(name);
      if (!combined || !origin) {
        combined = { columns: [...table.columns], rows: [] };
        origin = [];
        tables.set(name, combined);
        origins.set(name, origin);
      }
      const index = new Map(combined.columns.map((c, i) => [c.name, i]));
      for (const column of table.columns) {
        if (index.has(column.name)) continue;
        index.set(column.name, combined.columns.length);
        combined.columns.push(column);
        // Copies: a combined row may be the source's own row array, which later evaluations read again.
        const filler = column.type === 'string' ? '' : null;
        combined.rows.forEach((row, j) => ((combined as EventTable).rows[j] = [...row, filler] as EventTable['rows'][number]));
      }
      const sameLayout = combined.columns.length === table.columns.length && table.columns.every((c, i) => index.get(c.name) === i);
      const positions = table.columns.map((c) => index.get(c.name) ?? 0);
      table.rows.forEach((row, rowIndex) => {
        if (removed.size > 0 && removed.has(`${name}\u0000${rowIndex}`)) return;
        if (sameLayout) {
          (combined as EventTable).rows.push(row);
        } else {
          const next = (combined as EventTable).columns.map((c) => (c.type === 'string' ? '' : null)) as EventTable['rows'][number];
          row.forEach((value, i) => (next[positions[i] ?? 0] = value));
          (combined as EventTable).rows.push(next);
        }
        (origin as EventRef[]).push({ sourceId: id, table: name, row: rowIndex });
      });
    }
  }
  return { tables, origins };
}

const TIME_COLUMNS = ['Timestamp', 'TimeGenerated'];

/** The index of a table's event-time column (Timestamp, else TimeGenerated), or -1. */
export function timeColumn(table: Pick<EventTable, 'columns'>): number {
  for (const name of TIME_COLUMNS) {
    const i = table.columns.findIndex((c) => c.name === name && c.type === 'datetime');
    if (i >= 0) return i;
  }
  return -1;
}

export function timeOf(table: EventTable, row: readonly KqlValue[]): string | null {
  const i = timeColumn(table);
  const value = i >= 0 ? row[i] : null;
  return typeof value === 'bigint' ? formatDatetime(value) : null;
}

/** Fields that say most about a security event, shown first in a one-line preview. */
const TELLING_FIELDS = [
  'ActionType', 'DeviceName', 'AccountName', 'InitiatingProcessAccountName', 'FileName', 'FolderPath', 'ProcessCommandLine',
  'InitiatingProcessFileName', 'InitiatingProcessCommandLine', 'RemoteIP', 'RemoteUrl', 'RegistryKey', 'EventID', 'Computer', 'Activity',
];
const PREVIEW_LENGTH = 160;

export function previewOf(table: EventTable, row: readonly KqlValue[]): string {
  const parts: string[] = [];
  const used = new Set<number>();
  const add = (i: number): void => {
    const column = table.columns[i];
    const value = row[i];
    if (!column || value === null || value === undefined || value === '') return;
    used.add(i);
    const text = encodeCell(value, column.type);
    parts.push(column.type === 'string' ? JSON.parse(text) as string : text);
  };
  for (const name of TELLING_FIELDS) {
    const i = table.columns.findIndex((c) => c.name === name);
    if (i >= 0) add(i);
    if (parts.join(' · ').length >= PREVIEW_LENGTH) break;
  }
  const time = timeColumn(table);
  for (let i = 0; i < table.columns.length && parts.join(' · ').length < PREVIEW_LENGTH; i++) if (!used.has(i) && i !== time) add(i);
  const text = parts.join(' · ').replace(/\s+/g, ' ');
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
}

export interface ListQuery {
  readonly offset: number;
  readonly limit: number;
  readonly table?: string;
  readonly search?: string;
  readonly status?: 'matched' | 'unmatched';
}

/** A page of the events list, in table order then row order. */
export function listEvents(events: CombinedEvents, query: ListQuery, matchedKeys: ReadonlySet<string>, keyOf: (ref: EventRef) => string): { total: number; items: EventListItem[] } {
  const items: EventListItem[] = [];
  const search = query.search?.trim().toLowerCase() ?? '';
  let total = 0;
  for (const [name, table] of events.tables) {
    if (query.table && name !== query.table) continue;
    const origin = events.origins.get(name) ?? [];
    table.rows.forEach((row, i) => {
      const ref = origin[i];
      if (!ref) return;
      if (query.status) {
        const matched = matchedKeys.has(keyOf(ref));
        if ((query.status === 'matched') !== matched) return;
      }
      const needsPreview = search !== '' || (total >= query.offset && items.length < query.limit);
      const preview = needsPreview ? previewOf(table, row) : '';
      if (search && !preview.toLowerCase().includes(search) && !name.toLowerCase().includes(search)) return;
      if (total >= query.offset && items.length < query.limit) items.push({ ref, time: timeOf(table, row), preview });
      total++;
    });
  }
  return { total, items };
}

export function eventDetail(events: CombinedEvents, ref: EventRef, keyOf: (ref: EventRef) => string): EventDetail | null {
  const table = events.tables.get(ref.table);
  const origin = events.origins.get(ref.table);
  if (!table || !origin) return null;
  const key = keyOf(ref);
  const index = origin.findIndex((o) => keyOf(o) === key);
  const row = index >= 0 ? table.rows[index] : undefined;
  if (!row) return null;
  return { ref, fields: table.columns.map((c, i) => ({ name: c.name, type: c.type, value: encodeCell(row[i] as KqlValue, c.type) })) };
}
