import './worker-global-shim.ts';
import '@kusto/monaco-kusto/release/esm/kusto.worker';
