import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { AttackMapping } from '../../src/rule/model.ts';
import { searchTechniques, techniqueDisplayName, techniqueUrl, type AttackCatalog, type AttackTechnique } from '../../src/attack/stix.ts';
import { TECHNIQUE_ID, V19_TACTICS, type Tactic } from '../../src/attack/tactics.ts';
import { addTechnique, applyAttackFix, suggestFixes, validateAttackMapping, type AttackIssue } from '../../src/attack/validate.ts';

export interface AttackPickerProps {
  readonly mapping: AttackMapping;
  readonly onChange: (mapping: AttackMapping) => void;
  /** The loaded ATT&CK catalog; without one, tactics come from the built-in v19 list and IDs are shape-checked. */
  readonly catalog: AttackCatalog | null;
}

interface ResultGroup {
  readonly tactic: Tactic;
  readonly techniques: readonly AttackTechnique[];
}

/** Search results under each tactic they belong to, in matrix order (a technique in two tactics shows in both). */
function groupByTactic(results: readonly AttackTechnique[], tactics: readonly Tactic[]): ResultGroup[] {
  return tactics
    .map((tactic) => ({ tactic, techniques: results.filter((t) => t.tactics.includes(tactic.shortname)) }))
    .filter((g) => g.techniques.length > 0);
}

function IssueList({ issues, catalog, onFix, label }: {
  readonly issues: readonly AttackIssue[];
  readonly catalog: AttackCatalog | null;
  readonly onFix: (issue: AttackIssue, index: number) => void;
  readonly label: string;
}) {
  if (issues.length === 0) return null;
  return (
    <ul className="attack-issues" aria-label={label}>
      {issues.map((issue) => (
        <li key={`${issue.path}-${issue.code}`} className={`attack-issue ${issue.severity}`}>
          <span className="attack-issue-text">
            <span className="visually-hidden">{issue.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
            {issue.message}
          </span>
          {suggestFixes(issue, catalog).map((fix, index) => (
            <button key={fix.label} type="button" className="attack-fix" onClick={() => onFix(issue, index)}>
              {fix.label}
            </button>
          ))}
        </li>
      ))}
    </ul>
  );
}

/**
 * The ATT&CK mapping of a rule: tactics, techniques as removable chips with their names and links, a search that
 * adds techniques (and their tactic), and the mapping's problems with one-click fixes. Controlled: every change goes
 * through `onChange`.
 */
export function AttackPicker({ mapping, onChange, catalog }: AttackPickerProps) {
  const searchId = useId();
  const resultsId = useId();
  const [query, setQuery] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const tactics = catalog?.tactics ?? V19_TACTICS;
  const issues = useMemo(() => validateAttackMapping(mapping, catalog), [mapping, catalog]);
  const results = useMemo(() => (catalog ? searchTechniques(catalog, query) : []), [catalog, query]);
  const groups = useMemo(() => groupByTactic(results, tactics), [results, tactics]);

  const tacticName = (shortname: string) => tactics.find((t) => t.shortname === shortname)?.name ?? shortname;
  const issuesAt = (path: string) => issues.filter((i) => i.path === path);

  const change = (next: AttackMapping, said: string) => {
    onChange(next);
    setAnnouncement(said);
  };

  const toggleTactic = (shortname: string, on: boolean) => {
    const tacticsNext = on ? [...mapping.tactics, shortname] : mapping.tactics.filter((t) => t !== shortname);
    change({ tactics: tacticsNext, techniques: [...mapping.techniques] }, `${on ? 'Added' : 'Removed'} tactic ${tacticName(shortname)}.`);
  };

  const removeTactic = (index: number) => {
    const value = mapping.tactics[index];
    change({ tactics: mapping.tactics.filter((_, i) => i !== index), techniques: [...mapping.techniques] }, `Removed tactic ${value ?? ''}.`);
  };

  const removeTechnique = (index: number) => {
    const value = mapping.techniques[index];
    change({ tactics: [...mapping.tactics], techniques: mapping.techniques.filter((_, i) => i !== index) }, `Removed ${value ?? ''}.`);
  };

  const choose = (technique: AttackTechnique, viaTactic: string) => {
    const next = addTechnique(mapping, technique, viaTactic);
    const added = next.tactics.filter((t) => !mapping.tactics.includes(t));
    change(next, `Added ${technique.id}${added.length > 0 ? ` and its tactic ${added.map(tacticName).join(', ')}` : ''}.`);
    setQuery('');
  };

  const typedId = query.trim().toUpperCase();
  const typedIsId = TECHNIQUE_ID.test(typedId);
  const addTyped = () => {
    if (!typedIsId) return;
    const known = catalog?.techniques.get(typedId);
    if (known && !known.revoked && !known.deprecated) {
      choose(known, known.tactics[0] ?? '');
      return;
    }
    if (!mapping.techniques.includes(typedId)) change({ tactics: [...mapping.tactics], techniques: [...mapping.techniques, typedId] }, `Added ${typedId}.`);
    setQuery('');
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (typedIsId) addTyped();
    else if (groups.length === 1 && groups[0]?.techniques.length === 1) {
      const only = groups[0];
      const technique = only.techniques[0];
      if (technique) choose(technique, only.tactic.shortname);
    }
  };

  const fix = (issue: AttackIssue, index: number) => {
    const suggestion = suggestFixes(issue, catalog)[index];
    if (!suggestion) return;
    change(applyAttackFix(mapping, suggestion.fix), `${suggestion.label}: done.`);
  };

  const known = new Set(tactics.map((t) => t.shortname));
  // Values that are not a tactic's exact short name (legacy, misspelt, IDs) stay visible until fixed or removed.
  const otherTactics = mapping.tactics.map((value, index) => ({ value, index })).filter(({ value }) => !known.has(value));
  const tacticIssues = issues.filter((i) => i.path.startsWith('attack.tactics.'));
  const typedInCatalog = typedIsId && catalog?.techniques.has(typedId);

  return (
    <fieldset className="attack-picker">
      <legend>Tactics and techniques</legend>
      <p className="muted attack-catalog-note">
        {catalog
          ? `Checked against ${catalog.label}.`
          : 'No ATT&CK data loaded: tactics are the built-in ATT&CK v19 list and technique IDs are checked by their shape only (see ATT&CK data… to load MITRE’s bundle).'}
      </p>
      <div role="group" aria-label="Tactics" className="attack-tactics">
        {tactics.map((tactic) => (
          <label key={tactic.shortname} className="attack-tactic" title={`${tactic.id} ${tactic.name}`}>
            <input type="checkbox" checked={mapping.tactics.includes(tactic.shortname)} onChange={(e) => toggleTactic(tactic.shortname, e.target.checked)} />
            {tactic.name}
            <span className="muted" aria-hidden="true">
              {' '}
              {tactic.id}
            </span>
          </label>
        ))}
        {otherTactics.map(({ value, index }) => (
          <span key={`${value}-${index}`} className="attack-tactic other">
            <code>{value}</code>
            <button type="button" className="attack-chip-remove" onClick={() => removeTactic(index)} aria-label={`Remove tactic ${value}`}>
              ×
            </button>
          </span>
        ))}
      </div>
      <IssueList issues={tacticIssues} catalog={catalog} onFix={fix} label="Problems with the tactics" />

      <ul className="attack-chips" aria-label="Techniques">
        {mapping.techniques.map((value, index) => {
          const technique = catalog?.techniques.get(value.trim());
          const id = value.trim();
          const here = issuesAt(`attack.techniques.${index}`);
          const severity = here.some((i) => i.severity === 'error') ? 'error' : here.length > 0 ? 'warning' : 'ok';
          return (
            <li key={`${value}-${index}`} className={`attack-chip ${severity}`}>
              <span className="attack-chip-label">
                {TECHNIQUE_ID.test(id) ? (
                  <a href={techniqueUrl(id)} target="_blank" rel="noreferrer" title={techniqueUrl(id)}>
                    {id}
                  </a>
                ) : (
                  <code>{value}</code>
                )}{' '}
                {technique ? <span className="attack-chip-name">{catalog ? techniqueDisplayName(catalog, technique) : technique.name}</span> : null}
              </span>
              <button type="button" className="attack-chip-remove" onClick={() => removeTechnique(index)} aria-label={`Remove ${value}`}>
                ×
              </button>
              <IssueList issues={here} catalog={catalog} onFix={fix} label={`Problems with ${value}`} />
            </li>
          );
        })}
      </ul>
      {mapping.techniques.length === 0 ? <p className="muted">No techniques yet.</p> : null}

      <label htmlFor={searchId} className="attack-search-label">
        Search techniques by ID or name
      </label>
      <div className="attack-search-row">
        <input
          id={searchId}
          type="search"
          className="attack-search"
          value={query}
          placeholder={catalog ? 'T1074.002 or remote data staging' : 'T1074.002'}
          aria-controls={resultsId}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
        />
        {typedIsId && !typedInCatalog ? (
          <button type="button" onClick={addTyped}>
            Add {typedId}
          </button>
        ) : null}
      </div>
      <div id={resultsId} className="attack-results">
        {query.trim() !== '' && !catalog && !typedIsId ? (
          <p className="attack-hint">Type a technique ID such as T1074.002. Load ATT&amp;CK data to search techniques by name.</p>
        ) : null}
        {query.trim() !== '' && catalog && groups.length === 0 && !typedIsId ? <p className="attack-hint">No technique matches “{query.trim()}”.</p> : null}
        {query.trim() !== '' && catalog && typedIsId && !typedInCatalog ? (
          <p className="attack-hint">{typedId} is not in {catalog.label}; you can still add it.</p>
        ) : null}
        {groups.map((group) => (
          <section key={group.tactic.shortname} aria-label={`${group.tactic.name} techniques`} className="attack-result-group">
            <h4>{group.tactic.name}</h4>
            <ul>
              {group.techniques.map((technique) => {
                const chosen = mapping.techniques.includes(technique.id);
                const missingTactic = !technique.tactics.some((t) => mapping.tactics.includes(t));
                return (
                  <li key={technique.id}>
                    <button
                      type="button"
                      className={technique.isSubtechnique ? 'attack-result sub' : 'attack-result'}
                      disabled={chosen}
                      onClick={() => choose(technique, group.tactic.shortname)}
                    >
                      <span className="attack-result-id">{technique.id}</span> {catalog ? techniqueDisplayName(catalog, technique) : technique.name}
                      {technique.revoked ? ' (revoked)' : technique.deprecated ? ' (deprecated)' : ''}
                      {chosen ? ' (chosen)' : missingTactic ? ` (adds ${group.tactic.name})` : ''}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
    </fieldset>
  );
}
