import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../workers/engine-protocol.ts';
import { containerSummary, entriesOf, eventLabel, fieldValue, filterFields, matchedIndex, scalarText, statusText, truncated } from './event-view.ts';

describe('event view helpers', () => {
  const ref = { sourceId: 's', table: 'DeviceProcessEvents', row: 2 };

  it('names events by 1-based row, with the text when several are loaded', () => {
    expect(eventLabel(ref)).toBe('DeviceProcessEvents row 3');
    expect(eventLabel(ref, 'a.json')).toBe('DeviceProcessEvents row 3 of a.json');
  });

  it('gives the status from the latest evaluation', () => {
    const index = matchedIndex({ matched: [{ ref, subdetections: ['A', null] }] } as unknown as Evaluation);
    expect(statusText(index.get('s\u0000DeviceProcessEvents\u00002'), true)).toBe('Matched by A, the query');
    expect(statusText(undefined, true)).toBe('No match');
    expect(statusText(undefined, false)).toBeNull();
    expect(matchedIndex(null).size).toBe(0);
  });

  it('decodes field values as text, never markup; dynamic bags and arrays as trees with safe keys', () => {
    expect(fieldValue('string', '"<b>x</b>"')).toEqual({ kind: 'text', text: '<b>x</b>' });
    expect(fieldValue('datetime', '"2026-11-24T08:00:00Z"')).toEqual({ kind: 'text', text: '2026-11-24T08:00:00Z' });
    expect(fieldValue('long', '42')).toEqual({ kind: 'text', text: '42' });
    expect(fieldValue('long', 'null')).toEqual({ kind: 'null' });
    expect(fieldValue('dynamic', '"s"')).toEqual({ kind: 'text', text: '"s"' });
    const tree = fieldValue('dynamic', '{"__proto__":{"polluted":1},"big":12345678901234567890,"list":[1,"a"]}');
    expect(tree.kind).toBe('tree');
    const value = tree.kind === 'tree' ? tree.value : null;
    expect(entriesOf(value).map(([k]) => k)).toEqual(['__proto__', 'big', 'list']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(containerSummary(value)).toBe('{3 keys}');
    expect(scalarText(12345678901234567890n)).toBe('12345678901234567890');
    expect(scalarText('a')).toBe('"a"');
    expect(containerSummary([1])).toBe('[1 item]');
  });

  it('truncates long text and filters fields by name', () => {
    expect(truncated('abc', 2)).toEqual({ shown: 'ab', cut: true });
    expect(truncated('ab', 2)).toEqual({ shown: 'ab', cut: false });
    expect(filterFields([{ name: 'FileName' }, { name: 'FolderPath' }], 'file')).toEqual([{ name: 'FileName' }]);
  });
});
