import { useEffect, useId, type ChangeEvent } from 'react';
import { useModalDialog } from '../panels/use-modal-dialog.ts';
import {
  ATTACK_DOWNLOAD_HOSTS, cancelAttackDownload, clearAttack, DEFAULT_ATTACK_URL, downloadAttack, importAttackFile, restoreAttack, useAttackStore,
} from './attack-store.ts';

interface Props {
  readonly open: boolean;
  readonly onClose: () => void;
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * "ATT&CK data": where the ATT&CK catalog comes from. Mounted for the app's whole life (closed by default), so
 * the saved bundle is restored on start even before anyone opens it.
 */
export function AttackSettings({ open, onClose }: Props) {
  const dialog = useModalDialog(open);
  const urlId = useId();
  const fileId = useId();
  const { catalog, status, progress, error, warnings, storageNotice, source, url, setUrl } = useAttackStore();
  const busy = status === 'loading';

  useEffect(() => {
    void restoreAttack();
  }, []);


  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Clearing lets the same file be chosen again after a fix.
    event.target.value = '';
    if (file) void importAttackFile(file);
  };

  const techniques = catalog ? [...catalog.techniques.values()].filter((t) => !t.revoked && !t.deprecated).length : 0;

  return (
    <dialog ref={dialog} aria-labelledby="attack-settings-heading" onClose={onClose} className="attack-settings">
      <h2 id="attack-settings-heading">ATT&amp;CK data</h2>
      <p className="muted">
        Rulebench ships no ATT&amp;CK data. To check techniques and search them by name, download MITRE&apos;s official Enterprise ATT&amp;CK
        bundle (about 45 MB) or import a bundle file; it is kept in this browser. Nothing is downloaded unless you ask.
      </p>
      <section aria-label="Loaded ATT&CK data" className="attack-loaded">
        {catalog && source ? (
          <dl>
            <dt>Version</dt>
            <dd>
              {catalog.label} <span className="muted">(STIX {catalog.specVersion}, {techniques} techniques and sub-techniques, {catalog.tactics.length} tactics)</span>
            </dd>
            <dt>Source</dt>
            <dd className="attack-source">{source.kind === 'file' ? `File ${source.location}` : source.location}</dd>
            <dt>Loaded</dt>
            <dd>{formatDate(source.loadedAt)}</dd>
          </dl>
        ) : (
          <p>No ATT&amp;CK data loaded: rules use the 15 built-in ATT&amp;CK v19 tactics, and technique IDs are checked by their shape only.</p>
        )}
      </section>
      <p role="status" aria-live="polite" className="attack-progress">
        {progress ?? ''}
      </p>
      {error ? (
        <p role="alert" className="attack-error">
          {error}
        </p>
      ) : null}
      {storageNotice ? (
        <p role="alert" className="notice warn">
          {storageNotice}
        </p>
      ) : null}
      {warnings.length > 0 ? (
        <ul className="attack-warnings" aria-label="Warnings about the ATT&CK bundle">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      ) : null}
      <label htmlFor={urlId}>Bundle URL</label>
      <input id={urlId} type="url" className="attack-url" value={url} spellCheck={false} onChange={(e) => setUrl(e.target.value)} />
      <p className="muted attack-hint">
        Downloads are allowed from {ATTACK_DOWNLOAD_HOSTS.join(', ')} only (the page&apos;s security policy). For a copy on another server,
        download it yourself and use Import bundle file….
        {url.trim() !== DEFAULT_ATTACK_URL ? (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => setUrl(DEFAULT_ATTACK_URL)}>
              Use MITRE&apos;s URL
            </button>
          </>
        ) : null}
      </p>
      <div className="dialog-actions attack-actions">
        <button type="button" onClick={() => void downloadAttack(url)} disabled={busy}>
          Download from MITRE
        </button>
        {busy && progress?.startsWith('Downloading') ? (
          <button type="button" onClick={cancelAttackDownload}>
            Cancel download
          </button>
        ) : null}
        <input id={fileId} className="visually-hidden" type="file" accept=".json,application/json" onChange={onFile} disabled={busy} />
        <label htmlFor={fileId} className="button-like" aria-disabled={busy}>
          Import bundle file…
        </label>
        <button type="button" onClick={() => void clearAttack()} disabled={busy || !catalog}>
          Forget downloaded data
        </button>
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
