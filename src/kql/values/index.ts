/** The runtime value contract (docs/engine.md): representation, codecs, conversions, comparison. */
export * from './value.ts';
export * from './datetime.ts';
export { parseTimespan, formatTimespan, timespanParts, timespanUnitTicks, type TimespanParts } from './timespan.ts';
export { parseDynamicJson, dynamicToJson, dynamicToSortedJson, cloneDynamic, jsonString } from './dynamic.ts';
export { formatReal } from './real.ts';
export { parseGuid, guidToBytes, guidFromBytes } from './guid.ts';
export {
  toKqlString,
  toLongValue,
  toIntValue,
  toRealValue,
  toBoolValue,
  toDatetimeValue,
  toTimespanValue,
  toGuidValue,
  toDynamicValue,
  parseJsonValue,
  convertTo,
} from './convert.ts';
export { compareValues, valuesEqual, valueKey, compareStrings } from './compare.ts';
