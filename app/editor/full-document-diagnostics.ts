import type { KustoWorker } from '@kusto/monaco-kusto';
import type { editor as MonacoEditor, IDisposable } from 'monaco-editor/esm/vs/editor/editor.api';
import { monaco } from './monaco-setup.ts';

const KUSTO_OWNER = 'kusto';
const VALIDATION_DELAY_MS = 400;

/** LSP severities (1 error … 4 hint) to Monaco's. */
const SEVERITY: Record<number, MonacoEditor.IMarkerData['severity']> = {
  1: monaco.MarkerSeverity.Error,
  2: monaco.MarkerSeverity.Warning,
  3: monaco.MarkerSeverity.Info,
  4: monaco.MarkerSeverity.Hint,
};

type LsDiagnostic = Awaited<ReturnType<KustoWorker['doValidation']>>[number];

function toMarker(d: LsDiagnostic): MonacoEditor.IMarkerData {
  return {
    severity: SEVERITY[d.severity ?? 1] ?? monaco.MarkerSeverity.Error,
    startLineNumber: d.range.start.line + 1,
    startColumn: d.range.start.character + 1,
    endLineNumber: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    message: typeof d.message === 'string' ? d.message : d.message.value,
    ...(d.code !== undefined ? { code: String(d.code) } : {}),
  };
}

/**
 * monaco-kusto validates only the query blocks touched by the last edit or cursor move and then replaces all of
 * the model's markers with those, so an error in another block (blocks are separated by blank lines) silently
 * disappears from the editor. Rulebench shows every problem in the document: this drops monaco-kusto's partial
 * marker updates for the rule model and sets markers from a whole-document validation in the same worker instead.
 */
export function installFullDocumentDiagnostics(
  model: MonacoEditor.ITextModel,
  worker: () => Promise<KustoWorker>,
): IDisposable & { validateNow(): void } {
  const uri = model.uri.toString();
  const original = monaco.editor.setModelMarkers;
  let ours = false;
  monaco.editor.setModelMarkers = (target, owner, markers) => {
    if (owner === KUSTO_OWNER && target.uri.toString() === uri && !ours) return;
    original(target, owner, markers);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const validate = async () => {
    const version = model.getVersionId();
    const diagnostics = await (await worker()).doValidation(uri, []);
    if (model.isDisposed() || model.getVersionId() !== version) return; // a newer edit will validate again
    ours = true;
    try {
      original(model, KUSTO_OWNER, diagnostics.map(toMarker));
    } finally {
      ours = false;
    }
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      validate().catch((error: unknown) => console.error('Rulebench: validation failed', error));
    }, VALIDATION_DELAY_MS);
  };
  const contentListener = model.onDidChangeContent(schedule);

  return {
    validateNow: schedule,
    dispose() {
      contentListener.dispose();
      if (timer !== undefined) clearTimeout(timer);
      monaco.editor.setModelMarkers = original;
    },
  };
}
