import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo, test } from '@playwright/test';
import { DEMO } from './support/accounts';
import { signIn, UI } from './support/sign-in';

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the page as it is now, attaches the full result to the report, and
 * records, without stopping the test, every violation of serious or critical impact.
 */
const checkAccessibility = async (page: Page, testInfo: TestInfo, name: string): Promise<void> => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  await testInfo.attach(`axe-${name}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  expect.soft(serious, `serious or critical accessibility violations on ${name}`).toEqual([]);
};

/** Waits until the page has its heading and no loading indicator, so that axe sees the finished page. */
const settled = async (page: Page, heading: string, content: Locator): Promise<void> => {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(content.first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '読み込み中…' })).toHaveCount(0);
};

test.describe('accessibility (axe-core, WCAG 2 A/AA): no serious or critical violations', () => {
  test('sign-in and second-factor pages', async ({ page }, testInfo) => {
    const user = DEMO.companyExecutive;
    await page.goto('/sign-in');
    await settled(page, 'サインイン', page.getByRole('button', { name: UI.ja.demoFill(user) }));
    await checkAccessibility(page, testInfo, 'sign-in');

    await page.getByRole('button', { name: UI.ja.demoFill(user) }).click();
    await page.getByRole('button', { name: 'サインイン', exact: true }).click();
    await settled(page, '二要素認証', page.getByRole('textbox', { name: '確認コード（6桁）' }));
    await checkAccessibility(page, testInfo, 'second-factor');

    await page.getByRole('button', { name: '認証アプリを使えない場合（リカバリーコードを使う）' }).click();
    await settled(page, '二要素認証', page.getByRole('textbox', { name: 'リカバリーコード' }));
    await checkAccessibility(page, testInfo, 'second-factor-recovery');
  });

  test('pages of the signed-in app', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const user = DEMO.metiAdmin;
    await signIn(page, user);

    const screens: { name: string; path: string; heading: string; content: Locator }[] = [
      { name: 'home', path: '/', heading: 'ホーム', content: page.getByText(`${user.displayName} さん、こんにちは`) },
      {
        name: 'users',
        path: '/admin/users',
        heading: 'ユーザー管理',
        content: page.getByRole('row').filter({ hasText: user.email }),
      },
      {
        name: 'audit',
        path: '/audit',
        heading: '監査ログ',
        content: page.getByRole('row').filter({ has: page.getByRole('cell') }),
      },
      {
        name: 'catalogues-technologies',
        path: '/catalogues?tab=technologies',
        heading: '参照カタログ',
        content: page.getByRole('table', { name: /^技術管理対話スキームの重要管理対象技術/ }),
      },
      {
        name: 'catalogues-countries',
        path: '/catalogues?tab=countries',
        heading: '参照カタログ',
        content: page.getByRole('table', { name: '国・地域とグループA への該当状況' }),
      },
      {
        name: 'catalogues-end-users',
        path: '/catalogues?tab=end-users',
        heading: '参照カタログ',
        content: page.getByRole('table', { name: '外国ユーザーリスト' }),
      },
      {
        name: 'catalogues-versions',
        path: '/catalogues?tab=versions',
        heading: '参照カタログ',
        content: page.getByRole('table', { name: '重要管理対象技術 の版' }),
      },
      {
        name: 'notifications',
        path: '/notifications',
        heading: '通知',
        content: page.getByRole('main').getByText(/通知はありません。|未読/),
      },
      { name: 'outbox', path: '/outbox', heading: '送信メール（デモ）', content: page.getByRole('main') },
      {
        name: 'account',
        path: '/account',
        heading: 'アカウント設定',
        content: page.getByRole('main').getByText(user.email),
      },
    ];

    for (const screen of screens) {
      await test.step(screen.name, async () => {
        await page.goto(screen.path);
        await settled(page, screen.heading, screen.content);
        await checkAccessibility(page, testInfo, screen.name);
      });
    }

    await test.step('audit-event-details', async () => {
      await page.goto('/audit');
      await settled(page, '監査ログ', page.getByRole('row').filter({ has: page.getByRole('cell') }));
      await page
        .getByRole('button', { name: /^連番 \d+ の詳細$/ })
        .first()
        .click();
      await expect(page.getByRole('dialog', { name: /^監査イベント #\d+$/ })).toBeVisible();
      await checkAccessibility(page, testInfo, 'audit-event-details');
    });

    await test.step('invite-dialog', async () => {
      await page.goto('/admin/users');
      await settled(page, 'ユーザー管理', page.getByRole('row').filter({ hasText: user.email }));
      await page.getByRole('button', { name: 'ユーザーを招待' }).click();
      const dialog = page.getByRole('dialog', { name: 'ユーザーを招待' });
      await dialog.getByRole('button', { name: '招待を送信' }).click();
      await expect(dialog.getByText('ロールを1つ以上選んでください。')).toBeVisible();
      await checkAccessibility(page, testInfo, 'invite-dialog-with-errors');
    });
  });
  test('technology register screens of a company officer', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await signIn(page, DEMO.companySecurityOfficer);
    const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
    const screens: { name: string; path: string; heading: string; content: Locator }[] = [
      { name: 'register', path: '/register', heading: '技術台帳', content: rows },
      {
        name: 'register-new',
        path: '/register/new',
        heading: '技術の新規登録',
        content: page.getByRole('textbox', { name: /技術コード/ }),
      },
      {
        name: 'register-settings',
        path: '/register/settings',
        heading: '技術台帳の設定',
        content: page.getByRole('textbox').first(),
      },
      { name: 'concentration', path: '/register/concentration', heading: '集中リスク', content: rows },
      { name: 'access-review', path: '/register/access-review', heading: 'アクセス権の点検', content: rows },
      { name: 'people', path: '/people', heading: '人員名簿', content: rows },
    ];
    for (const screen of screens) {
      await test.step(screen.name, async () => {
        await page.goto(screen.path);
        await settled(page, screen.heading, screen.content);
        await checkAccessibility(page, testInfo, screen.name);
      });
    }

    await page.goto('/register?q=MC-016');
    await page.getByRole('link', { name: '車載用高信頼MLCC 製造プロセス一貫技術' }).click();
    const heading = '車載用高信頼MLCC 製造プロセス一貫技術';
    for (const tab of ['概要', '営業秘密', 'アクセス権', 'ノウハウ', '履歴']) {
      await test.step(`technology-${tab}`, async () => {
        await page.getByRole('tab', { name: tab }).click();
        await settled(page, heading, page.getByRole('tabpanel'));
        await checkAccessibility(page, testInfo, `technology-${tab}`);
      });
    }
  });
});
