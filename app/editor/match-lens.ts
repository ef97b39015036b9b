import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api';
import type { editor as MonacoEditor, IDisposable } from 'monaco-editor/esm/vs/editor/editor.api';
import type { OutlineEntry } from '../state/editor-slice.ts';
import { useEventsStore } from '../state/events-slice.ts';
import { useAppStore } from '../state/store.ts';
import type { Evaluation } from '../workers/engine-protocol.ts';
import { selectLines } from './editor-controller.ts';

/** Output rows per sub-detection. */
export function matchCounts(subdetections: readonly (string | null)[]): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const name of subdetections) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

export function matchTitle(count: number): string {
  return count === 0 ? 'no matches' : count === 1 ? '1 match' : `${count} matches`;
}

export interface MatchLens {
  readonly name: string;
  readonly line: number;
  readonly title: string;
}

/**
 * One lens per sub-detection the final query reads, on its `let` line. None without events, or when the query
 * did not compile: "no matches" would then claim something the engine never checked.
 */
export function matchLenses(outline: readonly OutlineEntry[], result: Evaluation | null, hasEvents: boolean): MatchLens[] {
  if (!hasEvents || !result || !result.compiled) return [];
  const counts = matchCounts(result.subdetections);
  return outline.filter((e) => e.reachesResult).map((e) => ({ name: e.name, line: e.startLine, title: matchTitle(counts.get(e.name) ?? 0) }));
}

const SELECT_COMMAND = 'rulebench.selectSubdetection';

/**
 * Shows "N matches" above each sub-detection's `let` as a CodeLens; choosing it selects the sub-detection.
 * `monaco` is passed in (not imported) so this module loads without Monaco, in unit tests.
 */
export function installMatchLens(monaco: typeof Monaco, editor: MonacoEditor.IStandaloneCodeEditor): IDisposable {
  const changed = new monaco.Emitter<Monaco.languages.CodeLensProvider>();
  const command = monaco.editor.registerCommand(SELECT_COMMAND, (_accessor: unknown, name: unknown) => {
    const entry = useAppStore.getState().outline.find((e) => e.name === name);
    if (entry) selectLines(entry.startLine, entry.endLine);
  });
  const provider: Monaco.languages.CodeLensProvider = {
    onDidChange: changed.event,
    provideCodeLenses(model) {
      // The provider is per language; other kusto models (none today) get no lenses.
      if (model !== editor.getModel()) return { lenses: [], dispose: () => undefined };
      const events = useEventsStore.getState();
      const lenses = matchLenses(useAppStore.getState().outline, events.evaluation.result, events.eventSources.length > 0)
        .filter((lens) => lens.line <= model.getLineCount())
        .map((lens) => ({
          range: { startLineNumber: lens.line, startColumn: 1, endLineNumber: lens.line, endColumn: 1 },
          id: lens.name,
          command: { id: SELECT_COMMAND, title: lens.title, tooltip: `Select ${lens.name}`, arguments: [lens.name] },
        }));
      return { lenses, dispose: () => undefined };
    },
  };
  const registration = monaco.languages.registerCodeLensProvider('kusto', provider);
  const unsubscribeEvents = useEventsStore.subscribe((state, previous) => {
    if (state.evaluation.result !== previous.evaluation.result || state.eventSources !== previous.eventSources) changed.fire(provider);
  });
  const unsubscribeOutline = useAppStore.subscribe((state, previous) => {
    if (state.outline !== previous.outline) changed.fire(provider);
  });
  return {
    dispose() {
      unsubscribeEvents();
      unsubscribeOutline();
      registration.dispose();
      command.dispose();
      changed.dispose();
    },
  };
}
