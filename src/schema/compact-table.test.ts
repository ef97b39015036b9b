import { describe, expect, test } from 'vitest';
import { compactTable, parseCompactColumns } from './compact-table.ts';

describe('compact column lists', () => {
  test('parse across lines, in order, with descriptions by name', () => {
    const descriptions = new Map([['Timestamp', 'When it happened.']]);
    const table = compactTable('defender', 'T', 'A table.', `Timestamp:datetime, DeviceId:string,
       Port:int,`, descriptions);
    expect(table).toEqual({
      name: 'T',
      origin: 'defender',
      description: 'A table.',
      columns: [
        { name: 'Timestamp', type: 'datetime', description: 'When it happened.' },
        { name: 'DeviceId', type: 'string' },
        { name: 'Port', type: 'int' },
      ],
    });
  });

  test.each([
    ['a:strng', /'a:strng' is not 'Name:type'/],
    ['a string', /'a string' is not 'Name:type'/],
    ['a:int:long', /is not 'Name:type'/],
    ['1a:int', /is not 'Name:type'/],
    ['a:boolean', /is not 'Name:type'/], // aliases are for user input; our own data uses the canonical names
    ['a:int, a:long', /duplicate column 'a'/],
  ])('%j is rejected', (list, message) => {
    expect(() => parseCompactColumns(list)).toThrow(message);
  });
});
