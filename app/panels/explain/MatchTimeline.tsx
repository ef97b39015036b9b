import { useMemo } from 'react';
import type { Evaluation } from '../../workers/engine-protocol.ts';
import { subdetectionLabel, timelineLanes, timelineLayout } from './chart-layout.ts';

// Lane names sit above their lanes, not beside them: the workbench column is narrow, and a label column would
// shrink the whole drawing (and its text) to fit.
const PLOT_WIDTH = 300;
const LEFT_PAD = 8;
const RIGHT_PAD = 28;
const LANE_HEIGHT = 30;
const AXIS_HEIGHT = 22;
const TOP_PAD = 2;

/** Matches over time: one lane per sub-detection, a tick at each output row's time (UTC). */
export function MatchTimeline({ result, colorOf }: { result: Evaluation; colorOf: (name: string | null) => string }) {
  const layout = useMemo(
    () => timelineLayout(result.rowTimes, result.subdetections, timelineLanes(result.funnels.map((f) => f.subdetection), result.subdetections), PLOT_WIDTH),
    [result],
  );
  if (layout.lanes.length === 0) return <p className="muted">The query has no sub-detections to chart.</p>;
  const height = TOP_PAD + layout.lanes.length * LANE_HEIGHT + AXIS_HEIGHT;
  const width = LEFT_PAD + PLOT_WIDTH + RIGHT_PAD;
  const axisY = TOP_PAD + layout.lanes.length * LANE_HEIGHT;
  return (
    <figure className="rb-timeline">
      <svg role="img" aria-label={`Matches over time (UTC). ${layout.summary}`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        {layout.lanes.map((lane, i) => {
          const top = TOP_PAD + i * LANE_HEIGHT;
          const y = top + 21;
          const color = colorOf(lane.name);
          return (
            <g key={`${subdetectionLabel(lane.name)}-${i}`}>
              <text x={LEFT_PAD} y={top + 10} className="rb-timeline-lane-label">
                {subdetectionLabel(lane.name)}
              </text>
              <line x1={LEFT_PAD} x2={LEFT_PAD + PLOT_WIDTH} y1={y} y2={y} className="rb-timeline-lane" />
              {lane.xs.map((x, j) => (
                <circle key={j} cx={LEFT_PAD + x} cy={y} r={4.5} fill={color} fillOpacity={0.8} stroke="#fff" strokeWidth={1} />
              ))}
            </g>
          );
        })}
        <line x1={LEFT_PAD} x2={LEFT_PAD + PLOT_WIDTH} y1={axisY} y2={axisY} className="rb-timeline-axis" />
        {layout.ticks.map((tick, i) => (
          <g key={i}>
            <line x1={LEFT_PAD + tick.x} x2={LEFT_PAD + tick.x} y1={axisY} y2={axisY + 4} className="rb-timeline-axis" />
            <text x={LEFT_PAD + tick.x} y={axisY + 15} textAnchor="middle" className="rb-timeline-tick">
              {tick.label}
            </text>
          </g>
        ))}
        <text x={LEFT_PAD + PLOT_WIDTH + 4} y={axisY + 15} className="rb-timeline-tick">
          UTC
        </text>
      </svg>
      <figcaption>
        <ul className="rb-timeline-summary">
          {layout.lanes.map((lane, i) => (
            <li key={`${subdetectionLabel(lane.name)}-${i}`}>
              <span className="swatch" style={{ background: colorOf(lane.name) }} aria-hidden="true" />
              {lane.summary}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
