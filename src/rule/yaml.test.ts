import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newRule, type Rule } from './model.ts';
import { MAX_STRING_CHARS, parseRuleFile, serializeRule } from './yaml.ts';

const EXAMPLE = join(import.meta.dirname, '../../public/examples/t1074-002-remote-data-staging.rule.yml');
const ID = '0b0c7f56-2b9c-4a57-9d0e-1c2b3a4d5e6f';
const MINIMAL = `title: T\nid: ${ID}\ndate: 2026-11-24\nlevel: high\nquery: DeviceProcessEvents\n`;

function codes(text: string): string[] {
  return parseRuleFile(text, 'r.rule.yml').diagnostics.map((d) => d.code);
}

/** A small seeded generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['a', 'Z', ' ', '  ', '#', ' # ', "'", '"', '\\', '\\\\', ':', ': ', '- ', '|', '>', '&x', '*x', '!t', '%', '@', '`', '{', '}', '[', ']', ',', '?', 'é', '日本', '🙂', '\t', '\n', '\n\n', 'null', 'true', '0x1F', '1e3', '2026-11-24', '---', '...', '~', 'let x = 1;', '| where A has "\\\\"'];

function text(next: () => number, max = 12): string {
  const n = Math.floor(next() * max);
  let out = '';
  for (let i = 0; i < n; i++) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

function list(next: () => number, max = 4): string[] {
  return Array.from({ length: Math.floor(next() * max) }, () => text(next));
}

function randomRule(seed: number): Rule {
  const next = random(seed);
  const rule = newRule(text(next) || ID, text(next), (next() < 0.5 ? '  ' : '') + text(next, 30));
  rule.title = text(next);
  rule.description = text(next, 30);
  rule.author = text(next);
  if (next() < 0.5) rule.modified = text(next);
  rule.references = list(next);
  rule.attack = { tactics: list(next), techniques: list(next) };
  rule.data_sources = list(next);
  rule.tables = list(next);
  rule.falsepositives = list(next);
  rule.tuning = text(next, 20);
  rule.test_methodology = Array.from({ length: Math.floor(next() * 3) }, () => ({ name: text(next), expected_signal: text(next), tests: list(next) }));
  rule.related = next() < 0.5 ? [] : [{ id: text(next), type: 'similar', ...(next() < 0.5 ? { title: text(next) } : {}) }];
  rule.sentinel = {
    kind: 'NRT',
    ...(next() < 0.5 ? { severity: 'Low' as const } : {}),
    query_frequency: text(next),
    query_period: text(next),
    trigger_operator: 'lt',
    trigger_threshold: Math.floor(next() * 100),
    entity_mappings: next() < 0.5 ? [] : [{ entityType: text(next), fieldMappings: [{ identifier: text(next), columnName: text(next) }] }],
  };
  rule.tests = Array.from({ length: Math.floor(next() * 3) }, (_, i) => ({
    name: `${i}${text(next)}`,
    ...(next() < 0.5 ? { events: [{ Type: 'DeviceProcessEvents', [text(next) || 'k']: text(next), n: Math.floor(next() * 1e6), f: 1.5, b: true, nil: null, nested: { list: [1, 'x', { y: text(next) }] } }] } : {}),
    ...(next() < 0.3 ? { events_file: text(next) } : {}),
    ...(next() < 0.3 ? { table: text(next) } : {}),
    ...(next() < 0.3 ? { now: text(next) } : {}),
    expect: { match: next() < 0.5, ...(next() < 0.5 ? { subdetection: text(next) } : {}), ...(next() < 0.5 ? { rows: Math.floor(next() * 5) } : {}) },
  }));
  return rule;
}

describe('serializeRule / parseRuleFile round trip', () => {
  it('gives back the same rule for 500 varied rules (unicode, quotes, #, leading spaces, empty lists)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const rule = randomRule(seed);
      const text = serializeRule(rule);
      const parsed = parseRuleFile(text, 'r.rule.yml');
      expect(parsed.diagnostics, `seed ${seed}\n${text}`).toEqual([]);
      // tables is derived from the query, so reading drops what the file says.
      expect(parsed.rule, `seed ${seed}\n${text}`).toEqual({ ...rule, tables: [] });
    }
  });

  it('writes keys in the model order, multi-line text as | blocks, lists as block sequences and no aliases', () => {
    const rule = newRule(ID, '2026-11-24', 'T\n| take 1\n');
    rule.description = 'one\ntwo';
    const shared = ['x'];
    rule.falsepositives = shared;
    rule.data_sources = shared;
    rule.references = ['https://a.example/'];
    const text = serializeRule(rule);
    const keys = [...text.matchAll(/^([a-z_]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(Object.keys(rule));
    expect(text).toContain('description: |-\n  one\n  two\n');
    expect(text).toContain('query: |\n  T\n  | take 1\n');
    expect(text).toContain('references:\n  - https://a.example/\n');
    expect(text).not.toMatch(/[&*]a\d/);
  });

  it('reads the example rule without a single diagnostic', () => {
    const parsed = parseRuleFile(readFileSync(EXAMPLE, 'utf8'), 'example');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.rule?.tests.map((t) => t.name)).toHaveLength(6);
  });
});

describe('parseRuleFile problems', () => {
  it('fills missing optional fields with the defaults of newRule and ignores tables', () => {
    const parsed = parseRuleFile(`${MINIMAL}tables: [Nope]\n`, 'r');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.rule).toEqual({ ...newRule(ID, '2026-11-24', 'DeviceProcessEvents'), title: 'T', level: 'high' });
  });

  it('reports every missing required key', () => {
    const parsed = parseRuleFile('description: x\n', 'r');
    expect(parsed.rule).toBeNull();
    expect(parsed.diagnostics.map((d) => d.message)).toEqual(['title', 'id', 'date', 'level', 'query'].map((k) => `The rule has no "${k}"; it is required. Add a "${k}:" line.`));
    expect(parsed.draft?.description).toBe('x');
  });

  it('reports YAML syntax errors with line and column', () => {
    const parsed = parseRuleFile(`${MINIMAL}author: a: b\n`, 'r.rule.yml');
    expect(parsed.rule).toBeNull();
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'RB-RULE-001', severity: 'error', line: 6, source: 'r.rule.yml' });
  });

  it('warns about unknown keys, naming the closest known one and the path', () => {
    const parsed = parseRuleFile(`${MINIMAL}falsepositive: [x]\nsentinel:\n  query_frequncy: 1h\nzzzzzzzz: 1\n`, 'r');
    expect(parsed.rule).not.toBeNull();
    const messages = parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
    expect(messages[0]).toBe('6:1 warning Unknown key "falsepositive"; it is ignored. Did you mean "falsepositives"?');
    expect(messages[1]).toBe('8:3 warning Unknown key "sentinel.query_frequncy"; it is ignored. Did you mean "query_frequency"?');
    expect(messages[2]).toMatch(/^9:1 warning Unknown key "zzzzzzzz"; it is ignored\. Known keys: title, id,/);
  });

  it('reports wrong types with the field path and position', () => {
    const parsed = parseRuleFile(`title: 12\nid: ${ID}\ndate: 2026-11-24\nlevel: [high]\nquery: T\nreferences: x\nsentinel:\n  trigger_threshold: "0"\ntests:\n  - name: t\n    expect: {match: yes}\n`, 'r');
    expect(parsed.rule).toBeNull();
    expect(parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '1:8 "title" must be text, not a number (put the value in quotes).',
      '4:8 "level" must be text, not a list.',
      '6:13 "references" must be a list, not text.',
      '8:22 "sentinel.trigger_threshold" must be a number, not text.',
      '11:21 "tests.0.expect.match" must be true or false, not text.',
    ]);
  });

  it('reports duplicate keys', () => {
    const parsed = parseRuleFile(`${MINIMAL}title: again\n`, 'r');
    expect(parsed.diagnostics).toMatchObject([{ code: 'RB-RULE-006', line: 6, column: 1, message: 'The key "title" appears twice in the same mapping; keep one.' }]);
  });

  it('refuses a text over 5 MB at once, and any one string over 1 MB', () => {
    // Refused before parsing: vitest's per-test timeout is what a hang would hit.
    const huge = `${MINIMAL}description: "${'x'.repeat(10 * 1024 * 1024)}"\n`;
    const parsed = parseRuleFile(huge, 'r');
    expect(parsed.diagnostics).toMatchObject([{ code: 'RB-RULE-003', message: expect.stringContaining('limited to 5 MB') }]);
    const big = parseRuleFile(`${MINIMAL}description: ${'x'.repeat(MAX_STRING_CHARS + 1)}\n`, 'r');
    expect(big.rule).toBeNull();
    expect(big.diagnostics).toMatchObject([{ code: 'RB-RULE-004', line: 6, column: 14, message: expect.stringContaining('"description" is 1,048,577 characters') }]);
  });

  it('stops a billion-laughs alias bomb quickly with a clear message', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const parsed = parseRuleFile(`${levels.join('\n')}\n`, 'r');
    expect(parsed.diagnostics).toMatchObject([{ code: 'RB-RULE-005', message: expect.stringContaining('alias bomb') }]);
  });

  it('says "not a rule file" for a document that is not a mapping', () => {
    expect(codes('- a\n- b\n')).toEqual(['RB-RULE-002']);
    expect(codes('just text\n')).toEqual(['RB-RULE-002']);
    expect(codes('')).toEqual(['RB-RULE-002']);
    expect(parseRuleFile('# only a comment\n', 'r').diagnostics[0]?.message).toContain('Not a rule file');
  });

  it('keeps __proto__ keys as data without polluting prototypes', () => {
    const parsed = parseRuleFile(`${MINIMAL}__proto__: {polluted: yes}\ntests:\n  - name: t\n    events:\n      - __proto__: {polluted: yes}\n        constructor: x\n    expect: {match: false}\n`, 'r');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(parsed.diagnostics.map((d) => d.message)).toEqual(['Unknown key "__proto__"; it is ignored. Known keys: title, id, status, description, author, date, modified, references, level, confidence, attack, data_sources, tables, falsepositives, tuning, test_methodology, related, query, sentinel, tests.']);
    const row = parsed.rule?.tests[0]?.events?.[0] as Record<string, unknown>;
    expect(Object.keys(row)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(row)).toBeNull();
    expect(JSON.stringify(row)).toBe('{"__proto__":{"polluted":"yes"},"constructor":"x"}');
  });

  it('records field positions and where a block query starts', () => {
    const parsed = parseRuleFile(`${MINIMAL.replace('query: DeviceProcessEvents\n', 'query: |\n    T\n    | take 1\n')}falsepositives:\n  - a\n  - b\n`, 'r');
    expect(parsed.positions.get('title')).toEqual({ line: 1, column: 8 });
    expect(parsed.positions.get('falsepositives.1')).toEqual({ line: 10, column: 5 });
    expect(parsed.queryOffset).toEqual({ lineOffset: 5, columnOffset: 4 });
    expect(parsed.rule?.query).toBe('T\n| take 1\n');
  });

  it('treats an empty value as absent', () => {
    const parsed = parseRuleFile(`${MINIMAL}modified:\ndescription:\n`, 'r');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.rule?.description).toBe('');
    expect(parsed.rule && 'modified' in parsed.rule).toBe(false);
  });
});
