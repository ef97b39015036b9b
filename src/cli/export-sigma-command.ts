/**
 * `rulebench export sigma <rule.rule.yml | query.kql> [-o file]`: the rule as multi-document Sigma YAML on stdout
 * (or in the file), warnings and errors on stderr as `file:line: warning|error: message`. Exit 1 when nothing
 * could be exported.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { newRule, type Rule } from '../rule/model.ts';
import { parseRuleFile } from '../rule/yaml.ts';
import { builtInTables } from '../schema/catalog.ts';
import { exportSigma } from '../sigma/export.ts';
import { URL_NAMESPACE, uuidV5 } from '../sigma/uuid.ts';
import { parseArgs, single, UsageError, type OptionSpec } from './args.ts';
import type { Output } from './run-command.ts';

export const EXPORT_SIGMA_OPTIONS: Readonly<Record<string, OptionSpec>> = { o: { value: true }, output: { value: true }, help: {} };

export function exportSigmaCommand(argv: readonly string[], io: Output): number {
  const args = parseArgs(argv, EXPORT_SIGMA_OPTIONS);
  const [path, ...extra] = args.positionals;
  if (path === undefined) throw new UsageError('export sigma: missing the rule file (*.rule.yml or a .kql query)');
  if (extra.length > 0) throw new UsageError(`export sigma: one rule file expected, also got ${extra.join(' ')}`);
  const output = single(args, 'o') ?? single(args, 'output');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
  let rule: Rule;
  let lineOffset = 0;
  if (/\.kql$/i.test(path) || !/\.ya?ml$/i.test(path)) {
    // A bare query has no metadata: name it after the file, with an id derived from the name so it stays stable.
    rule = { ...newRule(uuidV5(URL_NAMESPACE, `rulebench:file:${basename(path)}`), new Date().toISOString().slice(0, 10), text), title: basename(path).replace(/\.kql$/i, '') };
  } else {
    const parsed = parseRuleFile(text, path);
    if (!parsed.rule) {
      for (const d of parsed.diagnostics.filter((x) => x.severity === 'error')) io.err(`${path}:${d.line ?? 1}: error: ${d.message}`);
      return 1;
    }
    rule = parsed.rule;
    lineOffset = parsed.queryOffset?.lineOffset ?? 0;
  }
  const result = exportSigma(rule, builtInTables());
  for (const w of result.warnings) io.err(`${path}${w.line === null ? '' : `:${w.line + lineOffset}`}: warning: ${w.subdetection ? `${w.subdetection}: ` : ''}${w.message}`);
  for (const e of result.errors) io.err(`${path}${e.line === null ? '' : `:${e.line + lineOffset}`}: error: ${e.message}`);
  if (result.documents.length === 0) return 1;
  if (output) writeFileSync(output, result.yaml);
  else io.out(result.yaml.replace(/\n$/, ''));
  return 0;
}
