// monaco-editor 0.46 ships no typings for its "core editor + features, no extra languages" entry point.
declare module 'monaco-editor/esm/vs/editor/edcore.main' {
  export * from 'monaco-editor/esm/vs/editor/editor.api';
}
