import { useAppStore } from '../state/store.ts';

/** "Ln 25, Col 1 · 9 lines selected", like any code editor's status line. */
export function CursorStatus() {
  const cursor = useAppStore((s) => s.cursor);
  const selection =
    cursor.selectedCharacters === 0
      ? ''
      : cursor.selectedLines > 1
        ? ` · ${cursor.selectedLines} lines selected`
        : ` · ${cursor.selectedCharacters} characters selected`;
  return (
    <p className="cursor-status" role="status" aria-live="off" aria-label="Cursor position">
      Ln {cursor.line}, Col {cursor.column}
      {selection}
    </p>
  );
}
