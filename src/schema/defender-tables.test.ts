import { describe, expect, test } from 'vitest';
import { DEFENDER_TABLES } from './defender-tables.ts';
import { KQL_TYPES, type TableSchema } from './types.ts';

function table(name: string): TableSchema {
  const found = DEFENDER_TABLES.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
}

function typeOf(tableName: string, column: string): string | undefined {
  return table(tableName).columns.find((c) => c.name === column)?.type;
}

/** Column counts of the documented tables; a change here should be a deliberate schema update. */
const COLUMN_COUNTS: Readonly<Record<string, number>> = {
  DeviceProcessEvents: 58,
  DeviceFileEvents: 57,
  DeviceNetworkEvents: 44,
  DeviceRegistryEvents: 42,
  DeviceEvents: 64,
  DeviceLogonEvents: 48,
  DeviceImageLoadEvents: 37,
  DeviceInfo: 37,
  DeviceNetworkInfo: 16,
  DeviceFileCertificateInfo: 18,
  EmailEvents: 39,
  EmailAttachmentInfo: 15,
  EmailUrlInfo: 6,
  EmailPostDeliveryEvents: 12,
  UrlClickEvents: 12,
  IdentityLogonEvents: 26,
  IdentityQueryEvents: 25,
  IdentityDirectoryEvents: 23,
  IdentityInfo: 46,
  AlertInfo: 8,
  AlertEvidence: 42,
  CloudAppEvents: 36,
  DeviceTvmSoftwareVulnerabilities: 13,
  DeviceTvmSoftwareInventory: 11,
};

describe('Defender XDR tables', () => {
  test('all 24 documented tables, each once, with their documented column counts', () => {
    expect(DEFENDER_TABLES.map((t) => t.name)).toEqual(Object.keys(COLUMN_COUNTS));
    expect(Object.fromEntries(DEFENDER_TABLES.map((t) => [t.name, t.columns.length]))).toEqual(COLUMN_COUNTS);
  });

  test('every table is well-formed: defender origin, a description, unique column names, known types', () => {
    for (const t of DEFENDER_TABLES) {
      expect(t.origin).toBe('defender');
      expect(t.description?.length ?? 0).toBeGreaterThan(10);
      expect(new Set(t.columns.map((c) => c.name)).size).toBe(t.columns.length);
      for (const c of t.columns) expect(KQL_TYPES).toContain(c.type);
    }
  });

  test('event tables start with Timestamp:datetime; the vulnerability-management snapshots have none', () => {
    for (const t of DEFENDER_TABLES) {
      if (t.name.startsWith('DeviceTvm')) {
        expect(t.columns.some((c) => c.name === 'Timestamp')).toBe(false);
      } else {
        expect(t.columns[0]).toMatchObject({ name: 'Timestamp', type: 'datetime' });
      }
    }
  });

  test('DeviceFileEvents has FolderPath and SHA256 but no AccountName (only InitiatingProcessAccountName)', () => {
    expect(typeOf('DeviceFileEvents', 'FolderPath')).toBe('string');
    expect(typeOf('DeviceFileEvents', 'SHA256')).toBe('string');
    expect(typeOf('DeviceFileEvents', 'AccountName')).toBeUndefined();
    expect(typeOf('DeviceFileEvents', 'InitiatingProcessAccountName')).toBe('string');
    expect(typeOf('DeviceFileEvents', 'RequestSourcePort')).toBe('int');
    expect(typeOf('DeviceFileEvents', 'IsAzureInfoProtectionApplied')).toBe('bool');
  });

  test('DeviceProcessEvents has the process and account columns rules use', () => {
    expect(typeOf('DeviceProcessEvents', 'ProcessCommandLine')).toBe('string');
    expect(typeOf('DeviceProcessEvents', 'AccountName')).toBe('string');
    expect(typeOf('DeviceProcessEvents', 'ProcessId')).toBe('long');
    expect(typeOf('DeviceProcessEvents', 'ProcessCreationTime')).toBe('datetime');
    expect(typeOf('DeviceProcessEvents', 'InitiatingProcessParentFileName')).toBe('string');
    expect(typeOf('DeviceProcessEvents', 'TimeGenerated')).toBeUndefined();
    // Docs order is kept: the first six columns as documented.
    expect(table('DeviceProcessEvents').columns.slice(0, 6).map((c) => c.name)).toEqual([
      'Timestamp',
      'DeviceId',
      'DeviceName',
      'ActionType',
      'FileName',
      'FolderPath',
    ]);
  });

  test('types that differ between table families are kept as documented', () => {
    expect(typeOf('DeviceProcessEvents', 'ReportId')).toBe('long');
    expect(typeOf('EmailEvents', 'ReportId')).toBe('string');
    expect(typeOf('DeviceEvents', 'AdditionalFields')).toBe('string');
    expect(typeOf('CloudAppEvents', 'AdditionalFields')).toBe('dynamic');
    expect(typeOf('IdentityLogonEvents', 'AdditionalFields')).toBe('dynamic');
    expect(typeOf('DeviceNetworkEvents', 'RemotePort')).toBe('int');
    expect(typeOf('DeviceInfo', 'OSBuild')).toBe('long');
    expect(typeOf('DeviceTvmSoftwareVulnerabilities', 'CveTags')).toBe('dynamic');
  });

  test('the most used columns carry a description of our own', () => {
    const described = table('DeviceProcessEvents').columns.filter((c) => c.description !== undefined).map((c) => c.name);
    expect(described).toEqual(
      expect.arrayContaining(['Timestamp', 'ActionType', 'FileName', 'FolderPath', 'ProcessCommandLine', 'InitiatingProcessFileName', 'InitiatingProcessCommandLine']),
    );
  });
});
