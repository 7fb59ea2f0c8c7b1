import { expect, test } from '../fixtures/serve';

test('the UI loads from the URL cnp serve prints, and the token leaves the address bar', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page).toHaveTitle(/Claude Night Pilot/);
  await expect.poll(() => new URL(page.url()).searchParams.has('token')).toBe(false);
});

test('the API refuses a call without the token', async ({ request, served }) => {
  const res = await request.post(`${served.origin}/api/system.version`, { data: {} });
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
});
