/**
 * Everything wrong with a rule file, in one list with file positions: the YAML and its shape (parseRuleFile), the
 * field checks (validateRule), the query against the schema (Defender's own diagnostics), and the tests' wiring.
 * Shared by `rulebench check` and, later, the IDE's rule form.
 */
import type { Diagnostic } from '../diagnostics.ts';
import { compileQuery } from '../kql/engine/index.ts';
import type { TableSchema } from '../schema/types.ts';
import type { Rule } from './model.ts';
import { requiredTables } from './tables.ts';
import type { AttackCatalog } from '../attack/stix.ts';
import { validateRule } from './validate.ts';
import { parseRuleFile, type Position } from './yaml.ts';

export interface CheckOptions {
  /** Returns the text of an `events_file` (relative to the rule file), or undefined when it cannot be read. */
  readonly readEventsFile?: (path: string) => string | undefined;
  /** Loaded ATT&CK data: unknown, revoked (with the replacement) and deprecated techniques are reported. */
  readonly attack?: AttackCatalog | null;
}

export interface CheckResult {
  /** The rule when the file has no errors, with `tables` derived from its query. */
  readonly rule: Rule | null;
  readonly diagnostics: Diagnostic[];
}

/** The position of `path`, or of its nearest ancestor the file has (a missing field points at its parent). */
export function positionOf(positions: ReadonlyMap<string, Position>, path: string): Position {
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const at = positions.get(p);
    if (at) return at;
  }
  return { line: 1, column: 1 };
}

export function checkRule(file: { readonly text: string; readonly source: string }, schema: readonly TableSchema[], options: CheckOptions = {}): CheckResult {
  const parsed = parseRuleFile(file.text, file.source);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const draft = parsed.draft;
  if (!draft) return { rule: null, diagnostics };
  const at = (path: string): Position => positionOf(parsed.positions, path);
  const add = (severity: Diagnostic['severity'], code: string, message: string, path: string): void => {
    const where = at(path);
    diagnostics.push({ code, severity, message, line: where.line, column: where.column, source: file.source });
  };

  for (const issue of validateRule(draft, options.attack ?? null)) add(issue.severity, issue.code, `${issue.path}: ${issue.message}`, issue.path);

  if (draft.query.trim() !== '') {
    const compiled = compileQuery(draft.query, schema);
    const queryAt = at('query');
    for (const d of compiled.diagnostics) {
      const shifted: Diagnostic = parsed.queryOffset && d.line !== undefined
        ? {
            ...d,
            line: d.line + parsed.queryOffset.lineOffset,
            ...(d.column !== undefined ? { column: d.column + parsed.queryOffset.columnOffset } : {}),
            ...(d.endLine !== undefined ? { endLine: d.endLine + parsed.queryOffset.lineOffset } : {}),
            ...(d.endColumn !== undefined ? { endColumn: d.endColumn + parsed.queryOffset.columnOffset } : {}),
          }
        // A quoted query cannot be mapped line for line (escapes change lengths): point at the key instead.
        : { code: d.code, severity: d.severity, message: d.message, line: queryAt.line, column: queryAt.column };
      diagnostics.push({ ...shifted, message: `query: ${d.message}`, source: file.source });
    }
  }

  if (draft.tests.length === 0) add('warning', 'RB-RULE-200', 'The rule has no tests; add at least one matching and one benign example under "tests".', 'tests');
  draft.tests.forEach((test, i) => {
    if (test.events_file !== undefined && options.readEventsFile && options.readEventsFile(test.events_file) === undefined) {
      add('error', 'RB-RULE-201', `tests.${i}.events_file: the events file "${test.events_file}" cannot be read; paths are relative to the rule file.`, `tests.${i}.events_file`);
    }
  });

  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const ok = parsed.rule !== null && !diagnostics.some((d) => d.severity === 'error');
  return { rule: ok ? { ...draft, tables: requiredTables(draft.query, schema) } : null, diagnostics };
}
