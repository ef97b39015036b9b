/**
 * Layout math for the Explain view's charts (funnels and the match timeline), kept free of React and the DOM so
 * it can be tested on its own. Every time is UTC: event times are UTC and analysts compare them with UTC logs.
 */

/** A sub-detection's display name; `null` is the final query itself (as in the Results grid). */
export function subdetectionLabel(name: string | null): string {
  return name ?? '(query)';
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Funnels

export interface FunnelStep {
  readonly line: number;
  readonly operator: string;
  readonly rows: number;
}

export interface FunnelBar {
  readonly label: string;
  readonly rows: number;
  /** Bar length, 0..1. */
  readonly fraction: number;
}

/**
 * Bars scaled to the first step (the rows read). A join or mv-expand can produce more rows than it read; the
 * scale then grows to the largest step so no bar overflows its track.
 */
export function funnelBars(steps: readonly FunnelStep[]): FunnelBar[] {
  const first = steps[0]?.rows ?? 0;
  const scale = steps.reduce((max, s) => Math.max(max, s.rows), first);
  return steps.map((s) => ({ label: `line ${s.line} · ${s.operator}`, rows: s.rows, fraction: scale > 0 ? s.rows / scale : 0 }));
}

/** "RemoteCopyTool: 16 rows in, 1 row out" — the caption screen readers announce for a funnel. */
export function funnelSummary(name: string | null, steps: readonly FunnelStep[]): string {
  const label = subdetectionLabel(name);
  const first = steps[0];
  const last = steps[steps.length - 1];
  if (!first || !last) return `${label}: no operators`;
  return `${label}: ${plural(first.rows, 'row', 'rows')} in, ${plural(last.rows, 'row', 'rows')} out`;
}

// ---------------------------------------------------------------------------------------------------------------
// Timeline

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TICK_STEPS = [
  SECOND, 5 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 90 * DAY, 365 * DAY,
];

/** ISO 8601 UTC (any number of fraction digits) to ms since epoch; null when it is not a time. */
export function parseIsoMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  // Kusto times carry up to 7 fraction digits; Date.parse is only specified for 3.
  const ms = Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isFinite(ms) ? ms : null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function ymd(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function sameUtcDay(a: number, b: number): boolean {
  return ymd(a) === ymd(b);
}

/** A tick label: just the clock within one UTC day, the date too when the range spans days. */
export function tickLabel(ms: number, step: number, spansDays: boolean): string {
  const d = new Date(ms);
  if (step >= DAY) return ymd(ms);
  const clock = step < MINUTE ? `${hhmm(ms)}:${pad(d.getUTCSeconds())}` : hhmm(ms);
  return spansDays ? `${ymd(ms).slice(5)} ${clock}` : clock;
}

export interface TimelineTick {
  readonly x: number;
  readonly label: string;
}

export interface TimelineLane {
  readonly name: string | null;
  /** Match times (ms), ascending. */
  readonly times: readonly number[];
  /** x of each match, same order as `times`. */
  readonly xs: readonly number[];
  /** Matches whose row has no time. */
  readonly untimed: number;
  readonly summary: string;
}

export interface TimelineLayout {
  /** The range the x axis spans (ms); null when no match has a time. */
  readonly startMs: number | null;
  readonly endMs: number | null;
  readonly lanes: readonly TimelineLane[];
  readonly ticks: readonly TimelineTick[];
  /** One sentence per lane, for the chart's accessible name. */
  readonly summary: string;
}

/** Lanes in plan order (the funnels'), then any sub-detection only the rows name, in order of appearance. */
export function timelineLanes(planOrder: readonly (string | null)[], subdetections: readonly (string | null)[]): (string | null)[] {
  const lanes = [...planOrder];
  for (const name of subdetections) if (!lanes.includes(name)) lanes.push(name);
  return lanes;
}

function when(ms: number, spansDays: boolean): string {
  return spansDays ? `${ymd(ms)} ${hhmm(ms)}` : hhmm(ms);
}

function laneSummary(name: string | null, times: readonly number[], untimed: number, spansDays: boolean): string {
  const label = subdetectionLabel(name);
  const count = times.length + untimed;
  if (count === 0) return `${label}: no matches`;
  const first = times[0];
  const last = times[times.length - 1];
  let text: string;
  if (first === undefined || last === undefined) return `${label}: ${plural(count, 'match', 'matches')}, ${count === 1 ? 'without' : 'none with'} a time`;
  if (times.length === 1 || first === last) text = `${label}: ${plural(count, 'match', 'matches')} at ${when(first, spansDays)} UTC`;
  else text = `${label}: ${plural(count, 'match', 'matches')} between ${when(first, spansDays)} and ${when(last, spansDays)} UTC`;
  return untimed > 0 ? `${text} (${untimed} without a time)` : text;
}

/**
 * One lane per sub-detection with an x (0..width) for each matching row, across the min..max time of all
 * matches; a single instant is widened by half an hour each side so its dot sits mid-axis. Ticks are at round
 * UTC steps, at most `maxTicks` of them.
 */
export function timelineLayout(
  rowTimes: readonly (string | null)[],
  subdetections: readonly (string | null)[],
  lanes: readonly (string | null)[],
  width: number,
  maxTicks = 6,
): TimelineLayout {
  const byLane = new Map<string | null, { times: number[]; untimed: number }>(lanes.map((name) => [name, { times: [], untimed: 0 }]));
  let min = Infinity;
  let max = -Infinity;
  subdetections.forEach((name, i) => {
    const lane = byLane.get(name);
    if (!lane) return;
    const ms = parseIsoMs(rowTimes[i]);
    if (ms === null) {
      lane.untimed++;
      return;
    }
    lane.times.push(ms);
    min = Math.min(min, ms);
    max = Math.max(max, ms);
  });
  const hasTimes = Number.isFinite(min);
  let startMs = hasTimes ? min : null;
  let endMs = hasTimes ? max : null;
  if (startMs !== null && endMs !== null && startMs === endMs) {
    startMs -= 30 * MINUTE;
    endMs += 30 * MINUTE;
  }
  const spansDays = startMs !== null && endMs !== null && !sameUtcDay(min, max);
  const span = startMs !== null && endMs !== null ? endMs - startMs : 0;
  const x = (ms: number): number => (startMs === null || span === 0 ? width / 2 : ((ms - startMs) / span) * width);

  const laneLayouts: TimelineLane[] = lanes.map((name) => {
    const lane = byLane.get(name) ?? { times: [], untimed: 0 };
    const times = [...lane.times].sort((a, b) => a - b);
    return { name, times, xs: times.map(x), untimed: lane.untimed, summary: laneSummary(name, times, lane.untimed, spansDays) };
  });

  const ticks: TimelineTick[] = [];
  if (startMs !== null && endMs !== null && span > 0) {
    const step = TICK_STEPS.find((s) => span / s <= maxTicks) ?? TICK_STEPS[TICK_STEPS.length - 1] ?? DAY;
    const tickSpansDays = !sameUtcDay(startMs, endMs);
    for (let t = Math.ceil(startMs / step) * step; t <= endMs; t += step) ticks.push({ x: x(t), label: tickLabel(t, step, tickSpansDays) });
  }

  const summary = laneLayouts.length === 0 ? 'No sub-detections' : laneLayouts.map((l) => l.summary).join('. ');
  return { startMs, endMs, lanes: laneLayouts, ticks, summary };
}
