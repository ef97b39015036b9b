// Bridge.NET's runtime (inside monaco-kusto's worker and our engine worker) reads a CommonJS-style `global`.
// Workers have none; without this the worker dies with "global is not defined" and Monaco silently falls back
// to running the language service on the main thread. Must be the first import of every Bridge.NET worker.
const scope = globalThis as typeof globalThis & { global?: typeof globalThis };
scope.global ??= globalThis;
export {};
