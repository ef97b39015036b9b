/// <reference types="@kusto/language-service-next" />
/**
 * The one place that turns Bridge.NET collections into JS arrays.
 *
 * A Bridge `IReadOnlyList<T>` is not one runtime type: usually it is a List/SafeList/ReadOnlyCollection with
 * `.Count` and `.getItem(i)`, but an empty result is often a bare JS array (e.g. `KustoCode.GetSyntaxDiagnostics()`
 * on valid input), where `.Count` is undefined. Callers must never loop on `.Count` themselves.
 */
type BridgeList<T> = System.Collections.Generic.IReadOnlyList$1<T>;

export function toArray<T>(list: BridgeList<T> | readonly T[] | null | undefined): T[] {
  if (list == null) return [];
  if (Array.isArray(list)) return (list as readonly T[]).slice();
  const bridgeList = list as BridgeList<T>;
  const count = bridgeList.Count;
  const out: T[] = new Array<T>(count);
  for (let i = 0; i < count; i++) out[i] = bridgeList.getItem(i);
  return out;
}

/** Number of items, for both shapes above. */
export function countOf<T>(list: BridgeList<T> | readonly T[] | null | undefined): number {
  if (list == null) return 0;
  if (Array.isArray(list)) return (list as readonly T[]).length;
  return (list as BridgeList<T>).Count;
}

/**
 * Syntax lists (`QueryBlock.Statements`, …). Their .d.ts type merges two `getItem` signatures that TypeScript
 * cannot reconcile with `IReadOnlyList<T>`; at run time `getItem(i)` returns the i-th element, typed `TElement`.
 */
export function syntaxListToArray<TElement>(list: Kusto.Language.Syntax.SyntaxList$1<TElement> | null | undefined): TElement[] {
  if (list == null) return [];
  const count = list.Count;
  const out: TElement[] = new Array<TElement>(count);
  for (let i = 0; i < count; i++) out[i] = list.getItem$1(i);
  return out;
}
