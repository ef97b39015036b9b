import { describe, expect, it } from 'vitest';
import { parseCondition, parseSigma, parseSigmaString } from './parse.ts';

const rule = (detection: string, extra = ''): string => `title: Test
id: 0e9a1c5e-1f2b-4c3d-9e8f-0a1b2c3d4e5f
logsource:
  product: windows
  category: process_creation
${extra}detection:
${detection}`;

describe('parseSigma', () => {
  it('reads maps (AND), lists of maps (OR), value lists, keywords, null and modifiers with lines', () => {
    const { rule: r, diagnostics } = parseSigma(
      rule(`  selection:
    Image|endswith: '\\cmd.exe'
    CommandLine|contains|all: ['a', 'b']
  alt:
    - ParentImage: x
    - ParentImage: null
  keywords:
    - mimikatz
    - sekurlsa
  condition: selection and not (alt or keywords)
`),
      'r.yml',
    );
    expect(diagnostics).toEqual([]);
    expect(r?.searches.get('selection')).toMatchObject({ t: 'and', items: [{ item: { field: 'Image', modifiers: ['endswith'], line: 8 } }, { item: { modifiers: ['contains', 'all'] } }] });
    expect(r?.searches.get('alt')).toMatchObject({ t: 'or', items: [{ t: 'and' }, { t: 'and', items: [{ item: { values: [{ kind: 'null' }] } }] }] });
    expect(r?.searches.get('keywords')).toMatchObject({ t: 'item', item: { field: null, values: [{ raw: 'mimikatz' }, { raw: 'sekurlsa' }] } });
    expect(r?.condition).toMatchObject({ t: 'and', left: { t: 'ref' }, right: { t: 'not', operand: { t: 'or' } } });
  });

  it('reports a YAML error with its line and column', () => {
    const { rule: r, diagnostics } = parseSigma('title: x\ndetection:\n  sel:\n    a: [1, 2\n  condition: sel\n', 'bad.yml');
    expect(r).toBeNull();
    expect(diagnostics[0]).toMatchObject({ code: 'RB-SIGMA-001', severity: 'error', source: 'bad.yml' });
    expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(4);
  });

  it('names an unknown modifier and its line', () => {
    const { rule: r, diagnostics } = parseSigma(rule('  sel:\n    Image|endswidth: x\n  condition: sel\n'), 'r.yml');
    expect(r).toBeNull();
    expect(diagnostics[0]).toMatchObject({ code: 'RB-SIGMA-010', line: 8 });
    expect(diagnostics[0]?.message).toContain('"endswidth"');
  });

  it('reports a condition naming a missing selection on the condition line', () => {
    const { rule: r, diagnostics } = parseSigma(rule('  sel:\n    Image: x\n  condition: sel and not filter\n'), 'r.yml');
    expect(r).toBeNull();
    expect(diagnostics[0]).toMatchObject({ code: 'RB-SIGMA-016', line: 9 });
    expect(diagnostics[0]?.message).toContain('"filter"');
  });

  it('refuses alias bombs and oversized files', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    expect(parseSigma(bomb, 'b.yml').diagnostics[0]?.code).toBe('RB-SIGMA-005');
    expect(parseSigma('x'.repeat(1024 * 1024 + 1), 'big.yml').diagnostics[0]?.code).toBe('RB-SIGMA-003');
  });
});

describe('parseCondition', () => {
  const names = ['selection_a', 'selection_b', 'filter_main', '_hidden'];
  it('handles precedence: or < and < not', () => {
    expect(parseCondition('selection_a or selection_b and not filter_main', names)).toEqual({
      node: { t: 'or', left: { t: 'ref', name: 'selection_a' }, right: { t: 'and', left: { t: 'ref', name: 'selection_b' }, right: { t: 'not', operand: { t: 'ref', name: 'filter_main' } } } },
    });
  });
  it('resolves 1 of / any of / all of patterns and them (without _ names)', () => {
    expect(parseCondition('1 of selection_*', names)).toEqual({ node: { t: 'of', quantifier: 'any', pattern: 'selection_*', names: ['selection_a', 'selection_b'] } });
    expect(parseCondition('all of them', names)).toMatchObject({ node: { quantifier: 'all', names: ['selection_a', 'selection_b', 'filter_main'] } });
    expect(parseCondition('any of filter*', names)).toMatchObject({ node: { quantifier: 'any', names: ['filter_main'] } });
  });
  it('reports errors', () => {
    expect(parseCondition('1 of nothing_*', names)).toMatchObject({ error: expect.stringContaining('matches no search identifier') });
    expect(parseCondition('(selection_a', names)).toMatchObject({ error: expect.stringContaining('")" is missing') });
    expect(parseCondition('selection_a AND selection_b', names)).toMatchObject({ error: expect.any(String) });
    expect(parseCondition('2 of selection_*', names)).toMatchObject({ error: expect.stringContaining('only "1 of"') });
  });
});

describe('parseSigmaString', () => {
  it('splits wildcards and honours escapes', () => {
    expect(parseSigmaString('a*b?c')).toEqual(['a', { wildcard: '*' }, 'b', { wildcard: '?' }, 'c']);
    expect(parseSigmaString('a\\*b\\?')).toEqual(['a*b?']);
    expect(parseSigmaString('C:\\Windows\\\\*')).toEqual(['C:\\Windows\\', { wildcard: '*' }]);
  });
});
