import Editor, { type OnMount } from '@monaco-editor/react';
import { getKustoWorker, type KustoWorker } from '@kusto/monaco-kusto';
import { useEffect, useRef } from 'react';
import type { editor as MonacoEditor } from 'monaco-editor/esm/vs/editor/editor.api';
import { monaco } from './monaco-setup.ts';
import { attachEditor } from './editor-controller.ts';
import { installFullDocumentDiagnostics } from './full-document-diagnostics.ts';
import { installMatchLens } from './match-lens.ts';
import { installVerdictMarks } from './verdict-marks.ts';
import { registerStatementFolding } from './statement-folding.ts';
import { toKustoEngineSchema } from './kusto-schema.ts';
import { subdetectionGutterClass, subdetectionColor } from './subdetection-colors.ts';
import { useAppStore } from '../state/store.ts';
import { useAllTables } from '../state/tables.ts';
import type { EditorProblem } from '../state/editor-slice.ts';
import type { TableSchema } from '../../src/schema/types.ts';

const MARKER_SEVERITY: Record<number, EditorProblem['severity']> = {
  [monaco.MarkerSeverity.Error]: 'error',
  [monaco.MarkerSeverity.Warning]: 'warning',
  [monaco.MarkerSeverity.Info]: 'info',
  [monaco.MarkerSeverity.Hint]: 'info',
};

function markerCode(code: MonacoEditor.IMarker['code']): string {
  if (code === undefined) return '';
  return typeof code === 'string' ? code : code.value;
}

function toProblems(markers: readonly MonacoEditor.IMarker[]): EditorProblem[] {
  return markers
    .map((m) => ({
      code: markerCode(m.code),
      severity: MARKER_SEVERITY[m.severity] ?? 'info',
      message: m.message,
      line: m.startLineNumber,
      column: m.startColumn,
      endLine: m.endLineNumber,
      endColumn: m.endColumn,
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

let schemaVersion = 0;

async function kustoWorkerFor(model: MonacoEditor.ITextModel): Promise<KustoWorker> {
  const accessor = await getKustoWorker();
  return accessor(model.uri);
}

async function pushSchema(model: MonacoEditor.ITextModel, tables: readonly TableSchema[]): Promise<void> {
  const worker = await kustoWorkerFor(model);
  schemaVersion += 1;
  await worker.setSchema(toKustoEngineSchema(tables, schemaVersion));
}

/** The KQL editor: Monaco with monaco-kusto, fed our table schema, reporting markers and showing sub-detections. */
export function KqlEditor() {
  const initialQuery = useRef(useAppStore.getState().query).current;
  const setQuery = useAppStore((s) => s.setQuery);
  const setProblems = useAppStore((s) => s.setProblems);
  const setEditorReady = useAppStore((s) => s.setEditorReady);
  const outline = useAppStore((s) => s.outline);
  const tables = useAllTables();
  const editorRef = useRef<MonacoEditor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<MonacoEditor.IEditorDecorationsCollection | null>(null);
  const validation = useRef<ReturnType<typeof installFullDocumentDiagnostics> | null>(null);
  const tablesRef = useRef(tables);
  tablesRef.current = tables;

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    attachEditor(editor);
    decorations.current = editor.createDecorationsCollection();
    const model = editor.getModel();
    if (!model) return;
    const markerListener = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((uri) => uri.toString() === model.uri.toString())) {
        setProblems(toProblems(monaco.editor.getModelMarkers({ resource: model.uri })));
      }
    });
    editor.onDidChangeCursorSelection(({ selection }) => {
      const empty = selection.isEmpty();
      useAppStore.getState().setCursor({
        line: selection.positionLineNumber,
        column: selection.positionColumn,
        selectedLines: empty ? 0 : selection.endLineNumber - selection.startLineNumber + 1,
        selectedCharacters: empty ? 0 : model.getValueLengthInRange(selection),
      });
    });
    validation.current = installFullDocumentDiagnostics(model, () => kustoWorkerFor(model));
    const folding = registerStatementFolding();
    const matchLens = installMatchLens(monaco, editor);
    const verdictMarks = installVerdictMarks(monaco, editor);
    editor.onDidDispose(() => {
      markerListener.dispose();
      folding.dispose();
      matchLens.dispose();
      verdictMarks.dispose();
      validation.current?.dispose();
      attachEditor(null);
    });
    pushSchema(model, tablesRef.current)
      .then(() => {
        validation.current?.validateNow();
        performance.mark('rulebench:editor-ready');
        setEditorReady(true);
      })
      .catch((error: unknown) => console.error('Rulebench: the KQL language service did not start', error));
  };

  // A custom table added or removed: the language service learns it, so KS204 clears and completion knows it.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model && useAppStore.getState().editorReady) {
      pushSchema(model, tables)
        .then(() => validation.current?.validateNow())
        .catch((error: unknown) => console.error('Rulebench: schema update failed', error));
    }
  }, [tables]);

  useEffect(() => {
    decorations.current?.set(
      outline.map((entry) => ({
        range: new monaco.Range(entry.startLine, 1, entry.endLine, 1),
        options: {
          isWholeLine: true,
          linesDecorationsClassName: subdetectionGutterClass(entry.colorIndex),
          overviewRuler: { color: subdetectionColor(entry.colorIndex), position: monaco.editor.OverviewRulerLane.Left },
          hoverMessage: { value: `Sub-detection **${entry.name}**` },
        },
      })),
    );
  }, [outline]);

  return (
    <Editor
      height="100%"
      language="kusto"
      theme="kusto-light"
      defaultValue={initialQuery}
      path="rulebench://rule/query.kql"
      onMount={onMount}
      onChange={(value) => setQuery(value ?? '')}
      loading={<p role="status">Loading the KQL editor…</p>}
      options={{
        ariaLabel: 'KQL query editor',
        automaticLayout: true,
        minimap: { enabled: false },
        folding: true,
        glyphMargin: false,
        lineDecorationsWidth: 14,
        fixedOverflowWidgets: true,
        scrollBeyondLastLine: false,
        fontSize: 13,
        tabSize: 4,
        renderWhitespace: 'selection',
        wordBasedSuggestions: 'off',
      }}
    />
  );
}

export default KqlEditor;
