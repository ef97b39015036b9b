import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { newRule, type Rule } from '../rule/model.ts';
import { parseRuleFile } from '../rule/yaml.ts';
import { builtInTables } from '../schema/catalog.ts';
import { escapeSigmaString } from './detection.ts';
import { exportSigma } from './export.ts';
import { sigmaFileName, validateSigmaDocument } from './validate.ts';

const examplePath = join(import.meta.dirname, '../../public/examples/t1074-002-remote-data-staging.rule.yml');
const example = (): Rule => {
  const parsed = parseRuleFile(readFileSync(examplePath, 'utf8'), examplePath);
  if (!parsed.rule) throw new Error('example rule does not parse');
  return parsed.rule;
};
const schema = builtInTables();
const ruleWith = (query: string): Rule => ({ ...newRule('0b9e1c52-3f4a-4d6e-8a7b-1c2d3e4f5a6b', '2026-11-24', query), title: 'Test Rule', description: 'A rule used by the exporter tests.', author: 'Tests' });

describe('exportSigma on the published T1074.002 rule', () => {
  const result = exportSigma(example(), schema);
  // any: parsed YAML, inspected by key in the assertions below.
  type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const parsedDocs = result.yaml.split(/^---\n/m).map((t) => parse(t) as Doc);
  const docs = [0, 1, 2].map((i) => parsedDocs[i] ?? {}) as [Doc, Doc, Doc];

  it('writes one Sigma rule per sub-detection in one multi-document YAML', () => {
    expect(result.errors).toEqual([]);
    expect(result.documents).toHaveLength(3);
    expect(docs.map((d) => d.title)).toEqual([
      'Remote Data Staging (T1074.002) - ArchiveInStagingDir',
      'Remote Data Staging (T1074.002) - RemoteCopyTool',
      'Remote Data Staging (T1074.002) - PSRemoteCopy',
    ]);
  });

  it('maps tables to logsources and columns to Sigma fields', () => {
    const [file, remote, ps] = docs;
    expect(file.logsource).toEqual({ category: 'file_event', product: 'windows' });
    expect(JSON.stringify(file.detection)).toContain('TargetFilename|contains');
    expect(remote.logsource).toEqual({ category: 'process_creation', product: 'windows' });
    expect(remote.detection.selection_img).toEqual([{ 'Image|endswith': ['\\xcopy.exe', '\\robocopy.exe', '\\copy'] }, { 'CommandLine|contains': ['xcopy', 'robocopy'] }]);
    expect(ps.detection.selection_img['Image|endswith']).toContain('\\powershell.exe');
    expect(JSON.stringify(ps.detection)).toContain('CommandLine|contains');
    // KQL's literal `\\` (two backslashes) is `\\\\` in Sigma, where `\\` means one backslash.
    expect(remote.detection.selection_cli).toEqual({ 'CommandLine|contains': '\\\\\\\\' });
    expect(remote.detection.selection_cli_2).toEqual({ 'CommandLine|re': '\\\\\\\\\\\\.+\\\\' });
    expect(remote.detection.condition).toBe('all of selection_*');
  });

  it('tags with ATT&CK v19 tactic and technique tags in lower case', () => {
    for (const d of parsedDocs) expect(d.tags).toEqual(expect.arrayContaining(['attack.collection', 'attack.t1074.002']));
  });

  it('warns for each has/has_any approximation, the time window and dropped operators', () => {
    const has = result.warnings.filter((w) => w.kind === 'approximation' && /has(_any)?/.test(w.message));
    expect(has.map((w) => `${w.subdetection}:${w.line}`)).toEqual(expect.arrayContaining(['ArchiveInStagingDir:19', 'ArchiveInStagingDir:20', 'RemoteCopyTool:28', 'RemoteCopyTool:29', 'PSRemoteCopy:38', 'PSRemoteCopy:39']));
    expect(result.warnings.some((w) => w.kind === 'dropped' && w.message.includes('ago(24h)'))).toBe(true);
    expect(result.warnings.some((w) => w.kind === 'dropped' && w.message.includes('DetectionType'))).toBe(true);
  });

  it('gives stable ids, different per sub-detection, linked as similar', () => {
    const again = exportSigma(example(), schema);
    expect(again.documents.map((d) => d.id)).toEqual(result.documents.map((d) => d.id));
    expect(new Set(result.documents.map((d) => d.id)).size).toBe(3);
    expect(docs[0].related.map((r: { id: string }) => r.id).sort()).toEqual([docs[1].id, docs[2].id].sort());
  });

  it('passes validateSigmaDocument and follows house style', () => {
    for (const d of parsedDocs) expect(validateSigmaDocument(d)).toEqual([]);
    expect(result.yaml).not.toMatch(/[ \t]$/m);
    expect(result.yaml).toContain('\n    category: process_creation\n');
    expect(Object.keys(docs[0])).toEqual(['title', 'id', 'related', 'status', 'description', 'author', 'date', 'tags', 'logsource', 'detection', 'falsepositives', 'level']);
    expect(sigmaFileName(docs[1])).toBe('proc_creation_win_remote_data_staging_t1074_002_remotecopytool.yml');
  });
});

describe('exportSigma on constructs', () => {
  it('turns negations into filter_main_* selections combined with and not', () => {
    const r = exportSigma(ruleWith('DeviceProcessEvents\n| where FileName =~ "cmd.exe" and ProcessCommandLine !contains "/c echo"\n| where not(InitiatingProcessFileName in~ ("explorer.exe"))'), schema);
    expect(r.errors).toEqual([]);
    const d = r.documents[0]?.detection as Record<string, unknown>;
    expect(d.selection).toEqual({ 'Image|endswith': '\\cmd.exe' });
    expect(d.filter_main_cli).toEqual({ 'CommandLine|contains': '/c echo' });
    expect(d.filter_main_parent).toEqual({ 'ParentImage|endswith': '\\explorer.exe' });
    expect(d.condition).toBe('selection and not 1 of filter_main_*');
    expect(validateSigmaDocument(r.documents[0])).toEqual([]);
  });

  it('maps numeric comparisons, has_all, regex flags and isempty', () => {
    const r = exportSigma(ruleWith('DeviceNetworkEvents\n| where RemotePort > 1024 and InitiatingProcessCommandLine has_all ("a", "b")\n| where RemoteUrl matches regex "(?i)evil\\\\d+" and isempty(InitiatingProcessAccountName)'), schema);
    expect(r.errors).toEqual([]);
    const d = r.documents[0]?.detection as Record<string, unknown>;
    expect(JSON.stringify(d)).toContain('"DestinationPort|gt":1024');
    expect(JSON.stringify(d)).toContain('"CommandLine|contains|all":["a","b"]');
    expect(JSON.stringify(d)).toContain('"DestinationHostname|re|i":"evil\\\\d+"');
    expect(r.warnings.some((w) => w.message.includes('RE2'))).toBe(true);
    expect(validateSigmaDocument(r.documents[0])).toEqual([]);
  });

  it('exports nothing for an unsupported sub-detection and says why, keeping the others', () => {
    const q = 'let A = DeviceProcessEvents | where ProcessCommandLine contains "x";\nlet B = DeviceProcessEvents | where strlen(ProcessCommandLine) > 100;\nlet C = DeviceLogonEvents | where LogonType == "Network";\nunion A, B, C';
    const r = exportSigma(ruleWith(q), schema);
    expect(r.documents.map((d) => d.title)).toEqual(['Test Rule - A']);
    expect(r.errors.map((e) => [e.subdetection, e.line])).toEqual([['B', 2], ['C', 3]]);
    expect(r.errors[0]?.message).toMatch(/B cannot be expressed in Sigma.*strlen/);
    expect(r.errors[1]?.message).toMatch(/DeviceLogonEvents has no Sigma logsource/);
  });

  it('refuses a column with no Sigma field instead of dropping it', () => {
    const r = exportSigma(ruleWith('DeviceProcessEvents | where ProcessTokenElevation == "TokenElevationTypeFull"'), schema);
    expect(r.documents).toEqual([]);
    expect(r.errors[0]?.message).toMatch(/ProcessTokenElevation of DeviceProcessEvents has no Sigma field/);
  });

  it('turns summarize count() by key | where count_ > N into an event_count correlation', () => {
    const r = exportSigma(ruleWith('DeviceProcessEvents\n| where Timestamp > ago(1h)\n| where ProcessCommandLine contains "whoami"\n| summarize count() by AccountName\n| where count_ > 5'), schema);
    expect(r.errors).toEqual([]);
    expect(r.documents).toHaveLength(2);
    const corr = r.documents[1];
    expect(corr?.correlation).toEqual({ type: 'event_count', rules: [r.documents[0]?.id], 'group-by': ['User'], timespan: '1h', condition: { gt: 5 } });
    expect(validateSigmaDocument(corr)).toEqual([]);
    expect(sigmaFileName(corr as object)).toMatch(/^correlation_/);
  });

  it('refuses joins', () => {
    const r = exportSigma(ruleWith('DeviceProcessEvents | join kind=inner (DeviceFileEvents) on DeviceId'), schema);
    expect(r.documents).toEqual([]);
    expect(r.errors[0]?.message).toMatch(/join/);
  });

  it('escapes Sigma wildcards and backslash runs', () => {
    expect(escapeSigmaString('C:\\Windows\\x')).toBe('C:\\Windows\\x');
    expect(escapeSigmaString('a*b?')).toBe('a\\*b\\?');
    expect(escapeSigmaString('\\\\srv')).toBe('\\\\\\\\srv');
    expect(escapeSigmaString('dir\\*')).toBe('dir\\\\\\*');
  });
});
