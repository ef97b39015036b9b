import { expect, test } from 'vitest';
import { bracketQuote, isKqlIdentifier, kqlName, nameProblem, needsQuoting } from './kql-names.ts';

test('identifiers: letters, digits and underscores, not starting with a digit', () => {
  for (const name of ['TimeGenerated', '_x', 'a1', 'Ünïcode', '__proto__']) expect(isKqlIdentifier(name)).toBe(true);
  for (const name of ['1a', 'My Col', 'a-b', 'a.b', '', "it's"]) expect(isKqlIdentifier(name)).toBe(false);
});

test('keywords that break a schema column list need quoting; case matters except for true/false', () => {
  for (const name of ['project', 'and', 'or', 'union', 'string', 'true', 'TRUE', 'False', 'kind']) expect(needsQuoting(name)).toBe(true);
  for (const name of ['Project', 'And', 'where', 'Type', 'Timestamp', 'title', 'in']) expect(needsQuoting(name)).toBe(false);
});

test('bracket quoting escapes what Kusto string literals need escaped', () => {
  expect(bracketQuote('My Col')).toBe("['My Col']");
  expect(bracketQuote("it's")).toBe("['it\\'s']");
  expect(bracketQuote('a\\b')).toBe("['a\\\\b']");
  expect(kqlName('Plain')).toBe('Plain');
  expect(kqlName('with space')).toBe("['with space']");
});

test('names no quoting can save', () => {
  expect(nameProblem('ok')).toBeUndefined();
  expect(nameProblem('My Col')).toBeUndefined();
  expect(nameProblem('')).toBe('a name cannot be empty');
  expect(nameProblem('   ')).toBe('a name cannot be only spaces');
  expect(nameProblem('a\nb')).toMatch(/control characters/);
  expect(nameProblem('x'.repeat(1025))).toMatch(/longer than 1024/);
});
