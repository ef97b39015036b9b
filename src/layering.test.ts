import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '.');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry) ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('layering of the core', () => {
  const files = sourceFiles(SRC);

  it('src/ never imports the UI, React, Monaco or monaco-kusto', () => {
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^(react|react-dom|monaco-editor|@monaco-editor|@kusto\/monaco-kusto|zustand)(\/|$)/.test(spec) || spec.includes('/app/'))
        .map((spec) => `${relative(SRC, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only src/kql/bridge/ touches Kusto.Language (Bridge.NET)', () => {
    const offenders = files
      .filter((file) => !relative(SRC, file).startsWith(`kql${sep}bridge${sep}`))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => spec.startsWith('@kusto/language-service'))
          .map((spec) => `${relative(SRC, file)} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the engine, values, functions, schema and events run in a browser worker: no Node built-ins outside the CLI', () => {
    const nodeOnly = (file: string) => relative(SRC, file).startsWith(`cli${sep}`) || relative(SRC, file) === `events${sep}node-reader.ts`;
    const offenders = files
      .filter((file) => !file.endsWith('.test.ts') && !nodeOnly(file))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'worker_threads'].includes(spec))
          .map((spec) => `${relative(SRC, file)} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });
});
