import { useModalDialog } from '../use-modal-dialog.ts';
import type { Rule } from '../../../src/rule/model.ts';
import type { ConflictChoice } from '../../state/library-slice.ts';
import { displayTitle } from './library-view.ts';

interface Props {
  /** The incoming rule; the dialog is open while there is one. */
  readonly incoming: { readonly rule: Rule; readonly source: string } | null;
  readonly existing: Rule | undefined;
  readonly onChoose: (choice: ConflictChoice) => void;
}

/** Asks what to do with an imported rule whose id the library already has; closing it skips the rule. */
export function ConflictDialog({ incoming, existing, onChoose }: Props) {
  const open = incoming !== null;
  const dialog = useModalDialog(open);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="conflict-heading"
      onCancel={(e) => {
        // Escape means "not now": the rule is skipped and nothing is replaced.
        e.preventDefault();
        onChoose('skip');
      }}
    >
      {incoming ? (
        <>
          <h2 id="conflict-heading">This rule is already in the library</h2>
          <p>
            “{displayTitle(incoming.rule)}” from {incoming.source} has the id <code>{incoming.rule.id}</code>, which “
            {existing ? displayTitle(existing) : 'another rule'}” already uses.
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => onChoose('replace')}>
              Replace
            </button>
            <button type="button" onClick={() => onChoose('keep-both')}>
              Keep both (new id)
            </button>
            <button type="button" onClick={() => onChoose('skip')}>
              Skip
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
