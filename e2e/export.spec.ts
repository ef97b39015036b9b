/**
 * Issue 6 (export), as a user does it: the example rule with line 21 fixed, exported to Sigma (three rules, one per
 * sub-detection, with their warnings and the proof by running), downloaded byte for byte as previewed, then shown as
 * Sentinel YAML and as an ARM template.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { fixedRule, openIde, pasteQuery, problemsList } from './helpers.ts';

test('the example rule exported to Sigma, Sentinel YAML and ARM JSON, downloaded exactly as previewed', async ({ page }) => {
  await openIde(page);
  await pasteQuery(page, fixedRule());
  await expect(problemsList(page)).not.toContainText('KS142');

  await page.getByRole('tab', { name: 'Export' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Export' });
  await panel.getByRole('radio', { name: 'Sigma' }).check();
  const preview = panel.getByRole('textbox', { name: 'Export preview' });
  const status = panel.getByRole('status');

  await expect(status).toContainText('3 Sigma rules');
  await expect(preview).toHaveValue(/attack\.t1074\.002/);
  const sigma = await preview.inputValue();
  expect(sigma.match(/^title: /gm)).toHaveLength(3);
  expect(sigma).toContain('title: Remote Data Staging (T1074.002) - RemoteCopyTool');

  // The warnings beside the preview, each with its line and sub-detection.
  const warnings = panel.getByRole('list', { name: 'Export warnings' });
  await expect(warnings).toContainText('Line 29 · RemoteCopyTool (approximation)');
  await expect(warnings).toContainText('|contains, which is broader');

  // Proof by running on the rule's own tests.
  await expect(panel.getByRole('region', { name: 'Proof by running' })).toContainText(/Same matches on the rule's \d+ test events\./);

  const downloaded = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download' }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toBe('file_event_win_remote_data_staging_t1074_002_archiveinstagingdir.yml');
  const path = await file.path();
  expect(readFileSync(path, 'utf8')).toBe(sigma);

  await panel.getByRole('radio', { name: 'Sentinel YAML' }).check();
  await expect(status).toContainText('remote-data-staging-t1074-002.yaml');
  await expect(preview).toHaveValue(/^id: 5d7c3b0e-6f1a-4e2b-9a8c-2f4d6b8e1a07$/m);
  await expect(preview).toHaveValue(/^queryFrequency: 1h$/m);
  await expect(panel.getByRole('region', { name: 'Proof by running' })).toHaveCount(0);

  await panel.getByRole('radio', { name: 'ARM JSON' }).check();
  await expect(status).toContainText('remote-data-staging-t1074-002.json');
  await expect(preview).toHaveValue(/"Microsoft\.OperationalInsights\/workspaces\/providers\/alertRules"/);
  const arm = JSON.parse(await preview.inputValue()) as { resources: { properties: { query: string } }[] };
  expect(arm.resources[0]?.properties.query).toContain('AccountName = InitiatingProcessAccountName');
});
