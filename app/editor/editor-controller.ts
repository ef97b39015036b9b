import type { editor as MonacoEditor } from 'monaco-editor/esm/vs/editor/editor.api';

/**
 * The one live editor, so panels (schema, outline, problems) can act on it without prop-drilling.
 * Everything here is a no-op until the editor has mounted.
 */
let current: MonacoEditor.IStandaloneCodeEditor | null = null;

export function attachEditor(editor: MonacoEditor.IStandaloneCodeEditor | null): void {
  current = editor;
}

export function getEditor(): MonacoEditor.IStandaloneCodeEditor | null {
  return current;
}

/** Inserts text at the cursor (replacing any selection) as one undoable edit, then returns focus to the editor. */
export function insertAtCursor(text: string): void {
  const editor = current;
  const selection = editor?.getSelection();
  if (!editor || !selection) return;
  editor.executeEdits('rulebench-insert', [{ range: selection, text, forceMoveMarkers: true }]);
  editor.pushUndoStop();
  editor.focus();
}

/** Selects whole lines `startLine..endLine` (1-based, inclusive) and scrolls them into view. */
export function selectLines(startLine: number, endLine: number): void {
  const editor = current;
  const model = editor?.getModel();
  if (!editor || !model) return;
  const last = Math.min(endLine, model.getLineCount());
  const range = { startLineNumber: startLine, startColumn: 1, endLineNumber: last, endColumn: model.getLineMaxColumn(last) };
  editor.setSelection(range);
  editor.revealRangeInCenterIfOutsideViewport(range);
  editor.focus();
}

/** Moves the cursor to a position and shows it. */
export function goTo(line: number, column: number): void {
  const editor = current;
  if (!editor) return;
  editor.setPosition({ lineNumber: line, column });
  editor.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
  editor.focus();
}

/** Replaces the whole text as an undoable edit, so "open example" never destroys what was there. */
export function replaceAllText(text: string): void {
  const editor = current;
  const model = editor?.getModel();
  if (!editor || !model) return;
  editor.pushUndoStop();
  editor.executeEdits('rulebench-replace', [{ range: model.getFullModelRange(), text }]);
  editor.pushUndoStop();
}
