import { describe, expect, it } from 'vitest';
import { builtInTables } from '../schema/catalog.ts';
import { requiredTables } from './tables.ts';

const schema = builtInTables();

describe('requiredTables', () => {
  it('lists each table the query reads once, sorted, including lets and scalar subqueries', () => {
    expect(requiredTables('let A = DeviceProcessEvents | take 1; let B = DeviceFileEvents; A | union B | union DeviceProcessEvents', schema)).toEqual(['DeviceFileEvents', 'DeviceProcessEvents']);
    expect(requiredTables('DeviceProcessEvents | where FileName in ((DeviceFileEvents | project FileName)) | extend n = toscalar(DeviceEvents | count)', schema)).toEqual([
      'DeviceEvents',
      'DeviceFileEvents',
      'DeviceProcessEvents',
    ]);
  });

  it('is empty for data defined inline and for a query that does not compile', () => {
    expect(requiredTables('datatable(a:long)[1] | take 1', schema)).toEqual([]);
    expect(requiredTables('DeviceFileEvents | project AccountName', schema)).toEqual([]);
    expect(requiredTables('NoSuchTable', schema)).toEqual([]);
  });
});
