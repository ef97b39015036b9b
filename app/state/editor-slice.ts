import type { StateCreator } from 'zustand';
import type { AppState } from './store.ts';

/** A problem shown in the Problems list: Kusto's own code and position, as Defender shows them. */
export interface EditorProblem {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** One tabular `let` of the rule, as the outline and gutter show it. */
export interface OutlineEntry {
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
  /** Whether the final query reads it (for example as a union leg). */
  readonly reachesResult: boolean;
  /** Index into the sub-detection palette; stable for a name while the rule is edited. */
  readonly colorIndex: number;
}

/** Where the cursor is, as the editor's status line shows it. */
export interface CursorInfo {
  readonly line: number;
  readonly column: number;
  readonly selectedLines: number;
  readonly selectedCharacters: number;
}

/** Live facts about the editor; derived from the text, so never persisted. */
export interface EditorSlice {
  readonly editorReady: boolean;
  readonly problems: readonly EditorProblem[];
  readonly outline: readonly OutlineEntry[];
  /** Multi-line top-level statements (each `let` and the final query), foldable in the editor. */
  readonly foldableStatements: readonly { readonly startLine: number; readonly endLine: number }[];
  readonly cursor: CursorInfo;
  setCursor(cursor: CursorInfo): void;
  setEditorReady(ready: boolean): void;
  setProblems(problems: readonly EditorProblem[]): void;
  setOutline(outline: readonly OutlineEntry[], foldableStatements: EditorSlice['foldableStatements']): void;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set) => ({
  editorReady: false,
  problems: [],
  outline: [],
  foldableStatements: [],
  cursor: { line: 1, column: 1, selectedLines: 0, selectedCharacters: 0 },
  setCursor: (cursor) => set({ cursor }),
  setEditorReady: (editorReady) => set({ editorReady }),
  setProblems: (problems) => set({ problems }),
  setOutline: (outline, foldableStatements) => set({ outline, foldableStatements }),
});
