/** Text structure parsers: parse_path, parse_command_line, parse_csv. */
import { type DynamicValue, newBag } from '../values/index.ts';
import { argString, returnsType } from './args.ts';
import type { ScalarFunction } from './types.ts';

/** parse_path(path): Scheme, RootPath, DirectoryPath, DirectoryName, Filename, Extension, AlternateDataStreamName. */
export function parsePath(input: string): DynamicValue {
  let rest = input;
  let scheme = '';
  const sm = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//.exec(rest);
  if (sm) {
    scheme = sm[1] ?? '';
    rest = rest.slice(sm[0].length);
  }
  const root = /^[A-Za-z]:/.exec(rest)?.[0] ?? '';
  const lastSep = Math.max(rest.lastIndexOf('/'), rest.lastIndexOf('\\'));
  const dir = lastSep >= 0 ? rest.slice(0, lastSep) : '';
  let filename = lastSep >= 0 ? rest.slice(lastSep + 1) : rest.slice(root.length);
  let ads = '';
  const colon = filename.indexOf(':');
  if (colon >= 0) {
    ads = filename.slice(colon + 1);
    filename = filename.slice(0, colon);
  }
  const dot = filename.lastIndexOf('.');
  const dirSep = Math.max(dir.lastIndexOf('/'), dir.lastIndexOf('\\'));
  const bag = newBag();
  bag.Scheme = scheme;
  bag.RootPath = root;
  bag.DirectoryPath = dir;
  bag.DirectoryName = dir.slice(dirSep + 1);
  bag.Filename = filename;
  bag.Extension = dot >= 0 ? filename.slice(dot + 1) : '';
  bag.AlternateDataStreamName = ads;
  return bag;
}

export const parse_path: ScalarFunction = {
  name: 'parse_path',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('dynamic'),
  impl: (args, ctx) => parsePath(argString(args, ctx, 0)),
};

/**
 * Windows command-line splitting (CommandLineToArgvW rules): whitespace separates arguments, quotes group,
 * 2n backslashes before a quote give n backslashes, 2n+1 give n and a literal quote, `""` inside quotes is a
 * literal quote.
 */
export function splitWindowsCommandLine(cmd: string): string[] {
  const args: string[] = [];
  let cur = '';
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i] ?? '';
    if (c === '\\') {
      let n = 0;
      while (cmd[i + n] === '\\') n++;
      if (cmd[i + n] === '"') {
        cur += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) {
          cur += '"';
          i += n;
        } else i += n - 1;
      } else {
        cur += '\\'.repeat(n);
        i += n - 1;
      }
      inArg = true;
    } else if (c === '"') {
      if (quoted && cmd[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
      inArg = true;
    } else if (!quoted && /\s/.test(c)) {
      if (inArg) args.push(cur);
      cur = '';
      inArg = false;
    } else {
      cur += c;
      inArg = true;
    }
  }
  if (inArg) args.push(cur);
  return args;
}

/** parse_command_line(command, parser): only the "windows" parser exists in Kusto. */
export const parse_command_line: ScalarFunction = {
  name: 'parse_command_line',
  minArgs: 2,
  maxArgs: 2,
  returns: returnsType('dynamic'),
  impl: (args, ctx) => (argString(args, ctx, 1).toLowerCase() === 'windows' ? splitWindowsCommandLine(argString(args, ctx, 0)) : null),
};

/** The first CSV record: commas separate, double quotes group, `""` escapes a quote. */
export function parseCsvRecord(s: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(cur);
      cur = '';
    } else if (c === '\n' || c === '\r') break;
    else cur += c;
  }
  fields.push(cur);
  return fields;
}

export const parse_csv: ScalarFunction = {
  name: 'parse_csv',
  minArgs: 1,
  maxArgs: 1,
  returns: returnsType('dynamic'),
  impl: (args, ctx) => parseCsvRecord(argString(args, ctx, 0)),
};

export const PARSE_FUNCTIONS: readonly ScalarFunction[] = [parse_path, parse_command_line, parse_csv];
