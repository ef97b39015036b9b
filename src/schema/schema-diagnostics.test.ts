import { expect, test } from 'vitest';
import { lineColumnAt } from '../diagnostics.ts';
import { MAX_DIAGNOSTICS, PositionIndex, SCHEMA_CODES, SchemaDiagnostics } from './schema-diagnostics.ts';

test('PositionIndex agrees with lineColumnAt everywhere, including CRLF text and out-of-range offsets', () => {
  const text = 'ab\r\ncd\n\nlast line';
  const index = new PositionIndex(text);
  for (let offset = -2; offset <= text.length + 2; offset++) expect(index.at(offset)).toEqual(lineColumnAt(text, offset));
});

test('codes are unique and follow RB-SCHEMA-NNN', () => {
  const codes = Object.values(SCHEMA_CODES);
  expect(new Set(codes).size).toBe(codes.length);
  for (const code of codes) expect(code).toMatch(/^RB-SCHEMA-\d{3}$/);
});

test('positioned diagnostics carry start and end positions and a clean span', () => {
  const diagnostics = new SchemaDiagnostics('one\ntwo three', 'paste');
  const token = { start: 8, end: 13, text: 'three', extra: true };
  diagnostics.at(SCHEMA_CODES.syntax, 'error', token, 'expected something');
  expect(diagnostics.list()).toEqual([
    {
      code: 'RB-SCHEMA-002',
      severity: 'error',
      message: 'expected something',
      span: { start: 8, end: 13 },
      line: 2,
      column: 5,
      endLine: 2,
      endColumn: 10,
      source: 'paste',
    },
  ]);
  expect(diagnostics.hasErrors()).toBe(true);
});

test('after MAX_DIAGNOSTICS the rest are counted, not kept', () => {
  const diagnostics = new SchemaDiagnostics('x');
  for (let i = 0; i < MAX_DIAGNOSTICS + 7; i++) diagnostics.general(SCHEMA_CODES.syntax, 'warning', `problem ${i}`);
  const list = diagnostics.list();
  expect(list).toHaveLength(MAX_DIAGNOSTICS + 1);
  expect(list.at(-1)).toEqual({ code: 'RB-SCHEMA-014', severity: 'info', message: '7 more problem(s) not shown; fix the ones above first' });
  expect(diagnostics.hasErrors()).toBe(false);
});
