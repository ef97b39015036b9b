import { describe, expect, it } from 'vitest';
import { loadEvents } from '../../../src/events/index.ts';
import { builtInTables } from '../../../src/schema/catalog.ts';
import { runRuleTests } from '../../../src/rule/run-tests.ts';
import { combineEvents } from '../../workers/combined-events.ts';
import { countEvents, eventsAsRecords } from './event-records.ts';

const schema = builtInTables();

function combined(text: string, excludedRows: { table: string; row: number }[] = []) {
  const loaded = loadEvents([{ text, source: 'test.json' }], { schema });
  return combineEvents([{ id: 's', excludedTables: [], excludedRows }], () => loaded);
}

describe('eventsAsRecords', () => {
  const text = JSON.stringify([
    { Type: 'DeviceProcessEvents', Timestamp: '2026-11-24T08:42:15.639Z', DeviceName: 'wks', FileName: 'xcopy.exe', ProcessId: '9007199254740993', AdditionalFields: '{"a":1}' },
    { Type: 'DeviceProcessEvents', Timestamp: '2026-11-24T09:00:00Z', DeviceName: 'wks2' },
    { Type: 'Custom_CL', Msg: 'hi', Bag: { a: [1, 'x'], big: 1 } },
  ]).replace('"Msg":"hi"', '"Msg":"hi","__proto__":"kept"').replace('"big":1', '"big":12345678901234567890');

  it('writes one record per event, Type first, values JSON-encoded, nulls and empty strings left out', () => {
    const records = eventsAsRecords(combined(text));
    expect(records).toHaveLength(3);
    const first = records[0] ?? {};
    expect(Object.keys(first)[0]).toBe('Type');
    expect(first).toMatchObject({ Type: 'DeviceProcessEvents', Timestamp: '2026-11-24T08:42:15.639Z', DeviceName: 'wks', FileName: 'xcopy.exe', ProcessId: '9007199254740993', AdditionalFields: '{"a":1}' });
    expect(Object.values(first)).not.toContain('');
    expect(Object.values(first)).not.toContain(null);
    expect(records[1]).toEqual({ Type: 'DeviceProcessEvents', Timestamp: '2026-11-24T09:00:00Z', DeviceName: 'wks2' });
    const custom = records[2] ?? {};
    expect(Object.getPrototypeOf(custom)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(custom, '__proto__')).toBe(true);
    expect(custom.Bag).toEqual({ a: [1, 'x'], big: '12345678901234567890' });
  });

  it('leaves out removed events and counts what is left', () => {
    const events = combined(text, [{ table: 'DeviceProcessEvents', row: 0 }]);
    expect(countEvents(events)).toBe(2);
    expect(eventsAsRecords(events).map((r) => r.DeviceName ?? r.Msg)).toEqual(['wks2', 'hi']);
  });

  it('round-trips: a test made of the records sees the same events', () => {
    const records = eventsAsRecords(combined(text));
    const query = 'DeviceProcessEvents | where FileName == "xcopy.exe" and ProcessId == 9007199254740993 and toint(parse_json(AdditionalFields).a) == 1';
    const [outcome] = runRuleTests({ query, tests: [{ name: 't', events: records, now: '2026-11-25T00:00:00Z', expect: { match: true, rows: 1 } }] }, schema);
    expect(outcome?.message).toBe('passed: expected 1 row, got 1 row ((query) 1)');
  });
});
