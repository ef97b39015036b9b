/// <reference types="@kusto/language-service-next" />
/**
 * Loads Kusto.Language (a Bridge.NET build: plain scripts that create the globals `Bridge`, `System` and `Kusto`)
 * exactly once, and hands out the `Kusto` namespace through a typed accessor.
 *
 * The same three ES imports work in both places we run:
 * - Vite (browser module worker): the bundler wraps both scripts as CommonJS and runs them in import order, after
 *   `./globals` has defined `global` (which bridge.min.js needs, see that file).
 * - Node / vitest: the package has no `exports` map and no `"type": "module"`, so Node loads the two files as
 *   CommonJS (where `global` exists) and they set the globals; vitest externalizes node_modules, so it does the same.
 * ES modules evaluate once per realm, which gives "load once" for free. Import order below is load order: the
 * shim, then the Bridge runtime, then the assembly that calls `Bridge.assembly(...)`.
 *
 * Only modules under src/kql/bridge/ may import this file (STYLE: one place touches Bridge.NET).
 */
import './globals.ts';
import '@kusto/language-service-next/bridge.min.js';
import '@kusto/language-service-next/Kusto.Language.Bridge.min.js';

/** The global namespace the Bridge.NET build defines; typed by Kusto.Language.Bridge.d.ts. */
export type KustoNamespace = typeof Kusto;

interface BridgeGlobals {
  Kusto?: KustoNamespace;
}

let cached: KustoNamespace | undefined;

/** Returns the loaded `Kusto` namespace, or throws a clear error if the scripts did not set it. */
export function kusto(): KustoNamespace {
  if (cached) return cached;
  const loaded = (globalThis as BridgeGlobals).Kusto;
  if (!loaded?.Language?.KustoCode) {
    throw new Error('Kusto.Language did not load: the Bridge.NET scripts did not define globalThis.Kusto');
  }
  cached = loaded;
  return loaded;
}

/** Shorthand for `kusto().Language`, which is where nearly everything we use lives. */
export function kustoLanguage(): KustoNamespace['Language'] {
  return kusto().Language;
}
