/**
 * Scalar function lookup by KQL name, over the shared library in src/kql/functions/ (the engine keeps no
 * functions of its own: an earlier fallback duplicated names the library now provides and was removed).
 */
import { SCALAR_FUNCTIONS, type ScalarFunction } from '../../functions/index.ts';

const REGISTRY: ReadonlyMap<string, ScalarFunction> = new Map(
  SCALAR_FUNCTIONS.flatMap((fn) => [fn.name, ...(fn.aliases ?? [])].map((name): [string, ScalarFunction] => [name.toLowerCase(), fn])),
);

/** KQL function names are matched case-insensitively here because lowering normalises spelling (`IFF`). */
export function lookupFunction(name: string): ScalarFunction | undefined {
  return REGISTRY.get(name.toLowerCase());
}
