/**
 * `parse` and `parse-where` (kind=simple, relaxed, regex): the pattern becomes one RE2 regex with a capture per
 * column; simple/relaxed literals are quoted, regex-kind literals are used as written.
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { ParsePiece } from '../plan.ts';
import { child, columnsOf, findColumn, lists, listItems, nameOf, namedParameters, nodes, parameterText, spanOf, unsupported } from './context.ts';
import { lowerScalar } from './scalar.ts';
import type { OperatorLowering } from './tabular.ts';

function lowerParseLike(dropUnmatched: boolean): OperatorLowering {
  return (node, input, ctx) => {
    const parameters = namedParameters(node);
    const kindValue = parameters.get('kind');
    const mode = (kindValue ? parameterText(kindValue).toLowerCase() : 'simple') as 'simple' | 'relaxed' | 'regex';
    if (mode !== 'simple' && mode !== 'relaxed' && mode !== 'regex') return unsupported(`parse kind=${String(mode)}`, node);
    const flagsValue = parameters.get('flags');
    const sourceNode = nodes(node).find((n) => n.kind !== 'List');
    const patternList = lists(node).pop();
    if (!sourceNode || !patternList) return unsupported('This parse', node);
    const columns = columnsOf(node);
    const pattern: ParsePiece[] = [];
    for (const item of listItems(patternList)) {
      if (item.kind === 'StarExpression') pattern.push({ kind: 'skip' });
      else if (item.hasLiteral && typeof item.literal === 'string') pattern.push({ kind: 'text', text: item.literal });
      else {
        const name = item.kind === 'NameDeclaration' ? item.name : nodes(item).find((n) => n.kind === 'NameDeclaration')?.name;
        const output = name === undefined ? -1 : findColumn(columns, name);
        if (output < 0) return unsupported('This parse pattern', item);
        pattern.push({ kind: 'capture', output, type: columns[output]?.type ?? 'string' });
      }
    }
    const inputToOutput = input.columns.map((c) => findColumn(columns, c.name));
    return {
      kind: 'parse',
      input,
      source: lowerScalar(sourceNode, ctx),
      mode,
      regexFlags: flagsValue ? parameterText(flagsValue) : '',
      pattern,
      dropUnmatched,
      inputToOutput,
      columns,
      span: spanOf(node),
    };
  };
}


export type { PlainSyntaxNode };

/** `parse-kv Col as (k:type, …) with (pair_delimiter=…, kv_delimiter=…, quote=…, escape=…, greedy=…, regex=…)`. */
const lowerParseKv: OperatorLowering = (node, input, ctx) => {
  const sourceNode = nodes(node).find((n) => n.kind !== 'RowSchema' && n.kind !== 'ParseKvWithClause' && n.kind !== 'List');
  const schema = child(node, 'RowSchema');
  if (!sourceNode || !schema) return unsupported('This parse-kv', node);
  const columns = columnsOf(node);
  const keys = listItems(child(schema, 'List')).map((item) => {
    const name = nameOf(item) ?? '';
    const output = findColumn(columns, name);
    if (output < 0) return unsupported('This parse-kv column', item);
    return { name, output, type: columns[output]?.type ?? 'string' };
  });
  const parameters = new Map<string, PlainSyntaxNode>();
  const withClause = child(node, 'ParseKvWithClause');
  for (const p of withClause ? listItems(child(withClause, 'List')) : []) {
    const name = nameOf(p);
    const value = p.children[p.children.length - 1];
    if (name && value) parameters.set(name.toLowerCase(), value);
  }
  const text = (name: string): string | undefined => {
    const v = parameters.get(name);
    if (!v) return undefined;
    if (!v.hasLiteral) return unsupported(`A non-constant ${name}`, v);
    return String(v.literal ?? '');
  };
  const quotes = new Map<string, string>();
  const quoteText = text('quote');
  if (quoteText !== undefined) {
    // One character quotes itself; two characters are an opening and a closing quote; more: each quotes itself.
    if (quoteText.length === 2) quotes.set(quoteText[0] as string, quoteText[1] as string);
    else for (const ch of quoteText) quotes.set(ch, ch);
  }
  const escapeText = text('escape');
  const greedyNode = parameters.get('greedy');
  const pairDelimiter = text('pair_delimiter');
  const kvDelimiter = text('kv_delimiter');
  const regex = text('regex');
  return {
    kind: 'parse-kv',
    input,
    source: lowerScalar(sourceNode, ctx),
    keys,
    inputToOutput: input.columns.map((c) => findColumn(columns, c.name)),
    options: {
      ...(pairDelimiter !== undefined ? { pairDelimiter } : {}),
      ...(kvDelimiter !== undefined ? { kvDelimiter } : {}),
      ...(regex !== undefined ? { regex } : {}),
      quotes,
      escapes: escapeText ? [...escapeText] : [],
      greedy: greedyNode?.hasLiteral === true && greedyNode.literal === true,
    },
    columns,
    span: spanOf(node),
  };
};

export const PARSE_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  ParseOperator: lowerParseLike(false),
  ParseWhereOperator: lowerParseLike(true),
  ParseKvOperator: lowerParseKv,
};
