import { describe, expect, it } from 'vitest';
import {
  formatMailTime,
  renderInvitationMail,
  renderPasswordResetMail,
  renderSecurityNoticeMail,
} from './mail-templates';

const at = new Date('2026-01-08T01:00:00Z');
const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('e-mail templates', () => {
  it('writes times in Japan Standard Time in both languages', () => {
    expect(formatMailTime(at, 'ja')).toBe('2026年1月8日 10:00（日本時間）');
    expect(formatMailTime(at, 'en')).toBe('8 January 2026 at 10:00 (Japan Standard Time)');
  });

  const invitation = (language: 'ja' | 'en' | null) =>
    renderInvitationMail({
      language,
      to: 'new@example.com',
      displayName: '新井 花子',
      inviterName: '佐藤 美咲',
      organisation: { nameJa: '株式会社みなと', nameEn: 'Minato Co., Ltd.' },
      roles: ['security_officer', 'hr'],
      link: 'https://kakine.example/invite?token=abc',
      expiresAt: at,
    });

  it('sends an invitation in both languages, Japanese first, when the language is unknown', () => {
    const mail = invitation(null);
    expect(mail.to).toBe('new@example.com');
    expect(mail.subject).toBe('【Kakine】株式会社みなとからの招待 / [Kakine] Invitation from Minato Co., Ltd.');
    expect(mail.text.indexOf('新井 花子 様')).toBeLessThan(mail.text.indexOf('Dear 新井 花子,'));
    expect(mail.text).toContain('付与されるロール: 経済安全保障・輸出管理担当、人事担当');
    expect(mail.text).toContain('Your roles: Economic-security / export-control officer, HR');
    expect(mail.text.match(/https:\/\/kakine\.example\/invite\?token=abc/g)).toHaveLength(2);
    expect(mail.text).toContain('2026年1月8日 10:00（日本時間）');
  });

  it('sends one language when it is known', () => {
    const ja = invitation('ja');
    expect(ja.subject).toBe('【Kakine】株式会社みなとからの招待');
    expect(ja.text).not.toContain('Dear');
    const en = invitation('en');
    expect(en.subject).toBe('[Kakine] Invitation from Minato Co., Ltd.');
    expect(en.text.replace('新井 花子', '').replace('佐藤 美咲', '')).not.toMatch(japanese);
  });

  it('renders the password reset and security notices', () => {
    const reset = renderPasswordResetMail({
      language: 'en',
      to: 'u@example.com',
      displayName: 'Alex',
      link: 'https://kakine.example/reset-password?token=xyz',
      expiresAt: at,
    });
    expect(reset.subject).toBe('[Kakine] Reset your password');
    expect(reset.text).toContain('https://kakine.example/reset-password?token=xyz');
    expect(reset.text).toContain('works only once');
    const notice = renderSecurityNoticeMail({
      language: 'ja',
      to: 'u@example.com',
      displayName: '佐藤 美咲',
      notice: 'password_changed',
      at,
      baseUrl: 'https://kakine.example',
    });
    expect(notice.subject).toBe('【Kakine】パスワードが変更されました');
    expect(notice.text).toContain(
      '2026年1月8日 10:00（日本時間）に、Kakine（垣根）のアカウント（u@example.com）のパスワードが変更されました。',
    );
  });
});
