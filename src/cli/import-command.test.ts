import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';
import { importCommand, IMPORT_OPTIONS } from './import-command.ts';

const SIGMA = `title: Whoami
id: 0e9a1c5e-1f2b-4c3d-9e8f-0a1b2c3d4e5f
date: 2024-01-02
level: low
tags:
  - cve.2024-1
logsource:
  category: process_creation
  product: windows
detection:
  sel:
    Image|endswith: '\\whoami.exe'
  condition: sel
`;

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = importCommand(parseArgs(argv, IMPORT_OPTIONS), { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('rulebench import sigma', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rb-import-'));
  it('prints the rule and reports to stderr with file:line', () => {
    const file = join(dir, 'a.yml');
    writeFileSync(file, SIGMA);
    const { code, out, err } = run(['sigma', file]);
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('FolderPath endswith @"\\whoami.exe"');
    expect(err[0]).toBe(`${file}:6: info: The tag "cve.2024-1" has no place in a Rulebench rule; it is not kept.`);
  });
  it('writes -o and fails with exit 1 when nothing can be imported', () => {
    const file = join(dir, 'b.yml');
    writeFileSync(file, SIGMA);
    const target = join(dir, 'b.rule.yml');
    expect(run(['sigma', file, '-o', target]).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toContain('title: Whoami');
    writeFileSync(file, SIGMA.replace('process_creation', 'ps_script'));
    const bad = run(['sigma', file]);
    expect(bad.code).toBe(1);
    expect(bad.err.join('\n')).toContain(':7: error: Not convertible');
  });
});
