/** What is being read: `done` is null while the file itself is read (no measure of progress then). */
export interface LoadingState {
  readonly name: string;
  readonly done: number | null;
  readonly total: number;
}

/** A labelled progress bar for one events text, with the way to stop it. */
export function LoadProgress({ loading, onCancel }: { loading: LoadingState; onCancel: () => void }) {
  const percent = loading.done === null || loading.total === 0 ? null : Math.min(100, Math.round((loading.done / loading.total) * 100));
  return (
    <div className="events-progress">
      {percent === null ? (
        <progress aria-label={`Reading ${loading.name}`} />
      ) : (
        <progress aria-label={`Reading ${loading.name}`} max={100} value={percent} />
      )}
      <span className="muted" role="status">
        Reading {loading.name}
        {percent === null ? '…' : ` (${percent}%)`}
      </span>
      <button type="button" onClick={onCancel}>
        Cancel loading
      </button>
    </div>
  );
}
