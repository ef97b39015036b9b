/**
 * Test schema: two Microsoft Defender XDR tables with their real column names and types (a representative subset).
 * DeviceFileEvents deliberately has no `AccountName` (only `InitiatingProcessAccountName`), which is exactly the
 * mistake the published T1074.002 rule makes.
 */
import type { ColumnSchema, KqlType, TableSchema } from '../../schema/types.ts';

function columns(spec: string): ColumnSchema[] {
  return spec
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const [name = '', type = 'string'] = pair.split(':');
      return { name, type: type as KqlType };
    });
}

export const deviceFileEvents: TableSchema = {
  name: 'DeviceFileEvents',
  origin: 'defender',
  columns: columns(`
    Timestamp:datetime DeviceId:string DeviceName:string ActionType:string FileName:string FolderPath:string
    SHA1:string SHA256:string MD5:string FileOriginUrl:string FileOriginReferrerUrl:string FileOriginIP:string
    PreviousFolderPath:string PreviousFileName:string FileSize:long
    InitiatingProcessAccountDomain:string InitiatingProcessAccountName:string InitiatingProcessAccountSid:string
    InitiatingProcessAccountUpn:string InitiatingProcessAccountObjectId:string InitiatingProcessMD5:string
    InitiatingProcessSHA1:string InitiatingProcessSHA256:string InitiatingProcessFolderPath:string
    InitiatingProcessFileName:string InitiatingProcessFileSize:long InitiatingProcessId:long
    InitiatingProcessCommandLine:string InitiatingProcessCreationTime:datetime InitiatingProcessIntegrityLevel:string
    InitiatingProcessTokenElevation:string InitiatingProcessParentId:long InitiatingProcessParentFileName:string
    InitiatingProcessParentCreationTime:datetime RequestProtocol:string RequestSourceIP:string RequestSourcePort:int
    RequestAccountName:string RequestAccountDomain:string RequestAccountSid:string ShareName:string
    SensitivityLabel:string SensitivitySubLabel:string IsAzureInfoProtectionApplied:bool ReportId:long
    AppGuardContainerId:string AdditionalFields:dynamic
  `),
};

export const deviceProcessEvents: TableSchema = {
  name: 'DeviceProcessEvents',
  origin: 'defender',
  columns: columns(`
    Timestamp:datetime DeviceId:string DeviceName:string ActionType:string FileName:string FolderPath:string
    SHA1:string SHA256:string MD5:string FileSize:long ProcessVersionInfoCompanyName:string
    ProcessVersionInfoProductName:string ProcessVersionInfoOriginalFileName:string ProcessId:long
    ProcessCommandLine:string ProcessIntegrityLevel:string ProcessTokenElevation:string ProcessCreationTime:datetime
    AccountDomain:string AccountName:string AccountSid:string AccountUpn:string AccountObjectId:string LogonId:long
    InitiatingProcessAccountDomain:string InitiatingProcessAccountName:string InitiatingProcessAccountSid:string
    InitiatingProcessAccountUpn:string InitiatingProcessAccountObjectId:string InitiatingProcessLogonId:long
    InitiatingProcessIntegrityLevel:string InitiatingProcessTokenElevation:string InitiatingProcessSHA1:string
    InitiatingProcessSHA256:string InitiatingProcessMD5:string InitiatingProcessFileName:string
    InitiatingProcessFileSize:long InitiatingProcessId:long InitiatingProcessCommandLine:string
    InitiatingProcessCreationTime:datetime InitiatingProcessFolderPath:string InitiatingProcessParentId:long
    InitiatingProcessParentFileName:string InitiatingProcessParentCreationTime:datetime ReportId:long
    AppGuardContainerId:string AdditionalFields:dynamic
  `),
};

export const defenderTables: readonly TableSchema[] = [deviceFileEvents, deviceProcessEvents];
