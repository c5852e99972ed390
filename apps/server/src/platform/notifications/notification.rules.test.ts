import { describe, expect, it } from 'vitest';
import {
  assertValidNotification,
  isInAppLink,
  renderNotificationEmail,
  toNotificationView,
} from './notification.rules';

describe('isInAppLink', () => {
  it.each([
    ['/prior-reports/123', true],
    ['/jobs/5?tab=log#top', true],
    ['//evil.example/x', false],
    ['/\\evil.example', false],
    ['https://evil.example/', false],
    ['javascript:alert(1)', false],
    ['prior-reports/1', false],
    ['/a\nb', false],
    [`/${'a'.repeat(600)}`, false],
  ])('%j → %s', (link, ok) => {
    expect(isInAppLink(link)).toBe(ok);
  });
});

describe('assertValidNotification', () => {
  const base = {
    kind: 'prior_report.submitted',
    titleJa: '事前報告が提出されました',
    titleEn: 'A prior report was submitted',
  };

  it('accepts a complete notification', () => {
    expect(() => assertValidNotification({ ...base, link: '/prior-reports/1' })).not.toThrow();
  });

  it.each([
    { ...base, kind: 'Bad Kind' },
    { ...base, titleJa: ' ' },
    { ...base, titleEn: 'x'.repeat(201) },
    { ...base, bodyJa: 'x'.repeat(4001) },
    { ...base, link: 'https://evil.example/' },
  ])('rejects %j', (n) => {
    expect(() => assertValidNotification(n)).toThrow();
  });
});

describe('toNotificationView', () => {
  const stored = {
    id: 'b3d6d1a0-1111-4c4c-8c8c-222233334444',
    kind: 'job.finished',
    titleJa: '取込が完了しました',
    titleEn: 'The import finished',
    bodyJa: '1,234件',
    bodyEn: '1,234 rows',
    link: '/jobs/1',
    readAt: null,
    createdAt: new Date('2026-04-01T00:00:00Z'),
  };

  it('picks the language of the caller', () => {
    expect(toNotificationView(stored, 'ja')).toMatchObject({ title: '取込が完了しました', body: '1,234件' });
    expect(toNotificationView(stored, 'en')).toMatchObject({ title: 'The import finished', body: '1,234 rows' });
    expect(toNotificationView(stored, 'en')).toMatchObject({ readAt: null, createdAt: '2026-04-01T00:00:00.000Z' });
  });
});

describe('renderNotificationEmail', () => {
  const n = {
    kind: 'invitation.accepted',
    titleJa: '招待が承諾されました',
    titleEn: 'An invitation was accepted',
    bodyJa: '山田さんが参加しました。',
    bodyEn: 'Yamada joined.',
    link: '/admin/users',
  };

  it('renders the subject and text in the recipient language with an absolute link', () => {
    const ja = renderNotificationEmail(n, 'ja', 'https://kakine.example/');
    expect(ja.subject).toBe('【垣根】招待が承諾されました');
    expect(ja.text).toContain('山田さんが参加しました。\n\nhttps://kakine.example/admin/users');
    const en = renderNotificationEmail(n, 'en', 'https://kakine.example');
    expect(en.subject).toBe('[Kakine] An invitation was accepted');
    expect(en.text).toContain('Yamada joined.');
    expect(en.text).toContain('sent automatically by Kakine');
  });
});
