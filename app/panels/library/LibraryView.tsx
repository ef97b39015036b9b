import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { Diagnostic } from '../../../src/diagnostics.ts';
import type { Rule } from '../../../src/rule/model.ts';
import { UUID } from '../../../src/rule/validate.ts';
import { serializeRule } from '../../../src/rule/yaml.ts';
import { useAppStore } from '../../state/store.ts';
import { useAllTables } from '../../state/tables.ts';
import { shareUrl } from '../../share/share-link.ts';
import { ConflictDialog } from './ConflictDialog.tsx';
import { Coverage } from './Coverage.tsx';
import { SigmaImport } from './SigmaImport.tsx';
import { advanceImports, describeTally, EMPTY_TALLY, type ImportTally, type PendingImport } from './import-queue.ts';
import { displayTitle, filterRules, searchText, tablesOf } from './library-view.ts';
import { download, libraryZip, readImportFiles, ruleFileName, type ImportedFile } from './rule-files.ts';
import { useAttackCatalog } from './use-catalog.ts';

interface Props {
  /** Called after a rule was opened: the app returns to the editor. */
  readonly onOpened: () => void;
}

function position(d: Diagnostic): string {
  return d.line !== undefined ? `line ${d.line}, column ${d.column ?? 1}: ` : '';
}

function importTarget() {
  return {
    hasRule: (id: string) => useAppStore.getState().rules.some((r) => r.id === id),
    importRule: useAppStore.getState().importRule,
  };
}

/** The rule library: every rule of the workspace, with search, import, export, sharing and ATT&CK coverage. */
export function LibraryView({ onOpened }: Props) {
  const rules = useAppStore((s) => s.rules);
  const activeRuleId = useAppStore((s) => s.activeRuleId);
  const lastDeleted = useAppStore((s) => s.lastDeleted);
  const catalog = useAttackCatalog();
  const allTables = useAllTables();
  const knownTables = useMemo(() => new Set(allTables.map((t) => t.name)), [allTables]);
  const [search, setSearch] = useState('');
  const [technique, setTechnique] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [draftTitle, setDraftTitle] = useState('');
  const [message, setMessage] = useState('');
  const [problems, setProblems] = useState<readonly ImportedFile[]>([]);
  const [queue, setQueue] = useState<readonly PendingImport[]>([]);
  const [tally, setTally] = useState<ImportTally>(EMPTY_TALLY);
  const [link, setLink] = useState('');
  const [sigmaOpen, setSigmaOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement | null>(null);

  const tablesById = useMemo(() => new Map(rules.map((r) => [r.id, tablesOf(r, knownTables)])), [rules, knownTables]);
  const shown = useMemo(() => {
    const byTechnique = technique === null ? rules : rules.filter((r) => r.attack.techniques.some((t) => t.toUpperCase() === technique));
    return filterRules(byTechnique, search, (r) => searchText(r, tablesById.get(r.id) ?? [], catalog));
  }, [rules, technique, search, tablesById, catalog]);
  const active = rules.find((r) => r.id === activeRuleId);

  const open = (id: string) => {
    useAppStore.getState().openRule(id);
    onOpened();
  };

  const create = () => {
    const id = useAppStore.getState().createRule();
    setSearch('');
    setTechnique(null);
    setRenaming(id);
    setDraftTitle('');
  };

  const startRename = (rule: Rule) => {
    setRenaming(rule.id);
    setDraftTitle(rule.title);
  };

  const saveRename = (event: FormEvent) => {
    event.preventDefault();
    if (renaming !== null) useAppStore.getState().renameRule(renaming, draftTitle.trim());
    setRenaming(null);
  };

  const duplicate = (rule: Rule) => {
    useAppStore.getState().duplicateRule(rule.id);
    setMessage(`Duplicated “${displayTitle(rule)}”.`);
  };

  const remove = (rule: Rule) => {
    if (useAppStore.getState().deleteRule(rule.id)) setMessage('');
  };

  const finishImport = (rest: readonly PendingImport[], counts: ImportTally) => {
    setQueue(rest);
    setTally(counts);
    if (rest.length === 0) setMessage(describeTally(counts));
  };

  const importFiles = async (files: readonly File[]) => {
    const read = await readImportFiles(files);
    setProblems(read.filter((f) => f.diagnostics.length > 0));
    const pending = read.flatMap((f) => (f.rule ? [{ rule: f.rule, source: f.source }] : []));
    if (pending.length === 0) {
      setMessage(read.length === 0 ? 'No files were chosen.' : 'No rules were imported; the problems are listed below.');
      return;
    }
    const step = advanceImports(pending, importTarget(), EMPTY_TALLY);
    finishImport(step.queue, step.tally);
  };

  // Nothing the user brought is lost: a file with errors can still come in, to be fixed in the form (whose messages
  // then say what is wrong). A draft without a usable id gets a new one.
  const importDraft = (file: ImportedFile) => {
    if (!file.draft) return;
    const draft = UUID.test(file.draft.id) ? file.draft : { ...file.draft, id: crypto.randomUUID() };
    setProblems((list) => list.filter((f) => f !== file));
    const step = advanceImports([{ rule: draft, source: file.source }], importTarget(), EMPTY_TALLY);
    finishImport(step.queue, step.tally);
  };

  const exportRule = () => {
    if (!active) return;
    download(ruleFileName(active), serializeRule(active), 'application/yaml');
  };

  const exportLibrary = () => {
    download('rulebench-library.zip', libraryZip(rules), 'application/zip');
  };

  const copyShareLink = async () => {
    if (!active) return;
    const url = shareUrl(serializeRule(active), window.location.href);
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setMessage(`Share link for “${displayTitle(active)}” copied (${url.length.toLocaleString('en-US')} characters).`);
    } catch {
      setMessage('The browser did not allow copying; copy the share link from the field below.');
    }
  };

  const conflict = queue[0] ?? null;

  return (
    <section className="library" aria-labelledby="library-heading">
      <div className="library-head">
        <h2 id="library-heading">Rule library</h2>
        <span className="muted">
          {rules.length} {rules.length === 1 ? 'rule' : 'rules'}
        </span>
        <div className="toolbar" role="toolbar" aria-label="Library actions">
          <button type="button" onClick={create}>
            New rule
          </button>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import rules…
          </button>
          <button type="button" onClick={() => folderInput.current?.click()}>
            Import folder…
          </button>
          <button type="button" aria-expanded={sigmaOpen} onClick={() => setSigmaOpen((open) => !open)}>
            Import Sigma rule…
          </button>
          <button type="button" onClick={exportRule} disabled={!active}>
            Export rule
          </button>
          <button type="button" onClick={exportLibrary}>
            Export library (.zip)
          </button>
          <button type="button" onClick={() => void copyShareLink()} disabled={!active}>
            Copy share link
          </button>
        </div>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept=".yml,.yaml,.zip"
          hidden
          aria-label="Rule files to import"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void importFiles(files);
          }}
        />
        <input
          ref={(element) => {
            folderInput.current = element;
            // React has no prop for directory picking; the attribute is what browsers read.
            element?.setAttribute('webkitdirectory', '');
          }}
          type="file"
          multiple
          hidden
          aria-label="Folder of rule files to import"
          onChange={(e) => {
            // A rules repository holds more than rules (README, events files): take the *.rule.yml files only.
            const files = [...(e.target.files ?? [])].filter((file) => /\.rule\.ya?ml$/i.test(file.name));
            e.target.value = '';
            void importFiles(files);
          }}
        />
      </div>

      {sigmaOpen ? (
        <SigmaImport
          onClose={() => setSigmaOpen(false)}
          onImport={(rule, source) => {
            const step = advanceImports([{ rule, source }], importTarget(), EMPTY_TALLY);
            finishImport(step.queue, step.tally);
          }}
        />
      ) : null}

      <div className="library-messages">
        {lastDeleted ? (
          <p role="status" className="library-status">
            Rule deleted — “{displayTitle(lastDeleted.rule)}”{' '}
            <button type="button" onClick={() => useAppStore.getState().undoDelete()}>
              Undo
            </button>
          </p>
        ) : null}
        <p role="status" className="library-status">
          {message}
        </p>
        {link !== '' ? (
          <label className="share-link">
            Share link
            <input type="text" readOnly value={link} onFocus={(e) => e.target.select()} />
          </label>
        ) : null}
        {problems.length > 0 ? (
          <section aria-label="Import problems" className="import-problems">
            <h3>Import problems</h3>
            <ul>
              {problems.map((file) => (
                <li key={file.source}>
                  <strong>{file.source}</strong>
                  {file.rule ? <span className="muted"> (imported with warnings)</span> : <span className="muted"> (not imported)</span>}
                  {file.draft ? (
                    <button type="button" onClick={() => importDraft(file)}>
                      Import {file.source} as a draft to fix
                    </button>
                  ) : null}
                  <ul>
                    {file.diagnostics.map((d, i) => (
                      <li key={i} className={`diag ${d.severity}`}>
                        {position(d)}
                        {d.message} <code>{d.code}</code>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => setProblems([])}>
              Dismiss import problems
            </button>
          </section>
        ) : null}
      </div>

      <Coverage rules={rules} catalog={catalog} selected={technique} onSelect={setTechnique} />

      <div className="library-list-head">
        <input
          type="search"
          className="filter"
          aria-label="Search rules"
          placeholder="Search by title, technique (T1074.002 or its name) or table"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        {technique !== null ? (
          <p className="technique-filter">
            Showing rules for {technique}{' '}
            <button type="button" onClick={() => setTechnique(null)}>
              Show all rules
            </button>
          </p>
        ) : null}
      </div>

      <ul className="rule-list" aria-label="Rules">
        {shown.map((rule) => {
          const title = displayTitle(rule);
          const isActive = rule.id === activeRuleId;
          const tables = tablesById.get(rule.id) ?? [];
          return (
            <li key={rule.id} className={isActive ? 'rule-item active' : 'rule-item'}>
              {renaming === rule.id ? (
                <form className="rename" onSubmit={saveRename}>
                  <input
                    type="text"
                    aria-label="Rule title"
                    value={draftTitle}
                    autoFocus
                    onChange={(e) => setDraftTitle(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') setRenaming(null);
                    }}
                  />
                  <button type="submit">Save title</button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <div className="rule-title">
                  <strong>{title}</strong>
                  {isActive ? <span className="badge">open in editor</span> : null}
                </div>
              )}
              <dl className="rule-meta">
                <div>
                  <dt>Level</dt>
                  <dd className={`level level-${rule.level}`}>{rule.level}</dd>
                </div>
                <div>
                  <dt>Techniques</dt>
                  <dd>
                    {rule.attack.techniques.length > 0
                      ? rule.attack.techniques
                          .map((id) => {
                            const name = catalog?.techniques.get(id.toUpperCase())?.name;
                            return name ? `${id} ${name}` : id;
                          })
                          .join(', ')
                      : '—'}
                  </dd>
                </div>
                <div>
                  <dt>Tables</dt>
                  <dd>{tables.length > 0 ? tables.join(', ') : '—'}</dd>
                </div>
                <div>
                  <dt>Modified</dt>
                  <dd>{rule.modified ?? rule.date}</dd>
                </div>
              </dl>
              <div className="rule-actions">
                <button type="button" aria-label={`Open ${title}`} onClick={() => open(rule.id)}>
                  Open
                </button>
                <button type="button" aria-label={`Rename ${title}`} onClick={() => startRename(rule)}>
                  Rename
                </button>
                <button type="button" aria-label={`Duplicate ${title}`} onClick={() => duplicate(rule)}>
                  Duplicate
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${title}`}
                  disabled={rules.length <= 1}
                  title={rules.length <= 1 ? 'The library keeps at least one rule' : undefined}
                  onClick={() => remove(rule)}
                >
                  Delete
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {shown.length === 0 ? <p className="muted">No rule matches.</p> : null}

      <ConflictDialog
        incoming={conflict}
        existing={conflict ? rules.find((r) => r.id === conflict.rule.id) : undefined}
        onChoose={(choice) => {
          const step = advanceImports(queue, importTarget(), tally, choice);
          finishImport(step.queue, step.tally);
        }}
      />
    </section>
  );
}
