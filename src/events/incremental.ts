/**
 * Loading one events text a slice at a time, for a worker that must report progress and stop on request: the
 * text is fed to one EventCollector record by record, and between slices the caller's `pause` lets other messages
 * (a cancel) through. Browser-safe: no DOM or Node APIs.
 */
import { EventCollector, type CollectorOptions } from './collector.ts';
import { addEventsTextSteps, type EventsInput } from './load.ts';
import type { LoadedEvents } from './types.ts';

export interface LoadProgress {
  /** Characters of the text read so far. */
  readonly done: number;
  /** Characters in the text. */
  readonly total: number;
}

/** One events text, loaded by `step` calls; `finish` types what was read (inferred tables) and returns it. */
export class IncrementalEventsLoad {
  readonly total: number;
  private readonly collector: EventCollector;
  private readonly steps: Generator<number, void, void>;
  private done = 0;
  private ended = false;

  constructor(input: EventsInput, options: CollectorOptions = {}) {
    this.total = input.text.length;
    this.collector = new EventCollector(options);
    this.steps = addEventsTextSteps(this.collector, input);
  }

  get finished(): boolean {
    return this.ended;
  }

  /**
   * Adds records until `budgetMs` has passed or the text ends. The clock is read every few records only: reading
   * it per record would cost more than a small record does.
   */
  step(budgetMs: number, clock: () => number = Date.now): LoadProgress {
    const deadline = clock() + budgetMs;
    let count = 0;
    while (!this.ended) {
      const next = this.steps.next();
      if (next.done) {
        this.ended = true;
        this.done = this.total;
        break;
      }
      this.done = next.value;
      if (++count % 64 === 0 && clock() >= deadline) break;
    }
    return { done: this.done, total: this.total };
  }

  /** Reads whatever is left, then returns the typed tables. Call once. */
  finish(): LoadedEvents {
    while (!this.ended) this.step(Number.POSITIVE_INFINITY);
    return this.collector.finish();
  }
}

export interface SlicedLoadOptions {
  /** Time spent loading before each pause (default 30 ms). */
  readonly sliceMs?: number;
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Checked after each pause: true stops the load, which then returns null and keeps nothing. */
  readonly isCancelled?: () => boolean;
  /** Lets the caller's event loop run between slices (default: a zero-delay timer). */
  readonly pause?: () => Promise<void>;
  readonly clock?: () => number;
}

/** Loads `input` slice by slice; null when cancelled. */
export async function loadEventsInSlices(input: EventsInput, options: CollectorOptions, slicing: SlicedLoadOptions = {}): Promise<LoadedEvents | null> {
  const load = new IncrementalEventsLoad(input, options);
  const pause = slicing.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  slicing.onProgress?.({ done: 0, total: load.total });
  while (!load.finished) {
    const progress = load.step(slicing.sliceMs ?? 30, slicing.clock);
    slicing.onProgress?.(progress);
    if (load.finished) break;
    await pause();
    if (slicing.isCancelled?.()) return null;
  }
  return load.finish();
}
