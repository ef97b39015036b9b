import type { FunnelView } from '../../workers/engine-protocol.ts';
import { funnelBars, funnelSummary, subdetectionLabel } from './chart-layout.ts';

/** One sub-detection's funnel: a bar per operator, rows out of it, scaled to the rows read. */
export function FunnelChart({ funnel, color }: { funnel: FunnelView; color: string }) {
  const bars = funnelBars(funnel.steps);
  return (
    <table className="rb-funnel">
      <caption>
        <span className="swatch" style={{ background: color }} aria-hidden="true" />
        {funnelSummary(funnel.subdetection, funnel.steps)}
      </caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Operator</th>
          <th scope="col">Rows out of it</th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar, i) => (
          <tr key={i}>
            <th scope="row" className="rb-funnel-label">
              {bar.label}
            </th>
            <td className="rb-funnel-value">
              <span className="rb-funnel-track" aria-hidden="true">
                <span className="rb-funnel-bar" style={{ width: `${(bar.fraction * 100).toFixed(2)}%`, background: color }} />
              </span>
              <span className="rb-funnel-rows">{bar.rows}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every sub-detection's funnel, in plan order. */
export function Funnels({ funnels, colorOf }: { funnels: readonly FunnelView[]; colorOf: (name: string | null) => string }) {
  if (funnels.length === 0) return <p className="muted">The query read no tables.</p>;
  return (
    <div className="rb-funnels">
      {funnels.map((funnel, i) => (
        <FunnelChart key={`${subdetectionLabel(funnel.subdetection)}-${i}`} funnel={funnel} color={colorOf(funnel.subdetection)} />
      ))}
    </div>
  );
}
