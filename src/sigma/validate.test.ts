import { describe, expect, it } from 'vitest';
import { sigmaFileName, validateSigmaDocument } from './validate.ts';

const good = () => ({
  title: 'Potential Data Staging Via 7-Zip',
  id: '5b0f6f0e-7c64-4b8e-9f4e-2a1d6c9b3e71',
  status: 'experimental',
  description: 'Detects the creation of a password protected archive.',
  author: 'Tests',
  date: '2026-08-05',
  tags: ['attack.collection', 'attack.t1074.002'],
  logsource: { category: 'process_creation', product: 'windows' },
  detection: { selection_img: { 'Image|endswith': '\\7z.exe' }, selection_cli: { 'CommandLine|contains|all': [' a ', ' -p'] }, condition: 'all of selection_*' },
  falsepositives: ['Legitimate archiving'],
  level: 'medium',
});
const codes = (doc: unknown) => validateSigmaDocument(doc).map((i) => i.code);

describe('validateSigmaDocument', () => {
  it('accepts a rule in house style', () => {
    expect(validateSigmaDocument(good())).toEqual([]);
  });

  it('checks the schema rules', () => {
    expect(codes({ ...good(), title: undefined })).toContain('required');
    expect(codes({ ...good(), id: 'nope' })).toContain('format');
    expect(codes({ ...good(), status: 'beta' })).toContain('enum');
    expect(codes({ ...good(), level: 'severe' })).toContain('enum');
    expect(codes({ ...good(), date: '2026/08/05' })).toContain('pattern');
    expect(codes({ ...good(), tags: ['attack.T1059'] })).toContain('pattern');
    expect(codes({ ...good(), tags: ['attack.collection', 'attack.collection'] })).toContain('uniqueItems');
    expect(codes({ ...good(), related: [{ id: '5b0f6f0e-7c64-4b8e-9f4e-2a1d6c9b3e71', type: 'sibling' }] })).toContain('enum');
    expect(codes({ ...good(), detection: { selection: { a: 1 } } })).toContain('required');
    expect(codes({ ...good(), detection: { selection: { a: [1.5] }, condition: 'selection' } })).toContain('type');
  });

  it('checks SigmaHQ validators', () => {
    expect(codes({ ...good(), title: 'X'.repeat(121) })).toContain('sigmahq_title_length');
    expect(codes({ ...good(), description: 'short' })).toContain('sigmahq_description_length');
    expect(codes({ ...good(), references: ['https://attack.mitre.org/techniques/T1074/'] })).toContain('sigmahq_mitre_link');
    expect(codes({ ...good(), detection: { selection: { a: 'x' }, condition: 'all of them' } })).toContain('all_of_them_condition');
    expect(codes({ ...good(), detection: { selection: { a: 'x' }, other: { b: 'y' }, condition: 'selection' } })).toContain('dangling_detection');
    expect(codes({ ...good(), detection: { selection: { a: 'x' }, condition: 'selection AND sel2' } })).toEqual(expect.arrayContaining(['SigmaConditionError', 'dangling_condition']));
    expect(codes({ ...good(), detection: { selection: { 'a|contains|all': 'x' }, condition: 'selection' } })).toContain('sigmahq_invalid_all_modifier');
    expect(codes({ ...good(), falsepositives: ['none'] })).toEqual(expect.arrayContaining(['sigmahq_falsepositives_capital', 'sigmahq_falsepositives_banned_word']));
  });

  it('names files by SigmaHQ convention', () => {
    expect(sigmaFileName(good())).toBe('proc_creation_win_potential_data_staging_via_7_zip.yml');
    expect(sigmaFileName({ title: 'A', logsource: { category: 'file_event' } })).toMatch(/^file_event_win_a[a-z_]*\.yml$/);
  });
});
