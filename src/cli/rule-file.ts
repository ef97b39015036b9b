/**
 * The query inside a file given to `rulebench run`: a `.kql`/`.csl`/`.txt` file is the query; a Sentinel analytic
 * rule in YAML has it in `query: |` (a block scalar); an ARM template or rule JSON has it in `query` /
 * `properties.query` / `resources[].properties.query`. For YAML the position of the query in the file is kept,
 * so diagnostics point at the file's own line and column. A Rulebench rule (`*.rule.yml`) is read with the rule
 * reader, so quoting, comments and key order cannot fool it.
 */
import { parseRuleFile } from '../rule/yaml.ts';

export interface ExtractedQuery {
  readonly text: string;
  /** Add to a query line to get the file line (0 when the query is the file). */
  readonly lineOffset: number;
  /** Add to a query column to get the file column (the block's indentation). */
  readonly columnOffset: number;
}

export type ExtractResult = ({ readonly ok: true } & ExtractedQuery) | { readonly ok: false; readonly message: string };

export function extractQuery(fileText: string, path: string): ExtractResult {
  const lower = path.toLowerCase();
  if (/\.rule\.ya?ml$/.test(lower)) return fromRuleFile(fileText, path);
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return fromYaml(fileText);
  if (lower.endsWith('.json')) return fromJson(fileText);
  return { ok: true, text: fileText, lineOffset: 0, columnOffset: 0 };
}

function fromRuleFile(text: string, path: string): ExtractResult {
  const parsed = parseRuleFile(text, path);
  // Only the query matters to `run`: other problems in the file (see `rulebench check`) do not stop it.
  const draft = parsed.draft;
  if (!draft) {
    const first = parsed.diagnostics[0];
    return { ok: false, message: `the rule file cannot be read${first ? ` (line ${first.line ?? '?'}): ${first.message}` : ''}` };
  }
  if (draft.query.trim() === '') return { ok: false, message: 'the rule file has no "query"' };
  if (parsed.queryOffset) return { ok: true, text: draft.query, ...parsed.queryOffset };
  const at = parsed.positions.get('query');
  return { ok: true, text: draft.query, lineOffset: at ? at.line - 1 : 0, columnOffset: 0 };
}

function fromYaml(text: string): ExtractResult {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => /^query\s*:/.test(l));
  if (at === -1) return { ok: false, message: 'no top-level "query:" key in the YAML rule' };
  const rest = (lines[at] as string).replace(/^query\s*:\s*/, '');
  if (/^[|>][-+]?\s*(#.*)?$/.test(rest)) {
    const block: string[] = [];
    let indent = -1;
    for (let i = at + 1; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.trim() === '') {
        block.push('');
        continue;
      }
      const lead = line.length - line.trimStart().length;
      if (indent === -1) indent = lead;
      if (lead < indent || lead === 0) break;
      block.push(line.slice(indent));
    }
    while (block.length > 0 && block[block.length - 1] === '') block.pop();
    if (indent === -1 || block.length === 0) return { ok: false, message: 'the YAML rule\'s "query:" block is empty' };
    const folded = rest.startsWith('>');
    return { ok: true, text: folded ? block.join(' ') : block.join('\n'), lineOffset: folded ? at : at + 1, columnOffset: folded ? 0 : indent };
  }
  const quoted = /^(["'])(.*)\1\s*$/.exec(rest);
  if (quoted) {
    const body = quoted[1] === '"' ? safeJsonString(`"${quoted[2] ?? ''}"`) : (quoted[2] ?? '').replace(/''/g, "'");
    if (body === undefined) return { ok: false, message: 'the YAML rule\'s quoted "query:" value has an invalid escape' };
    return { ok: true, text: body, lineOffset: at, columnOffset: 0 };
  }
  if (rest.trim() === '') return { ok: false, message: 'the YAML rule\'s "query:" is empty' };
  return { ok: true, text: rest.trim(), lineOffset: at, columnOffset: (lines[at] as string).indexOf(rest.trim()) };
}

function safeJsonString(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function fromJson(text: string): ExtractResult {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `the rule file is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const query = findQuery(root);
  return query === undefined
    ? { ok: false, message: 'no "query" (or "properties.query", or "resources[].properties.query") in the JSON rule' }
    : { ok: true, text: query, lineOffset: 0, columnOffset: 0 };
}

function findQuery(root: unknown): string | undefined {
  const own = (value: unknown, key: string): unknown =>
    value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  const direct = own(root, 'query') ?? own(own(root, 'properties'), 'query');
  if (typeof direct === 'string') return direct;
  const resources = own(root, 'resources');
  if (Array.isArray(resources)) {
    for (const resource of resources) {
      const query = own(own(resource, 'properties'), 'query');
      if (typeof query === 'string') return query;
    }
  }
  return undefined;
}
