/**
 * The Export tab: the active rule as Sigma, Sentinel YAML or an ARM template, previewed live (re-exported in the
 * engine worker as the rule changes, debounced, latest wins), with the export's warnings and errors beside the
 * preview, Copy and Download, and for Sigma the proof by running. An export with errors hands out nothing: the
 * preview says why and Download is disabled.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Rule } from '../../../src/rule/model.ts';
import { tableSchemaFingerprint } from '../../../src/schema/catalog.ts';
import type { TableSchema } from '../../../src/schema/types.ts';
import type { ProofResult } from '../../../src/sigma/proof.ts';
import { useAllTables } from '../../state/tables.ts';
import { engineClient } from '../../workers/engine-client.ts';
import { download } from '../library/rule-files.ts';
import { useRuleBinding } from '../rule/use-rule-binding.ts';
import type { ExportFormat, RuleExport } from './export-rule.ts';
import { ExportIssues } from './ExportIssues.tsx';
import { ProofView } from './ProofView.tsx';

/** Edits closer together than this export once; a stale export's result is dropped (latest wins). */
const EXPORT_DELAY_MS = 300;

/** What the panel needs of the engine worker (a fake in component tests). */
export interface ExportEngine {
  exportRule(rule: Rule, format: ExportFormat, tables: readonly TableSchema[], schemaKey: string): Promise<RuleExport>;
  proveSigma(rule: Rule, tables: readonly TableSchema[], schemaKey: string): Promise<ProofResult>;
}

export interface ExportPanelProps {
  readonly rule: Rule;
  /** Defaults to the page's engine worker. */
  readonly engine?: ExportEngine;
  /** Saves a file; defaults to a browser download (jsdom has no object URLs). */
  readonly save?: (name: string, content: string, type: string) => void;
}

const FORMATS: readonly { id: ExportFormat; label: string; type: string; noun: string }[] = [
  { id: 'sigma', label: 'Sigma', type: 'application/yaml', noun: 'Sigma rule' },
  { id: 'sentinel', label: 'Sentinel YAML', type: 'application/yaml', noun: 'Sentinel analytics rule' },
  { id: 'arm', label: 'ARM JSON', type: 'application/json', noun: 'ARM template' },
];

interface Run<T> {
  readonly result: T | null;
  readonly running: boolean;
  readonly error: string | null;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs `task` after the rule has been still for EXPORT_DELAY_MS; results of superseded runs are dropped. */
function useDebouncedRun<T>(task: (() => Promise<T>) | null, deps: readonly unknown[]): Run<T> {
  const [state, setState] = useState<Run<T>>({ result: null, running: false, error: null });
  useEffect(() => {
    if (!task) return;
    let cancelled = false;
    setState((s) => ({ ...s, running: true }));
    const timer = setTimeout(() => {
      task().then(
        (result) => {
          if (!cancelled) setState({ result, running: false, error: null });
        },
        (error: unknown) => {
          if (!cancelled) setState({ result: null, running: false, error: message(error) });
        },
      );
    }, EXPORT_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // The task is a new closure every render; `deps` says when what it does really changed.
  }, deps);
  return state;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function ExportPanel({ rule, engine, save = download }: ExportPanelProps) {
  const tables = useAllTables();
  const schemaKey = useMemo(() => tableSchemaFingerprint(tables), [tables]);
  const [format, setFormat] = useState<ExportFormat>('sigma');
  const [notice, setNotice] = useState<string | null>(null);
  const worker = engine ?? engineClient();

  const exported = useDebouncedRun(
    () => worker.exportRule(rule, format, tables, schemaKey).then((out) => ({ format, out })),
    [rule, format, tables, schemaKey, engine],
  );
  const proof = useDebouncedRun(format === 'sigma' ? () => worker.proveSigma(rule, tables, schemaKey) : null, [rule, format === 'sigma', tables, schemaKey, engine]);

  const current = FORMATS.find((f) => f.id === format);
  // A result for another format is never shown under this one's name while the new export runs.
  const result = exported.result?.format === format ? exported.result.out : null;
  const refused = result !== null && result.errors.length > 0;
  const text = result && !refused ? result.text : '';

  useEffect(() => setNotice(null), [format]);

  const copy = (): void => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) {
      setNotice('The clipboard is not available here; select the preview and copy it.');
      return;
    }
    clipboard.writeText(text).then(
      () => setNotice(`Copied the ${current?.label ?? ''} export.`),
      (error: unknown) => setNotice(`Could not copy: ${message(error)}`),
    );
  };

  let status: string;
  if (exported.error) status = `The export failed: ${exported.error}`;
  else if (!result) status = 'Exporting…';
  else if (refused) status = `Nothing exported: ${plural(result.errors.length, 'error')}`;
  else status = `${plural(result.documents, current?.noun ?? 'rule')} · ${plural(result.warnings.length, 'warning')} · ${result.fileName}`;

  return (
    <section className="rb-export" aria-labelledby="export-heading">
      <h3 id="export-heading">Export</h3>
      <fieldset className="rb-export-formats">
        <legend>Export format</legend>
        {FORMATS.map((f) => (
          <label key={f.id}>
            <input type="radio" name="export-format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} /> {f.label}
          </label>
        ))}
      </fieldset>
      <p role="status" className="rb-export-status" aria-busy={exported.running}>
        {status}
      </p>
      <div className="rb-export-actions">
        <button type="button" onClick={copy} disabled={text === '' || exported.running}>
          Copy
        </button>
        <button
          type="button"
          onClick={() => result && save(result.fileName, text, current?.type ?? 'text/plain')}
          disabled={text === '' || exported.running}
          aria-describedby={refused ? 'export-refused' : undefined}
        >
          Download
        </button>
        {notice ? (
          <span className="rb-export-notice" aria-live="polite">
            {notice}
          </span>
        ) : null}
      </div>
      <div className="rb-export-body">
        <div className="rb-export-preview-wrap">
          {refused && result ? (
            <p id="export-refused" className="rb-export-refused rb-issue-error" role="alert">
              Nothing is exported: {plural(result.errors.length, 'error')} {result.errors.length === 1 ? 'keeps' : 'keep'} this rule from being a valid {current?.noun ?? 'file'}
              {' '}(first: {result.errors[0]?.message}). Fix {result.errors.length === 1 ? 'it' : 'them'} to export.
            </p>
          ) : (
            <label className="rb-export-preview-label">
              <span className="visually-hidden">Export preview</span>
              <textarea className="rb-export-preview" readOnly spellCheck={false} wrap="off" value={text} aria-busy={exported.running} />
            </label>
          )}
        </div>
        {result ? <ExportIssues errors={result.errors} warnings={result.warnings} /> : null}
      </div>
      {format === 'sigma' && !refused ? <ProofView proof={proof.result} running={proof.running} error={proof.error} /> : null}
    </section>
  );
}

/** The Export tab bound to the rule being edited. */
export function ExportTab() {
  const { rule } = useRuleBinding();
  return <ExportPanel rule={rule} />;
}
