/**
 * Defender XDR (advanced hunting) ↔ Sigma mapping facts: which Sigma logsource a Device* table is, and which Sigma
 * field a table's column is. The forward direction (Sigma → KQL) is pySigma-backend-kusto's microsoft_xdr pipeline;
 * the reverse here inverts it so that a re-import with that backend gives back the original columns. Shared by the
 * Sigma export and import (the importer reads this module; only the exporter edits it).
 */

export interface SigmaLogsource {
  readonly category?: string;
  readonly product?: string;
  readonly service?: string;
}

/**
 * How a column becomes a Sigma field. `fileName`: the column holds only a file name while the Sigma field holds the
 * full path (`FileName` → `Image`): an exact name becomes `Field|endswith: '\name'`.
 */
export interface FieldMapping {
  readonly field: string;
  readonly fileName?: boolean;
}

export type ColumnMap = Readonly<Record<string, FieldMapping>>;

const f = (field: string): FieldMapping => ({ field });
const name = (field: string): FieldMapping => ({ field, fileName: true });

/** Columns of the tables other than DeviceProcessEvents, where InitiatingProcess* is the acting process itself. */
const GENERIC_NON_PROCESS: ColumnMap = {
  ActionType: f('EventType'),
  InitiatingProcessAccountName: f('User'),
  InitiatingProcessCommandLine: f('CommandLine'),
  InitiatingProcessFolderPath: f('Image'),
  InitiatingProcessFileName: name('Image'),
  InitiatingProcessId: f('ProcessId'),
  InitiatingProcessMD5: f('md5'),
  InitiatingProcessSHA1: f('sha1'),
  InitiatingProcessSHA256: f('sha256'),
  InitiatingProcessParentId: f('ParentProcessId'),
  InitiatingProcessParentFileName: name('ParentImage'),
  InitiatingProcessVersionInfoCompanyName: f('Company'),
  InitiatingProcessVersionInfoFileDescription: f('Description'),
  InitiatingProcessVersionInfoOriginalFileName: f('OriginalFileName'),
  InitiatingProcessVersionInfoProductName: f('Product'),
  InitiatingProcessVersionInfoProductVersion: f('FileVersion'),
};

/** Per table: column → Sigma field (per-table entries first, then the generic ones for non-process tables). */
export const COLUMN_TO_FIELD: Readonly<Record<string, ColumnMap>> = {
  DeviceProcessEvents: {
    // Here InitiatingProcess* is the parent of the process that was created.
    FolderPath: f('Image'),
    FileName: name('Image'),
    ProcessCommandLine: f('CommandLine'),
    ProcessVersionInfoOriginalFileName: f('OriginalFileName'),
    ProcessVersionInfoCompanyName: f('Company'),
    ProcessVersionInfoFileDescription: f('Description'),
    ProcessVersionInfoProductName: f('Product'),
    ProcessVersionInfoProductVersion: f('FileVersion'),
    ProcessIntegrityLevel: f('IntegrityLevel'),
    ProcessId: f('ProcessId'),
    LogonId: f('LogonId'),
    AccountName: f('User'),
    InitiatingProcessFolderPath: f('ParentImage'),
    InitiatingProcessFileName: name('ParentImage'),
    InitiatingProcessCommandLine: f('ParentCommandLine'),
    InitiatingProcessId: f('ParentProcessId'),
    InitiatingProcessAccountName: f('ParentUser'),
    InitiatingProcessParentFileName: name('GrandParentImage'),
    MD5: f('md5'),
    SHA1: f('sha1'),
    SHA256: f('sha256'),
    ActionType: f('EventType'),
  },
  DeviceImageLoadEvents: {
    ...GENERIC_NON_PROCESS,
    FolderPath: f('ImageLoaded'),
    FileName: name('ImageLoaded'),
    MD5: f('md5'),
    SHA1: f('sha1'),
    SHA256: f('sha256'),
  },
  DeviceFileEvents: {
    ...GENERIC_NON_PROCESS,
    FolderPath: f('TargetFilename'),
    FileName: name('TargetFilename'),
    RequestAccountName: f('User'),
    InitiatingProcessIntegrityLevel: f('IntegrityLevel'),
    MD5: f('md5'),
    SHA1: f('sha1'),
    SHA256: f('sha256'),
  },
  DeviceNetworkEvents: {
    ...GENERIC_NON_PROCESS,
    RemoteIP: f('DestinationIp'),
    RemotePort: f('DestinationPort'),
    RemoteUrl: f('DestinationHostname'),
    LocalIP: f('SourceIp'),
    LocalPort: f('SourcePort'),
    DeviceName: f('SourceHostname'),
    Protocol: f('Protocol'),
  },
  DeviceRegistryEvents: {
    ...GENERIC_NON_PROCESS,
    RegistryKey: f('TargetObject'),
    RegistryValueData: f('Details'),
  },
};

/** The Sigma logsource of each table Sigma can express; the ActionType may refine it (FILE_ACTIONS, REGISTRY_ACTIONS). */
export const TABLE_TO_LOGSOURCE: Readonly<Record<string, SigmaLogsource>> = {
  DeviceProcessEvents: { category: 'process_creation', product: 'windows' },
  DeviceImageLoadEvents: { category: 'image_load', product: 'windows' },
  DeviceNetworkEvents: { category: 'network_connection', product: 'windows' },
  DeviceFileEvents: { category: 'file_event', product: 'windows' },
  DeviceRegistryEvents: { category: 'registry_event', product: 'windows' },
};

/** DeviceFileEvents ActionType → the Sigma category that means exactly that action. */
export const FILE_ACTIONS: Readonly<Record<string, string>> = {
  FileCreated: 'file_event',
  FileDeleted: 'file_delete',
  FileRenamed: 'file_rename',
};

/** DeviceRegistryEvents ActionType → category (registry_event covers every registry action). */
export const REGISTRY_ACTIONS: Readonly<Record<string, string>> = {
  RegistryValueSet: 'registry_set',
  RegistryKeyCreated: 'registry_add',
  RegistryKeyDeleted: 'registry_delete',
  RegistryValueDeleted: 'registry_delete',
};

/** Sigma category → the Defender table the microsoft_xdr pipeline queries (forward direction). */
export const CATEGORY_TO_TABLE: Readonly<Record<string, string>> = {
  process_creation: 'DeviceProcessEvents',
  image_load: 'DeviceImageLoadEvents',
  file_access: 'DeviceFileEvents',
  file_change: 'DeviceFileEvents',
  file_delete: 'DeviceFileEvents',
  file_event: 'DeviceFileEvents',
  file_rename: 'DeviceFileEvents',
  registry_add: 'DeviceRegistryEvents',
  registry_delete: 'DeviceRegistryEvents',
  registry_event: 'DeviceRegistryEvents',
  registry_set: 'DeviceRegistryEvents',
  network_connection: 'DeviceNetworkEvents',
};

/** SigmaHQ's file-name prefix per Windows category (sigmahq_filename_prefix). */
export const FILENAME_PREFIX: Readonly<Record<string, string>> = {
  process_creation: 'proc_creation_win_',
  file_event: 'file_event_win_',
  file_change: 'file_change_win_',
  file_delete: 'file_delete_win_',
  file_rename: 'file_rename_win_',
  file_access: 'file_access_win_',
  network_connection: 'net_connection_win_',
  image_load: 'image_load_',
  registry_event: 'registry_event_',
  registry_add: 'registry_add_',
  registry_delete: 'registry_delete_',
  registry_set: 'registry_set_',
  driver_load: 'driver_load_win_',
  process_access: 'proc_access_win_',
  dns_query: 'dns_query_win_',
  pipe_created: 'pipe_created_',
  ps_script: 'posh_ps_',
  ps_module: 'posh_pm_',
};

export function fieldFor(table: string, column: string): FieldMapping | undefined {
  const map = COLUMN_TO_FIELD[table];
  return map && Object.prototype.hasOwnProperty.call(map, column) ? map[column] : undefined;
}
