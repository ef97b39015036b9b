/** trim, trim_start, trim_end: remove leading/trailing repetitions of a regex. */
import { argString, returnsType } from './args.ts';
import type { PrepareContext, ScalarFunction } from './types.ts';
import type { KqlValue } from '../values/index.ts';
import type { CallContext } from './types.ts';

function trimmer(name: string, lead: boolean, trail: boolean): ScalarFunction {
  const wrap = (re: string): string => {
    const parts: string[] = [];
    if (lead) parts.push(`^(?:${re})+`);
    if (trail) parts.push(`(?:${re})+$`);
    return parts.join('|');
  };
  return {
    name,
    minArgs: 2,
    maxArgs: 2,
    returns: returnsType('string'),
    prepare: (pctx: PrepareContext) => {
      const c = pctx.constantArgs[0];
      const fixed = c === undefined ? undefined : pctx.regex(wrap(typeof c === 'string' ? c : ''));
      if (fixed === null) pctx.error(`invalid regular expression: ${String(c)}`);
      return (args: readonly KqlValue[], ctx: CallContext): KqlValue => {
        const text = argString(args, ctx, 1);
        const re = fixed === undefined ? ctx.regex(wrap(argString(args, ctx, 0))) : fixed;
        if (re === null) return text;
        let start = 0;
        let end = text.length;
        const m = re.matcher(text);
        if (lead && m.find(0) && m.start() === 0) start = m.end();
        if (trail) {
          // Search for the trailing run only after the leading one so the two never overlap.
          const t = re.matcher(text);
          let from = start;
          while (from <= text.length && t.find(from)) {
            if (t.end() === text.length && t.start() >= start && t.end() > t.start()) {
              end = t.start();
              break;
            }
            from = t.start() + 1;
          }
        }
        return text.slice(start, Math.max(start, end));
      };
    },
  };
}

export const trim = trimmer('trim', true, true);
export const trim_start = trimmer('trim_start', true, false);
export const trim_end = trimmer('trim_end', false, true);

export const TRIM_FUNCTIONS: readonly ScalarFunction[] = [trim, trim_start, trim_end];
