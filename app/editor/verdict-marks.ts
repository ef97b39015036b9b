import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api';
import type { editor as MonacoEditor, IDisposable } from 'monaco-editor/esm/vs/editor/editor.api';
import { useEventsStore } from '../state/events-slice.ts';
import { eventRefKey, type EventVerdict, type EventRef } from '../workers/engine-protocol.ts';

/** Where a stopped sub-detection's deciding predicate sits in the text (1-based lines and columns). */
export interface PredicateMark {
  readonly line: number;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The predicate text was not found on its line, so the whole line is marked. */
  readonly wholeLine: boolean;
  readonly hover: string;
}

/**
 * Markdown-escapes every ASCII punctuation character, so the hover shows the reason as plain text: event values
 * are untrusted, and a command line such as `\\host\share` or `[x](y)` must not turn into formatting or a link.
 */
export function plainTextMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&').replace(/\r?\n/g, '  \n');
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionAt(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

/**
 * For the chosen event, one mark per `stopped` verdict: its predicate's source text where it starts on the
 * verdict's line (it may continue on the next lines, as an `or` split over two lines does), else that whole line.
 */
export function predicateMarks(text: string, verdict: EventVerdict | null): PredicateMark[] {
  if (!verdict) return [];
  const starts = lineStarts(text);
  const marks: PredicateMark[] = [];
  for (const v of verdict.verdicts) {
    if (v.status !== 'stopped' || v.line === null || v.line < 1 || v.line > starts.length) continue;
    const lineStart = starts[v.line - 1] ?? 0;
    const nextLine = starts[v.line] ?? text.length + 1;
    const lineText = text.slice(lineStart, nextLine - 1).replace(/\r$/, '');
    const hover = plainTextMarkdown(`${v.subdetection ?? 'The query'}: ${v.reason}`);
    const found = v.predicate ? text.indexOf(v.predicate, lineStart) : -1;
    if (v.predicate && found >= 0 && found < nextLine) {
      const start = positionAt(starts, found);
      const end = positionAt(starts, found + v.predicate.length);
      marks.push({ line: v.line, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column, wholeLine: false, hover });
    } else {
      marks.push({ line: v.line, startLine: v.line, startColumn: 1, endLine: v.line, endColumn: lineText.length + 1, wholeLine: true, hover });
    }
  }
  return marks;
}

function sameRef(a: EventRef | null, b: EventRef | null): boolean {
  return a !== null && b !== null && eventRefKey(a) === eventRefKey(b);
}

/**
 * Marks, for the chosen event, each stopped sub-detection's deciding predicate in the editor, with the reason as
 * a plain-text hover. Cleared when no event is chosen, or while the shown verdict is for another event, or
 * when the query no longer produces one (it stopped compiling). `monaco` is passed in so this module loads
 * without Monaco, in unit tests.
 */
export function installVerdictMarks(monaco: typeof Monaco, editor: MonacoEditor.IStandaloneCodeEditor): IDisposable {
  const collection = editor.createDecorationsCollection();
  const update = (): void => {
    const model = editor.getModel();
    const { selectedEvent, evaluation } = useEventsStore.getState();
    const verdict = evaluation.result?.verdict ?? null;
    if (!model || !verdict || !sameRef(selectedEvent, verdict.ref)) {
      collection.clear();
      return;
    }
    const decorations: MonacoEditor.IModelDeltaDecoration[] = [];
    for (const mark of predicateMarks(model.getValue(), verdict)) {
      decorations.push({
        range: new monaco.Range(mark.line, 1, mark.line, 1),
        options: {
          isWholeLine: true,
          className: 'rb-verdict-line',
          marginClassName: 'rb-verdict-margin',
          overviewRuler: { color: '#C0392B', position: monaco.editor.OverviewRulerLane.Right },
        },
      });
      decorations.push({
        range: new monaco.Range(mark.startLine, mark.startColumn, mark.endLine, mark.endColumn),
        options: {
          inlineClassName: mark.wholeLine ? 'rb-verdict-predicate rb-verdict-predicate-line' : 'rb-verdict-predicate',
          hoverMessage: { value: mark.hover, isTrusted: false, supportHtml: false },
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      });
    }
    collection.set(decorations);
  };
  update();
  const unsubscribe = useEventsStore.subscribe((state, previous) => {
    if (state.selectedEvent !== previous.selectedEvent || state.evaluation.result !== previous.evaluation.result) update();
  });
  return {
    dispose() {
      unsubscribe();
      collection.clear();
    },
  };
}
