/**
 * `rulebench export sentinel <rule.rule.yml> [-o file]` and `rulebench export arm <rule.rule.yml> [-o file]`: a rule
 * file as a Sentinel analytics-rule YAML template or an ARM deployment template. Problems go to stderr; when one is
 * an error nothing is written (neither stdout nor -o), so an undeployable rule is never handed on.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadAttack } from './rule-commands.ts';
import { MAX_RULE_FILE_CHARS, parseRuleFile, type Position } from '../rule/yaml.ts';
import { builtInTables } from '../schema/catalog.ts';
import { exportArmTemplate } from '../sentinel/arm.ts';
import { hasErrors, type SentinelProblem } from '../sentinel/common.ts';
import { exportSentinelYaml } from '../sentinel/export.ts';
import { parseArgs, single, UsageError, type OptionSpec } from './args.ts';
import { formatDiagnosticLine } from './diagnostics-output.ts';
import type { Output } from './run-command.ts';

export const EXPORT_SENTINEL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  o: { value: true },
  output: { value: true },
  version: { value: true },
  attack: { value: true },
  help: {},
  h: {},
};

export const EXPORT_SENTINEL_USAGE = `Usage: rulebench export sentinel <rule.rule.yml> [-o file] [--version X.Y.Z] [--attack bundle.json]
       rulebench export arm <rule.rule.yml> [-o file] [--attack bundle.json]

  sentinel   the rule as a Microsoft Sentinel analytics-rule template (the Azure-Sentinel repository's YAML)
  arm        the rule as an ARM deployment template (parameter "workspace"; one alert rule resource)
  -o, --output <file>    write there instead of stdout
  --version <X.Y.Z>      the template's version (default 1.0.0)
  --attack <bundle.json> an ATT&CK STIX bundle: also checks that each technique's tactic is listed
  Problems go to stderr as file:line:column: severity code: message. Exit status 1, and nothing written, when
  one is an error (Sentinel would refuse the rule: limits, query that does not compile, missing tactic, ...).
`;

/** The nearest field with a known position: `sentinel.entity_mappings.1.fieldMappings.0.columnName` → its own or a parent's. */
function positionOf(path: string, positions: ReadonlyMap<string, Position>): Position | undefined {
  const parts = path.split('.');
  while (parts.length > 0) {
    const at = positions.get(parts.join('.'));
    if (at) return at;
    parts.pop();
  }
  return undefined;
}

export function exportSentinelCommand(kind: 'sentinel' | 'arm', argv: readonly string[], io: Output): number {
  const args = parseArgs(argv, EXPORT_SENTINEL_OPTIONS);
  if (args.flags.has('help') || args.flags.has('h')) {
    io.out(EXPORT_SENTINEL_USAGE);
    return 0;
  }
  const [path, ...extra] = args.positionals;
  if (path === undefined) throw new UsageError(`export ${kind}: name the rule file (*.rule.yml)`);
  if (extra.length > 0) throw new UsageError(`export ${kind}: one rule file expected, also got ${extra.join(' ')}`);
  if (args.values.has('o') && args.values.has('output')) throw new UsageError('give -o or --output, not both');
  const output = single(args, 'o') ?? single(args, 'output');
  const version = single(args, 'version');
  if (version !== undefined && kind === 'arm') throw new UsageError('export arm: --version is for the YAML template (a deployed rule has none)');

  let text: string;
  try {
    if (statSync(path).size > MAX_RULE_FILE_CHARS * 4) {
      io.err(`${path}: error RB-RULE-003: The file is larger than rule files may be (5 MB).`);
      return 1;
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    io.err(`${path}: error RB-CLI-011: cannot read the rule file: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const parsed = parseRuleFile(text, path);
  for (const d of parsed.diagnostics) io.err(formatDiagnosticLine(d, path));
  const rule = parsed.rule;
  if (!rule) return 1;
  const catalog = loadAttack(single(args, 'attack'), io);
  if (catalog === undefined) return 1;

  // Sentinel gives the Defender tables TimeGenerated and TenantId: a rule written for a workspace uses them.
  const schema = builtInTables({ sentinelColumns: true });
  const options = { catalog, ...(version !== undefined ? { version } : {}) };
  const result = kind === 'arm' ? exportArmTemplate(rule, schema, options) : exportSentinelYaml(rule, schema, options);
  for (const problem of result.problems) io.err(formatProblem(problem, path, parsed.positions));
  if (hasErrors(result.problems)) return 1;
  if (output === undefined) {
    io.out(result.text.replace(/\n$/, ''));
    return 0;
  }
  try {
    writeFileSync(output, result.text);
  } catch (error) {
    io.err(`rulebench: cannot write ${output}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  return 0;
}

function formatProblem(problem: SentinelProblem, path: string, positions: ReadonlyMap<string, Position>): string {
  const at = positionOf(problem.path, positions);
  return formatDiagnosticLine({ code: problem.code, severity: problem.severity, message: problem.message, ...(at ? { line: at.line, column: at.column } : {}) }, path);
}
