import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Diagnostic } from '../../../src/diagnostics.ts';
import type { Rule } from '../../../src/rule/model.ts';
import { MAX_RULE_FILE_CHARS, parseRuleFile, serializeRule } from '../../../src/rule/yaml.ts';

/** One file read for import: the rule it holds, or why it holds none. */
export interface ImportedFile {
  /** The file name, or `archive.zip/inner/path.rule.yml` for a zip entry. */
  readonly source: string;
  readonly rule: Rule | null;
  /** When the file has errors but reads as a rule: what it holds, so the user can import it and fix it in the form. */
  readonly draft?: Rule;
  readonly diagnostics: readonly Diagnostic[];
}

/** A zip holding more than this much rule text is refused: a library export is a few MB at most. */
export const MAX_ZIP_UNPACKED_BYTES = 50 * 1024 * 1024;

const RULE_FILE = /\.(rule\.)?ya?ml$/i;

function problem(source: string, code: string, message: string): ImportedFile {
  return { source, rule: null, diagnostics: [{ code, severity: 'error', message, source }] };
}

/** A file name for a rule: its title in lower case with dashes (`t1074-002-remote-data-staging.rule.yml`). */
export function ruleFileName(rule: Pick<Rule, 'title' | 'id'>): string {
  const slug = rule.title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${slug || `rule-${rule.id.slice(0, 8) || 'untitled'}`}.rule.yml`;
}

export function readRuleText(text: string, source: string): ImportedFile {
  const { rule, draft, diagnostics } = parseRuleFile(text, source);
  return {
    source,
    rule,
    ...(rule === null && draft ? { draft } : {}),
    diagnostics: diagnostics.map((d) => (d.source ? d : { ...d, source })),
  };
}

/** Every `*.yml`/`*.yaml` entry of a zip, parsed; other entries are named and skipped, never dropped silently. */
export function readZip(bytes: Uint8Array, zipName: string): ImportedFile[] {
  const results: ImportedFile[] = [];
  let declared = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (file.name.endsWith('/') || file.name.startsWith('__MACOSX/')) return false;
        const source = `${zipName}/${file.name}`;
        if (!RULE_FILE.test(file.name)) {
          results.push({ source, rule: null, diagnostics: [{ code: 'RB-IMPORT-002', severity: 'warning', message: 'Skipped: not a .rule.yml file.', source }] });
          return false;
        }
        declared += file.originalSize;
        if (file.originalSize > MAX_RULE_FILE_CHARS || declared > MAX_ZIP_UNPACKED_BYTES) {
          results.push(problem(source, 'RB-IMPORT-003', `Skipped: ${(file.originalSize / 1024 / 1024).toFixed(1)} MB unpacked is more than a rule file may be (5 MB, 50 MB per zip).`));
          return false;
        }
        return true;
      },
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [problem(zipName, 'RB-IMPORT-001', `The zip could not be read (${detail}).`)];
  }
  for (const [name, data] of Object.entries(entries)) {
    const source = `${zipName}/${name}`;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      results.push(problem(source, 'RB-IMPORT-004', 'Not UTF-8 text; rule files are UTF-8.'));
      continue;
    }
    results.push(readRuleText(text, source));
  }
  return results.sort((a, b) => a.source.localeCompare(b.source));
}

/** Reads what the user chose in "Import rules…": rule files and zips, in the order given. */
export async function readImportFiles(files: readonly File[]): Promise<ImportedFile[]> {
  const results: ImportedFile[] = [];
  for (const file of files) {
    if (/\.zip$/i.test(file.name)) {
      results.push(...readZip(new Uint8Array(await file.arrayBuffer()), file.name));
    } else if (file.size > MAX_RULE_FILE_CHARS) {
      results.push(problem(file.name, 'RB-RULE-003', `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; rule files are limited to 5 MB.`));
    } else {
      results.push(readRuleText(await file.text(), file.name));
    }
  }
  return results;
}

/** A zip with one `.rule.yml` per rule; names that clash get `-2`, `-3`, … so no rule overwrites another. */
export function libraryZip(rules: readonly Rule[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const rule of rules) {
    const base = ruleFileName(rule).replace(/\.rule\.yml$/, '');
    let name = `${base}.rule.yml`;
    for (let n = 2; name in files; n++) name = `${base}-${n}.rule.yml`;
    files[name] = strToU8(serializeRule(rule));
  }
  return zipSync(files, { level: 6 });
}

/** Saves bytes or text as a download (the browser's own save flow; nothing is uploaded). */
export function download(name: string, content: string | Uint8Array, type: string): void {
  const part: BlobPart = typeof content === 'string' ? content : new Uint8Array(content);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
