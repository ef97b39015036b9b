import { useEffect } from 'react';
import { getEditor } from '../../editor/editor-controller.ts';
import { useEventsStore } from '../../state/events-slice.ts';
import { useAppStore, type AppState } from '../../state/store.ts';

/**
 * Loads the text into the editor as a new document. Not replaceAllText (an undoable edit): undo after opening
 * another rule would otherwise bring the previous rule's text into this one. The editor's change event then
 * calls setQuery with the same text, which is a no-op.
 */
function loadIntoEditor(text: string): void {
  const model = getEditor()?.getModel();
  if (model && model.getValue() !== text) model.setValue(text);
}

/** What follows a change of the state: the editor shows the active rule, and another rule drops old selections. */
export function onWorkspaceChange(state: AppState, previous: AppState): void {
  if (state.activeRuleId !== previous.activeRuleId) {
    // The chosen event and results row belong to the previous rule's results.
    const events = useEventsStore.getState();
    events.selectEvent(null);
    events.selectResultRow(null, []);
  }
  if (state.queryRevision !== previous.queryRevision) loadIntoEditor(state.query);
}

/** Keeps the editor and the events view following the active rule while the app is mounted. */
export function useFollowActiveRule(): void {
  useEffect(() => useAppStore.subscribe(onWorkspaceChange), []);
}
