/**
 * parse / parse-where: one RE2 regex per operator. simple: literals quoted, captures lazy (`.*?`) except a final
 * capture, which takes the rest; the match is anchored at both ends. relaxed: like simple but a failed conversion
 * gives null instead of dropping the match. regex: the literals are regex fragments.
 */
import type { KqlType } from '../../../schema/types.ts';
import type { KqlValue } from '../../values/value.ts';
import { RE2JS } from 're2js';
import type { TabularPlan } from '../plan.ts';
import { parseDatetime, parseTimespan, toKqlString } from '../../values/index.ts';
import type { CompileEnv, TableFunction } from './runtime.ts';
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

function captureFor(type: KqlType, lazy: boolean): string {
  if (type === 'long' || type === 'int') return '([+-]?\\d+)';
  if (type === 'real') return lazy ? '(.*?)' : '(.*)';
  return lazy ? '(.*?)' : '(.*)';
}

export function compileParse(plan: Extract<TabularPlan, { kind: 'parse' }>, env: CompileEnv): TableFunction {
  const input = compileTabular(plan.input, env);
  const source = compileScalar(plan.source, env);
  const sourceType = plan.source.type;
  const { pattern, mode, columns, inputToOutput, dropUnmatched } = plan;
  let regexText = '';
  const captures: { output: number; type: KqlType }[] = [];
  pattern.forEach((piece, i) => {
    const isLast = pattern.slice(i + 1).every((p) => p.kind !== 'text');
    if (piece.kind === 'text') regexText += mode === 'regex' ? piece.text : RE2JS.quote(piece.text);
    else if (piece.kind === 'skip') regexText += mode === 'regex' ? '.*?' : isLast ? '.*' : '.*?';
    else {
      regexText += mode === 'regex' ? '(.*?)' : captureFor(piece.type, !isLast);
      captures.push({ output: piece.output, type: piece.type });
    }
  });
  const flags = plan.regexFlags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0;
  const regex = env.regex(mode === 'regex' ? regexText : `^${regexText}`, flags | (plan.regexFlags.includes('s') ? RE2JS.DOTALL : 0));
  const defaults = columns.map((c) => (c.type === 'string' ? '' : null));
  return () => {
    const rows: (readonly KqlValue[])[] = [];
    for (const row of input().rows) {
      const out: KqlValue[] = defaults.slice();
      inputToOutput.forEach((o, i) => {
        if (o >= 0) out[o] = row[i] ?? null;
      });
      const value = source(row);
      const text = typeof value === 'string' ? value : toKqlString(value, sourceType);
      const matcher = regex.matcher(text);
      let matched = matcher.find();
      if (matched) {
        const values = captures.map((c, i) => convert(matcher.group(i + 1) ?? '', c.type));
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
    }
    return { columns, rows };
  };
}
