/**
 * Synthetic Defender events for `npm run bench:engine`: a seeded, realistic mix of DeviceProcessEvents and
 * DeviceFileEvents in which a small share matches each sub-detection of the T1074.002 rule. Values are built
 * per row (distinct strings, as parsed JSON would give), so the memory measured is that of real loaded events.
 */

/** mulberry32: small, fast, and the same sequence on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type EventRecord = Record<string, string | number>;

const HOSTS = Array.from({ length: 400 }, (_, i) => `wks-${(i * 7919).toString(36)}${i}.corp.tailspin.example`);
const USERS = ['alice', 'bob', 'carol', 'dave', 'svc_backup', 'system', 'adm-dave', 'erin', 'frank', 'grace'];
const ORDINARY_FOLDERS = ['C:\\Users\\{u}\\Documents\\', 'C:\\Users\\{u}\\Downloads\\', 'C:\\Program Files\\App{n}\\', 'D:\\Shares\\Finance\\', 'C:\\Windows\\System32\\'];
const STAGING_FOLDERS = ['C:\\Windows\\Temp\\', 'C:\\Users\\Public\\staging\\', 'C:\\ProgramData\\cache\\', 'C:\\inetpub\\wwwroot\\uploads\\', 'C:\\Users\\{u}\\AppData\\Local\\Temp\\'];
const ORDINARY_EXT = ['.docx', '.xlsx', '.pdf', '.tmp', '.log', '.dll', '.txt', '.json'];
const ARCHIVE_EXT = ['.zip', '.7z', '.rar', '.cab', '.gz'];
const PROCESSES = ['svchost.exe', 'chrome.exe', 'msedge.exe', 'conhost.exe', 'explorer.exe', 'OUTLOOK.EXE', 'Teams.exe', 'cmd.exe', 'powershell.exe', 'xcopy.exe', 'robocopy.exe'];
const PARENTS = ['explorer.exe', 'services.exe', 'svchost.exe', 'cmd.exe', 'powershell.exe', 'java.exe', 'WmiPrvSE.exe'];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
const hex = (rand: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');

/** ISO time `secondsAgo` before `nowMs`. */
function iso(nowMs: number, secondsAgo: number): string {
  return new Date(nowMs - secondsAgo * 1000).toISOString();
}

export interface GeneratedEvents {
  readonly records: EventRecord[];
  /** How many records were built to match each sub-detection (inside the 24 h window). */
  readonly planted: { archive: number; remoteCopyTool: number; psRemoteCopy: number };
}

/**
 * `count` events ending at `nowMs`: half file events, half process events; 10% older than 24 h (filtered out by
 * `ago(24h)`); about 0.5% planted archive-in-staging rows, 0.1% RemoteCopyTool rows and 0.5% PS/cmd remote copies.
 */
export function generateEvents(count: number, nowMs: number, seed = 1074002): GeneratedEvents {
  const rand = prng(seed);
  const records: EventRecord[] = [];
  const planted = { archive: 0, remoteCopyTool: 0, psRemoteCopy: 0 };
  for (let i = 0; i < count; i++) {
    const old = rand() < 0.1;
    const secondsAgo = old ? 86400 + rand() * 86400 * 6 : rand() * 86000;
    const user = pick(rand, USERS);
    const host = pick(rand, HOSTS);
    const parent = pick(rand, PARENTS);
    const common: EventRecord = {
      Timestamp: iso(nowMs, secondsAgo),
      DeviceId: hex(rand, 40),
      DeviceName: host,
      InitiatingProcessAccountName: user,
      InitiatingProcessAccountDomain: 'tailspin',
      InitiatingProcessFileName: parent,
      InitiatingProcessCommandLine: `${parent} -k netsvcs -p -s Schedule ${Math.floor(rand() * 1e6)}`,
      InitiatingProcessId: Math.floor(rand() * 60000),
      ReportId: i,
    };
    const roll = rand();
    if (i % 2 === 0) {
      const archive = roll < 0.005;
      if (archive && !old) planted.archive++;
      const folder = (archive ? pick(rand, STAGING_FOLDERS) : pick(rand, ORDINARY_FOLDERS)).replace('{u}', user).replace('{n}', String(i % 97));
      const fileName = `file_${Math.floor(rand() * 1e9).toString(36)}${archive ? pick(rand, ARCHIVE_EXT) : pick(rand, ORDINARY_EXT)}`;
      records.push({
        Type: 'DeviceFileEvents',
        ...common,
        ActionType: archive ? 'FileCreated' : pick(rand, ['FileCreated', 'FileModified', 'FileRenamed', 'FileDeleted']),
        FileName: fileName,
        FolderPath: folder + fileName,
        FileSize: Math.floor(rand() * 5e7),
        SHA1: hex(rand, 40),
      });
    } else {
      let fileName = pick(rand, PROCESSES.slice(0, 7));
      let commandLine = `"C:\\Program Files\\${fileName}" --type=renderer --field-trial-handle=${Math.floor(rand() * 1e9)} /prefetch:${i % 9}`;
      if (roll < 0.001) {
        fileName = 'Robocopy.exe';
        commandLine = `robocopy C:\\Migration\\HR \\\\\\\\fs-${i % 50}\\\\hr$\\\\archive /E /COPY:DAT`;
        if (!old) planted.remoteCopyTool++;
      } else if (roll < 0.006) {
        fileName = pick(rand, ['cmd.exe', 'powershell.exe']);
        commandLine = fileName === 'cmd.exe' ? `cmd.exe /c xcopy C:\\Users\\${user}\\Documents \\\\10.0.${i % 250}.5\\c$\\stage /E /I` : `powershell.exe Copy-Item -Path C:\\Users\\${user}\\*.docx -Destination \\\\fs02\\teams$\\${i}`;
        if (!old) planted.psRemoteCopy++;
      } else if (roll < 0.02) {
        // Near misses: copy tools to local paths, shells without UNC paths.
        fileName = pick(rand, ['xcopy.exe', 'robocopy.exe', 'cmd.exe']);
        commandLine = `${fileName} C:\\build\\out C:\\drops\\${i} /MIR`;
      }
      records.push({
        Type: 'DeviceProcessEvents',
        ...common,
        ActionType: 'ProcessCreated',
        FileName: fileName,
        FolderPath: `C:\\Windows\\System32\\${fileName}`,
        ProcessCommandLine: commandLine,
        ProcessId: Math.floor(rand() * 60000),
        AccountName: user,
        AccountDomain: 'tailspin',
        SHA1: hex(rand, 40),
      });
    }
  }
  return { records, planted };
}
