import { lazy, Suspense, useState } from 'react';
import { getEditor } from './editor/editor-controller.ts';
import { useSubdetectionOutline } from './editor/use-outline.ts';
import { useEvaluation } from './editor/use-evaluation.ts';
import { AttackSettings } from './attack/AttackSettings.tsx';
import { CursorStatus } from './panels/CursorStatus.tsx';
import { CustomTablesDialog } from './panels/CustomTablesDialog.tsx';
import { EventsPanel } from './panels/EventsPanel.tsx';
import { OutlinePane } from './panels/OutlinePane.tsx';
import { ProblemsPane } from './panels/ProblemsPane.tsx';
import { SchemaPane } from './panels/SchemaPane.tsx';
import { StorageNotice } from './panels/StorageNotice.tsx';
import { Workbench } from './panels/Workbench.tsx';
import { useFollowActiveRule } from './panels/library/follow-active-rule.ts';
import { displayTitle } from './panels/library/library-view.ts';
import { SharedRuleDialog } from './share/SharedRuleDialog.tsx';
import { useAppStore } from './state/store.ts';

// Monaco and the KQL language service are large; the shell renders first and the editor streams in.
const KqlEditor = lazy(() => import('./editor/KqlEditor.tsx'));
const LibraryView = lazy(() => import('./panels/library/LibraryView.tsx').then((m) => ({ default: m.LibraryView })));

function formatQuery(): void {
  getEditor()?.getAction('editor.action.formatDocument')?.run();
}

export function App() {
  useSubdetectionOutline();
  useEvaluation();
  useFollowActiveRule();
  // The library replaces the workspace while open; the editor stays mounted (hidden) so it keeps its state.
  const [view, setView] = useState<'editor' | 'library'>('editor');
  const activeTitle = useAppStore((s) => displayTitle(s.rules.find((r) => r.id === s.activeRuleId) ?? { title: '' }));
  const ready = useAppStore((s) => s.editorReady);
  const [customTablesOpen, setCustomTablesOpen] = useState(false);
  const [attackOpen, setAttackOpen] = useState(false);

  return (
    <div className="app">
      <header className="topbar">
        <h1>
          Rulebench <span className="muted">· {activeTitle}</span>
        </h1>
        <div className="toolbar" role="toolbar" aria-label="Query actions">
          <button type="button" onClick={formatQuery} disabled={!ready}>
            Format query
          </button>
          <button type="button" aria-pressed={view === 'library'} onClick={() => setView(view === 'library' ? 'editor' : 'library')}>
            Library
          </button>
          <button
            type="button"
            onClick={() => {
              useAppStore.getState().openExample();
              setView('editor');
            }}
            disabled={!ready}
          >
            Open example rule
          </button>
          <button type="button" onClick={() => setCustomTablesOpen(true)}>
            Custom tables…
          </button>
          <button type="button" onClick={() => setAttackOpen(true)}>
            ATT&amp;CK data…
          </button>
        </div>
        <p className="status" role="status" aria-live="polite">
          {ready ? 'KQL language service ready' : 'Starting the KQL language service…'}
        </p>
      </header>
      <StorageNotice />
      {view === 'library' ? (
        <Suspense fallback={<p role="status">Loading the library…</p>}>
          <LibraryView onOpened={() => setView('editor')} />
        </Suspense>
      ) : null}
      <main className="workspace with-results" hidden={view === 'library'}>
        <aside className="sidebar" aria-label="Rule structure and schema">
          <OutlinePane />
          <SchemaPane />
          <EventsPanel />
        </aside>
        <section className="editor-column" aria-label="Query">
          <div className="editor-host" data-editor-ready={ready ? 'true' : 'false'}>
            <Suspense fallback={<p role="status">Loading the KQL editor…</p>}>
              <KqlEditor />
            </Suspense>
          </div>
          <CursorStatus />
          <ProblemsPane />
        </section>
        <Workbench />
      </main>
      <CustomTablesDialog open={customTablesOpen} onClose={() => setCustomTablesOpen(false)} />
      <AttackSettings open={attackOpen} onClose={() => setAttackOpen(false)} />
      <SharedRuleDialog onOpened={() => setView('editor')} />
    </div>
  );
}
