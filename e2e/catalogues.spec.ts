import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { DEMO } from './support/accounts';
import { mainNavigation, signIn } from './support/sign-in';

const BUNDLED_TECHNOLOGIES_FILE = fileURLToPath(
  new URL('../catalogues/designated-technologies/2024-12-30.yaml', import.meta.url),
);

/** Opens the reference catalogues from the navigation. */
const openCatalogues = async (page: Page) => {
  await mainNavigation(page).getByRole('link', { name: '参照カタログ' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '参照カタログ' })).toBeVisible();
};

/** The body rows of a table (rows that hold data cells). */
const bodyRows = (page: Page, tableName: string | RegExp) =>
  page
    .getByRole('table', { name: tableName })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

test.describe('reference catalogues', () => {
  test('the METI case officer reads the catalogues as of a date, by Group A and by alias', async ({ page }) => {
    await signIn(page, DEMO.metiCaseOfficer);
    await openCatalogues(page);
    const asOf = page.getByRole('textbox', { name: '基準日' });

    await test.step('designated technologies in force on 2025-01-01 and on 2025-06-09', async () => {
      await asOf.fill('2025-01-01');
      await expect(page).toHaveURL(/asOf=2025-01-01/);
      const technologies = bodyRows(page, /^技術管理対話スキームの重要管理対象技術/);
      await expect(page.getByRole('table', { name: '技術管理対話スキームの重要管理対象技術（10件）' })).toBeVisible();
      await expect(technologies).toHaveCount(10);
      await expect(technologies.first()).toContainText('積層セラミックコンデンサ（MLCC）');

      await asOf.fill('2025-06-09');
      await expect(page).toHaveURL(/asOf=2025-06-09/);
      await expect(page.getByRole('table', { name: '技術管理対話スキームの重要管理対象技術（15件）' })).toBeVisible();
      await expect(technologies).toHaveCount(15);
    });

    await test.step('countries filtered to Group A', async () => {
      await page.getByRole('tab', { name: '国・地域' }).click();
      const countries = bodyRows(page, '国・地域とグループA への該当状況');
      await expect(countries.filter({ hasText: '中華人民共和国' })).toHaveCount(1);
      await page.getByRole('switch', { name: 'グループA のみ表示' }).check();
      await expect(countries).toHaveCount(27);
      await expect(countries.filter({ hasText: '非該当' })).toHaveCount(0);
      await expect(countries.filter({ hasText: '中華人民共和国' })).toHaveCount(0);
      await expect(countries.filter({ hasText: 'US / USA' })).toHaveCount(1);
    });

    await test.step('End User List: search by an alias, with the source attribution', async () => {
      // The list in the catalogue was published on 2025-09-29; today's version applies again.
      await page.getByRole('button', { name: '今日', exact: true }).click();
      await expect(page).not.toHaveURL(/asOf=/);
      await page.getByRole('tab', { name: '外国ユーザーリスト' }).click();
      await expect(page.getByRole('note', { name: '出典' })).toContainText(
        '出典：経済産業省「外国ユーザーリスト」(2025年9月29日)',
      );
      const entries = bodyRows(page, '外国ユーザーリスト');
      await expect(entries.first()).toBeVisible();
      await page.getByRole('searchbox', { name: '名称・別名で検索' }).fill('Islamic Salvation Foundation');
      await expect(entries).toHaveCount(1);
      await expect(entries.first()).toContainText("Al Qa'ida/Islamic Army");
      await expect(entries.first()).toContainText('Islamic Salvation Foundation');
      await expect(page.getByText('出典：経済産業省「外国ユーザーリスト」(2025年9月29日)')).toBeVisible();
    });
  });

  test('the METI catalogue administrator publishes a new designated-technologies version', async ({
    page,
  }, testInfo) => {
    const effectiveFrom = '2027-04-01';
    const label = '重要管理対象技術（2027年4月1日改正・E2E）';
    // A new version's file states its own effective date; it is prepared from the bundled version's file.
    const file = testInfo.outputPath(`designated-technologies-${effectiveFrom}.yaml`);
    const bundled = readFileSync(BUNDLED_TECHNOLOGIES_FILE, 'utf8');
    expect(bundled).toMatch(/^effective_from: 2024-12-30$/m);
    writeFileSync(file, bundled.replace(/^effective_from: 2024-12-30$/m, `effective_from: ${effectiveFrom}`));

    await signIn(page, DEMO.metiCatalogueAdmin);
    await openCatalogues(page);
    await page.getByRole('tab', { name: '版の履歴' }).click();
    await page.getByRole('button', { name: '重要管理対象技術 の新しい版を公開' }).click();

    const dialog = page.getByRole('dialog', { name: '重要管理対象技術：新しい版の公開' });
    await expect(dialog).toBeVisible();
    const choosing = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'カタログファイル' }).click();
    await (await choosing).setFiles(file);
    await expect(dialog.getByRole('button', { name: 'カタログファイル' })).toContainText(`${effectiveFrom}.yaml`);
    await dialog.getByRole('textbox', { name: '発効日' }).fill(effectiveFrom);
    await dialog.getByRole('textbox', { name: '版の名称' }).fill(label);
    await dialog.getByRole('textbox', { name: '出典', exact: true }).fill('経済産業省告示（E2E テスト）');
    await dialog.getByRole('button', { name: '公開を開始' }).click();

    await expect(dialog.getByText('公開処理の状況')).toBeVisible();
    await expect(dialog.getByText('新しい版を公開しました。')).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByText('完了', { exact: true })).toBeVisible();
    await expect(dialog.getByRole('progressbar', { name: '公開処理の状況' })).toHaveAttribute('aria-valuenow', '100');
    await dialog.getByRole('button', { name: '閉じる', exact: true }).last().click();
    await expect(dialog).toBeHidden();

    const history = page.getByRole('region', { name: '重要管理対象技術' });
    const published = history.getByRole('row').filter({ hasText: label });
    await expect(published).toHaveCount(1);
    await expect(published).toContainText('2027年4月1日');
    await expect(published).toContainText('経済産業省告示（E2E テスト）');
    await expect(published.getByRole('cell').nth(3)).toHaveText('15');
    await expect(published).toContainText(`公開者：${DEMO.metiCatalogueAdmin.displayName}`);
  });
});
