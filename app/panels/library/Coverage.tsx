import { useMemo } from 'react';
import type { AttackCatalog } from '../../../src/attack/stix.ts';
import type { Rule } from '../../../src/rule/model.ts';
import { cellLabel, computeCoverage, HEAT_LEGEND, heatLevel } from './coverage.ts';

interface Props {
  readonly rules: readonly Rule[];
  readonly catalog: AttackCatalog | null;
  /** The technique the rule list is filtered to, if any. */
  readonly selected: string | null;
  readonly onSelect: (technique: string | null) => void;
}

/**
 * The library's ATT&CK coverage as a heat map: one column per tactic in matrix order, one cell per covered
 * technique, coloured by how many rules cover it. Choosing a cell filters the rule list to those rules.
 */
export function Coverage({ rules, catalog, selected, onSelect }: Props) {
  const coverage = useMemo(() => computeCoverage(rules, catalog), [rules, catalog]);
  const coveredTactics = coverage.columns.filter((c) => c.cells.length > 0).length;
  const techniques = new Set(coverage.columns.flatMap((c) => c.cells.map((cell) => cell.technique)));
  for (const cell of coverage.unplaced) techniques.add(cell.technique);

  const cellButton = (cell: (typeof coverage.unplaced)[number], key: string) => {
    const label = cellLabel(cell);
    const pressed = selected === cell.technique;
    return (
      <li key={key}>
        <button
          type="button"
          className={`heat-cell heat-${heatLevel(cell.ruleIds.length)}`}
          aria-label={label}
          aria-pressed={pressed}
          title={label}
          onClick={() => onSelect(pressed ? null : cell.technique)}
        >
          <span className="heat-id">{cell.technique}</span>
          <span className="heat-count">{cell.ruleIds.length}</span>
        </button>
      </li>
    );
  };

  return (
    <section className="coverage" aria-labelledby="coverage-heading">
      <div className="coverage-head">
        <h2 id="coverage-heading">ATT&amp;CK coverage</h2>
        <p className="muted">
          {techniques.size} {techniques.size === 1 ? 'technique' : 'techniques'} in {coveredTactics} of {coverage.columns.length}{' '}
          tactics{catalog ? ` · ${catalog.label}` : ' · technique names appear once ATT&CK data is loaded'}
        </p>
        <ul className="heat-legend" aria-label="Colour legend">
          {HEAT_LEGEND.map((entry) => (
            <li key={entry.level}>
              <span className={`heat-swatch heat-${entry.level}`} aria-hidden="true" />
              {entry.label}
            </li>
          ))}
        </ul>
      </div>
      <div className="coverage-grid">
        {coverage.columns.map((column) => (
          <div
            key={column.tactic.id}
            role="group"
            aria-label={`${column.tactic.name}: ${column.cells.length} ${column.cells.length === 1 ? 'technique' : 'techniques'}`}
            className={column.cells.length > 0 ? 'coverage-column covered' : 'coverage-column'}
          >
            <div className="coverage-tactic" title={`${column.tactic.id} ${column.tactic.name}`} aria-hidden="true">
              <span>{column.tactic.name}</span>
              <span className="coverage-tactic-count">{column.cells.length}</span>
            </div>
            {column.cells.length > 0 ? (
              <ul className="heat-cells">{column.cells.map((cell) => cellButton(cell, `${column.tactic.id}-${cell.technique}`))}</ul>
            ) : (
              <p className="heat-empty" aria-hidden="true">
                —
              </p>
            )}
          </div>
        ))}
      </div>
      {coverage.unplaced.length > 0 ? (
        <div role="group" aria-label="Techniques without a tactic" className="coverage-unplaced">
          <span className="muted">No tactic listed:</span>
          <ul className="heat-cells inline">{coverage.unplaced.map((cell) => cellButton(cell, `none-${cell.technique}`))}</ul>
        </div>
      ) : null}
    </section>
  );
}
