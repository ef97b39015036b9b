import { subdetectionColor } from '../../editor/subdetection-colors.ts';
import type { OutlineEntry } from '../../state/editor-slice.ts';

/** Sub-detections that are not a `let` (inline union legs, the query itself) have no outline colour. */
export const NEUTRAL_COLOR = '#6B7280';

/** The outline's colour for each sub-detection name, as the gutter and the Results grid use it. */
export function colorsByName(outline: readonly OutlineEntry[]): (name: string | null) => string {
  const colors = new Map(outline.map((e) => [e.name, subdetectionColor(e.colorIndex)]));
  return (name) => (name === null ? NEUTRAL_COLOR : (colors.get(name) ?? NEUTRAL_COLOR));
}
