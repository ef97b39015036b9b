/**
 * The hand-written JavaScript baseline for `npm run bench:engine`: the fixed T1074.002 rule's filtering, written
 * directly against the same typed rows the engine gets (column indexes, bigint timestamps), with the rule's
 * semantics: case-insensitive term `has`/`has_any`, `in~`, an unanchored regex search, union, sort desc.
 */
import type { EventTable, EventValue } from '../src/events/types.ts';

const TICKS_PER_HOUR = 36_000_000_000n;

const STAGING_PATHS = ['\\temp\\', '\\tmp\\', '\\public\\', '\\programdata\\', '\\windows\\temp\\', '\\appdata\\local\\temp\\', '\\inetpub\\wwwroot\\', '\\wwwroot\\', '\\users\\public\\', '\\recycle', '\\$recycle'];
const ARCHIVE_EXTENSIONS = ['.zip', '.rar', '.7z', '.tar', '.gz', '.bz2', '.cab', '.iso', '.lzh', '.arj'];
const REMOTE_TOOLS = new Set(['xcopy.exe', 'robocopy.exe', 'copy']);
const SHELLS = new Set(['powershell.exe', 'pwsh.exe', 'cmd.exe']);
const COPY_VERBS = ['copy', 'xcopy', 'robocopy', 'move-item', 'copy-item'];
const UNC_REGEX = /\\\\\\.+\\/;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

/** Kusto `has` on lowercased text: the needle must sit on term boundaries where its own edges are alphanumeric. */
export function hasTerm(text: string, needle: string): boolean {
  const startAlnum = isAlnum(needle.charCodeAt(0));
  const endAlnum = isAlnum(needle.charCodeAt(needle.length - 1));
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (startAlnum && at > 0 && isAlnum(text.charCodeAt(at - 1))) continue;
    const end = at + needle.length;
    if (endAlnum && end < text.length && isAlnum(text.charCodeAt(end))) continue;
    return true;
  }
  return false;
}

const hasAny = (text: string, needles: readonly string[]): boolean => needles.some((n) => hasTerm(text, n));

export function handWrittenRule(tables: ReadonlyMap<string, EventTable>, now: bigint): EventValue[][] {
  const cutoff = now - 24n * TICKS_PER_HOUR;
  const out: EventValue[][] = [];
  const files = tables.get('DeviceFileEvents');
  if (files) {
    const c = indexer(files);
    const [ts, action, folder, name, device, size, ipName, ipCmd, ipAccount] = [c('Timestamp'), c('ActionType'), c('FolderPath'), c('FileName'), c('DeviceName'), c('FileSize'), c('InitiatingProcessFileName'), c('InitiatingProcessCommandLine'), c('InitiatingProcessAccountName')] as const;
    for (const row of files.rows) {
      const at = (i: number): EventValue => row[i] ?? null;
      const t = row[ts] as bigint | null;
      if (t === null || t <= cutoff || row[action] !== 'FileCreated') continue;
      if (!hasAny((row[folder] as string).toLowerCase(), STAGING_PATHS) || !hasAny((row[name] as string).toLowerCase(), ARCHIVE_EXTENSIONS)) continue;
      out.push([t, at(device), at(ipAccount), at(folder), at(name), at(size), at(ipName), at(ipCmd), at(ipAccount), 'ArchiveInStagingDir', '']);
    }
  }
  const procs = tables.get('DeviceProcessEvents');
  if (procs) {
    const c = indexer(procs);
    const [ts, name, cmd, device, account, ipName, ipCmd] = [c('Timestamp'), c('FileName'), c('ProcessCommandLine'), c('DeviceName'), c('AccountName'), c('InitiatingProcessFileName'), c('InitiatingProcessCommandLine')] as const;
    for (const row of procs.rows) {
      const at = (i: number): EventValue => row[i] ?? null;
      const t = row[ts] as bigint | null;
      if (t === null || t <= cutoff) continue;
      const fileLower = (row[name] as string).toLowerCase();
      const command = row[cmd] as string;
      if (!command.includes('\\\\')) continue;
      const commandLower = command.toLowerCase();
      const base: EventValue[] = [t, at(device), at(account), '', at(name), null, at(ipName), at(ipCmd), '', '', command];
      if ((REMOTE_TOOLS.has(fileLower) || hasAny(commandLower, ['xcopy', 'robocopy'])) && UNC_REGEX.test(command)) {
        out.push(withType(base, 'RemoteCopyToUNCPath'));
      }
      if (SHELLS.has(fileLower) && hasAny(commandLower, COPY_VERBS)) out.push(withType(base, 'PSCmdRemoteCopy'));
    }
  }
  return out.sort((a, b) => ((a[0] as bigint) < (b[0] as bigint) ? 1 : (a[0] as bigint) > (b[0] as bigint) ? -1 : 0));
}

function withType(row: EventValue[], type: string): EventValue[] {
  const copy = row.slice();
  copy[9] = type;
  return copy;
}

function indexer(table: EventTable): (name: string) => number {
  return (name) => {
    const i = table.columns.findIndex((col) => col.name === name);
    if (i === -1) throw new Error(`no column ${name}`);
    return i;
  };
}
