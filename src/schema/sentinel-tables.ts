/**
 * Microsoft Sentinel (Log Analytics) tables, and the columns Sentinel adds to Defender XDR tables.
 */
import { compactTable } from './compact-table.ts';
import type { ColumnSchema, TableSchema } from './types.ts';

const SECURITY_EVENT_DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  ['TimeGenerated', 'When the record was generated; the time column Sentinel rules filter on.'],
  ['Computer', 'Name of the machine that logged the event.'],
  ['EventID', 'Windows event ID, e.g. 4624 (logon), 4688 (process start).'],
  ['Activity', "Event ID and its short title, as in '4688 - A new process has been created.'"],
  ['Account', 'Account the event is about, as DOMAIN\\user.'],
  ['CommandLine', 'Command line of the new process (4688, when command-line auditing is on).'],
  ['NewProcessName', 'Full image path of the new process (4688).'],
  ['ParentProcessName', 'Full image path of the parent of the new process (4688).'],
  ['SubjectUserName', 'User name of the account that performed the action.'],
  ['TargetUserName', 'User name of the account the action was done to, or that logged on.'],
  ['LogonType', 'Numeric Windows logon type (2 interactive, 3 network, 10 remote interactive, ...).'],
  ['IpAddress', 'Source address of a logon attempt.'],
  ['EventData', 'The raw event data as XML.'],
]);

/**
 * Windows Security event log records collected by the Log Analytics agent.
 *
 * Columns: the Azure Monitor table reference (MicrosoftDocs/azure-reference-other,
 * `azure-monitor-ref/tables/includes/securityevent-include.md`), plus the workspace-wide TenantId, plus the
 * columns that a published copy of the live table's column list (markolauren/sentinel,
 * `cef-multitable-ingest/create_table_with_securityevent_schema.ps1`) has and the reference lacks: EventOriginId,
 * MG, TimeCollected, AccessList, AccessReason, ImpersonationLevel, PartitionKey, RowKey, AzureTableName. The
 * order follows that copy. It types a few GUID-like columns (SourceComputerId, MG, LogonGuid, ...) as guid; we
 * keep the reference's string, which is also what rules compare them with.
 */
export const SECURITY_EVENT: TableSchema = compactTable(
  'sentinel',
  'SecurityEvent',
  'Windows Security event log records collected from machines by the Log Analytics agent.',
  `TenantId:string, TimeGenerated:datetime, SourceSystem:string, Account:string, AccountType:string,
     Computer:string, EventSourceName:string, Channel:string, Task:int, Level:string, EventData:string, EventID:int,
     Activity:string, SourceComputerId:string, EventOriginId:string, MG:string, TimeCollected:datetime,
     ManagementGroupName:string, AccessList:string, AccessMask:string, AccessReason:string, AccountDomain:string,
     AccountExpires:string, AccountName:string, AccountSessionIdentifier:string, AdditionalInfo:string,
     AdditionalInfo2:string, AllowedToDelegateTo:string, Attributes:string, AuditPolicyChanges:string,
     AuditsDiscarded:int, AuthenticationLevel:int, AuthenticationPackageName:string, AuthenticationProvider:string,
     AuthenticationServer:string, AuthenticationService:int, AuthenticationType:string, CACertificateHash:string,
     CalledStationID:string, CallerProcessId:string, CallerProcessName:string, CallingStationID:string,
     CAPublicKeyHash:string, CategoryId:string, CertificateDatabaseHash:string, ClassId:string, ClassName:string,
     ClientAddress:string, ClientIPAddress:string, ClientName:string, CommandLine:string, CompatibleIds:string,
     DCDNSName:string, DeviceDescription:string, DeviceId:string, DisplayName:string, Disposition:string,
     DomainBehaviorVersion:string, DomainName:string, DomainPolicyChanged:string, DomainSid:string, EAPType:string,
     ElevatedToken:string, ErrorCode:int, ExtendedQuarantineState:string, FailureReason:string, FileHash:string,
     FilePath:string, FilePathNoUser:string, ForceLogoff:string, Fqbn:string,
     FullyQualifiedSubjectMachineName:string, FullyQualifiedSubjectUserName:string, GroupMembership:string,
     HandleId:string, HardwareIds:string, HomeDirectory:string, HomePath:string, ImpersonationLevel:string,
     InterfaceUuid:string, IpAddress:string, IpPort:string, KeyLength:int, LmPackageName:string,
     LocationInformation:string, LockoutDuration:string, LockoutObservationWindow:string, LockoutThreshold:string,
     LoggingResult:string, LogonGuid:string, LogonHours:string, LogonID:string, LogonProcessName:string,
     LogonType:int, LogonTypeName:string, MachineAccountQuota:string, MachineInventory:string, MachineLogon:string,
     MandatoryLabel:string, MaxPasswordAge:string, MemberName:string, MemberSid:string, MinPasswordAge:string,
     MinPasswordLength:string, MixedDomainMode:string, NASIdentifier:string, NASIPv4Address:string,
     NASIPv6Address:string, NASPort:string, NASPortType:string, NetworkPolicyName:string, NewDate:string,
     NewMaxUsers:string, NewProcessId:string, NewProcessName:string, NewRemark:string, NewShareFlags:string,
     NewTime:string, NewUacValue:string, NewValue:string, NewValueType:string, ObjectName:string,
     ObjectServer:string, ObjectType:string, ObjectValueName:string, OemInformation:string, OldMaxUsers:string,
     OldRemark:string, OldShareFlags:string, OldUacValue:string, OldValue:string, OldValueType:string,
     OperationType:string, PackageName:string, ParentProcessName:string, PasswordHistoryLength:string,
     PasswordLastSet:string, PasswordProperties:string, PreviousDate:string, PreviousTime:string,
     PrimaryGroupId:string, PrivateKeyUsageCount:string, PrivilegeList:string, Process:string, ProcessId:string,
     ProcessName:string, Properties:string, ProfilePath:string, ProtocolSequence:string, ProxyPolicyName:string,
     QuarantineHelpURL:string, QuarantineSessionID:string, QuarantineSessionIdentifier:string,
     QuarantineState:string, QuarantineSystemHealthResult:string, RelativeTargetName:string, RemoteIpAddress:string,
     RemotePort:string, Requester:string, RequestId:string, RestrictedAdminMode:string, RowsDeleted:string,
     SamAccountName:string, ScriptPath:string, SecurityDescriptor:string, ServiceAccount:string,
     ServiceFileName:string, ServiceName:string, ServiceStartType:int, ServiceType:string, SessionName:string,
     ShareLocalPath:string, ShareName:string, SidHistory:string, Status:string, SubjectAccount:string,
     SubcategoryGuid:string, SubcategoryId:string, Subject:string, SubjectDomainName:string,
     SubjectKeyIdentifier:string, SubjectLogonId:string, SubjectMachineName:string, SubjectMachineSID:string,
     SubjectUserName:string, SubjectUserSid:string, SubStatus:string, TableId:string, TargetAccount:string,
     TargetDomainName:string, TargetInfo:string, TargetLinkedLogonId:string, TargetLogonGuid:string,
     TargetLogonId:string, TargetOutboundDomainName:string, TargetOutboundUserName:string, TargetServerName:string,
     TargetSid:string, TargetUser:string, TargetUserName:string, TargetUserSid:string, TemplateContent:string,
     TemplateDSObjectFQDN:string, TemplateInternalName:string, TemplateOID:string, TemplateSchemaVersion:string,
     TemplateVersion:string, TokenElevationType:string, TransmittedServices:string, UserAccountControl:string,
     UserParameters:string, UserPrincipalName:string, UserWorkstations:string, VirtualAccount:string,
     VendorIds:string, Workstation:string, WorkstationName:string, PartitionKey:string, RowKey:string,
     StorageAccount:string, AzureDeploymentID:string, AzureTableName:string, Filter:string, Type:string,
     _ResourceId:string, _SubscriptionId:string, _IsBillable:string, _BilledSize:real`,
  SECURITY_EVENT_DESCRIPTIONS,
);

export const SENTINEL_TABLES: readonly TableSchema[] = [SECURITY_EVENT];

/**
 * Columns a Defender XDR table gains when the Microsoft Defender XDR connector streams it into a Sentinel
 * workspace. Sentinel rules filter on TimeGenerated; advanced hunting has only Timestamp.
 */
export const SENTINEL_DEFENDER_COLUMNS: readonly ColumnSchema[] = [
  { name: 'TimeGenerated', type: 'datetime', description: 'When the record was generated; the time column Sentinel rules filter on.' },
  { name: 'TenantId', type: 'string', description: 'ID of the Log Analytics workspace.' },
  { name: 'SourceSystem', type: 'string', description: 'Kind of agent or connector that sent the record.' },
  { name: 'Type', type: 'string', description: 'Name of the table the record is in.' },
  { name: 'MachineGroup', type: 'string', description: 'Device group of the device, as used for access control.' },
];

/** The table with those Sentinel columns it does not already have appended (IdentityInfo has some already). */
export function withSentinelColumns(table: TableSchema): TableSchema {
  const present = new Set(table.columns.map((c) => c.name));
  const missing = SENTINEL_DEFENDER_COLUMNS.filter((c) => !present.has(c.name));
  return missing.length === 0 ? table : { ...table, columns: [...table.columns, ...missing] };
}
