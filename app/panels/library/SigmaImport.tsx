import { useId, useState, type ChangeEvent } from 'react';
import type { Diagnostic } from '../../../src/diagnostics.ts';
import type { Rule } from '../../../src/rule/model.ts';
import { importSigma, type ImportIssue } from '../../../src/sigma/import.ts';
import { currentTables } from '../../state/tables.ts';

interface Props {
  /** Adds the converted rule to the library (asking first when its id is taken). */
  readonly onImport: (rule: Rule, source: string) => void;
  readonly onClose: () => void;
}

/** Sigma files larger than this are not rules (SigmaHQ's largest is a few kB). */
const MAX_SIGMA_BYTES = 1024 * 1024;

interface Outcome {
  readonly source: string;
  readonly converted: boolean;
  readonly problems: readonly { severity: string; line: number | undefined; column: number | undefined; message: string; code: string }[];
}

function fromDiagnostic(d: Diagnostic): Outcome['problems'][number] {
  return { severity: d.severity, line: d.line, column: d.column, message: d.message, code: d.code };
}

function fromIssue(issue: ImportIssue): Outcome['problems'][number] {
  return { severity: issue.severity, line: issue.line, column: undefined, message: issue.message, code: issue.code };
}

/**
 * A Sigma rule, pasted or read from a file, becomes a new Rulebench rule: the KQL query for the Defender table of
 * its logsource and its metadata. What could not be carried over is listed with the Sigma line, never dropped.
 */
export function SigmaImport({ onImport, onClose }: Props) {
  const textId = useId();
  const fileId = useId();
  const [text, setText] = useState('');
  const [source, setSource] = useState('pasted Sigma rule');
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const convert = (yaml: string, name: string): void => {
    const result = importSigma(yaml, name, currentTables().tables);
    const problems = [...result.diagnostics.map(fromDiagnostic), ...result.report.map(fromIssue)];
    setOutcome({ source: name, converted: result.rule !== null, problems });
    if (result.rule) onImport(result.rule, name);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_SIGMA_BYTES) {
      setOutcome({ source: file.name, converted: false, problems: [{ severity: 'error', line: undefined, column: undefined, code: 'RB-SIGMA-001', message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; a Sigma rule is at most 1 MB.` }] });
      return;
    }
    const content = await file.text();
    // Keep what was read in the box, so a rule that does not convert can be fixed and converted again.
    setText(content);
    setSource(file.name);
    convert(content, file.name);
  };

  return (
    <section className="sigma-import" aria-labelledby={`${textId}-heading`}>
      <h3 id={`${textId}-heading`}>Import a Sigma rule</h3>
      <div className="sigma-import-file">
        <input id={fileId} className="visually-hidden" type="file" accept=".yml,.yaml" onChange={(e) => void onFile(e)} />
        <label htmlFor={fileId} className="button-like">
          Choose a Sigma file…
        </label>
      </div>
      <label htmlFor={textId}>Sigma rule (YAML)</label>
      <textarea
        id={textId}
        value={text}
        spellCheck={false}
        rows={10}
        onChange={(e) => {
          setText(e.target.value);
          setSource('pasted Sigma rule');
        }}
      />
      <div className="sigma-import-actions">
        <button type="button" disabled={text.trim() === ''} onClick={() => convert(text, source)}>
          Convert to a Rulebench rule
        </button>
        <button type="button" onClick={onClose}>
          Close Sigma import
        </button>
      </div>
      {outcome ? (
        <div role={outcome.converted ? 'status' : 'alert'} className="sigma-import-outcome">
          <p>
            {outcome.converted
              ? `${outcome.source} was converted and added to the library${outcome.problems.length > 0 ? '; what could not be carried over exactly:' : '.'}`
              : `${outcome.source} could not be converted:`}
          </p>
          {outcome.problems.length > 0 ? (
            <ul aria-label="Sigma import report">
              {outcome.problems.map((p, i) => (
                <li key={i} className={`diag ${p.severity}`}>
                  {p.line !== undefined ? `line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ''}: ` : ''}
                  {p.message} <code>{p.code}</code>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
