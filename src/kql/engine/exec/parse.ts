/**
 * parse / parse-where: one RE2 regex per operator. simple: literals quoted, captures lazy (`.*?`) except a final
 * capture, which takes the rest; the match is anchored at both ends. relaxed: like simple but a failed conversion
 * gives null instead of dropping the match. regex: the literals are regex fragments.
 */
import type { KqlType } from '../../../schema/types.ts';
import type { KqlValue } from '../../values/value.ts';
import { RE2JS } from 're2js';
import type { ParsePiece, TabularPlan } from '../plan.ts';
import { parseDatetime, parseTimespan, toKqlString } from '../../values/index.ts';
import { NO_LINEAGE, type CompileEnv, type RowLineage, type TableFunction } from './runtime.ts';
import { compileScalar } from './scalar.ts';
import { compileTabular } from './tabular.ts';

function convert(text: string, type: KqlType): KqlValue | undefined {
  switch (type) {
    case 'string':
      return text;
    case 'long':
    case 'int': {
      if (!/^\s*[+-]?\d+\s*$/.test(text)) return undefined;
      return Number(text);
    }
    case 'real': {
      const n = Number(text);
      return text.trim() === '' || Number.isNaN(n) ? undefined : n;
    }
    case 'datetime':
      return parseDatetime(text) ?? undefined;
    case 'timespan':
      return parseTimespan(text) ?? undefined;
    case 'bool':
      return /^true$/i.test(text) ? true : /^false$/i.test(text) ? false : undefined;
    default:
      return text;
  }
}

/**
 * The capture of a column. simple/regex: numbers must match their shape. relaxed: the number's shape is tried
 * first, then any text (which converts to null), so a bad value does not fail the whole match.
 */
function captureFor(type: KqlType, greedy: boolean, mode: 'simple' | 'relaxed' | 'regex'): string {
  const any = greedy ? '.*' : '.*?';
  let shape: string | undefined;
  if (type === 'long' || type === 'int') shape = '\\-?\\d+';
  else if (type === 'real') shape = '\\-?\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?';
  if (shape === undefined) return `(${any})`;
  return mode === 'relaxed' ? `(${shape}|${any})` : `(${shape})`;
}

/**
 * The pattern as one regex. simple/relaxed: literals quoted, `*` and string captures lazy except at the end,
 * anchored at the start. regex: literals are regex fragments (their own groups are allowed), `*` and captures are
 * greedy (`flags=U` makes them lazy), unanchored. Our captures are named so the user's groups do not shift them.
 */
export function parseRegexText(pattern: readonly ParsePiece[], mode: 'simple' | 'relaxed' | 'regex', regexFlags: string): string {
  let regexText = '';
  let capture = 0;
  pattern.forEach((piece, i) => {
    const isLast = pattern.slice(i + 1).every((p) => p.kind !== 'text');
    if (piece.kind === 'text') regexText += mode === 'regex' ? piece.text : RE2JS.quote(piece.text);
    else if (piece.kind === 'skip') regexText += mode === 'regex' || isLast ? '.*' : '.*?';
    else {
      const group = captureFor(piece.type, mode === 'regex' || isLast, mode);
      regexText += `(?P<c${capture++}>${group.slice(1)}`;
    }
  });
  const flags = [...new Set(regexFlags.split('').filter((f) => 'imsU'.includes(f)))].join('');
  return (flags ? `(?${flags})` : '') + (mode === 'regex' ? regexText : `^${regexText}`);
}

export function compileParse(plan: Extract<TabularPlan, { kind: 'parse' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const source = compileScalar(plan.source, env);
  const sourceType = plan.source.type;
  const { pattern, mode, columns, inputToOutput, dropUnmatched } = plan;
  const captures: { output: number; type: KqlType }[] = [];
  for (const piece of pattern) if (piece.kind === 'capture') captures.push({ output: piece.output, type: piece.type });
  const regex = env.regex(parseRegexText(pattern, mode, plan.regexFlags));
  const defaults = columns.map((c) => (c.type === 'string' ? '' : null));
  return () => {
    const rows: (readonly KqlValue[])[] = [];
    const table = input();
    const inLineage = table.lineage;
    const lineage: RowLineage[] | undefined = inLineage ? [] : undefined;
    for (let r = 0; r < table.rows.length; r++) {
      const row = table.rows[r] as (readonly KqlValue[]);
      const out: KqlValue[] = defaults.slice();
      inputToOutput.forEach((o, i) => {
        if (o >= 0) out[o] = row[i] ?? null;
      });
      const value = source(row);
      const text = typeof value === 'string' ? value : toKqlString(value, sourceType);
      const matcher = regex.matcher(text);
      let matched = matcher.find();
      if (matched) {
        const values = captures.map((c, i) => convert(matcher.group(`c${i}`) ?? '', c.type));
        if (values.some((v) => v === undefined) && mode !== 'relaxed') matched = false;
        else values.forEach((v, i) => {
          const capture = captures[i];
          if (capture) out[capture.output] = v ?? (capture.type === 'string' ? '' : null);
        });
      }
      if (!matched) {
        if (dropUnmatched) continue;
        for (const c of captures) out[c.output] = c.type === 'string' ? '' : null;
      }
      rows.push(out);
      if (lineage) lineage.push(inLineage?.[r] ?? NO_LINEAGE);
    }
    return lineage ? { columns, rows, lineage } : { columns, rows };
  };
}
