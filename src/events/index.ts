/** Events → typed tables (browser-safe). The Node file reader is `./node-reader.ts`, imported separately. */
export { EventCollector, type CollectorOptions, type RecordOptions } from './collector.ts';
export { coerceField, dynamicToJsonText, MISMATCH } from './coerce.ts';
export { EVENT_CODES } from './event-diagnostics.ts';
export { IncrementalEventsLoad, loadEventsInSlices, type LoadProgress, type SlicedLoadOptions } from './incremental.ts';
export { addEventsText, addEventsTextSteps, checkEventsSize, detectFormat, loadEvents, MAX_TEXT_BYTES, type EventFormat, type EventsInput } from './load.ts';
export type { DynamicBag, DynamicValue, EventColumn, EventTable, EventValue, LoadedEvents, RowOrigin, TableSummary } from './types.ts';
