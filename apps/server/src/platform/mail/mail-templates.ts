import { type Locale, ROLE_LABELS, type Role } from '@kakine/contracts';
import type { OutgoingMail } from './mailer';

/** The recipient's language, or null when it is not known yet (an invitee): the e-mail then carries both. */
export type MailLanguage = Locale | null;

type Text = { subject: string; body: string };

const SIGNATURE = {
  ja: '--\nKakine（垣根）技術流出対策プラットフォーム\nこのメールは送信専用のアドレスから送られています。',
  en: '--\nKakine, the technology-leakage countermeasures platform\nThis message was sent from an address that does not receive replies.',
};

const JST_JA = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long', timeStyle: 'short' });
const JST_EN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', dateStyle: 'long', timeStyle: 'short' });

/** A time as people in Japan read it, in the given language. */
export const formatMailTime = (at: Date, locale: Locale): string =>
  locale === 'ja' ? `${JST_JA.format(at)}（日本時間）` : `${JST_EN.format(at)} (Japan Standard Time)`;

const roleNames = (roles: readonly string[], locale: Locale): string =>
  roles.map((r) => ROLE_LABELS[r as Role]?.[locale] ?? r).join(locale === 'ja' ? '、' : ', ');

/** Puts the text in the recipient's language, or both (Japanese first) when the language is not known. */
const compose = (language: MailLanguage, to: string, texts: Record<Locale, Text>): OutgoingMail => {
  if (language) {
    const t = texts[language];
    return { to, subject: t.subject, text: `${t.body}\n\n${SIGNATURE[language]}\n` };
  }
  return {
    to,
    subject: `${texts.ja.subject} / ${texts.en.subject}`,
    text:
      `（English follows the Japanese text.）\n\n${texts.ja.body}\n\n${SIGNATURE.ja}\n\n` +
      `────────── English ──────────\n\n${texts.en.body}\n\n${SIGNATURE.en}\n`,
  };
};

/** The invitation e-mail with its single-use link. */
export const renderInvitationMail = (input: {
  language: MailLanguage;
  to: string;
  displayName: string;
  inviterName: string;
  organisation: { nameJa: string; nameEn: string };
  roles: readonly string[];
  link: string;
  expiresAt: Date;
}): OutgoingMail =>
  compose(input.language, input.to, {
    ja: {
      subject: `【Kakine】${input.organisation.nameJa}からの招待`,
      body: [
        `${input.displayName} 様`,
        '',
        `${input.inviterName} さんが、${input.organisation.nameJa} のユーザーとして Kakine（垣根）にあなたを招待しました。`,
        `付与されるロール: ${roleNames(input.roles, 'ja')}`,
        '',
        '次のリンクを開いてパスワードを設定し、続けて二要素認証（認証アプリ）を登録してください。',
        input.link,
        '',
        `このリンクの有効期限は ${formatMailTime(input.expiresAt, 'ja')} です。リンクは一度だけ使えます。`,
        '心当たりがない場合は、このメールを破棄してください。リンクを開かなければアカウントは作成されません。',
      ].join('\n'),
    },
    en: {
      subject: `[Kakine] Invitation from ${input.organisation.nameEn}`,
      body: [
        `Dear ${input.displayName},`,
        '',
        `${input.inviterName} has invited you to Kakine as a user of ${input.organisation.nameEn}.`,
        `Your roles: ${roleNames(input.roles, 'en')}`,
        '',
        'Open the link below to choose your password, then set up two-factor authentication with an authenticator app.',
        input.link,
        '',
        `The link expires on ${formatMailTime(input.expiresAt, 'en')} and works only once.`,
        'If you did not expect this invitation, ignore this e-mail: no account is created unless the link is opened.',
      ].join('\n'),
    },
  });

/** The password reset e-mail with its single-use link. */
export const renderPasswordResetMail = (input: {
  language: MailLanguage;
  to: string;
  displayName: string;
  link: string;
  expiresAt: Date;
}): OutgoingMail =>
  compose(input.language, input.to, {
    ja: {
      subject: '【Kakine】パスワード再設定のご案内',
      body: [
        `${input.displayName} 様`,
        '',
        `Kakine（垣根）のアカウント（${input.to}）のパスワード再設定の依頼を受け付けました。`,
        '次のリンクを開いて、新しいパスワードを設定してください。',
        input.link,
        '',
        `このリンクの有効期限は ${formatMailTime(input.expiresAt, 'ja')} です。リンクは一度だけ使えます。`,
        'パスワードを再設定した後も、サインインには二要素認証が必要です。',
        '',
        '依頼した覚えがない場合は、このメールを破棄してください。パスワードは変更されません。',
        '同じメールが繰り返し届く場合は、組織の管理者にご連絡ください。',
      ].join('\n'),
    },
    en: {
      subject: '[Kakine] Reset your password',
      body: [
        `Dear ${input.displayName},`,
        '',
        `We received a request to reset the password of your Kakine account (${input.to}).`,
        'Open the link below to choose a new password.',
        input.link,
        '',
        `The link expires on ${formatMailTime(input.expiresAt, 'en')} and works only once.`,
        'After the reset you still sign in with your two-factor authentication code.',
        '',
        'If you did not ask for this, ignore this e-mail: your password stays as it is.',
        'If such e-mails keep arriving, tell the administrator of your organisation.',
      ].join('\n'),
    },
  });

/** Security-relevant changes to an account that its owner is told about by e-mail. */
export type SecurityNotice = 'password_changed' | 'password_reset' | 'second_factor_removed' | 'second_factor_reset';

const NOTICE_TEXT: Record<SecurityNotice, Record<Locale, { subject: string; what: string }>> = {
  password_changed: {
    ja: { subject: 'パスワードが変更されました', what: 'パスワードが変更されました' },
    en: { subject: 'Your password was changed', what: 'the password was changed' },
  },
  password_reset: {
    ja: { subject: 'パスワードが再設定されました', what: 'パスワードがメールのリンクから再設定されました' },
    en: { subject: 'Your password was reset', what: 'the password was reset through an e-mailed link' },
  },
  second_factor_removed: {
    ja: { subject: '二要素認証が解除されました', what: '二要素認証が解除されました' },
    en: {
      subject: 'Two-factor authentication was turned off',
      what: 'two-factor authentication was turned off',
    },
  },
  second_factor_reset: {
    ja: {
      subject: '管理者が二要素認証をリセットしました',
      what: '二要素認証が組織の管理者によってリセットされました。次回のサインイン時に再登録が必要です',
    },
    en: {
      subject: 'An administrator reset your two-factor authentication',
      what: 'two-factor authentication was reset by an administrator of your organisation; you will set it up again at your next sign-in',
    },
  },
};

/** Tells an account's owner about a security-relevant change, so that one they did not make is noticed. */
export const renderSecurityNoticeMail = (input: {
  language: MailLanguage;
  to: string;
  displayName: string;
  notice: SecurityNotice;
  at: Date;
  baseUrl: string;
}): OutgoingMail => {
  const ja = NOTICE_TEXT[input.notice].ja;
  const en = NOTICE_TEXT[input.notice].en;
  return compose(input.language, input.to, {
    ja: {
      subject: `【Kakine】${ja.subject}`,
      body: [
        `${input.displayName} 様`,
        '',
        `${formatMailTime(input.at, 'ja')}に、Kakine（垣根）のアカウント（${input.to}）の${ja.what}。`,
        '',
        'ご自身による操作であれば、対応は不要です。',
        '心当たりがない場合は、直ちに組織の管理者に連絡してください。',
        input.baseUrl,
      ].join('\n'),
    },
    en: {
      subject: `[Kakine] ${en.subject}`,
      body: [
        `Dear ${input.displayName},`,
        '',
        `On ${formatMailTime(input.at, 'en')}, ${en.what} for your Kakine account (${input.to}).`,
        '',
        'If this was you, there is nothing more to do.',
        'If it was not, contact the administrator of your organisation at once.',
        input.baseUrl,
      ].join('\n'),
    },
  });
};
