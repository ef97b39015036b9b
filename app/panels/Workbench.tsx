import { useRef, type KeyboardEvent } from 'react';
import { useEventsStore, type WorkbenchTab } from '../state/events-slice.ts';
import { EventsListPanel } from './EventsListPanel.tsx';
import { ExplainPanel } from './ExplainPanel.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { RuleTab, TestsTab } from './rule/RuleTabs.tsx';
import { ExportTab } from './export/ExportPanel.tsx';

const TABS: readonly { id: WorkbenchTab; label: string }[] = [
  { id: 'results', label: 'Results' },
  { id: 'events', label: 'Events' },
  { id: 'explain', label: 'Explain' },
  { id: 'rule', label: 'Rule' },
  { id: 'tests', label: 'Tests' },
  { id: 'export', label: 'Export' },
];

function panelFor(tab: WorkbenchTab) {
  switch (tab) {
    case 'results':
      return <ResultsPanel />;
    case 'events':
      return <EventsListPanel />;
    case 'explain':
      return <ExplainPanel />;
    case 'rule':
      return <RuleTab />;
    case 'tests':
      return <TestsTab />;
    case 'export':
      return <ExportTab />;
  }
}

/** The column beside the editor: the rule's results, the loaded events, and why an event did or did not match. */
export function Workbench() {
  const tab = useEventsStore((s) => s.workbenchTab);
  const setTab = useEventsStore((s) => s.setWorkbenchTab);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  // WAI-ARIA tabs: arrow keys move between tabs, Home/End jump to the ends.
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = TABS[(next + TABS.length) % TABS.length];
    if (!target) return;
    setTab(target.id);
    buttons.current[(next + TABS.length) % TABS.length]?.focus();
  };

  return (
    <section className="workbench" aria-label="Evaluation">
      <div role="tablist" aria-label="Evaluation views" className="workbench-tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`workbench-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`workbench-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div key={t.id} role="tabpanel" id={`workbench-panel-${t.id}`} aria-labelledby={`workbench-tab-${t.id}`} hidden={tab !== t.id} className="workbench-panel">
          {tab === t.id ? panelFor(t.id) : null}
        </div>
      ))}
    </section>
  );
}
