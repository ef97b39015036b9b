/**
 * Sub-detection colours: one per tabular `let`, used by the gutter, the outline and (later) the results grid.
 * Chosen to stay distinguishable for common colour-vision deficiencies (Okabe–Ito order) and on white.
 */
export const SUBDETECTION_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#8C6D00', '#6A3D9A'] as const;

export function subdetectionColor(index: number): string {
  return SUBDETECTION_COLORS[index % SUBDETECTION_COLORS.length] ?? SUBDETECTION_COLORS[0];
}

/** CSS class names the gutter decorations use; styles.css defines one per palette entry. */
export function subdetectionGutterClass(index: number): string {
  return `rb-subdetection-gutter rb-subdetection-${index % SUBDETECTION_COLORS.length}`;
}
