/**
 * Tests analyse against the real shipped Defender schema, so "the published rule fails with KS142 on
 * AccountName" is checked against the same tables the editor and the CLI use.
 */
import { builtInTables } from '../../schema/catalog.ts';
import type { TableSchema } from '../../schema/types.ts';

export const defenderTables: readonly TableSchema[] = builtInTables();
