import type { Rule } from '../../../src/rule/model.ts';
import type { ConflictChoice } from '../../state/library-slice.ts';

/** A parsed rule waiting to be added to the library. */
export interface PendingImport {
  readonly rule: Rule;
  /** The file (or "share link") it came from, for the conflict question. */
  readonly source: string;
}

export interface ImportTally {
  readonly added: number;
  readonly replaced: number;
  readonly keptBoth: number;
  readonly skipped: number;
}

export const EMPTY_TALLY: ImportTally = { added: 0, replaced: 0, keptBoth: 0, skipped: 0 };

export interface ImportTarget {
  hasRule(id: string): boolean;
  importRule(rule: Rule, choice?: ConflictChoice): string | null;
}

/**
 * Adds queued rules until one whose id is taken: that one is left at the head of the returned queue for the
 * user to decide (nothing is replaced without asking). With `choice`, the head is settled with it first.
 */
export function advanceImports(
  queue: readonly PendingImport[],
  target: ImportTarget,
  tally: ImportTally,
  choice?: ConflictChoice,
): { readonly queue: readonly PendingImport[]; readonly tally: ImportTally; readonly lastId: string | null } {
  let rest = queue;
  let counts = tally;
  let lastId: string | null = null;
  if (choice !== undefined && rest[0]) {
    lastId = target.importRule(rest[0].rule, choice);
    counts = {
      ...counts,
      replaced: counts.replaced + (choice === 'replace' ? 1 : 0),
      keptBoth: counts.keptBoth + (choice === 'keep-both' ? 1 : 0),
      skipped: counts.skipped + (choice === 'skip' ? 1 : 0),
    };
    rest = rest.slice(1);
  }
  while (rest[0] && !target.hasRule(rest[0].rule.id)) {
    lastId = target.importRule(rest[0].rule);
    counts = { ...counts, added: counts.added + 1 };
    rest = rest.slice(1);
  }
  return { queue: rest, tally: counts, lastId };
}

export function describeTally(tally: ImportTally): string {
  const parts = [
    `${tally.added} added`,
    tally.replaced > 0 ? `${tally.replaced} replaced` : '',
    tally.keptBoth > 0 ? `${tally.keptBoth} kept as copies` : '',
    tally.skipped > 0 ? `${tally.skipped} skipped` : '',
  ].filter((p) => p !== '');
  return `Import finished: ${parts.join(', ')}.`;
}
