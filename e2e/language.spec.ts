import { expect, type Page, test } from '@playwright/test';
import { DEMO } from './support/accounts';
import { fillDemoCode, mainNavigation, newDevice, signIn, signOut, UI } from './support/sign-in';

/** The language the signed-in account keeps on the server (GET /api/v1/session). */
const accountLanguage = async (page: Page): Promise<string | undefined> => {
  const response = await page.request.get('/api/v1/session');
  if (!response.ok()) return undefined;
  return ((await response.json()) as { user?: { locale?: string } }).user?.locale;
};

test('the language chosen on the sign-in page applies after sign-in and is kept for the account', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const user = DEMO.companySecurityOfficer;
  const html = page.locator('html');

  // Signed out, the switch changes the sign-in page at once.
  await page.goto('/sign-in');
  await expect(html).toHaveAttribute('lang', 'ja');
  await page.getByRole('radiogroup', { name: '表示言語' }).getByText('English').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'en');

  // After signing in, the app is in English and the choice is saved to the account.
  await signIn(page, user, 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page.getByText(`Welcome, ${user.displayName}`)).toBeVisible();
  await expect(mainNavigation(page, 'en').getByRole('link')).toHaveText([
    'Home',
    'Technology register',
    'Concentration risk',
    'Access review',
    'People directory',
    'Reference catalogues',
    'Notifications',
    'Users',
    'Audit trail',
    'Account settings',
  ]);
  await expect(html).toHaveAttribute('lang', 'en');
  await expect.poll(() => accountLanguage(page)).toBe('en');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'en');

  // Back to Japanese in the shell; the account keeps it.
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('日本語').click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await expect(mainNavigation(page)).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'ja');
  await expect.poll(() => accountLanguage(page)).toBe('ja');
  await signOut(page, user.displayName);

  // Signing in again on a device that was last used in English: the account's Japanese wins after sign-in.
  const device = await newDevice(browser, baseURL!, {
    storageState: {
      cookies: [],
      origins: [{ origin: baseURL!, localStorage: [{ name: 'kakine.locale', value: 'en' }] }],
    },
  });
  const other = await device.newPage();
  await other.goto('/sign-in');
  await expect(other.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await other.getByRole('button', { name: UI.en.demoFill(user) }).click();
  await other.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(other.getByRole('heading', { level: 1, name: 'Two-factor authentication' })).toBeVisible();
  await fillDemoCode(other, user, 'en');
  await other.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(other.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await expect(other.getByText(`${user.displayName} さん、こんにちは`)).toBeVisible();
  await expect(other.locator('html')).toHaveAttribute('lang', 'ja');
  await device.close();
});
