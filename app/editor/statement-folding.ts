import type { IDisposable } from 'monaco-editor/esm/vs/editor/editor.api';
import { monaco } from './monaco-setup.ts';
import { useAppStore } from '../state/store.ts';

/**
 * monaco-kusto folds whole query blocks only; a rule is one block made of many `let` statements. This adds a
 * fold per multi-line top-level statement, from the engine's analysis. Monaco merges it with monaco-kusto's ranges.
 */
export function registerStatementFolding(): IDisposable {
  const changed = new monaco.Emitter<monaco.languages.FoldingRangeProvider>();
  const provider: monaco.languages.FoldingRangeProvider = {
    onDidChange: changed.event,
    provideFoldingRanges: () =>
      useAppStore.getState().foldableStatements.map((range) => ({ start: range.startLine, end: range.endLine })),
  };
  const registration = monaco.languages.registerFoldingRangeProvider('kusto', provider);
  // The analysis arrives after the edit that triggered it; ask Monaco to fold again when it does.
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (state.foldableStatements !== previous.foldableStatements) changed.fire(provider);
  });
  return {
    dispose() {
      unsubscribe();
      registration.dispose();
      changed.dispose();
    },
  };
}
