import { expect, type Page } from '@playwright/test';

/**
 * The flow a user goes through on the first evening, driven only through what is on screen: create a
 * Claude job with a cron schedule (checking the Next runs preview in the job's zone), run it now, and
 * watch the Live log stream until the run succeeds with its cost. Shared by the web and Electron specs.
 */
export async function createAndRunClaudeJob(page: Page, name = 'Nightly review'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
  await page.getByRole('button', { name: 'New job' }).first().click();

  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Claude prompt' });
  await page.getByLabel('Prompt', { exact: true }).fill('Review the open pull requests and summarise them.');
  await page.getByLabel('Schedule type', { exact: true }).selectOption({ label: 'Cron' });
  await page.getByLabel('Timezone', { exact: true }).fill('Asia/Taipei');
  await page.getByLabel('Cron expression', { exact: true }).fill('0 9 * * *');

  // 09:00 in Taipei, whatever zone the test machine is in.
  const nextRuns = page.getByRole('region', { name: 'Next runs' });
  await expect(nextRuns.locator('time')).toHaveCount(5);
  for (const time of await nextRuns.locator('time').all()) await expect(time).toContainText('09:00');

  await page.getByRole('button', { name: 'Save' }).click();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: `Run ${name} now` }).click();

  await expect(page.getByRole('region', { name: 'Live log' })).toContainText('Hello from fake claude', { timeout: 30_000 });
  await expect(page.getByText('succeeded', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('$0.0123').first()).toBeVisible();
}
