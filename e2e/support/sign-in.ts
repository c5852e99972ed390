import { type Browser, type BrowserContext, type BrowserContextOptions, expect, type Page } from '@playwright/test';
import type { DemoUser } from './accounts';
import { recordTotpStep, totpStepAt, waitForUnusedTotpStep } from './totp';

/** The UI languages of Kakine. */
export type Language = 'ja' | 'en';

/** The texts of the sign-in pages and the shell that the helpers act on, as a user reads them. */
export const UI = {
  ja: {
    signInTitle: 'サインイン',
    email: 'メールアドレス',
    password: 'パスワード',
    signInSubmit: 'サインイン',
    demoFill: (user: DemoUser) => `${user.displayName}（${user.organisationNameJa}）の情報を入力`,
    secondFactorTitle: '二要素認証',
    codeLabel: '確認コード（6桁）',
    demoCode: 'デモ：確認コードを入力',
    verify: '確認',
    navigation: 'メインナビゲーション',
    userMenu: (name: string) => `ユーザーメニュー：${name}`,
    signOut: 'サインアウト',
  },
  en: {
    signInTitle: 'Sign in',
    email: 'E-mail address',
    password: 'Password',
    signInSubmit: 'Sign in',
    demoFill: (user: DemoUser) => `Fill in ${user.displayName} (${user.organisationNameEn})`,
    secondFactorTitle: 'Two-factor authentication',
    codeLabel: 'Verification code (6 digits)',
    demoCode: 'Demo: fill in the code',
    verify: 'Verify',
    navigation: 'Main navigation',
    userMenu: (name: string) => `User menu: ${name}`,
    signOut: 'Sign out',
  },
} as const;

/**
 * Opens a new browser context as another device would be: Japanese locale, Japan time, the given server; `options`
 * can add to it (e.g. storage the device kept from earlier visits).
 */
export const newDevice = (
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> =>
  browser.newContext({ baseURL, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: true, ...options });

/** The main navigation of the signed-in shell. */
export const mainNavigation = (page: Page, language: Language = 'ja') =>
  page.getByRole('navigation', { name: UI[language].navigation });

/** The current code of a demo account as the demo sign-in page gets it (GET /api/v1/auth/demo-accounts). */
export const listedDemoCode = async (page: Page, email: string): Promise<string> => {
  const response = await page.request.get('/api/v1/auth/demo-accounts');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { items: { email: string; totpCode: string | null }[] };
  const code = body.items.find((account) => account.email === email)?.totpCode;
  if (!code || !/^\d{6}$/.test(code)) throw new Error(`No current code is listed for ${email}`);
  return code;
};

/** Once the account may use a new code, returns its current listed code and notes that code's step as used. */
export const freshDemoCode = async (page: Page, user: DemoUser): Promise<string> => {
  const server = new URL(page.url()).origin;
  await waitForUnusedTotpStep(server, user.email);
  const code = await listedDemoCode(page, user.email);
  recordTotpStep(server, user.email, totpStepAt(Date.now()));
  return code;
};

/**
 * On the second-factor page of a demo account: waits until the account may use a new code (codes cannot be
 * replayed), then fills in the current code with the page's demo button, as a demo user would.
 */
export const fillDemoCode = async (page: Page, user: DemoUser, language: Language = 'ja'): Promise<void> => {
  const ui = UI[language];
  const server = new URL(page.url()).origin;
  await waitForUnusedTotpStep(server, user.email);
  await page.getByRole('button', { name: ui.demoCode }).click();
  await expect(page.getByLabel(ui.codeLabel)).toHaveValue(/^\d{6}$/);
  // The code shown belongs to a step no later than now; the next sign-in must wait for a later one.
  recordTotpStep(server, user.email, totpStepAt(Date.now()));
};

/** On the sign-in page: types an e-mail address and password and submits them, as someone without a demo account. */
export const submitPassword = async (
  page: Page,
  email: string,
  password: string,
  language: Language = 'ja',
): Promise<void> => {
  const ui = UI[language];
  await expect(page.getByRole('heading', { level: 1, name: ui.signInTitle })).toBeVisible();
  await page.getByRole('textbox', { name: ui.email }).fill(email);
  await page.getByRole('textbox', { name: ui.password, exact: true }).fill(password);
  await page.getByRole('button', { name: ui.signInSubmit, exact: true }).click();
};

/**
 * Signs a demo account in through the sign-in page: picks the account from the demo list, submits, fills in the
 * current verification code from the second-factor page and waits for the signed-in shell.
 */
export const signIn = async (page: Page, user: DemoUser, language: Language = 'ja'): Promise<void> => {
  const ui = UI[language];
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: ui.signInTitle })).toBeVisible();
  await page.getByRole('button', { name: ui.demoFill(user) }).click();
  await page.getByRole('button', { name: ui.signInSubmit, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: ui.secondFactorTitle })).toBeVisible();
  await fillDemoCode(page, user, language);
  await page.getByRole('button', { name: ui.verify, exact: true }).click();
  await expect(mainNavigation(page, language)).toBeVisible();
};

/** Signs out with the user menu and waits for the sign-in page. */
export const signOut = async (page: Page, displayName: string, language: Language = 'ja'): Promise<void> => {
  const ui = UI[language];
  await page.getByRole('button', { name: ui.userMenu(displayName) }).click();
  await page.getByRole('menuitem', { name: ui.signOut, exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  await expect(page.getByRole('heading', { level: 1, name: ui.signInTitle })).toBeVisible();
};
