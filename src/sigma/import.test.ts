import { describe, expect, it } from 'vitest';
import { compileQuery } from '../kql/engine/index.ts';
import { builtInTables } from '../schema/catalog.ts';
import { base64Offsets, importSigma } from './import.ts';

const schema = builtInTables();

function sigma(detection: string, category = 'process_creation', meta = ''): string {
  return `title: Fixture
id: 0e9a1c5e-1f2b-4c3d-9e8f-0a1b2c3d4e5f
status: test
date: 2024-01-02
level: high
${meta}logsource:
  product: windows
  category: ${category}
detection:
${detection}`;
}

/** Imports, asserts that the query compiles against the Defender schema, and returns the query. */
function query(detection: string, category = 'process_creation'): string {
  const result = importSigma(sigma(detection, category), 'f.yml', schema);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.report.filter((r) => r.severity === 'error')).toEqual([]);
  const q = result.rule?.query ?? '';
  const compiled = compileQuery(q, schema);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error'), q).toEqual([]);
  return q;
}

describe('importSigma values and modifiers', () => {
  it('maps fields and uses case-insensitive operators', () => {
    const q = query(`  sel:
    Image|endswith: '\\cmd.exe'
    CommandLine|contains: 'whoami'
    ParentImage|startswith: 'C:\\Windows\\'
    OriginalFileName: 'Cmd.Exe'
  condition: sel
`);
    expect(q).toBe(`DeviceProcessEvents
| where FolderPath endswith @"\\cmd.exe"
| where ProcessCommandLine contains "whoami"
| where InitiatingProcessFolderPath startswith @"C:\\Windows\\"
| where ProcessVersionInfoOriginalFileName =~ "Cmd.Exe"`);
  });

  it('folds value lists into in~, |all into and, |cased into case-sensitive operators', () => {
    expect(query("  sel:\n    Image: ['a.exe', 'b.exe']\n  condition: sel\n")).toContain('FolderPath in~ ("a.exe", "b.exe")');
    expect(query("  sel:\n    CommandLine|contains|all: ['-a', '-b']\n  condition: sel\n")).toContain('ProcessCommandLine contains "-a"\n| where ProcessCommandLine contains "-b"');
    const cased = query("  sel:\n    CommandLine|contains|cased: 'AbC'\n    Image|cased: 'X'\n  condition: sel\n");
    expect(cased).toContain('ProcessCommandLine contains_cs "AbC"');
    expect(cased).toContain('FolderPath == "X"');
  });

  it('turns edge wildcards into startswith/endswith/contains and inner ones into an anchored regex', () => {
    expect(query("  sel:\n    CommandLine: '*abc*'\n  condition: sel\n")).toContain('ProcessCommandLine contains "abc"');
    expect(query("  sel:\n    CommandLine: 'abc*'\n  condition: sel\n")).toContain('ProcessCommandLine startswith "abc"');
    expect(query("  sel:\n    CommandLine: 'a.b*c?d'\n  condition: sel\n")).toContain('ProcessCommandLine matches regex @"(?is)^a\\.b.*c.d$"');
    expect(query("  sel:\n    CommandLine: 'a\\*b'\n  condition: sel\n")).toContain('ProcessCommandLine =~ "a*b"');
  });

  it('converts re (with i/m/s), cidr, windash, base64, base64offset, wide, null, exists, numbers, fieldref, neq', () => {
    expect(query("  sel:\n    CommandLine|re|i: 'mimi[k]atz'\n  condition: sel\n")).toContain('ProcessCommandLine matches regex "(?i)mimi[k]atz"');
    expect(query("  sel:\n    CommandLine|re|m|s: '^a.b$'\n  condition: sel\n")).toContain('"(?ms)^a.b$"');
    const cidr = query("  sel:\n    DestinationIp|cidr: ['10.0.0.0/8', 'fe80::/10']\n  condition: sel\n", 'network_connection');
    expect(cidr).toContain('ipv4_is_in_range(RemoteIP, "10.0.0.0/8") or ipv6_is_in_range(RemoteIP, "fe80::/10")');
    const dash = query("  sel:\n    CommandLine|windash|contains: ' -enc '\n  condition: sel\n");
    expect(dash.match(/contains/g)?.length).toBe(5);
    expect(dash).toContain('" /enc "');
    expect(query("  sel:\n    CommandLine|base64|contains: 'IEX'\n  condition: sel\n")).toContain('ProcessCommandLine contains "SUVY"');
    expect(query("  sel:\n    CommandLine|wide|base64offset|contains: 'IEX'\n  condition: sel\n")).toContain('(ProcessCommandLine contains "SQBFAFgA" or ProcessCommandLine contains "kARQBYA" or ProcessCommandLine contains "JAEUAWA")');
    expect(query("  sel:\n    CommandLine: null\n  condition: sel\n")).toContain('isempty(ProcessCommandLine)');
    expect(query("  sel:\n    CommandLine|exists: true\n  condition: sel\n")).toContain('isnotempty(ProcessCommandLine)');
    expect(query("  sel:\n    ProcessId: 4\n  condition: sel\n")).toContain('ProcessId == 4');
    expect(query("  sel:\n    ProcessId|gte: 4\n    LogonId|lt: 9\n  condition: sel\n")).toContain('ProcessId >= 4\n| where LogonId < 9');
    expect(query("  sel:\n    Image|fieldref: ParentImage\n  condition: sel\n")).toContain('FolderPath =~ InitiatingProcessFolderPath');
    expect(query("  sel:\n    Image|neq: 'a.exe'\n  condition: sel\n")).toContain('not(FolderPath =~ "a.exe")');
  });

  it('computes the three base64 offsets as Sigma does', () => {
    expect(base64Offsets([...new TextEncoder().encode('IEX')])).toEqual(['SUVY', 'lFW', 'JRV']);
  });

  it('writes conditions with parentheses and x-of forms', () => {
    const q = query(`  selection_a:
    Image|endswith: '\\a.exe'
  selection_b:
    - CommandLine|contains: 'x'
    - CommandLine|contains: 'y'
  filter:
    ParentImage|endswith: '\\svc.exe'
  condition: 1 of selection_* and not filter
`);
    expect(q).toContain('| where FolderPath endswith @"\\a.exe" or (ProcessCommandLine contains "x" or ProcessCommandLine contains "y")\n| where not(InitiatingProcessFolderPath endswith @"\\svc.exe")');
    expect(query("  a:\n    Image: x\n  b:\n    CommandLine: y\n  condition: all of them\n")).toContain('| where FolderPath =~ "x"\n| where ProcessCommandLine =~ "y"');
  });

  it('approximates keywords on the command line and says so', () => {
    const r = importSigma(sigma('  keywords:\n    - mimikatz\n  condition: keywords\n'), 'k.yml', schema);
    expect(r.rule?.query).toContain('ProcessCommandLine contains "mimikatz"');
    expect(r.report.find((i) => i.code === 'RB-SIGMA-IMPORT-020')).toMatchObject({ severity: 'warning', line: 11 });
  });

  it('filters registry categories by ActionType, writes hives out and reports what it drops', () => {
    const r = importSigma(sigma("  sel:\n    EventID: 13\n    TargetObject|startswith: 'HKLM\\Software\\x'\n  condition: sel\n", 'registry_set'), 'r.yml', schema);
    expect(r.rule?.query).toBe('DeviceRegistryEvents\n| where ActionType == "RegistryValueSet"\n| where RegistryKey startswith @"HKEY_LOCAL_MACHINE\\Software\\x"');
    expect(r.report.find((i) => i.code === 'RB-SIGMA-IMPORT-011')).toMatchObject({ line: 11 });
    expect(compileQuery(r.rule?.query ?? '', schema).ok).toBe(true);
  });

  it('refuses an unmapped field and a ps_script rule, with the line and the reason', () => {
    const unmapped = importSigma(sigma("  sel:\n    CurrentDirectory: 'C:\\x'\n  condition: sel\n"), 'u.yml', schema);
    expect(unmapped.rule).toBeNull();
    expect(unmapped.report[0]).toMatchObject({ severity: 'error', code: 'RB-SIGMA-IMPORT-010', line: 11 });
    const ps = importSigma(sigma("  sel:\n    ScriptBlockText|contains: 'x'\n  condition: sel\n", 'ps_script'), 'p.yml', schema);
    expect(ps.rule).toBeNull();
    expect(ps.report[0]?.message).toContain('script block');
  });

  it('passes reading errors through as diagnostics', () => {
    const r = importSigma(sigma('  sel:\n    Image|nope: x\n  condition: sel\n'), 'e.yml', schema);
    expect(r.rule).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({ code: 'RB-SIGMA-010', line: 11 });
  });
});

describe('importSigma metadata', () => {
  it('keeps the metadata and maps tags to tactics and techniques', () => {
    const text = sigma("  sel:\n    Image: x\n  condition: sel\n", 'process_creation', `description: Finds x
author: Someone
modified: 2024/03/04
references:
  - https://example.org/x
falsepositives:
  - Admin scripts
tags:
  - attack.collection
  - attack.t1074.002
  - attack.defense-evasion
  - attack.defense_evasion
  - cve.2024-0001
related:
  - id: 11111111-2222-4333-8444-555555555555
    type: derived
`);
    const r = importSigma(text, 'm.yml', schema);
    const rule = r.rule;
    expect(rule).toMatchObject({
      title: 'Fixture',
      id: '0e9a1c5e-1f2b-4c3d-9e8f-0a1b2c3d4e5f',
      status: 'test',
      level: 'high',
      date: '2024-01-02',
      modified: '2024-03-04',
      description: 'Finds x',
      author: 'Someone',
      references: ['https://example.org/x'],
      falsepositives: ['Admin scripts'],
      attack: { tactics: ['collection'], techniques: ['T1074.002'] },
      related: [{ id: '11111111-2222-4333-8444-555555555555', type: 'derived' }],
    });
    expect(rule?.data_sources).toContain('Process: Process Creation');
    const legacy = r.report.filter((i) => i.code === 'RB-SIGMA-IMPORT-044');
    expect(legacy).toHaveLength(2);
    expect(legacy[0]?.message).toContain('stealth or defense-impairment');
    expect(legacy[0]?.line).toBe(16);
    expect(r.report.some((i) => i.message.includes('cve.2024-0001'))).toBe(true);
  });
});
