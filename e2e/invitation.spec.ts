import { expect, test } from '@playwright/test';
import { DEMO } from './support/accounts';
import { mainNavigation, newDevice, signIn, signOut, submitPassword } from './support/sign-in';
import { recordTotpStep, totpCode, totpStepAt, waitForUnusedTotpStep } from './support/totp';

test('an invited user accepts the invitation, enrols TOTP, keeps recovery codes and signs in again', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const admin = DEMO.companyAdmin;
  const email = `invitee-${Date.now().toString(36)}@minato-ceramics.example`;
  const invitedName = '招待 花子';
  const displayName = '法務 花子';
  const password = 'Minato-e2e-invite-2026!';
  const server = baseURL!;

  // The company administrator invites a new user with the legal role.
  await signIn(page, admin);
  await mainNavigation(page).getByRole('link', { name: 'ユーザー管理' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ユーザー管理' })).toBeVisible();
  await page.getByRole('button', { name: 'ユーザーを招待' }).click();
  const dialog = page.getByRole('dialog', { name: 'ユーザーを招待' });
  await dialog.getByRole('textbox', { name: 'メールアドレス' }).fill(email);
  await dialog.getByRole('textbox', { name: '表示名' }).fill(invitedName);
  await dialog.getByRole('checkbox', { name: '法務担当' }).check();
  await dialog.getByRole('button', { name: '招待を送信' }).click();
  await expect(page.getByText(`${email} に招待を送信しました。`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await page.getByRole('tab', { name: '招待' }).click();
  await expect(page.getByRole('row').filter({ hasText: email })).toContainText('受諾待ち');

  // The invitation e-mail is in the demo outbox; its text carries the link.
  await mainNavigation(page).getByRole('link', { name: '送信メール（デモ）' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '送信メール（デモ）' })).toBeVisible();
  const mailHeader = page.getByRole('button', { name: `宛先：${email}` });
  await expect(mailHeader).toContainText('【Kakine】株式会社みなと精密セラミックスからの招待');
  await mailHeader.click();
  const mailBody = page.getByRole('region', { name: `宛先：${email}` });
  await expect(mailBody).toBeVisible();
  const link = ((await mailBody.textContent()) ?? '').match(/https?:\/\/\S+\/invite\?token=\S+/)?.[0];
  expect(link, 'the invitation e-mail contains an invitation link').toBeTruthy();
  // The mail is bilingual: the Japanese and the English part each carry the link.
  await expect(mailBody.getByRole('link', { name: link })).toHaveCount(2);
  await expect(mailBody.getByRole('link', { name: link }).first()).toHaveAttribute('href', link!);

  // The invitee opens the link on their own device.
  const device = await newDevice(browser, server);
  const invitee = await device.newPage();
  await invitee.goto(link!);
  await expect(invitee.getByRole('heading', { level: 1, name: '招待の受諾' })).toBeVisible();
  await expect(
    invitee.getByText('株式会社みなと精密セラミックス から垣根 Kakine への招待が届いています。'),
  ).toBeVisible();
  await expect(invitee.getByText(email, { exact: true })).toBeVisible();
  await expect(invitee.getByText('法務担当', { exact: true })).toBeVisible();
  const nameField = invitee.getByRole('textbox', { name: '表示名' });
  await expect(nameField).toHaveValue(invitedName);
  await nameField.fill(displayName);
  await invitee.getByRole('textbox', { name: '新しいパスワード', exact: true }).fill(password);
  await invitee.getByRole('textbox', { name: '新しいパスワード（確認）' }).fill(password);
  await invitee.getByRole('button', { name: 'アカウントを作成' }).click();

  // Enrolment: the secret as text, typed into an authenticator app (here: computed by the test).
  const secret = invitee.getByLabel('QR コードを読み取れない場合は、このキーを認証アプリに手入力してください');
  await expect(secret).toHaveText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  await expect(invitee.getByRole('img', { name: '二要素認証の登録用 QR コード' })).toBeVisible();
  const secretText = (await secret.textContent()) ?? '';
  const enrolledAt = Date.now();
  await invitee
    .getByRole('textbox', { name: '認証アプリに表示された確認コード（6桁）' })
    .fill(totpCode(secretText, enrolledAt));
  recordTotpStep(server, email, totpStepAt(enrolledAt));
  await invitee.getByRole('button', { name: '確認して設定を完了' }).click();

  // Recovery codes are shown once; continuing needs the confirmation that they were stored.
  const codeList = invitee.getByRole('list', { name: 'リカバリーコード一覧' });
  await expect(codeList.getByRole('listitem').first()).toBeVisible();
  const recoveryCodes = await codeList.getByRole('listitem').allInnerTexts();
  expect(recoveryCodes.length).toBeGreaterThanOrEqual(8);
  expect(new Set(recoveryCodes).size).toBe(recoveryCodes.length);
  const finish = invitee.getByRole('button', { name: '完了', exact: true });
  await expect(finish).toBeDisabled();
  await invitee.getByRole('checkbox', { name: 'リカバリーコードを安全な場所に保存しました' }).check();
  await finish.click();
  await expect(invitee.getByText('アカウントの準備ができました。')).toBeVisible();
  await invitee.getByRole('button', { name: '垣根 Kakine を使い始める' }).click();

  await expect(invitee.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await expect(invitee.getByText(`${displayName} さん、こんにちは`)).toBeVisible();
  await expect(mainNavigation(invitee).getByRole('link')).toHaveText([
    'ホーム',
    '技術台帳',
    '集中リスク',
    '人員名簿',
    '参照カタログ',
    '通知',
    '監査ログ',
    'アカウント設定',
  ]);

  // Signing in again with the password and one recovery code works once.
  await signOut(invitee, displayName);
  await submitPassword(invitee, email, password);
  await expect(invitee.getByRole('heading', { level: 1, name: '二要素認証' })).toBeVisible();
  await invitee.getByRole('button', { name: '認証アプリを使えない場合（リカバリーコードを使う）' }).click();
  await invitee.getByRole('textbox', { name: 'リカバリーコード' }).fill(recoveryCodes[0]!);
  await invitee.getByRole('button', { name: '確認', exact: true }).click();
  await expect(invitee.getByText(`${displayName} さん、こんにちは`)).toBeVisible();

  await signOut(invitee, displayName);
  await submitPassword(invitee, email, password);
  await invitee.getByRole('button', { name: '認証アプリを使えない場合（リカバリーコードを使う）' }).click();
  const recoveryField = invitee.getByRole('textbox', { name: 'リカバリーコード' });
  await recoveryField.fill(recoveryCodes[0]!);
  await invitee.getByRole('button', { name: '確認', exact: true }).click();
  await expect(invitee.getByText('確認コードが正しくありません。')).toBeVisible();
  await expect(recoveryField).toHaveAttribute('aria-invalid', 'true');

  // Meanwhile the administrator sees the invitation accepted and the new user active with two-factor authentication.
  await page.goto('/admin/users');
  const userRow = page.getByRole('row').filter({ hasText: email });
  await expect(userRow).toContainText(displayName);
  await expect(userRow).toContainText('有効');
  await expect(userRow).toContainText('設定済み');
  await page.getByRole('tab', { name: '招待' }).click();
  await expect(page.getByRole('row').filter({ hasText: email })).toContainText('受諾済み');

  // The authenticator app's code still works (in a new time step: a used one is refused).
  await invitee.getByRole('button', { name: '認証アプリの確認コードを使う' }).click();
  await waitForUnusedTotpStep(server, email);
  const now = Date.now();
  await invitee.getByRole('textbox', { name: '確認コード（6桁）' }).fill(totpCode(secretText, now));
  recordTotpStep(server, email, totpStepAt(now));
  await invitee.getByRole('button', { name: '確認', exact: true }).click();
  await expect(invitee.getByText(`${displayName} さん、こんにちは`)).toBeVisible();
  await device.close();
});
