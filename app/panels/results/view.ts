import type { KqlType } from '../../../src/schema/types.ts';
import type { Evaluation } from '../../workers/engine-protocol.ts';
import { displayCell } from './cells.ts';

/** The sort key of the Sub-detection column (column names are never empty, so this cannot clash). */
export const SUBDETECTION_COLUMN = '';

export type SortDirection = 'asc' | 'desc';
export interface SortState {
  /** A column name, or SUBDETECTION_COLUMN. */
  readonly column: string;
  readonly direction: SortDirection;
}

/** Which sub-detection rows to keep: all, the final query's own rows (null), or one sub-detection by name. */
export type SubdetectionFilter = { readonly kind: 'all' } | { readonly kind: 'one'; readonly name: string | null };

/**
 * Kinds of sort keys, in the order they sort when a column mixes them (only dynamic columns can). Nulls are not
 * a rank: they go last in both directions, so a descending sort does not open with a screen of empty cells.
 */
const RANK_NUMBER = 0;
const RANK_TIME = 1;
const RANK_TEXT = 2;
const RANK_NAN = 3;
const RANK_NULL = 255;

type KeyValue = number | bigint | string;

interface ColumnKeys {
  readonly ranks: Uint8Array;
  readonly values: KeyValue[];
}

const DATETIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?Z$/;
const TIMESPAN = /^(-)?(?:(\d+)\.)?(\d\d):(\d\d):(\d\d)(?:\.(\d{1,7}))?$/;
const INTEGER_TEXT = /^-?\d+$/;

/**
 * One cell's sort key, by the column's type. Datetimes become fixed-width strings (the encoding drops trailing
 * zero digits, so `…:49.87Z` would otherwise sort after `…:49.871Z`); timespans become ticks; strings compare
 * case-insensitively; numbers numerically, longs beyond 2^53 (encoded as digit strings) as bigints.
 */
export function sortKey(encoded: string, type: KqlType): { rank: number; value: KeyValue } {
  if (encoded === 'null') return { rank: RANK_NULL, value: 0 };
  const quoted = encoded.startsWith('"');
  const text = quoted ? displayCell(encoded) : encoded;
  switch (type) {
    case 'datetime': {
      const m = quoted ? DATETIME.exec(text) : null;
      if (m) return { rank: RANK_TIME, value: `${m[1]}.${(m[2] ?? '').padEnd(7, '0')}` };
      break;
    }
    case 'timespan': {
      const m = quoted ? TIMESPAN.exec(text) : null;
      if (m) {
        const seconds = ((Number(m[2] ?? 0) * 24 + Number(m[3])) * 60 + Number(m[4])) * 60 + Number(m[5]);
        const ticks = seconds * 1e7 + Number((m[6] ?? '').padEnd(7, '0'));
        return { rank: RANK_NUMBER, value: m[1] ? -ticks : ticks };
      }
      break;
    }
    case 'bool':
      if (encoded === 'true' || encoded === 'false') return { rank: RANK_NUMBER, value: encoded === 'true' ? 1 : 0 };
      break;
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      if (!quoted) {
        const n = Number(encoded);
        if (!Number.isNaN(n)) return { rank: RANK_NUMBER, value: n };
      } else if (INTEGER_TEXT.test(text)) {
        return { rank: RANK_NUMBER, value: BigInt(text) };
      } else if (text === 'Infinity' || text === '-Infinity') {
        return { rank: RANK_NUMBER, value: text === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY };
      } else if (text === 'NaN') {
        return { rank: RANK_NAN, value: 0 };
      }
      break;
    case 'dynamic':
      if (encoded === 'true' || encoded === 'false') return { rank: RANK_NUMBER, value: encoded === 'true' ? 1 : 0 };
      if (!quoted && !encoded.startsWith('{') && !encoded.startsWith('[')) {
        const n = Number(encoded);
        if (!Number.isNaN(n)) return { rank: RANK_NUMBER, value: n };
      }
      break;
    case 'string':
    case 'guid':
      break;
  }
  return { rank: RANK_TEXT, value: text.toLowerCase() };
}

/**
 * A result prepared for sorting and filtering: sort keys per column and a lower-cased text per row, each computed
 * once per result and only when first needed, so re-sorting 10,000 rows is an index sort over ready keys.
 */
export class ResultIndex {
  private readonly keys = new Map<string, ColumnKeys>();
  private haystacks: string[] | null = null;

  constructor(private readonly result: Pick<Evaluation, 'columns' | 'rows' | 'subdetections'>) {}

  get rowCount(): number {
    return this.result.rows.length;
  }

  private columnKeys(column: string): ColumnKeys | null {
    const cached = this.keys.get(column);
    if (cached) return cached;
    const { rows, subdetections, columns } = this.result;
    const ranks = new Uint8Array(rows.length);
    const values: KeyValue[] = new Array<KeyValue>(rows.length);
    if (column === SUBDETECTION_COLUMN) {
      for (let i = 0; i < rows.length; i++) {
        const name = subdetections[i] ?? null;
        ranks[i] = name === null ? RANK_NULL : RANK_TEXT;
        values[i] = name === null ? 0 : name.toLowerCase();
      }
    } else {
      const c = columns.findIndex((col) => col.name === column);
      const type = columns[c]?.type;
      if (c < 0 || type === undefined) return null;
      for (let i = 0; i < rows.length; i++) {
        const key = sortKey(rows[i]?.[c] ?? 'null', type);
        ranks[i] = key.rank;
        values[i] = key.value;
      }
    }
    const built = { ranks, values };
    this.keys.set(column, built);
    return built;
  }

  private haystack(): string[] {
    if (this.haystacks) return this.haystacks;
    const { rows, subdetections } = this.result;
    // NUL between cells, so a filter cannot match across the boundary of two cells.
    this.haystacks = rows.map((row, i) => [subdetections[i] ?? '(query)', ...row.map(displayCell)].join('\u0000').toLowerCase());
    return this.haystacks;
  }

  /** The indices into the result's rows to show, in order. */
  view(sort: SortState | null, filterText: string, subdetection: SubdetectionFilter): number[] {
    const { subdetections } = this.result;
    const needle = filterText.trim().toLowerCase();
    const hay = needle === '' ? null : this.haystack();
    const order: number[] = [];
    for (let i = 0; i < this.rowCount; i++) {
      if (subdetection.kind === 'one' && (subdetections[i] ?? null) !== subdetection.name) continue;
      if (hay && !(hay[i] ?? '').includes(needle)) continue;
      order.push(i);
    }
    const keys = sort ? this.columnKeys(sort.column) : null;
    if (!sort || !keys) return order;
    const dir = sort.direction === 'asc' ? 1 : -1;
    const { ranks, values } = keys;
    order.sort((a, b) => {
      const ra = ranks[a] ?? RANK_NULL;
      const rb = ranks[b] ?? RANK_NULL;
      if (ra !== rb) {
        if (ra === RANK_NULL) return 1;
        if (rb === RANK_NULL) return -1;
        return (ra - rb) * dir;
      }
      if (ra !== RANK_NULL) {
        const va = values[a] ?? 0;
        const vb = values[b] ?? 0;
        if (va < vb) return -dir;
        if (va > vb) return dir;
      }
      // Equal keys keep the rule's own order in both directions.
      return a - b;
    });
    return order;
  }
}
