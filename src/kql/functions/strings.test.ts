import { describe, expect, it } from 'vitest';
import { parseDatetime } from '../values/index.ts';
import { call, callFn } from './testing.ts';

const dt = (s: string): bigint => parseDatetime(s) ?? 0n;

describe('string basics (docs examples)', () => {
  it('strcat family', () => {
    expect(call('strcat', ['hello', ' ', 'world'])).toBe('hello world');
    expect(call('strcat_delim', ['-', 1, '2', 'A', 10_000_000n], [, , , , 'timespan'])).toBe('1-2-A-00:00:01');
    expect(call('strcat_array', [[1, 2, 3], '->'])).toBe('1->2->3');
    expect(call('strcat_array', [[1, 2, 3], '"'])).toBe('1"2"3');
  });

  it('strlen, string_size', () => {
    expect(call('strlen', ['hello'])).toBe(5);
    expect(call('strlen', ['⒦⒰⒮⒯⒪'])).toBe(5);
    expect(call('strlen', ['C\u0327edilla'])).toBe(8);
    expect(call('string_size', ['⒦⒰⒮⒯⒪'])).toBe(15);
  });

  it('substring', () => {
    expect(call('substring', ['123456', 1])).toBe('23456');
    expect(call('substring', ['123456', 2, 2])).toBe('34');
    expect(call('substring', ['ABCD', -2, 2])).toBe('AB');
    expect(call('substring', ['ABCD', 10])).toBe('');
  });

  it('reverse, strrep, translate, strcmp, case', () => {
    expect(call('reverse', ['ABC'])).toBe('CBA');
    expect(call('reverse', [dt('2017-10-15 12:00')], ['datetime'])).toBe('Z0000000.00:00:21T51-01-7102');
    expect(call('reverse', [123.45])).toBe('54.321');
    expect(call('strrep', ['ABC', 2])).toBe('ABCABC');
    expect(call('strrep', [123, 3, '.'])).toBe('123.123.123');
    expect(call('strrep', [30_000_000n, 2, ' '], ['timespan'])).toBe('00:00:03 00:00:03');
    expect(call('translate', ['abc', 'x', 'abc'])).toBe('xxx');
    expect(call('translate', ['abc', '', 'ab'])).toBe('');
    expect(call('translate', ['krasp', 'otsku', 'spark'])).toBe('kusto');
    expect([['ABC', 'ABC'], ['abc', 'ABC'], ['ABC', 'abc'], ['abcde', 'abc']].map((p) => call('strcmp', p))).toEqual([0, 1, -1, 1]);
    expect(call('tolower', ['AbC'])).toBe('abc');
    expect(call('toupper', ['AbC'])).toBe('ABC');
    expect(call('isascii', ['some string'])).toBe(true);
    expect(call('isascii', ['ü'])).toBe(false);
  });
});

describe('searching', () => {
  it('indexof', () => {
    expect(call('indexof', ['abcdefg', 'cde'])).toBe(2);
    expect(call('indexof', ['abcdefg', 'cde', 1, 4])).toBe(2);
    expect(call('indexof', ['abcdefg', 'cde', 1, 2])).toBe(-1);
    expect(call('indexof', ['abcdefg', 'cde', 3, 4])).toBe(-1);
    expect(call('indexof', ['abcdefg', 'cde', -5])).toBe(2);
    expect(call('indexof', [1234567, 5, 1, 4])).toBe(4);
    expect(call('indexof', ['abcdefg', 'cde', 2, -1])).toBe(2);
    expect(call('indexof', ['abcdefgabcdefg', 'cde', 1, 10, 2])).toBe(9);
    expect(call('indexof', ['abcdefgabcdefg', 'cde', 1, -1, 3])).toBe(-1);
  });

  it('indexof_regex', () => {
    expect(call('indexof_regex', ['abcabc', 'a.c'])).toBe(0);
    expect(call('indexof_regex', ['abcabcdefg', 'a.c', 0, 9, 2])).toBe(3);
    expect(call('indexof_regex', ['abcabc', 'a.c', 1, -1, 2])).toBe(-1);
    expect(call('indexof_regex', ['ababaa', 'a.a', 0, -1, 2])).toBe(-1);
    expect(call('indexof_regex', ['abcabc', 'a|ab', -1])).toBeNull();
  });

  it('countof', () => {
    expect(call('countof', ['aaa', 'a'])).toBe(3);
    expect(call('countof', ['aaaa', 'aa'])).toBe(3);
    expect(call('countof', ['ababa', 'ab', 'normal'])).toBe(2);
    expect(call('countof', ['ababa', 'aba'])).toBe(2);
    expect(call('countof', ['ababa', 'aba', 'regex'])).toBe(1);
    expect(call('countof', ['abcabc', 'a.c', 'regex'])).toBe(2);
  });

  it('split', () => {
    expect(call('split', ['aa_bb', '_'])).toEqual(['aa', 'bb']);
    expect(call('split', ['aaa_bbb_ccc', '_', 1])).toEqual(['bbb']);
    expect(call('split', ['', '_'])).toEqual(['']);
    expect(call('split', ['a__b', '_'])).toEqual(['a', '', 'b']);
    expect(call('split', ['aabbcc', 'bb'])).toEqual(['aa', 'cc']);
  });
});

describe('replace, trim, extract', () => {
  it('replace_*', () => {
    expect(call('replace_string', ['A magic trick can turn a cat into a dog', 'cat', 'hamster'])).toBe('A magic trick can turn a hamster into a dog');
    expect(call('replace_regex', ['Number is 1', 'is (\\d+)', 'was: \\1'])).toBe('Number was: 1');
    expect(callFn('replace_regex', ['Number is 1', 'is (\\d+)', 'was: \\1'], { constant: false }).value).toBe('Number was: 1');
    expect(call('replace', ['is (\\d+)', 'was: \\1', 'Number is 1'])).toBe('Number was: 1');
    expect(call('replace_regex', ['abc', 'x*', '-'])).toBe('-a-b-c-');
    const msg = 'A magic trick can turn a cat into a dog';
    expect(call('replace_strings', [msg, ['cat', 'dog'], ['dog', 'pigeon']])).toBe('A magic trick can turn a dog into a pigeon');
    expect(call('replace_strings', [msg, ['turn', ' into a dog'], ['disappear', '']])).toBe('A magic trick can disappear a cat');
    const m2 = 'This is an example of using replace_strings()';
    expect(call('replace_strings', [m2, ['This', 'is'], ['This', 'was']])).toBe('This was an example of using replace_strings()');
    expect(call('replace_strings', [m2, ['is', 'This'], ['was', 'This']])).toBe('Thwas was an example of using replace_strings()');
    expect(call('replace_strings', [m2, ['This', 'is'], [12345, 'was']])).toBe('This was an example of using replace_strings()');
  });

  it('reports a bad constant regex without throwing', () => {
    const r = callFn('replace_regex', ['abc', '(', 'x']);
    expect(r.value).toBe('abc');
    expect(r.errors).toHaveLength(1);
  });

  it('trim', () => {
    expect(call('trim', ['--', '--https://bing.com--'])).toBe('https://bing.com');
    expect(call('trim', ['[^\\w]+', '-  Te st1// $'])).toBe('Te st1');
    expect(call('trim', ['\\s+', '    Hello, world!    '])).toBe('Hello, world!');
    expect(call('trim_start', ['https://', 'https://bing.com'])).toBe('bing.com');
    expect(call('trim_start', ['[^\\w]+', '-  Te st1// $'])).toBe('Te st1// $');
    expect(call('trim_end', ['.com', 'bing.com'])).toBe('bing');
    expect(call('trim_end', ['\\s+', '  Hello  '])).toBe('  Hello');
    expect(call('trim', ['\\s+', '   '])).toBe('');
  });

  it('extract', () => {
    const t = 'User: James, Email: James@example.com, Age: 29';
    expect(call('extract', ['User: ([^,]+)', 1, t])).toBe('James');
    expect(call('extract', ['Email: (\\S+),', 1, t])).toBe('James@example.com');
    expect(call('extract', ['Email: (\\S+),', 1, 'User: David, Age: 35'])).toBe('');
    expect(call('extract', ['\\d+', 0, t])).toBe('29');
    expect(call('extract', ['-(\\d{2})-', 1, '21-07-2023', 'int'])).toBe(7);
    expect(call('extract', ['(?i)user: (\\w+)', 1, t])).toBe('James');
  });

  it('extract_all', () => {
    const id = '82b8be2d-dfa7-4bd1-8f63-24ad26d31449';
    expect(call('extract_all', ['([\\da-f]{2})', id])).toEqual(['82', 'b8', 'be', '2d', 'df', 'a7', '4b', 'd1', '8f', '63', '24', 'ad', '26', 'd3', '14', '49']);
    expect(call('extract_all', ['(\\w)(\\w+)(\\w)', id])).toEqual([['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']]);
    expect(call('extract_all', ['(\\w)(\\w+)(\\w)', [1, 3], id])).toEqual([['8', 'd'], ['d', '7'], ['4', '1'], ['8', '3'], ['2', '9']]);
    expect(call('extract_all', ['(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)', ['first', 2, 'last'], id])).toEqual([
      ['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9'],
    ]);
    expect(call('extract_all', ['(x)', 'abc'])).toBeNull();
  });

  it('extract_json, regex_quote', () => {
    const json = '{"name": "John", "age": 30, "city": "New York", "a": {"b": [1, 2]}}';
    expect(call('extract_json', ['$.name', json, 'string'])).toBe('John');
    expect(call('extractjson', ['$.age', json])).toBe('30');
    expect(call('extract_json', ['$.age', json, 'long'])).toBe(30);
    expect(call('extract_json', ["$['a'].b[1]", json, 'int'])).toBe(2);
    expect(call('extract_json', ['$.missing', json])).toBe('');
    expect(call('regex_quote', ['(so$me.Te^xt)'])).toBe('\\(so\\$me\\.Te\\^xt\\)');
  });
});
