/**
 * `parse` and `parse-where` (kind=simple, relaxed, regex): the pattern becomes one RE2 regex with a capture per
 * column; simple/relaxed literals are quoted, regex-kind literals are used as written.
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import type { ParsePiece } from '../plan.ts';
import { columnsOf, findColumn, lists, listItems, namedParameters, nodes, parameterText, spanOf, unsupported } from './context.ts';
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

export const PARSE_OPERATORS: Readonly<Record<string, OperatorLowering>> = {
  ParseOperator: lowerParseLike(false),
  ParseWhereOperator: lowerParseLike(true),
};

export type { PlainSyntaxNode };
