import { useCallback, useEffect, useState } from 'react';
import { useModalDialog } from '../panels/use-modal-dialog.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { Rule } from '../../src/rule/model.ts';
import { parseRuleFile } from '../../src/rule/yaml.ts';
import { displayTitle } from '../panels/library/library-view.ts';
import type { ConflictChoice } from '../state/library-slice.ts';
import { useAppStore } from '../state/store.ts';
import { decodeShareData, shareDataIn } from './share-link.ts';

type Offer =
  | { readonly kind: 'rule'; readonly rule: Rule; readonly warnings: readonly Diagnostic[] }
  | { readonly kind: 'error'; readonly message: string; readonly diagnostics: readonly Diagnostic[] };

/** What the current location's `#rule=…` fragment offers, or null when it holds no shared rule. */
export function readSharedRule(hash: string): Offer | null {
  const data = shareDataIn(hash);
  if (data === null) return null;
  const decoded = decodeShareData(data);
  if (!decoded.ok) return { kind: 'error', message: decoded.message, diagnostics: [] };
  const { rule, diagnostics } = parseRuleFile(decoded.text, 'share link');
  if (!rule) return { kind: 'error', message: 'The shared text is not a rule Rulebench can read.', diagnostics };
  return { kind: 'rule', rule, warnings: diagnostics };
}

/** Removes the fragment so a reload does not offer the rule again; the page's path and query stay. */
function clearFragment(): void {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}

interface Props {
  /** Called when a shared rule was imported and opened, so the app shows the editor. */
  readonly onOpened: () => void;
}

/**
 * Offers the rule of a share link (`#rule=…`) for import, on load and when the fragment changes. Nothing is
 * added without confirmation, and a rule whose id is taken gets the same choices as a file import.
 */
export function SharedRuleDialog({ onOpened }: Props) {
  const [offer, setOffer] = useState<Offer | null>(null);
  const dialog = useModalDialog(offer !== null);
  const existing = useAppStore((s) => (offer?.kind === 'rule' ? s.rules.find((r) => r.id === offer.rule.id) : undefined));

  useEffect(() => {
    const read = () => {
      const found = readSharedRule(window.location.hash);
      if (found) setOffer(found);
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);


  const finish = useCallback(() => {
    clearFragment();
    setOffer(null);
  }, []);

  const accept = (choice?: ConflictChoice) => {
    if (offer?.kind !== 'rule') return;
    const state = useAppStore.getState();
    const id = state.importRule(offer.rule, choice);
    finish();
    if (id !== null) {
      useAppStore.getState().openRule(id);
      onOpened();
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby="shared-rule-heading"
      onCancel={(e) => {
        e.preventDefault();
        finish();
      }}
    >
      <h2 id="shared-rule-heading">Import shared rule</h2>
      {offer?.kind === 'error' ? (
        <>
          <p role="alert">{offer.message}</p>
          {offer.diagnostics.length > 0 ? (
            <ul>
              {offer.diagnostics.map((d, i) => (
                <li key={i}>
                  {d.line !== undefined ? `line ${d.line}, column ${d.column ?? 1}: ` : ''}
                  {d.message} <code>{d.code}</code>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="dialog-actions">
            <button type="button" onClick={finish}>
              Close
            </button>
          </div>
        </>
      ) : null}
      {offer?.kind === 'rule' ? (
        <>
          <p>A link you opened carries this rule. It is added to your library only if you choose to.</p>
          <dl className="shared-rule">
            <dt>Title</dt>
            <dd>{displayTitle(offer.rule)}</dd>
            <dt>Level</dt>
            <dd>{offer.rule.level}</dd>
            <dt>Techniques</dt>
            <dd>{offer.rule.attack.techniques.join(', ') || '—'}</dd>
            <dt>Query</dt>
            <dd>
              <pre className="shared-query">{offer.rule.query.split('\n').slice(0, 12).join('\n')}</pre>
            </dd>
          </dl>
          {existing ? (
            <>
              <p>
                Your library already has a rule with this id: “{displayTitle(existing)}”.
              </p>
              <div className="dialog-actions">
                <button type="button" onClick={() => accept('replace')}>
                  Replace
                </button>
                <button type="button" onClick={() => accept('keep-both')}>
                  Keep both (new id)
                </button>
                <button type="button" onClick={finish}>
                  Skip
                </button>
              </div>
            </>
          ) : (
            <div className="dialog-actions">
              <button type="button" onClick={() => accept()}>
                Import rule
              </button>
              <button type="button" onClick={finish}>
                Cancel
              </button>
            </div>
          )}
        </>
      ) : null}
    </dialog>
  );
}
