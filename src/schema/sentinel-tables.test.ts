import { describe, expect, test } from 'vitest';
import { DEFENDER_TABLES } from './defender-tables.ts';
import { SECURITY_EVENT, SENTINEL_DEFENDER_COLUMNS, SENTINEL_TABLES, withSentinelColumns } from './sentinel-tables.ts';
import type { TableSchema } from './types.ts';

function typeOf(table: TableSchema, column: string): string | undefined {
  return table.columns.find((c) => c.name === column)?.type;
}

function defender(name: string): TableSchema {
  const found = DEFENDER_TABLES.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

describe('SecurityEvent', () => {
  test('is a sentinel table with unique columns', () => {
    expect(SENTINEL_TABLES).toEqual([SECURITY_EVENT]);
    expect(SECURITY_EVENT.name).toBe('SecurityEvent');
    expect(SECURITY_EVENT.origin).toBe('sentinel');
    expect(SECURITY_EVENT.columns).toHaveLength(228);
    expect(new Set(SECURITY_EVENT.columns.map((c) => c.name)).size).toBe(SECURITY_EVENT.columns.length);
  });

  test('has the columns Windows-event rules use, with their Log Analytics types', () => {
    const expected: Record<string, string> = {
      TimeGenerated: 'datetime',
      TenantId: 'string',
      Computer: 'string',
      EventID: 'int',
      Activity: 'string',
      Account: 'string',
      AccountType: 'string',
      AccountName: 'string',
      AccountDomain: 'string',
      CommandLine: 'string',
      NewProcessName: 'string',
      ParentProcessName: 'string',
      SubjectUserName: 'string',
      SubjectLogonId: 'string',
      TargetUserName: 'string',
      LogonType: 'int',
      IpAddress: 'string',
      ProcessId: 'string',
      ServiceFileName: 'string',
      ObjectName: 'string',
      AccessMask: 'string',
      EventData: 'string',
      Task: 'int',
      Type: 'string',
      _ResourceId: 'string',
      _BilledSize: 'real',
    };
    for (const [name, type] of Object.entries(expected)) expect([name, typeOf(SECURITY_EVENT, name)]).toEqual([name, type]);
  });

  test('has no Defender-only columns', () => {
    expect(typeOf(SECURITY_EVENT, 'Timestamp')).toBeUndefined();
    expect(typeOf(SECURITY_EVENT, 'ProcessCommandLine')).toBeUndefined();
  });
});

describe('withSentinelColumns', () => {
  test('appends TimeGenerated, TenantId, SourceSystem, Type and MachineGroup after the documented columns', () => {
    const original = defender('DeviceProcessEvents');
    const extended = withSentinelColumns(original);
    expect(extended.columns.slice(0, original.columns.length)).toEqual(original.columns);
    expect(extended.columns.slice(original.columns.length).map((c) => `${c.name}:${c.type}`)).toEqual([
      'TimeGenerated:datetime',
      'TenantId:string',
      'SourceSystem:string',
      'Type:string',
      'MachineGroup:string',
    ]);
    expect(extended.origin).toBe('defender');
    expect(original.columns.some((c) => c.name === 'TimeGenerated')).toBe(false); // input untouched
  });

  test('skips columns the table already has', () => {
    // IdentityInfo documents TenantId, SourceSystem and Type; DeviceInfo documents MachineGroup.
    expect(withSentinelColumns(defender('IdentityInfo')).columns.slice(-2).map((c) => c.name)).toEqual(['TimeGenerated', 'MachineGroup']);
    const deviceInfo = withSentinelColumns(defender('DeviceInfo'));
    expect(deviceInfo.columns.filter((c) => c.name === 'MachineGroup')).toHaveLength(1);
    for (const t of DEFENDER_TABLES) {
      const names = withSentinelColumns(t).columns.map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      for (const c of SENTINEL_DEFENDER_COLUMNS) expect(names).toContain(c.name);
    }
  });

  test('is idempotent', () => {
    const once = withSentinelColumns(defender('DeviceFileEvents'));
    expect(withSentinelColumns(once)).toBe(once);
  });
});
