import { useAppStore } from '../state/store.ts';
import type { StorageProblem } from '../state/safe-storage.ts';

function downloadUnreadableCopy(problem: StorageProblem): void {
  const text = problem.quarantineKey ? window.localStorage.getItem(problem.quarantineKey) : problem.rawText;
  if (text === null || text === undefined) return;
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `rulebench-unreadable-workspace-${problem.at.replace(/[:.]/g, '-')}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Says out loud when saved work could not be read or written, and offers the unreadable copy for download. */
export function StorageNotice() {
  const problems = useAppStore((s) => s.storageProblems);
  const dismiss = useAppStore((s) => s.dismissStorageProblem);
  if (problems.length === 0) return null;
  return (
    <div className="notices">
      {problems.map((problem, index) => (
        <div key={`${problem.at}-${index}`} role="alert" className="notice warn">
          {problem.kind === 'unreadable' ? (
            <>
              <p>
                <strong>Your saved workspace could not be read, so Rulebench started clean.</strong> {problem.message} The
                unreadable copy is kept{problem.quarantineKey ? ' in this browser' : ' for this session'}; download it to
                recover your work by hand.
              </p>
              <button type="button" onClick={() => downloadUnreadableCopy(problem)}>
                Download unreadable copy
              </button>
            </>
          ) : (
            <p>
              <strong>Saving failed.</strong> {problem.message}
            </p>
          )}
          <button type="button" onClick={() => dismiss(index)} aria-label="Dismiss this notice">
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
