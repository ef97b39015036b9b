/**
 * `rulebench import sigma <file.yml> [-o rule.yml]`: a Sigma rule converted to a Rulebench rule file. The rule goes
 * to stdout (or the -o file); the import report and any reading problems go to stderr as `file:line: severity:
 * message`, so the rule can be piped while the losses stay visible.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { serializeRule } from '../rule/yaml.ts';
import { builtInTables } from '../schema/catalog.ts';
import { MAX_SIGMA_FILE_CHARS } from '../sigma/parse.ts';
import { importSigma } from '../sigma/import.ts';
import { single, UsageError, type OptionSpec, type ParsedArgs } from './args.ts';
import type { Output } from './run-command.ts';

export const IMPORT_OPTIONS: Readonly<Record<string, OptionSpec>> = { o: { value: true }, output: { value: true }, help: {} };

export function importCommand(args: ParsedArgs, io: Output): number {
  const [format, path, ...extra] = args.positionals;
  if (format !== 'sigma') throw new UsageError(`import: the format must be "sigma" (rulebench import sigma <file.yml> [-o rule.yml])${format ? `, not ${JSON.stringify(format)}` : ''}`);
  if (path === undefined) throw new UsageError('import sigma: missing the Sigma rule file');
  if (extra.length > 0) throw new UsageError(`import sigma: one Sigma file expected, also got ${extra.join(' ')}`);
  const output = single(args, 'o') ?? single(args, 'output');
  let text: string;
  try {
    // Bytes ≥ characters for UTF-8: this only refuses files the parser would refuse anyway.
    if (statSync(path).size > MAX_SIGMA_FILE_CHARS * 4) {
      io.err(`${path}:1: error: the file is larger than a Sigma rule can be (1 MB)`);
      return 1;
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    io.err(`${path}: error: cannot read the file: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const result = importSigma(text, path, builtInTables());
  for (const d of result.diagnostics) io.err(`${path}:${d.line ?? 1}: ${d.severity}: ${d.message}`);
  for (const issue of result.report) io.err(`${path}:${issue.line}: ${issue.severity}: ${issue.message}`);
  if (!result.rule) {
    io.err(`${path}: nothing was imported`);
    return 1;
  }
  const yaml = serializeRule(result.rule);
  if (output === undefined) {
    io.out(yaml.replace(/\n$/, ''));
    return 0;
  }
  try {
    writeFileSync(output, yaml);
  } catch (error) {
    io.err(`${output}: error: cannot write the rule: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  return 0;
}
