/**
 * Side-effect module: must be imported before the Bridge.NET scripts.
 *
 * `bridge.min.js` has a UMD header that, whenever a CommonJS `module` is in scope (which is how bundlers wrap it),
 * does `n = global`. Browsers and module workers have no `global`, so without this line the worker dies with
 * `ReferenceError: global is not defined` (stack probe pitfall P1). In Node `global` already exists and this is a no-op.
 */
const scope = globalThis as typeof globalThis & { global?: typeof globalThis };
scope.global ??= globalThis;

export {};
