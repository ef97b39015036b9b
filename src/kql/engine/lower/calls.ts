/**
 * Function calls: user functions declared with `let f = (…) {…}` are inlined (arguments bound to parameters by
 * symbol id); built-ins become `call` nodes resolved against the function registry at lowering time.
 */
import type { PlainSyntaxNode } from '../../bridge/syntax-tree.ts';
import { lookupFunction } from '../functions/function-registry.ts';
import { WINDOW_FUNCTIONS, type ScalarExpr, type TabularPlan, type WindowFunction } from '../plan.ts';
import { child, findColumn, listItems, nodes, spanOf, typeOf, unsupported, type Binding, type LowerContext } from './context.ts';
import { bindLet } from './lets.ts';
import { lowerScalar } from './scalar.ts';
import { lowerTabular } from './tabular.ts';

export function callParts(node: PlainSyntaxNode): { name: string; nameNode: PlainSyntaxNode | undefined; args: PlainSyntaxNode[] } {
  const [nameNode, argList] = nodes(node);
  const args = argList ? listItems(child(argList, 'List')) : [];
  return { name: nameNode?.name ?? '', nameNode, args };
}

/** A call to a user function: its inlined body as a scalar or tabular binding; undefined for built-ins. */
export function inlineUserCall(node: PlainSyntaxNode, ctx: LowerContext, leadingTable?: TabularPlan): Binding | undefined {
  const { nameNode, args } = callParts(node);
  const symbol = node.symbol ?? nameNode?.symbol;
  const binding = symbol ? ctx.scope.lookup(symbol.id) : undefined;
  if (!binding) return undefined;
  if (binding.kind !== 'function') return binding;
  const declaration = binding.declaration;
  const parameters = child(declaration, 'FunctionParameters');
  const body = child(declaration, 'FunctionBody');
  if (!body) return unsupported('This function declaration', declaration);
  const scope = binding.scope.child();
  const parameterNodes = listItems(parameters ? child(parameters, 'List') : undefined);
  parameterNodes.forEach((parameter, position) => {
    const declared = findDeclaration(parameter);
    if (!declared?.symbol) return;
    if (leadingTable && position === 0) {
      scope.bind(declared.symbol.id, { kind: 'tabular', plan: leadingTable });
      return;
    }
    // Named arguments (`f(c=7, a=12)`) bind by name; the others by position among the unnamed ones.
    const byName = args.find((a) => a.kind === 'SimpleNamedExpression' && nodes(a)[0]?.name === declared.name);
    const positional = args.filter((a) => a.kind !== 'SimpleNamedExpression');
    const namedBefore = parameterNodes.slice(0, position).filter((p) => {
      const name = findDeclaration(p)?.name;
      return args.some((a) => a.kind === 'SimpleNamedExpression' && nodes(a)[0]?.name === name);
    }).length;
    const arg = byName ? nodes(byName)[1] : positional[(leadingTable ? position - 1 : position) - namedBefore];
    const defaultValue = child(parameter, 'DefaultValueDeclaration');
    const source = arg ?? (defaultValue ? nodes(defaultValue)[0] : undefined);
    if (!source) return;
    if (source.resultType === 'table') scope.bind(declared.symbol.id, { kind: 'tabular', plan: lowerTabular(source, ctx) });
    else scope.bind(declared.symbol.id, { kind: 'scalar', expr: lowerScalar(source, ctx) });
  });
  const bodyCtx: LowerContext = { ...ctx, scope };
  for (const statement of listItems(child(body, 'List'))) {
    if (statement.kind === 'LetStatement') bindLet(statement, bodyCtx);
  }
  const result = nodes(body).filter((n) => n.kind !== 'List').pop();
  if (!result) return unsupported('An empty function body', body);
  if (result.resultType === 'table') return { kind: 'tabular', plan: lowerTabular(result, bodyCtx) };
  return { kind: 'scalar', expr: lowerScalar(result, bodyCtx) };
}

function findDeclaration(node: PlainSyntaxNode): PlainSyntaxNode | undefined {
  if (node.kind === 'NameDeclaration') return node;
  for (const c of node.children) {
    const found = findDeclaration(c);
    if (found) return found;
  }
  return undefined;
}

export function lowerCall(node: PlainSyntaxNode, ctx: LowerContext): ScalarExpr {
  const span = spanOf(node);
  const hooked = ctx.aggregateHook?.(node);
  if (hooked) return hooked;
  const inlined = inlineUserCall(node, ctx);
  if (inlined?.kind === 'scalar') return { ...inlined.expr, span } as ScalarExpr;
  if (inlined) return unsupported('A tabular function used as a scalar', node);
  const { name: rawName, args } = callParts(node);
  const name = rawName.toLowerCase();
  const type = typeOf(node);
  if (name === 'column_ifexists') {
    const columnName = args[0]?.hasLiteral ? String(args[0].literal) : '';
    const index = findColumn(ctx.row.columns, columnName);
    if (index >= 0) {
      const column = ctx.row.columns[index];
      return { kind: 'column', index, name: columnName, type: column?.type ?? type, span };
    }
    return args[1] ? lowerScalar(args[1], ctx) : unsupported('column_ifexists without a default', node);
  }
  if (name === 'column_names_of') {
    // The columns of the table as lowered (a function's table parameter has the caller's actual columns).
    const table = args[0];
    if (!table || table.resultType !== 'table') return unsupported('column_names_of() of a non-table', node);
    const plan = lowerTabular(table, { ...ctx, row: { columns: [] } });
    return { kind: 'literal', value: plan.columns.map((c) => c.name), type: 'dynamic', span };
  }
  if (name === 'bag_pack_columns') {
    // A bag of the named columns: bag_pack("c1", c1, …).
    const packArgs: ScalarExpr[] = args.flatMap((a): ScalarExpr[] => {
      const column = lowerScalar(a, ctx);
      if (column.kind !== 'column') return unsupported('bag_pack_columns() of an expression (not a column)', a);
      return [{ kind: 'literal', value: column.name, type: 'string', span: column.span }, column];
    });
    return { kind: 'call', name: 'bag_pack', args: packArgs, type: 'dynamic', span };
  }
  if (name === 'bin_auto') return lowerBinAuto(node, args, ctx);
  if (WINDOW_FUNCTIONS.has(name)) {
    return { kind: 'window', fn: name as WindowFunction, args: args.map((a) => lowerScalar(a, ctx)), type, span };
  }
  const fn = lookupFunction(name);
  if (!fn) return unsupported(`The function \`${rawName}()\``, node);
  if (args.length < fn.minArgs || args.length > fn.maxArgs) return unsupported(`\`${rawName}()\` with ${args.length} arguments`, node);
  const lowered = args.map((a) => lowerScalar(a, ctx));
  if (fn.needsRowContext) {
    const rowColumns = ctx.row.columns.slice(0, ctx.row.inputWidth ?? ctx.row.columns.length);
    return { kind: 'call', name: fn.name, args: lowered, type, span, rowColumns };
  }
  return { kind: 'call', name: fn.name, args: lowered, type, span };
}

/** bin_auto(x) = bin_at(x, query_bin_auto_size, query_bin_auto_at) from the query's `set` statements. */
function lowerBinAuto(node: PlainSyntaxNode, args: readonly PlainSyntaxNode[], ctx: LowerContext): ScalarExpr {
  const span = spanOf(node);
  const [arg] = args;
  const size = ctx.options?.get('query_bin_auto_size');
  if (!arg || args.length !== 1) return unsupported(`\`bin_auto()\` with ${args.length} arguments`, node);
  if (!size) return unsupported('bin_auto() without `set query_bin_auto_size=…;`', node);
  const value = lowerScalar(arg, ctx);
  const sizeExpr: ScalarExpr = { kind: 'literal', value: size.value, type: size.type, span };
  const at = ctx.options?.get('query_bin_auto_at');
  if (!at) return { kind: 'call', name: 'bin', args: [value, sizeExpr], type: typeOf(node), span };
  const atExpr: ScalarExpr = { kind: 'literal', value: at.value, type: at.type, span };
  return { kind: 'call', name: 'bin_at', args: [value, sizeExpr, atExpr], type: typeOf(node), span };
}

export type { TabularPlan };
