import { expect, test } from 'vitest';
import { lineColumnAt, withPosition, type Diagnostic } from '../diagnostics.ts';
import { LineIndex } from './line-index.ts';

test('LineIndex agrees with lineColumnAt/withPosition at every offset', () => {
  const text = 'ab\n\ncd\r\nefg\n';
  const index = new LineIndex(text);
  for (let offset = -1; offset <= text.length + 1; offset++) {
    expect(index.at(offset)).toEqual(lineColumnAt(text, offset));
    const diagnostic: Diagnostic = { code: 'X', severity: 'info', message: 'm', span: { start: offset, end: offset + 2 } };
    expect(index.withPosition(diagnostic)).toEqual(withPosition(text, diagnostic));
  }
  const noSpan: Diagnostic = { code: 'X', severity: 'info', message: 'm' };
  expect(index.withPosition(noSpan)).toBe(noSpan);
});
