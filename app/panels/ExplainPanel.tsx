import { useMemo } from 'react';
import { useEventsStore } from '../state/events-slice.ts';
import { useAppStore } from '../state/store.ts';
import { eventRefKey } from '../workers/engine-protocol.ts';
import { colorsByName } from './explain/colors.ts';
import { EventPicker } from './explain/EventPicker.tsx';
import { Funnels } from './explain/FunnelChart.tsx';
import { MatchTimeline } from './explain/MatchTimeline.tsx';
import { VerdictList } from './explain/VerdictList.tsx';

/** The chosen event's verdicts, or why there are none yet. */
function ChosenEvent() {
  const selected = useEventsStore((s) => s.selectedEvent);
  const { result, running } = useEventsStore((s) => s.evaluation);
  const outline = useAppStore((s) => s.outline);
  const colorOf = useMemo(() => colorsByName(outline), [outline]);
  if (!selected) {
    return (
      <p className="muted">
        Choose an event above, or use Explain on an event in the Events tab, to see for each sub-detection whether it matched, does not
        read the event&apos;s table, or where it stopped and why.
      </p>
    );
  }
  const verdict = result?.verdict ?? null;
  if (verdict && eventRefKey(verdict.ref) === eventRefKey(selected)) return <VerdictList verdict={verdict} colorOf={colorOf} />;
  if (running || !result) return <p className="muted" role="status">Explaining…</p>;
  if (!result.compiled) return <p className="muted">The query does not compile, so the event cannot be explained. See the Problems list.</p>;
  return <p className="muted">The chosen event is no longer loaded. Choose another one.</p>;
}

function NoEvaluation({ compiled }: { compiled: boolean | undefined }) {
  return <p className="muted">{compiled === false ? 'The query does not compile, so it was not run.' : 'Not evaluated yet.'}</p>;
}

/** Why the chosen event did or did not match, each sub-detection's funnel, and its matches over time. */
export function ExplainPanel() {
  const result = useEventsStore((s) => s.evaluation.result);
  const outline = useAppStore((s) => s.outline);
  const colorOf = useMemo(() => colorsByName(outline), [outline]);
  return (
    <section className="pane rb-explain" aria-labelledby="explain-heading">
      <h2 id="explain-heading">Explain</h2>
      <EventPicker />
      <section aria-labelledby="explain-event-heading">
        <h3 id="explain-event-heading">The chosen event, per sub-detection</h3>
        <ChosenEvent />
      </section>
      <section aria-labelledby="explain-funnels-heading">
        <h3 id="explain-funnels-heading">Funnels</h3>
        <p className="muted">Rows out of each operator, per sub-detection, on all loaded events.</p>
        {result?.compiled ? <Funnels funnels={result.funnels} colorOf={colorOf} /> : <NoEvaluation compiled={result?.compiled} />}
      </section>
      <section aria-labelledby="explain-timeline-heading">
        <h3 id="explain-timeline-heading">Matches over time</h3>
        {result?.compiled ? <MatchTimeline result={result} colorOf={colorOf} /> : <NoEvaluation compiled={result?.compiled} />}
      </section>
    </section>
  );
}
