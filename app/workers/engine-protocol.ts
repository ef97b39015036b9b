import type { TableSchema } from '../../src/schema/types.ts';
import type { AnalysisResult } from '../../src/kql/analyze.ts';

/** Messages to the engine worker. Only structured-clone-safe plain data crosses; never Bridge.NET objects. */
export type EngineRequest =
  | { readonly id: number; readonly kind: 'set-schema'; readonly schemaKey: string; readonly tables: readonly TableSchema[] }
  | { readonly id: number; readonly kind: 'analyze'; readonly schemaKey: string; readonly text: string };

export type EngineResponse =
  | { readonly id: number; readonly kind: 'analyzed'; readonly result: AnalysisResult }
  | { readonly id: number; readonly kind: 'schema-set' }
  | { readonly id: number; readonly kind: 'failed'; readonly message: string };
