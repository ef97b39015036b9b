import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main';
import { loader } from '@monaco-editor/react';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import '@kusto/monaco-kusto';

/**
 * Monaco must be configured before any <Editor> mounts: `loader.config({ monaco })` makes
 * @monaco-editor/react use this bundled instance; without it the loader fetches Monaco from a CDN.
 */
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'kusto') {
      return new Worker(new URL('./kusto.worker.ts', import.meta.url), { type: 'module', name: 'kusto' });
    }
    return new EditorWorker();
  },
};

loader.config({ monaco });

export { monaco };
