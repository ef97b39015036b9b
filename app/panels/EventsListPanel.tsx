/** The loaded events, one per line (being built in this change). */
export function EventsListPanel() {
  return <section className="pane" aria-label="Loaded events" />;
}
