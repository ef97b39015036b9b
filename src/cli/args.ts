/**
 * Command-line parsing for `rulebench`: a command, positionals, and `--name value` options. Unknown options and
 * missing values are usage errors (exit status 2) with a message saying which option and why.
 */

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  /** Takes a value (`--now 2026-…`); otherwise a flag. */
  readonly value?: boolean;
  /** May repeat, and takes every following non-option argument (`--events a.json b.json`). */
  readonly multiple?: boolean;
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly values: Map<string, string[]>;
  readonly flags: Set<string>;
}

export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq === -1 ? arg : arg.slice(0, eq)).replace(/^--?/, '');
    const option = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!option) throw new UsageError(`unknown option ${eq === -1 ? arg : arg.slice(0, eq)}`);
    if (!option.value) {
      if (eq !== -1) throw new UsageError(`option --${name} takes no value`);
      flags.add(name);
      continue;
    }
    const list = values.get(name) ?? [];
    if (list.length > 0 && !option.multiple) throw new UsageError(`option --${name} is given more than once`);
    if (eq !== -1) {
      list.push(arg.slice(eq + 1));
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`option --${name} needs a value`);
      list.push(next);
      i++;
      // `--events a.json b.json`: the following plain arguments belong to the option too.
      while (option.multiple && argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('-')) list.push(argv[++i] as string);
    }
    values.set(name, list);
  }
  return { positionals, values, flags };
}

/** The single value of an option, or undefined. */
export function single(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.[0];
}
