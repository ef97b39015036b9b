import { expect, test } from 'vitest';
import { kqlTypeFromAnyName, kqlTypeFromClrName, kqlTypeFromName } from './kql-types.ts';
import { KQL_TYPES } from './types.ts';

test('every KQL type name reads as itself, in any case', () => {
  for (const type of KQL_TYPES) {
    expect(kqlTypeFromName(type)).toBe(type);
    expect(kqlTypeFromName(type.toUpperCase())).toBe(type);
  }
});

test.each([
  ['boolean', 'bool'],
  ['int32', 'int'],
  ['int64', 'long'],
  ['double', 'real'],
  ['float', 'real'],
  ['date', 'datetime'],
  ['time', 'timespan'],
  ['uniqueid', 'guid'],
  ['object', 'dynamic'],
])('alias %s is %s', (alias, type) => {
  expect(kqlTypeFromName(alias)).toBe(type);
});

test.each([
  ['System.String', 'string'],
  ['System.Int32', 'int'],
  ['System.Int64', 'long'],
  ['System.Double', 'real'],
  ['System.Boolean', 'bool'],
  ['System.SByte', 'bool'],
  ['System.DateTime', 'datetime'],
  ['System.TimeSpan', 'timespan'],
  ['System.Guid', 'guid'],
  ['System.Object', 'dynamic'],
  ['System.Data.SqlTypes.SqlDecimal', 'decimal'],
])('CLR name %s is %s', (clr, type) => {
  expect(kqlTypeFromClrName(clr)).toBe(type);
  expect(kqlTypeFromAnyName(clr)).toBe(type);
});

test('unknown names, and the two vocabularies kept apart where they must be', () => {
  for (const name of ['strng', '', 'System.Strin', 'varchar', '__proto__', 'constructor', 'toString']) {
    expect(kqlTypeFromAnyName(name)).toBeUndefined();
  }
  expect(kqlTypeFromName('System.String')).toBeUndefined();
  expect(kqlTypeFromClrName('string')).toBeUndefined();
});
