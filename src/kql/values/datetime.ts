/**
 * Datetime codec and calendar helpers. A datetime is a `bigint` of 100 ns ticks since 1970-01-01T00:00:00Z.
 * Calendar maths uses days since the epoch as a `number` (safe: ±3.7 million days) and the tick of the day.
 */
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND } from './value.ts';

export interface DateParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
  hour: number;
  minute: number;
  second: number;
  /** Ticks within the second, 0..9_999_999. */
  fraction: number;
}

/** Kusto's datetime range: 0001-01-01 .. 9999-12-31 23:59:59.9999999. */
export const MIN_DATETIME = -621_355_968_000_000_000n;
export const MAX_DATETIME = 2_534_023_007_999_999_999n;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number (civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 30;
}

/** Splits ticks into whole days since the epoch and the tick within the day. */
export function splitDays(ticks: bigint): { days: number; tickOfDay: bigint } {
  const days = floorDiv(ticks, TICKS_PER_DAY);
  return { days: Number(days), tickOfDay: ticks - days * TICKS_PER_DAY };
}

export function datetimeToParts(ticks: bigint): DateParts {
  const { days, tickOfDay } = splitDays(ticks);
  const { year, month, day } = civilFromDays(days);
  const t = Number(tickOfDay);
  const secs = Math.floor(t / 1e7);
  return { year, month, day, hour: Math.floor(secs / 3600), minute: Math.floor(secs / 60) % 60, second: secs % 60, fraction: t % 1e7 };
}

/** Ticks of a date and time; null when a part is out of range or the result is outside Kusto's range. */
export function partsToDatetime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, fraction = 0): bigint | null {
  const ints = [year, month, day, hour, minute, second, fraction];
  if (!ints.every(Number.isInteger)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0 || fraction > 9_999_999) return null;
  return (
    BigInt(daysFromCivil(year, month, day)) * TICKS_PER_DAY +
    BigInt(hour) * TICKS_PER_HOUR +
    BigInt(minute) * TICKS_PER_MINUTE +
    BigInt(second) * TICKS_PER_SECOND +
    BigInt(fraction)
  );
}

export function inDatetimeRange(ticks: bigint): boolean {
  return ticks >= MIN_DATETIME && ticks <= MAX_DATETIME;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function formatIso(ticks: bigint, fullFraction: boolean): string {
  const p = datetimeToParts(ticks);
  let frac = '';
  if (fullFraction) frac = '.' + pad(p.fraction, 7);
  else if (p.fraction !== 0) frac = '.' + pad(p.fraction, 7).replace(/0+$/, '');
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${frac}Z`;
}

/** ISO 8601 UTC, fraction only when non-zero with trailing zeros trimmed: `2017-01-01T00:00:00Z`. */
export function formatDatetime(ticks: bigint): string {
  return formatIso(ticks, false);
}

/** ISO 8601 UTC with all 7 fraction digits, as `tostring(datetime)` prints: `2017-10-15T12:00:00.0000000Z`. */
export function formatDatetimeFull(ticks: bigint): string {
  return formatIso(ticks, true);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Readonly<Record<string, number>> = {
  z: 0, gmt: 0, utc: 0, ut: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

/** Fraction digits to ticks: up to 7 digits are significant, extra digits are truncated. */
function fractionTicks(digits: string | undefined): number {
  if (!digits) return 0;
  return Number(digits.slice(0, 7).padEnd(7, '0'));
}

/** Offset in minutes of a zone suffix (`Z`, `+02:00`, `-0500`, `GMT`, `EST`); undefined when unknown. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (!zone) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return ZONES[zone.toLowerCase()];
}

/** .NET's two-digit-year rule (TwoDigitYearMax 2049). */
function fullYear(text: string): number {
  const y = Number(text);
  if (text.length > 2) return y;
  return y <= 49 ? 2000 + y : 1900 + y;
}

function build(year: number, month: number, day: number, time: RegExpExecArray | null, zone: string | undefined, timeIdx = 1): bigint | null {
  const h = time ? Number(time[timeIdx] ?? 0) : 0;
  const mi = time ? Number(time[timeIdx + 1] ?? 0) : 0;
  const s = time ? Number(time[timeIdx + 2] ?? 0) : 0;
  const f = time ? fractionTicks(time[timeIdx + 3]) : 0;
  const ticks = partsToDatetime(year, month, day, h, mi, s, f);
  const off = zoneOffset(zone);
  if (ticks === null || off === undefined) return null;
  const utc = ticks - BigInt(off) * TICKS_PER_MINUTE;
  return inDatetimeRange(utc) ? utc : null;
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?`;
const ZONE = String.raw`(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4})`;
const ISO_RE = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T|\s+)${TIME})?\s*${ZONE}?$`, 'i');
const US_RE = new RegExp(String.raw`^(\d{1,2})[-/](\d{1,2})[-/](\d{4})(?:(?:T|\s+)${TIME})?\s*${ZONE}?$`, 'i');
const RFC_RE = new RegExp(String.raw`^(?:[A-Za-z]+,?\s+)?(\d{1,2})[\s-]+([A-Za-z]{3,9})[\s-]+(\d{2}|\d{4})(?:\s+${TIME})?\s*${ZONE}?$`, 'i');
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*(Z)?$/i;

/**
 * Everything `todatetime()` and datetime literals accept: ISO 8601 (`T` or space, optional seconds, fraction,
 * `Z` or offset), `MM/DD/YYYY` and `MM-DD-YYYY` (.NET invariant culture), RFC 822/850/1123
 * (`Sat, 8 Nov 2014 15:05:02 GMT`, `Saturday, 08-Nov-14 15:05:02 GMT`) and compact `20140525`.
 */
export function parseDatetime(text: string): bigint | null {
  const s = text.trim();
  let m = ISO_RE.exec(s);
  if (m) {
    const time = m[4] !== undefined ? m : null;
    return build(Number(m[1]), Number(m[2]), Number(m[3]), time, m[8], 4);
  }
  m = US_RE.exec(s);
  if (m) {
    const time = m[4] !== undefined ? m : null;
    return build(Number(m[3]), Number(m[1]), Number(m[2]), time, m[8], 4);
  }
  m = RFC_RE.exec(s);
  if (m) {
    const month = MONTHS.indexOf((m[2] ?? '').slice(0, 3).toLowerCase()) + 1;
    if (month === 0) return null;
    const time = m[4] !== undefined ? m : null;
    return build(fullYear(m[3] ?? ''), month, Number(m[1]), time, m[8], 4);
  }
  m = COMPACT_RE.exec(s);
  if (m) {
    const time = m[4] !== undefined ? m : null;
    return build(Number(m[1]), Number(m[2]), Number(m[3]), time, m[7], 4);
  }
  return null;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeekIndex(ticks: bigint): number {
  const { days } = splitDays(ticks);
  return (((days + 4) % 7) + 7) % 7;
}

/** 1-based day of the year. */
export function dayOfYear(ticks: bigint): number {
  const { days } = splitDays(ticks);
  const { year } = civilFromDays(days);
  return days - daysFromCivil(year, 1, 1) + 1;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday), as `week_of_year`. */
export function isoWeekOfYear(ticks: bigint): number {
  const { days } = splitDays(ticks);
  const isoDow = ((((days + 3) % 7) + 7) % 7) + 1; // Monday = 1
  const thursday = days - isoDow + 4;
  const { year } = civilFromDays(thursday);
  return Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
}

function dayStart(days: number): bigint {
  return BigInt(days) * TICKS_PER_DAY;
}

/** Start of the day, offset by whole days. */
export function startOfDay(ticks: bigint, offset = 0): bigint {
  return dayStart(splitDays(ticks).days + offset);
}

/** Start of the week (Sunday), offset by whole weeks. */
export function startOfWeek(ticks: bigint, offset = 0): bigint {
  const { days } = splitDays(ticks);
  return dayStart(days - dayOfWeekIndex(ticks) + 7 * offset);
}

/** Start of the month, offset by whole months. */
export function startOfMonth(ticks: bigint, offset = 0): bigint {
  const { year, month } = civilFromDays(splitDays(ticks).days);
  const index = year * 12 + (month - 1) + offset;
  return dayStart(daysFromCivil(Math.floor(index / 12), (index % 12) + 1, 1));
}

/** Start of the year, offset by whole years. */
export function startOfYear(ticks: bigint, offset = 0): bigint {
  const { year } = civilFromDays(splitDays(ticks).days);
  return dayStart(daysFromCivil(year + offset, 1, 1));
}

export const endOfDay = (t: bigint, offset = 0): bigint => startOfDay(t, offset + 1) - 1n;
export const endOfWeek = (t: bigint, offset = 0): bigint => startOfWeek(t, offset + 1) - 1n;
export const endOfMonth = (t: bigint, offset = 0): bigint => startOfMonth(t, offset + 1) - 1n;
export const endOfYear = (t: bigint, offset = 0): bigint => startOfYear(t, offset + 1) - 1n;

/** Adds calendar months like .NET's AddMonths: the day is clamped to the target month's length. */
export function addMonths(ticks: bigint, months: number): bigint | null {
  const { days, tickOfDay } = splitDays(ticks);
  const { year, month, day } = civilFromDays(days);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const mo = (index % 12) + 1;
  if (y < 1 || y > 9999) return null;
  const d = Math.min(day, daysInMonth(y, mo));
  return dayStart(daysFromCivil(y, mo, d)) + tickOfDay;
}
