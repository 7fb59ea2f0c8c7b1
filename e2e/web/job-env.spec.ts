import { api } from '../fixtures/api';
import { expect, test } from '../fixtures/serve';
import { screenshot } from '../fixtures/screenshots';

/**
 * The job editor's environment variables: rows added, edited and removed one by one; a bad or
 * repeated name is refused in plain words at the field before anything is saved; the saved job's
 * command sees exactly the variables that were kept.
 */
test('environment variables: add, refuse bad names in plain words, edit, remove, and the shell job runs with them', async ({ page, request, served }) => {
  await page.goto(`${served.url}#/jobs/new`);
  await page.getByLabel('Name', { exact: true }).fill('greet');
  await page.getByLabel('Kind', { exact: true }).selectOption({ label: 'Shell command' });
  await page.getByLabel('Command', { exact: true }).fill('echo "MY_VAR=[$MY_VAR] OTHER=[$OTHER]"');
  await page.getByLabel('Schedule type', { exact: true }).selectOption({ label: 'Manual' });

  const vars = page.getByRole('group', { name: 'Environment variables' });
  await expect(vars).toContainText('None.');
  await vars.getByRole('button', { name: 'Add variable' }).click();
  await vars.getByRole('textbox', { name: 'Variable 1 name' }).fill('MY_VAR');
  await vars.getByRole('textbox', { name: 'Variable 1 value' }).fill('hello world');
  await vars.getByRole('button', { name: 'Add variable' }).click();
  await vars.getByRole('textbox', { name: 'Variable 2 name' }).fill('2ND-VAR');
  await vars.getByRole('textbox', { name: 'Variable 2 value' }).fill('x');

  // A name the shell could not use: said in words at the field, the field marked, nothing saved.
  await page.getByRole('button', { name: 'Save' }).click();
  const problem = vars.getByRole('alert');
  await expect(problem).toHaveText('“2ND-VAR” cannot be a variable name: use letters, digits and _ , not starting with a digit.');
  await expect(vars.getByRole('textbox', { name: 'Variable 2 name' })).toHaveAttribute('aria-invalid', 'true');
  await expect(vars.getByRole('textbox', { name: 'Variable 2 name' })).toBeFocused();
  await expect(vars.getByRole('textbox', { name: 'Variable 1 name' })).not.toHaveAttribute('aria-invalid', 'true');
  // Only the name at fault is drawn red; the good row and the bad row's value look like any field.
  await page.getByRole('heading', { level: 1 }).click();
  const border = (name: string) => page.getByRole('textbox', { name, exact: true }).evaluate((el) => getComputedStyle(el).borderTopColor);
  const plain = await border('Working directory');
  expect(await border('Variable 2 name')).not.toBe(plain);
  expect([await border('Variable 1 name'), await border('Variable 1 value'), await border('Variable 2 value')]).toEqual([plain, plain, plain]);
  await vars.scrollIntoViewIfNeeded();
  await screenshot(page, 'job-env-invalid');

  // The same name twice is refused too; a value without a name is not silently dropped.
  await vars.getByRole('textbox', { name: 'Variable 2 name' }).fill('MY_VAR');
  await expect(problem).toHaveText('Each environment variable name can appear only once.');
  for (const n of [1, 2]) await expect(vars.getByRole('textbox', { name: `Variable ${n} name` })).toHaveAttribute('aria-invalid', 'true');
  await vars.getByRole('textbox', { name: 'Variable 2 name' }).fill('');
  await expect(problem).toHaveText('Each environment variable needs a name.');
  await vars.getByRole('textbox', { name: 'Variable 2 name' }).fill('OTHER');
  await expect(problem).toHaveCount(0);

  // A third row, removed again: the rows after it renumber.
  await vars.getByRole('button', { name: 'Add variable' }).click();
  await vars.getByRole('textbox', { name: 'Variable 3 name' }).fill('GONE');
  await vars.getByRole('button', { name: 'Remove variable 3' }).click();
  await expect(vars.getByRole('textbox', { name: 'Variable 3 name' })).toHaveCount(0);
  expect(await api(request, served, 'jobs.list', {})).toMatchObject({ items: [] });

  await page.getByRole('button', { name: 'Save' }).click();
  const row = page.getByRole('row').filter({ hasText: 'greet' });
  await expect(row).toBeVisible();
  const [saved] = (await api<{ items: { id: number; options: { env?: Record<string, string> } }[] }>(request, served, 'jobs.list', {})).items;
  expect(saved?.options.env).toEqual({ MY_VAR: 'hello world', OTHER: 'x' });

  // Edit: the saved variables come back in the rows; change one value, remove the other.
  await page.goto(`${served.origin}/#/jobs/${saved!.id}/edit`);
  const editVars = page.getByRole('group', { name: 'Environment variables' });
  await expect(editVars.getByRole('textbox', { name: 'Variable 1 name' })).toHaveValue('MY_VAR');
  await expect(editVars.getByRole('textbox', { name: 'Variable 1 value' })).toHaveValue('hello world');
  await expect(editVars.getByRole('textbox', { name: 'Variable 2 name' })).toHaveValue('OTHER');
  await editVars.getByRole('textbox', { name: 'Variable 1 value' }).fill('hello night');
  await editVars.getByRole('button', { name: 'Remove variable 2' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();

  // The run sees the edited value, and the removed variable is gone.
  await page.getByRole('row').filter({ hasText: 'greet' }).getByRole('button', { name: 'Run greet now' }).click();
  const log = page.getByRole('region', { name: 'Live log' });
  await expect(log.getByText('MY_VAR=[hello night] OTHER=[]', { exact: true })).toBeVisible({ timeout: 30_000 });
});
