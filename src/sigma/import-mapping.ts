/**
 * Forward mapping facts for the Sigma importer (Sigma field → Defender column), per Defender table. These are the
 * fields pySigma-backend-kusto's microsoft_xdr pipeline maps (its effective mapping, observed by running it), so a
 * rule imported here reads the same columns as the established converter. src/sigma/mapping.ts holds the reverse
 * direction and the category → table facts, which are shared.
 */

/** How a Sigma field reaches a column. */
export interface ColumnTarget {
  readonly column: string;
  /**
   * The column holds only a file name while the Sigma field holds a path (ParentImage outside process creation →
   * InitiatingProcessParentFileName): only the value's last path component can be compared.
   */
  readonly fileNameOnly?: boolean;
  /** `DOMAIN\user` values are split: the user part on `column`, the domain part here. */
  readonly domainColumn?: string;
}

/** Fields that mean the acting process on every table except DeviceProcessEvents (where it is the created one). */
const ACTOR: Readonly<Record<string, ColumnTarget>> = {
  EventType: { column: 'ActionType' },
  CommandLine: { column: 'InitiatingProcessCommandLine' },
  Image: { column: 'InitiatingProcessFolderPath' },
  ProcessName: { column: 'InitiatingProcessFolderPath' },
  SourceImage: { column: 'InitiatingProcessFolderPath' },
  ProcessId: { column: 'InitiatingProcessId' },
  ParentProcessId: { column: 'InitiatingProcessParentId' },
  ParentImage: { column: 'InitiatingProcessParentFileName', fileNameOnly: true },
  Company: { column: 'InitiatingProcessVersionInfoCompanyName' },
  Description: { column: 'InitiatingProcessVersionInfoFileDescription' },
  OriginalFileName: { column: 'InitiatingProcessVersionInfoOriginalFileName' },
  Product: { column: 'InitiatingProcessVersionInfoProductName' },
  FileVersion: { column: 'InitiatingProcessVersionInfoProductVersion' },
  User: { column: 'InitiatingProcessAccountName', domainColumn: 'InitiatingProcessAccountDomain' },
  md5: { column: 'InitiatingProcessMD5' },
  sha1: { column: 'InitiatingProcessSHA1' },
  sha256: { column: 'InitiatingProcessSHA256' },
};

/** The file's own hashes on the tables that describe a file (file events, loaded images). */
const FILE_HASHES: Readonly<Record<string, ColumnTarget>> = {
  md5: { column: 'MD5' },
  sha1: { column: 'SHA1' },
  sha256: { column: 'SHA256' },
};

export const FIELD_TO_COLUMN: Readonly<Record<string, Readonly<Record<string, ColumnTarget>>>> = {
  DeviceProcessEvents: {
    EventType: { column: 'ActionType' },
    Image: { column: 'FolderPath' },
    CommandLine: { column: 'ProcessCommandLine' },
    OriginalFileName: { column: 'ProcessVersionInfoOriginalFileName' },
    Company: { column: 'ProcessVersionInfoCompanyName' },
    Description: { column: 'ProcessVersionInfoFileDescription' },
    Product: { column: 'ProcessVersionInfoProductName' },
    FileVersion: { column: 'ProcessVersionInfoProductVersion' },
    IntegrityLevel: { column: 'ProcessIntegrityLevel' },
    ProcessId: { column: 'ProcessId' },
    LogonId: { column: 'LogonId' },
    User: { column: 'AccountName', domainColumn: 'AccountDomain' },
    md5: { column: 'MD5' },
    sha1: { column: 'SHA1' },
    sha256: { column: 'SHA256' },
    ParentProcessId: { column: 'InitiatingProcessId' },
    ParentImage: { column: 'InitiatingProcessFolderPath' },
    ParentCommandLine: { column: 'InitiatingProcessCommandLine' },
    ParentUser: { column: 'InitiatingProcessAccountName', domainColumn: 'InitiatingProcessAccountDomain' },
    GrandParentImage: { column: 'InitiatingProcessParentFileName', fileNameOnly: true },
    ProcessName: { column: 'InitiatingProcessFolderPath' },
    SourceImage: { column: 'InitiatingProcessFolderPath' },
  },
  DeviceImageLoadEvents: { ...ACTOR, ...FILE_HASHES, ImageLoaded: { column: 'FolderPath' } },
  DeviceFileEvents: {
    ...ACTOR,
    ...FILE_HASHES,
    TargetFilename: { column: 'FolderPath' },
    ObjectName: { column: 'FolderPath' },
    User: { column: 'RequestAccountName', domainColumn: 'RequestAccountDomain' },
    IntegrityLevel: { column: 'InitiatingProcessIntegrityLevel' },
  },
  DeviceRegistryEvents: {
    ...ACTOR,
    TargetObject: { column: 'RegistryKey' },
    ObjectName: { column: 'RegistryKey' },
    Details: { column: 'RegistryValueData' },
  },
  DeviceNetworkEvents: {
    ...ACTOR,
    Protocol: { column: 'Protocol' },
    SourceIp: { column: 'LocalIP' },
    SourceHostname: { column: 'DeviceName' },
    SourcePort: { column: 'LocalPort' },
    DestinationIp: { column: 'RemoteIP' },
    DestinationHostname: { column: 'RemoteUrl' },
    DestinationPort: { column: 'RemotePort' },
  },
};

/** Fields with no Defender meaning at all: the item is dropped (and reported), as the established converter does. */
export const DROPPED_FIELDS: Readonly<Record<string, string>> = {
  EventID: 'the Sysmon/Windows event ID is implied by the Defender table',
  EventCode: 'the event code is implied by the Defender table',
  ObjectType: 'Defender tables have no object type',
};

/** Sigma registry EventType values → Defender ActionType values. */
export const REGISTRY_EVENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  CreateKey: ['RegistryKeyCreated'],
  DeleteKey: ['RegistryKeyDeleted', 'RegistryValueDeleted'],
  SetValue: ['RegistryValueSet'],
  RenameKey: ['RegistryValueSet', 'RegistryKeyCreated'],
};

/** The ActionType a narrower registry/file category implies (registry_event and file_event cover every action). */
export const CATEGORY_ACTION_TYPES: Readonly<Record<string, readonly string[]>> = {
  registry_set: ['RegistryValueSet'],
  registry_add: ['RegistryKeyCreated'],
  registry_delete: ['RegistryKeyDeleted', 'RegistryValueDeleted'],
  file_delete: ['FileDeleted'],
  file_rename: ['FileRenamed'],
};

/** Registry hive abbreviations Sigma rules use → the names Defender records in RegistryKey. */
export const REGISTRY_HIVES: readonly (readonly [RegExp, string])[] = [
  [/^HKLM(?=\\|$)/i, 'HKEY_LOCAL_MACHINE'],
  [/^HKU(?=\\|$)/i, 'HKEY_USERS'],
  [/^HKCR(?=\\|$)/i, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes'],
];

/** ATT&CK data source per Sigma category, for the rule's `data_sources`. */
export const CATEGORY_DATA_SOURCE: Readonly<Record<string, string>> = {
  process_creation: 'Process: Process Creation',
  image_load: 'Module: Module Load',
  file_event: 'File: File Creation',
  file_change: 'File: File Modification',
  file_delete: 'File: File Deletion',
  file_rename: 'File: File Modification',
  file_access: 'File: File Access',
  registry_event: 'Windows Registry: Windows Registry Key Modification',
  registry_set: 'Windows Registry: Windows Registry Key Modification',
  registry_add: 'Windows Registry: Windows Registry Key Creation',
  registry_delete: 'Windows Registry: Windows Registry Key Deletion',
  network_connection: 'Network Traffic: Network Connection Creation',
};

/** Why categories without a Defender table cannot be imported. */
export const UNSUPPORTED_CATEGORIES: Readonly<Record<string, string>> = {
  ps_script: 'PowerShell script block logging (event 4104, ScriptBlockText) is not collected in Defender advanced hunting; no table holds the script text',
  ps_module: 'PowerShell module logging (event 4103) is not collected in Defender advanced hunting',
  ps_classic_start: 'classic PowerShell event logs are not collected in Defender advanced hunting',
  ps_classic_provider_start: 'classic PowerShell event logs are not collected in Defender advanced hunting',
  ps_classic_script: 'classic PowerShell event logs are not collected in Defender advanced hunting',
  dns_query: 'Defender records DNS queries only as DeviceEvents with ActionType DnsQueryResponse, with other fields',
  pipe_created: 'Defender records named pipes only as DeviceEvents (NamedPipeEvent) with other fields',
  driver_load: 'Defender has no driver-load table with the Sysmon fields',
  process_access: 'Defender records process access only as selected DeviceEvents, without the Sysmon fields',
  create_remote_thread: 'Defender records remote threads only as DeviceEvents (CreateRemoteThreadApiCall), without the Sysmon fields',
};
