/**
 * `rulebench <command>`: the command-line entry (bin/rulebench.mjs and `npm run rulebench` load this file).
 * Exit status: 0 success; 1 the query or events have errors (see the diagnostics); 2 usage error.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseDatetime } from '../kql/values/index.ts';
import { parseArgs, single, UsageError, type OptionSpec } from './args.ts';
import { runBatch } from './batch-runner.ts';
import { loadEngine } from './engine-loader.ts';
import { DEFAULT_ROW_LIMIT, RUN_OPTIONS, runCommand, type Output } from './run-command.ts';

const USAGE = `Usage: rulebench <command> [options]

Commands:
  run <query.kql | rule.yaml | rule.json> --events <file>... [options]
      Evaluate a KQL query (or the query of a Sentinel rule) over events files and print the result.
      --events <file>...   JSON array (rows name their table in "Type" or "$table"), JSON object of arrays keyed
                           by table name, NDJSON (.ndjson/.jsonl; streamed), or CSV (with --table, or a Type column)
      --now <ISO>          the time now() and ago() use (default: the current time)
      --table <NAME>       the table for rows that name none (required for CSV exports without a Type column)
      --format json|table  JSON (default) or an aligned text table
      --sentinel           use the Sentinel flavour of the Defender tables (TimeGenerated, TenantId, ...)
      --row-limit <N>      stop with a diagnostic when an operator produces more rows (default ${DEFAULT_ROW_LIMIT})
      --explain            add each row's provenance (input events, sub-detection), why each unmatched event
                           was dropped (operator, predicate, line, value) and per-sub-detection row funnels
      Output (json): {"columns":[{"name","type"}],"rows":[{...}],"diagnostics":[{"severity","code","message","line","column"}]}
      Event warnings (type coercion, unknown fields) go to stderr as file:line:column: severity code: message.
      Exit status 1 when the query does not compile, fails, or the events cannot be loaded.

  check <files or folders>...
      Check rule files (*.rule.yml; folders are searched recursively): the YAML and its keys, each field, the
      query against the Defender schema, and the tests' events files. Prints file:line:column: severity code:
      message per problem, then a summary. Exit status 1 when any file has an error.
      --attack <bundle.json>  an ATT&CK STIX bundle (enterprise-attack.json from MITRE): also reports unknown,
                           deprecated and revoked techniques, naming the replacement

  test <files or folders>... [--now ISO]
      Run the tests of rule files (*.rule.yml; folders are searched recursively). Prints one line per test,
      PASS|FAIL <rule title> › <test name>: <message>, then "N passed, M failed". An events_file is read
      relative to its rule file.
      --now <ISO>          the evaluation time for tests that set no "now" (default: just after the newest event)
      Exit status 1 when a test fails or a rule file cannot be read.

  export sentinel <rule.rule.yml> [-o file] [--version X.Y.Z] [--attack bundle.json]
  export arm <rule.rule.yml> [-o file] [--attack bundle.json]
      The rule as a Microsoft Sentinel analytics-rule template (the Azure-Sentinel repository's YAML) or as an
      ARM deployment template (parameter "workspace"). Sentinel's limits are checked first: problems go to stderr
      as file:line:column: severity code: message, and on an error nothing is written and the exit status is 1.
      -o, --output <file>  write there instead of stdout
      --version <X.Y.Z>    the YAML template's version (default 1.0.0)
      --attack <bundle>    an ATT&CK STIX bundle: also checks that each technique's tactic is listed

  import sigma <file.yml> [-o rule.yml]
      Convert a Sigma rule (process_creation, file_*, registry_*, network_connection, image_load) into a
      Rulebench rule file with a KQL query on the Defender table. Prints the rule (or writes it with -o); every
      approximation or loss goes to stderr as file:line: severity: message. Exit status 1 when nothing could be
      imported.

  export sigma <rule.rule.yml | query.kql> [-o <file>]
      Export the rule as Sigma: one rule per sub-detection, one multi-document YAML on stdout (or in the file).
      Approximations and dropped operators go to stderr as file:line: warning: message; a sub-detection Sigma
      cannot express is left out with an error. Exit status 1 when nothing could be exported.

  batch <cases.jsonl | -> [options]
      Evaluate many queries in one process. Each input line is {"id","query"[,"now"]}; each output line is
      {"id","columns":[{"name","type"}],"rows":[[cells in column order]]} or {"id","error":{"code","message"}}.
      Queries compile against an empty schema (they define their data inline).
      --now <ISO>          the default time for cases without "now" (default: the current time)
      --row-limit <N>      per-operator row limit (default ${DEFAULT_ROW_LIMIT})
      --timeout-ms <N>     wall-clock budget per case (default 10000)
      --in-process         no worker thread (no time budget beyond the row limit)

Options:
  -h, --help             show this help

Values in JSON: datetime "2026-11-24T09:14:03.512Z"; timespan "1.02:03:04.5000000"; long beyond 2^53 as a
string; real NaN/Infinity as "NaN"/"Infinity"/"-Infinity"; dynamic as JSON; a null string is "".
`;

const BATCH_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  now: { value: true },
  'row-limit': { value: true },
  'timeout-ms': { value: true },
  'in-process': {},
  help: {},
};

const io: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? io.err : io.out)(USAGE);
      return command === undefined ? 2 : 0;
    }
    const helpAsked = rest.includes('--help') || rest.includes('-h');
    if (helpAsked && (command === 'run' || command === 'batch' || command === 'check' || command === 'test')) {
      io.out(USAGE);
      return 0;
    }
    if (command === 'run') return await runCommand(parseArgs(rest, RUN_OPTIONS), io, loadEngine);
    if (command === 'batch') return await batchCommand(rest);
    if (command === 'export' && rest[0] === 'sigma') {
      if (helpAsked) return (io.out(USAGE), 0);
      return (await import('./export-sigma-command.ts')).exportSigmaCommand(rest.slice(1), io);
    }
    if (command === 'import') {
      if (helpAsked) return (io.out(USAGE), 0);
      const { importCommand, IMPORT_OPTIONS } = await import('./import-command.ts');
      return importCommand(parseArgs(rest, IMPORT_OPTIONS), io);
    }
    if (command === 'check' || command === 'test') {
      // Loaded on demand: it pulls in the engine, which --help and usage errors should not wait for.
      const rules = await import('./rule-commands.ts');
      return command === 'check' ? rules.checkCommand(parseArgs(rest, rules.CHECK_OPTIONS), io) : rules.testCommand(parseArgs(rest, rules.TEST_OPTIONS), io);
    }
    if (command === 'export') {
      const [format, ...exportArgs] = rest;
      if (format === '--help' || format === '-h') {
        io.out(USAGE);
        return 0;
      }
      if (format === 'sentinel' || format === 'arm') {
        // Loaded on demand, like check/test: it pulls in the engine to compile the query.
        const sentinel = await import('./export-sentinel-command.ts');
        return sentinel.exportSentinelCommand(format, exportArgs, io);
      }
      throw new UsageError(`export: unknown format ${JSON.stringify(format ?? '')} (formats: sigma, sentinel, arm)`);
    }
    throw new UsageError(`unknown command ${JSON.stringify(command)} (commands: run, check, test, batch, export, import)`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`rulebench: ${error.message}\nRun 'rulebench --help' for usage.`);
      return 2;
    }
    io.err(`rulebench: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

async function batchCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, BATCH_OPTIONS);
  const [path, ...extra] = args.positionals;
  if (path === undefined) throw new UsageError('batch: missing the cases file (JSON lines {"id","query"}; - for stdin)');
  if (extra.length > 0) throw new UsageError(`batch: one cases file expected, also got ${extra.join(' ')}`);
  const nowText = single(args, 'now');
  const now = nowText === undefined ? currentTicks() : parseDatetime(nowText);
  if (now === null) throw new UsageError(`--now is not a datetime: ${JSON.stringify(nowText)}`);
  const rowLimit = positiveInteger(single(args, 'row-limit'), DEFAULT_ROW_LIMIT, '--row-limit');
  const timeoutMs = positiveInteger(single(args, 'timeout-ms'), 10_000, '--timeout-ms');
  if (path !== '-') {
    try {
      if (!(await stat(path)).isFile()) throw new Error('not a file');
    } catch {
      throw new UsageError(`cannot read the cases file ${path}`);
    }
  }
  const input = path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  await runBatch(lines, (line) => process.stdout.write(`${line}\n`), { now, rowLimit, timeoutMs, workerHeapMb: 4096, inProcess: args.flags.has('in-process') }, loadEngine);
  return 0;
}

function positiveInteger(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer, not ${JSON.stringify(text)}`);
  return n;
}

/** The current time in 100 ns ticks. */
function currentTicks(): bigint {
  return BigInt(Date.now()) * 10_000n;
}

/** Runs only when this file is the program (tsx src/cli/main.ts, or bin/rulebench.mjs), not when a test imports it. */
function isEntryPoint(): boolean {
  const entry = process.argv[1] ?? '';
  return /(?:^|[\\/])(?:main\.ts|rulebench(?:\.mjs)?)$/.test(entry);
}

if (isEntryPoint()) {
  const code = await main(process.argv.slice(2));
  // Let stdout drain before exiting: a pipe reader must get every line.
  process.exitCode = code;
}
