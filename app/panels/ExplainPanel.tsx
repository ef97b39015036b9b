/** Why the chosen event did or did not match (being built in this change). */
export function ExplainPanel() {
  return <section className="pane" aria-label="Explain" />;
}
