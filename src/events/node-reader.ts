/**
 * Node-only: reads events files from disk. Whole-text formats (JSON, CSV) up to MAX_TEXT_BYTES are read and
 * handed to the pure loader; NDJSON of any size is streamed line by line, so a 200 MB export never sits in memory
 * as one string. While streaming, the V8 heap is watched: when the typed rows would exhaust it, loading stops
 * with a clear error instead of an out-of-memory crash.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { getHeapStatistics } from 'node:v8';
import { EventCollector, type CollectorOptions } from './collector.ts';
import { EVENT_CODES } from './event-diagnostics.ts';
import { addEventsText, addNdjsonLine, checkEventsSize, detectFormat, type EventFormat } from './load.ts';
import type { LoadedEvents } from './types.ts';

export interface EventsFile {
  readonly path: string;
  readonly format?: EventFormat;
  readonly table?: string;
}

export interface ReadOptions extends CollectorOptions {
  /** Stop streaming when the heap passes this share of V8's limit (default 0.7). */
  readonly heapFraction?: number;
  /** Largest whole-text (JSON, CSV) file read (default MAX_TEXT_BYTES). */
  readonly maxTextBytes?: number;
  /** Lines between heap checks while streaming (default 5000). */
  readonly heapCheckEvery?: number;
}

const SNIFF_BYTES = 64 * 1024;

export async function readEventsFiles(files: readonly EventsFile[], options: ReadOptions = {}): Promise<LoadedEvents> {
  const collector = new EventCollector(options);
  for (const file of files) await readOne(collector, file, options);
  return collector.finish();
}

async function readOne(collector: EventCollector, file: EventsFile, options: ReadOptions): Promise<void> {
  const source = file.path;
  let size: number;
  try {
    const info = await stat(file.path);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
  } catch (error) {
    collector.report({ code: EVENT_CODES.unreadable, severity: 'error', message: `cannot read events file ${source}: ${reason(error)}`, source });
    return;
  }
  const format = file.format ?? detectFormat(await head(file.path), file.path);
  if (format === 'ndjson') {
    await streamNdjson(collector, file, options.heapFraction ?? 0.7, options.heapCheckEvery ?? 5_000);
    return;
  }
  const tooLarge = checkEventsSize(size, source, options.maxTextBytes);
  if (tooLarge) {
    collector.report({
      ...tooLarge,
      message: `${tooLarge.message}${format === 'json' ? ` (for a JSON array: jq -c '.[]' ${source} > events.ndjson)` : ''}`,
    });
    return;
  }
  const text = await readFile(file.path, 'utf8');
  addEventsText(collector, { text, source, format, ...(file.table !== undefined ? { table: file.table } : {}) });
}

async function head(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function streamNdjson(collector: EventCollector, file: EventsFile, heapFraction: number, checkEvery: number): Promise<void> {
  const source = file.path;
  const limit = getHeapStatistics().heap_size_limit * heapFraction;
  const lines = createInterface({ input: createReadStream(file.path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  let rows = 0;
  try {
    for await (const text of lines) {
      line++;
      rows = addNdjsonLine(collector, text, 0, text.length, line, rows, source, file.table);
      if (line % checkEvery === 0 && process.memoryUsage().heapUsed > limit) {
        const mb = Math.round(limit / (1024 * 1024));
        collector.report({
          code: EVENT_CODES.tooLarge,
          severity: 'error',
          message: `stopped reading ${source} at line ${line}: the loaded events use more than ${mb} MB of memory. Rows up to line ${line} are loaded, the rest are not. Split the file, or give Node more memory (NODE_OPTIONS=--max-old-space-size=8192)`,
          source,
          line,
          column: 1,
        });
        break;
      }
    }
  } catch (error) {
    collector.report({ code: EVENT_CODES.unreadable, severity: 'error', message: `error reading ${source} after line ${line}: ${reason(error)}`, source, line });
  } finally {
    lines.close();
  }
}

function reason(error: unknown): string {
  if (error instanceof Error) return 'code' in error && error.code === 'ENOENT' ? 'no such file' : error.message;
  return String(error);
}
