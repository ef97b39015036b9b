/** The export's errors and warnings, each with its line and sub-detection (or the rule field it is about). */
import type { ExportIssue } from './export-rule.ts';

/** "Line 29 · RemoteCopyTool", "sentinel.query_period", "The rule": where the issue is. */
export function issuePlace(issue: ExportIssue): string {
  const parts: string[] = [];
  if (issue.line !== null) parts.push(`Line ${issue.line}`);
  if (issue.subdetection !== null) parts.push(issue.subdetection);
  else if (issue.path) parts.push(issue.path);
  return parts.length > 0 ? parts.join(' · ') : 'The rule';
}

function IssueList({ issues, label, className }: { issues: readonly ExportIssue[]; label: string; className: string }) {
  if (issues.length === 0) return null;
  return (
    <ul className={`rb-export-issues ${className}`} aria-label={label}>
      {issues.map((issue, i) => (
        <li key={i}>
          <span className="rb-export-issue-place">{issuePlace(issue)}</span> <span className="rb-export-issue-kind">({issue.kind})</span>: {issue.message}
        </li>
      ))}
    </ul>
  );
}

export function ExportIssues({ errors, warnings }: { errors: readonly ExportIssue[]; warnings: readonly ExportIssue[] }) {
  return (
    <div className="rb-export-side">
      <h4>
        {errors.length === 0 ? 'No errors' : `${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`}, {warnings.length}{' '}
        {warnings.length === 1 ? 'warning' : 'warnings'}
      </h4>
      <IssueList issues={errors} label="Export errors" className="rb-issue-error" />
      <IssueList issues={warnings} label="Export warnings" className="rb-export-warnings" />
    </div>
  );
}
