import { expect, type Locator, type Page, test } from '@playwright/test';
import { DEMO, type DemoUser } from './support/accounts';
import { freshDemoCode, listedDemoCode, mainNavigation, signIn, signOut } from './support/sign-in';

type RoleCase = {
  title: string;
  user: DemoUser;
  role: string;
  /** The navigation entries the role may use, in order. */
  navigation: string[];
  /** A screen the role may not open, reached by its address. */
  forbidden?: string;
};

const ROLE_CASES: RoleCase[] = [
  {
    title: 'the company administrator',
    user: DEMO.companyAdmin,
    role: '管理者',
    navigation: [
      'ホーム',
      '技術台帳',
      '集中リスク',
      '人員名簿',
      '参照カタログ',
      '通知',
      'ユーザー管理',
      '監査ログ',
      '送信メール（デモ）',
      'アカウント設定',
    ],
  },
  {
    title: 'the METI case officer',
    user: DEMO.metiCaseOfficer,
    role: '案件担当官',
    navigation: ['ホーム', '参照カタログ', '通知', 'アカウント設定'],
    forbidden: '/audit',
  },
  {
    title: 'the METI catalogue administrator',
    user: DEMO.metiCatalogueAdmin,
    role: 'カタログ管理者',
    navigation: ['ホーム', '参照カタログ', '通知', '監査ログ', 'アカウント設定'],
    forbidden: '/admin/users',
  },
  {
    title: 'the certification-body auditor',
    user: DEMO.certificationAuditor,
    role: '審査員',
    navigation: ['ホーム', '参照カタログ', '通知', 'アカウント設定'],
    forbidden: '/admin/users',
  },
  {
    title: 'the company employee',
    user: DEMO.companyEmployee,
    role: '従業員',
    navigation: ['ホーム', '技術台帳', '集中リスク', '参照カタログ', '通知', 'アカウント設定'],
    forbidden: '/audit',
  },
];

test.describe('sign-in with password and verification code', () => {
  for (const { title, user, role, navigation, forbidden } of ROLE_CASES) {
    test(`${title} sees a shell with only the screens of their role`, async ({ page }) => {
      await signIn(page, user);

      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
      await expect(page.getByText(`${user.displayName} さん、こんにちは`)).toBeVisible();
      await expect(page.getByRole('banner').getByText(user.organisationNameJa)).toBeVisible();
      await expect(page.getByRole('main').getByText(role, { exact: true })).toBeVisible();
      await expect(mainNavigation(page).getByRole('link')).toHaveText(navigation);

      if (forbidden) {
        await page.goto(forbidden);
        await expect(page.getByRole('heading', { name: 'このページを表示する権限がありません' })).toBeVisible();
        await expect(mainNavigation(page).getByRole('link')).toHaveText(navigation);
      }

      await signOut(page, user.displayName);
      await expect(page.getByText('サインアウトしました。')).toBeVisible();
      // The session is gone: the app sends the user back to sign in.
      await page.goto('/');
      await expect(page).toHaveURL(/\/sign-in/);
      await expect(page.getByRole('heading', { level: 1, name: 'サインイン' })).toBeVisible();
    });
  }

  test('a wrong verification code is refused with an error, the right one then signs in', async ({ page }) => {
    const user = DEMO.companyLegal;
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByRole('textbox', { name: 'メールアドレス' }).fill(user.email);
    await page.getByRole('textbox', { name: 'パスワード', exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'サインイン', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: '二要素認証' })).toBeVisible();

    const current = await listedDemoCode(page, user.email);
    const code = page.getByLabel('確認コード（6桁）');
    await code.fill(wrongCodeFor(current));
    await page.getByRole('button', { name: '確認', exact: true }).click();
    await expect(page.getByText('確認コードが正しくありません。')).toBeVisible();
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/sign-in\/second-factor/);

    await code.fill(await freshDemoCode(page, user));
    await page.getByRole('button', { name: '確認', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  });

  test('a password that does not match is refused on the first step', async ({ page }) => {
    const user = DEMO.companyExecutive;
    await page.goto('/sign-in');
    await page.getByRole('button', { name: `${user.displayName}（${user.organisationNameJa}）の情報を入力` }).click();
    await expect(page.getByRole('textbox', { name: 'メールアドレス' })).toHaveValue(user.email);
    await page.getByRole('textbox', { name: 'パスワード', exact: true }).fill(`${user.password}-wrong`);
    await page.getByRole('button', { name: 'サインイン', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('メールアドレスまたはパスワード');
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test('signing in works with the keyboard alone (Tab and Enter)', async ({ page }) => {
    const user = DEMO.companyHr;
    await page.goto('/sign-in');
    const email = page.getByRole('textbox', { name: 'メールアドレス' });
    await expect(email).toBeVisible();

    // From the top of the page, Tab reaches the e-mail field (after the skip link and the language switch).
    await tabUntilFocused(page, email, 8);
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('textbox', { name: 'パスワード', exact: true })).toBeFocused();
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: '二要素認証' })).toBeVisible();
    const code = page.getByLabel('確認コード（6桁）');
    await expect(code).toBeFocused();
    await page.keyboard.type(await freshDemoCode(page, user));
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
    await expect(mainNavigation(page)).toBeVisible();
  });
});

/** A 6-digit code that differs from the current one in every digit. */
function wrongCodeFor(code: string): string {
  return [...code].map((digit) => String((Number(digit) + 5) % 10)).join('');
}

/** Presses Tab until the locator has the focus, failing after `limit` presses. */
async function tabUntilFocused(page: Page, target: Locator, limit: number): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`The field did not receive the focus within ${limit} presses of Tab`);
}
