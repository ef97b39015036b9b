/** Loads the real engine lazily, so `--help` and usage errors answer without starting Kusto.Language. */
import type { EnginePort } from './engine-port.ts';

export async function loadEngine(): Promise<EnginePort> {
  const engine = await import('../kql/engine/index.ts');
  return { compileQuery: (text, schema) => engine.compileQuery(text, schema) };
}
