/**
 * `npm run sigma:schema -- <shared folder>`: exports the published example rule to Sigma and validates every
 * document against the OFFICIAL Sigma JSON schemas (detection and correlation rules) read from
 * <shared>/sigma/schema, with ajv (draft 2020-12, formats on). Prints one line per document; exit 1 on any failure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { parseRuleFile } from '../src/rule/yaml.ts';
import { builtInTables } from '../src/schema/catalog.ts';
import { exportSigma } from '../src/sigma/export.ts';
import { sigmaFileName, validateSigmaDocument } from '../src/sigma/validate.ts';

const shared = process.argv[2];
if (!shared) {
  console.error('usage: npm run sigma:schema -- <shared folder>');
  process.exit(2);
}
const schemaDir = join(shared, 'sigma', 'schema');
const ajv = new Ajv2020({ allErrors: true, strict: false });
// ajv-formats is CommonJS; its default export arrives wrapped under tsx's ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => void;
addFormats(ajv);
const ruleSchema = ajv.compile(JSON.parse(readFileSync(join(schemaDir, 'sigma-detection-rule-schema.json'), 'utf8')) as object);
const correlationSchema = ajv.compile(JSON.parse(readFileSync(join(schemaDir, 'sigma-correlation-rules-schema.json'), 'utf8')) as object);

const rulePath = 'public/examples/t1074-002-remote-data-staging.rule.yml';
const parsed = parseRuleFile(readFileSync(rulePath, 'utf8'), rulePath);
if (!parsed.rule) throw new Error(`cannot read ${rulePath}`);
const result = exportSigma(parsed.rule, builtInTables());
let failed = result.documents.length === 0;
// Validate the YAML text as a consumer reads it (YAML 1.2 core: dates stay strings), not the objects in memory.
result.yaml.split(/^---\n/m).forEach((text) => {
  const doc = parse(text) as Record<string, unknown>;
  const validate = doc.correlation ? correlationSchema : ruleSchema;
  const ok = validate(doc);
  const own = validateSigmaDocument(doc).filter((i) => i.severity === 'error');
  if (!ok || own.length > 0) failed = true;
  console.log(`${ok ? 'valid  ' : 'INVALID'} ${sigmaFileName(doc)} (${String(doc.title)})`);
  for (const e of validate.errors ?? []) console.log(`    schema: ${e.instancePath || '/'} ${e.message ?? ''}`);
  for (const i of own) console.log(`    rulebench: ${i.path} ${i.message}`);
});
console.log(failed ? 'sigma:schema: FAILED' : `sigma:schema: ${result.documents.length} documents valid against the official schema`);
process.exit(failed ? 1 : 0);
