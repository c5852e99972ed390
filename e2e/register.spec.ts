import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo, test } from '@playwright/test';
import { REGISTER_IMPORT_COLUMNS } from '../packages/contracts/src/register';
import { DEMO } from './support/accounts';
import { mainNavigation, signIn } from './support/sign-in';

/**
 * Runs axe-core (WCAG 2 A and AA rules) on the page as it is now, attaches the result, and records every violation
 * of serious or critical impact without stopping the test.
 */
const checkAccessibility = async (page: Page, testInfo: TestInfo, name: string): Promise<void> => {
  await expect(page.getByRole('status').filter({ hasText: '読み込み中…' })).toHaveCount(0);
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

/** Opens the technology register from the navigation and waits for its rows. */
const openRegister = async (page: Page) => {
  await mainNavigation(page).getByRole('link', { name: '技術台帳' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '技術台帳' })).toBeVisible();
  await expect(registerRows(page).first()).toBeVisible();
};

/** The data rows of the register table. */
const registerRows = (page: Page) =>
  page
    .getByRole('table', { name: /^技術台帳（\d+件）$/ })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

/** Chooses an option of a Mantine Select or MultiSelect (inside `scope`) by the field's label and the option's. */
const choose = async (page: Page, scope: Page | Locator, label: string, option: string | RegExp) => {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page
    .getByRole('option', { name: option, exact: typeof option === 'string' })
    .first()
    .click();
};

test.describe('technology register (技術台帳)', () => {
  test('the security officer registers a technology and finds it by a Japanese substring', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
    const name = '高誘電率セラミックスの焼成プロファイル制御';
    await signIn(page, DEMO.companySecurityOfficer);
    await openRegister(page);
    await checkAccessibility(page, testInfo, 'register-list');

    await test.step('an empty form explains what is missing, in Japanese', async () => {
      await page.getByRole('link', { name: '新規登録' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '技術の新規登録' })).toBeVisible();
      await page.getByRole('button', { name: '登録する' }).click();
      await expect(page.getByRole('alert').filter({ hasText: '入力内容を確認してください' })).toBeVisible();
      await expect(page.getByRole('textbox', { name: '技術コード' })).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText('入力してください。').first()).toBeVisible();
      await checkAccessibility(page, testInfo, 'technology-form-errors');
    });

    await test.step('fill in every part of the technology', async () => {
      await page.getByRole('textbox', { name: '技術コード' }).fill(code);
      await page.getByRole('textbox', { name: '技術名', exact: true }).fill(name);
      await page.getByRole('textbox', { name: '技術名（英語）' }).fill('Firing profile control for high-k ceramics');
      await page.getByRole('textbox', { name: '概要' }).fill('焼成炉の昇温プロファイルと雰囲気制御のノウハウ。');
      const products = page.getByRole('combobox', { name: '使用製品' });
      await products.fill('車載用MLCC');
      await products.press('Enter');
      await choose(page, page, '機密区分', '極秘');
      await page.getByRole('switch', { name: 'コア技術' }).check();
      await page.getByRole('textbox', { name: 'コア技術とする理由' }).fill('歩留まりと信頼性を決める中核工程のため。');
      await choose(page, page, '重要管理対象技術', /積層セラミックコンデンサ/);
      await page.keyboard.press('Escape');
      await expect(page.getByText(/^カタログ：.+から適用）$/)).toBeVisible();

      await page.getByRole('radio', { name: '非該当' }).check();
      await page.getByRole('textbox', { name: '判定者' }).fill('輸出管理室 佐藤');
      await page.getByRole('textbox', { name: '判定日' }).fill('2026-01-15');

      await page.getByRole('button', { name: '拠点を追加' }).click();
      const site = page.getByRole('group', { name: '保管場所 1（拠点）' });
      await site.getByRole('textbox', { name: '拠点名' }).fill('蘇州工場');
      await site.getByRole('combobox', { name: '国・地域' }).fill('中華人民共和国');
      await page
        .getByRole('option', { name: /中華人民共和国/ })
        .first()
        .click();
      await expect(site.getByText('海外拠点')).toBeVisible();

      await page.getByRole('button', { name: 'システム・保管場所を追加' }).click();
      const system = page.getByRole('group', { name: '保管場所 2（システム・保管場所）' });
      await system.getByRole('textbox', { name: 'システム・保管場所の名称' }).fill('開発部ファイルサーバー');
      await system.getByRole('textbox', { name: 'パス・URL' }).fill('\\\\fs01\\開発\\焼成');
      await page.getByRole('textbox', { name: '見直し周期' }).fill('6');
      await checkAccessibility(page, testInfo, 'technology-form-filled');
      await page.getByRole('button', { name: '登録する' }).click();
    });

    await test.step('the technology page shows what was registered', async () => {
      await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
      await expect(page).toHaveURL(/\/register\/[0-9a-f-]{36}$/);
      const header = page.getByRole('main');
      await expect(header.getByText('コア技術', { exact: true }).first()).toBeVisible();
      await expect(header.getByText('海外拠点').first()).toBeVisible();
      const designated = page.getByRole('region', { name: '重要管理対象技術' });
      await expect(designated.getByRole('row').filter({ hasText: '積層セラミックコンデンサ' })).toHaveCount(1);
      const locations = page.getByRole('region', { name: '保管場所' });
      await expect(locations.getByRole('row').filter({ hasText: '蘇州工場' })).toContainText('中華人民共和国');
      await checkAccessibility(page, testInfo, 'technology-overview');

      await page.getByRole('tab', { name: '営業秘密' }).click();
      await expect(
        page.getByText(
          '営業秘密として保護される要件を満たしていない可能性があります（不足：秘密管理性・有用性・非公知性）',
        ),
      ).toBeVisible();
      const secrecy = page.getByRole('form', { name: '秘密管理性の記録' });
      await choose(page, secrecy, '状況', '充足');
      await secrecy.getByRole('button', { name: '秘密管理性を保存' }).click();
      await expect(
        page.getByText('営業秘密として保護される要件を満たしていない可能性があります（不足：有用性・非公知性）'),
      ).toBeVisible();
      await checkAccessibility(page, testInfo, 'technology-trade-secret');

      await page.getByRole('tab', { name: '履歴' }).click();
      const history = page.getByRole('list', { name: '変更履歴' });
      await expect(history.getByRole('listitem')).toHaveCount(2);
      await expect(history.getByRole('listitem').first()).toContainText('秘密管理性');
      await expect(history.getByRole('listitem').first()).toContainText('充足');
      await checkAccessibility(page, testInfo, 'technology-history');
    });

    await test.step('the list finds it by part of its Japanese name', async () => {
      await page.getByRole('link', { name: '技術台帳に戻る' }).click();
      await page.getByRole('searchbox', { name: '技術を検索' }).fill('焼成プロファイル制御');
      await expect(page).toHaveURL(/q=/);
      await expect(registerRows(page)).toHaveCount(1);
      await expect(registerRows(page).first()).toContainText(code);
      await expect(registerRows(page).first()).toContainText('コア技術');
      await expect(registerRows(page).first()).toContainText('重要管理対象技術');
      await expect(registerRows(page).first()).toContainText('海外拠点');
      // The filtered view is in the URL: opening it again shows the same single row.
      await page.reload();
      await expect(registerRows(page)).toHaveCount(1);
    });
  });

  test('the security officer imports a file with errors and takes only the valid rows', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const suffix = Date.now().toString(36).toUpperCase();
    const header = REGISTER_IMPORT_COLUMNS.map((c) => c.ja);
    const row = (values: Partial<Record<(typeof REGISTER_IMPORT_COLUMNS)[number]['key'], string>>) =>
      REGISTER_IMPORT_COLUMNS.map((c) => values[c.key] ?? '');
    const rows = [
      header,
      row({ code: `IMP-${suffix}-1`, nameJa: '誘電体スラリーの分散条件（取り込み）', classification: '秘' }),
      row({ code: `IMP-${suffix}-2`, nameJa: '', classification: '超極秘' }),
      row({ code: `IMP-${suffix}-3`, nameJa: '外部電極ペーストの配合（取り込み）', classification: '社外秘' }),
    ];
    const file = testInfo.outputPath('技術台帳_取り込み.csv');
    const csv = rows.map((r) => r.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\r\n');
    writeFileSync(file, `\uFEFF${csv}\r\n`, 'utf8');

    await signIn(page, DEMO.companySecurityOfficer);
    await openRegister(page);
    await page.getByRole('button', { name: '取り込み' }).click();
    const dialog = page.getByRole('dialog', { name: '技術台帳の取り込み' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('link', { name: 'Excel テンプレート (XLSX)' })).toHaveAttribute(
      'href',
      /\/api\/v1\/register\/import-template\?format=xlsx$/,
    );

    await test.step('the check reports each wrong cell by row and column, and imports nothing yet', async () => {
      const choosing = page.waitForEvent('filechooser');
      await dialog.getByRole('button', { name: '取り込むファイル' }).click();
      await (await choosing).setFiles(file);
      await dialog.getByRole('button', { name: 'ファイルを確認' }).click();
      await expect(dialog.getByRole('heading', { name: '確認結果（まだ取り込んでいません）' })).toBeVisible();
      const summary = dialog.getByRole('list', { name: '件数の内訳' });
      await expect(summary.getByRole('listitem').filter({ hasText: '新規' })).toContainText('2行');
      await expect(summary.getByRole('listitem').filter({ hasText: 'エラー' })).toContainText('1行');
      const issues = dialog.getByRole('table', { name: /^エラーのある行/ }).getByRole('row');
      await expect(issues.filter({ hasText: '技術名' }).filter({ hasText: '3' })).toHaveCount(1);
      await expect(issues.filter({ hasText: '機密区分' }).filter({ hasText: '超極秘' })).toHaveCount(1);
      await expect(dialog.getByRole('button', { name: 'すべて取り込む' })).toBeDisabled();
      await checkAccessibility(page, testInfo, 'register-import-report');
    });

    await test.step('only the valid rows are imported', async () => {
      await dialog.getByRole('button', { name: '正しい行だけ取り込む' }).click();
      await expect(dialog.getByText('取り込みました。')).toBeVisible();
      await dialog.getByRole('button', { name: '閉じる' }).last().click();
      await expect(dialog).toBeHidden();
      await page.getByRole('searchbox', { name: '技術を検索' }).fill(`IMP-${suffix}`);
      await expect(registerRows(page)).toHaveCount(2);
      await expect(registerRows(page).filter({ hasText: '誘電体スラリーの分散条件（取り込み）' })).toHaveCount(1);
      await expect(registerRows(page).filter({ hasText: '外部電極ペーストの配合（取り込み）' })).toHaveCount(1);
    });
  });

  test('an employee sees the names of technologies they may not open, greyed and without a link', async ({
    page,
  }, testInfo) => {
    await signIn(page, DEMO.companyEmployee);
    await openRegister(page);
    const nameOnly = registerRows(page).filter({ hasText: '閲覧権限がありません' });
    await expect(nameOnly.first()).toBeVisible();
    await expect(nameOnly.first().getByRole('link')).toHaveCount(0);
    await expect(page.getByRole('link', { name: '新規登録' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '取り込み' })).toHaveCount(0);
    await checkAccessibility(page, testInfo, 'register-list-employee');

    await test.step('the trade-secret gap view is one click away and kept in the URL', async () => {
      await page.getByRole('link', { name: '営業秘密の要件を満たさない技術' }).click();
      await expect(page).toHaveURL(/tradeSecretGap=true/);
      await expect(page.getByRole('heading', { level: 1, name: '営業秘密の要件を満たさない技術' })).toBeVisible();
      await expect(page.getByRole('switch', { name: /営業秘密要件の不足/ })).toBeChecked();
    });
  });
  test('the security officer meets a concurrent change, archives, restores and deletes a technology', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const code = `E2E-LIFE-${Date.now().toString(36).toUpperCase()}`;
    const name = 'グリーンシート積層の圧着条件（ライフサイクル確認）';
    await signIn(page, DEMO.companySecurityOfficer);
    const session = (await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string };
    const created = await page.request.post('/api/v1/register/technologies', {
      data: { code, nameJa: name, classificationCode: 'secret', description: '最初の概要' },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(created.ok()).toBe(true);
    const { id } = (await created.json()) as { id: string };

    await test.step('a change saved elsewhere meanwhile is not overwritten; the latest version can be loaded', async () => {
      await page.goto(`/register/${id}/edit`);
      await expect(page.getByRole('heading', { level: 1, name: `${name} の編集` })).toBeVisible();
      const other = await page.context().newPage();
      await other.goto(`/register/${id}/edit`);
      await other.getByRole('textbox', { name: '概要' }).fill('別の担当者が書き換えた概要');
      await other.getByRole('button', { name: '変更を保存' }).click();
      await expect(other.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
      await other.close();

      await page.getByRole('combobox', { name: '担当部署' }).fill('積層技術部');
      await page.getByRole('button', { name: '変更を保存' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'ほかの人がこの技術を更新しました' })).toBeVisible();
      await checkAccessibility(page, testInfo, 'technology-form-conflict');
      await page.getByRole('button', { name: '最新の内容を読み込む' }).click();
      await expect(page.getByRole('textbox', { name: '概要' })).toHaveValue('別の担当者が書き換えた概要');
      await page.getByRole('combobox', { name: '担当部署' }).fill('積層技術部');
      await page.getByRole('button', { name: '変更を保存' }).click();
      await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
      await expect(page.getByRole('row').filter({ hasText: '担当部署' })).toContainText('積層技術部');
    });

    await test.step('the history shows each change as before → after', async () => {
      await page.getByRole('tab', { name: '履歴' }).click();
      const entries = page.getByRole('list', { name: '変更履歴' }).getByRole('listitem');
      await expect(entries).toHaveCount(3);
      const latest = entries.first().getByRole('row').filter({ hasText: '担当部署' });
      await expect(latest.getByRole('cell').nth(0)).toHaveText('（なし）');
      await expect(latest.getByRole('cell').nth(1)).toHaveText('積層技術部');
      const description = entries.nth(1).getByRole('row').filter({ hasText: '概要' });
      await expect(description).toContainText('最初の概要');
      await expect(description).toContainText('別の担当者が書き換えた概要');
    });

    await test.step('archive with a reason, then restore', async () => {
      await page.getByRole('button', { name: 'アーカイブ' }).click();
      const archive = page.getByRole('dialog', { name: `「${name}」をアーカイブしますか？` });
      await archive.getByRole('textbox', { name: '理由（任意）' }).fill('製品の生産終了のため');
      await archive.getByRole('button', { name: 'アーカイブ' }).click();
      await expect(page.getByText('この技術はアーカイブされています')).toBeVisible();
      await expect(page.getByRole('link', { name: '編集' })).toHaveCount(0);
      await page.getByRole('button', { name: '復元' }).click();
      await page
        .getByRole('dialog', { name: `「${name}」を復元しますか？` })
        .getByRole('button', { name: '復元' })
        .click();
      await expect(page.getByText('この技術はアーカイブされています')).toHaveCount(0);
      await expect(page.getByRole('link', { name: '編集' })).toBeVisible();
    });

    await test.step('delete after confirming', async () => {
      await page.getByRole('button', { name: '削除' }).click();
      const dialog = page.getByRole('dialog', { name: `「${name}」を削除しますか？` });
      // axe must see the dialog after its opening transition, not half-faded.
      await expect.poll(() => dialog.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
      await checkAccessibility(page, testInfo, 'technology-delete-dialog');
      await dialog.getByRole('button', { name: '削除' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '技術台帳' })).toBeVisible();
      await page.getByRole('searchbox', { name: '技術を検索' }).fill(code);
      await expect(page.getByText(`「${code}」に一致する技術はありません。`)).toBeVisible();
    });

    await test.step('the settings page', async () => {
      await page.getByRole('link', { name: '設定', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: '技術台帳の設定' })).toBeVisible();
      await expect(page.getByRole('textbox', { name: '1位の区分の名称（日本語）' })).toHaveValue('極秘');
      await expect(page.getByRole('radio', { name: '名前のみ表示' })).toBeChecked();
      await checkAccessibility(page, testInfo, 'register-settings');
      // A level added without a name or code is refused on the page, before anything is saved.
      await page.getByRole('button', { name: '区分を追加' }).click();
      await page.getByRole('button', { name: '設定を保存' }).click();
      await expect(page.getByRole('textbox', { name: '5位の区分の名称（日本語）' })).toHaveAttribute(
        'aria-invalid',
        'true',
      );
      await expect(page.getByRole('textbox', { name: '5位の区分のコード' })).toHaveAttribute('aria-invalid', 'true');
      await checkAccessibility(page, testInfo, 'register-settings-errors');
    });
  });
});
