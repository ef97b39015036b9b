/**
 * One rule exported in one of the three formats the Export tab offers, as plain data that crosses the worker
 * boundary. Runs in the engine worker: every export compiles the query (Kusto.Language lives there only).
 */
import type { Rule } from '../../../src/rule/model.ts';
import type { TableSchema } from '../../../src/schema/types.ts';
import { exportArmTemplate } from '../../../src/sentinel/arm.ts';
import type { SentinelExport } from '../../../src/sentinel/common.ts';
import { exportSentinelYaml } from '../../../src/sentinel/export.ts';
import { exportSigma } from '../../../src/sigma/export.ts';
import { sigmaFileName } from '../../../src/sigma/validate.ts';
import { ruleFileName } from '../library/rule-files.ts';

export type ExportFormat = 'sigma' | 'sentinel' | 'arm';

/** One warning or error of an export, in one shape for every format. */
export interface ExportIssue {
  /** 1-based line of the query, when the issue is about one. */
  readonly line: number | null;
  /** The sub-detection (its `let` name) it is about, or null for the rule as a whole. */
  readonly subdetection: string | null;
  readonly message: string;
  /** Sigma: approximation, dropped or unsupported. Sentinel: the problem's code (`RB-SENTINEL-…`). */
  readonly kind: string;
  /** Sentinel: the rule field it is about (`sentinel.query_period`), as the rule form names it. */
  readonly path?: string;
}

export interface RuleExport {
  /** The file's text; empty when an error kept anything from being exported. */
  readonly text: string;
  /** The name to save it under. */
  readonly fileName: string;
  /** Rules in the file: Sigma writes one document per sub-detection (and per threshold); Sentinel one rule. */
  readonly documents: number;
  readonly warnings: readonly ExportIssue[];
  /** Any error means nothing may be saved: the text is withheld. */
  readonly errors: readonly ExportIssue[];
}

/** `<slug>` of the rule file name (`t1074-002-remote-data-staging`), shared with *Export rule*. */
export function ruleSlug(rule: Pick<Rule, 'title' | 'id'>): string {
  return ruleFileName(rule).replace(/\.rule\.yml$/, '');
}

function fromSentinel(result: SentinelExport, fileName: string): RuleExport {
  const issue = (p: SentinelExport['problems'][number]): ExportIssue => ({ line: null, subdetection: null, message: p.message, kind: p.code, path: p.path });
  const errors = result.problems.filter((p) => p.severity === 'error').map(issue);
  return {
    // Sentinel would refuse (or misrun) a rule with errors: the text is not handed out, only the reasons.
    text: errors.length > 0 ? '' : result.text,
    fileName,
    documents: errors.length > 0 ? 0 : 1,
    warnings: result.problems.filter((p) => p.severity !== 'error').map(issue),
    errors,
  };
}

export function exportRule(rule: Rule, schema: readonly TableSchema[], format: ExportFormat): RuleExport {
  switch (format) {
    case 'sigma': {
      const result = exportSigma(rule, schema);
      const first = result.documents[0];
      const issue = (w: (typeof result.warnings)[number]): ExportIssue => ({ line: w.line, subdetection: w.subdetection, message: w.message, kind: w.kind });
      return {
        text: result.errors.length > 0 ? '' : result.yaml,
        // SigmaHQ names a file after its rule; a multi-document file after its first rule.
        fileName: first ? sigmaFileName(first) : `${ruleSlug(rule).replace(/-/g, '_')}.yml`,
        documents: result.errors.length > 0 ? 0 : result.documents.length,
        warnings: result.warnings.map(issue),
        errors: result.errors.map(issue),
      };
    }
    case 'sentinel':
      return fromSentinel(exportSentinelYaml(rule, schema), `${ruleSlug(rule)}.yaml`);
    case 'arm':
      return fromSentinel(exportArmTemplate(rule, schema), `${ruleSlug(rule)}.json`);
  }
}
