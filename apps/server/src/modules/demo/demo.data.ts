import type { OrganisationKind } from '@kakine/contracts';

/** The password of every demo account; demo mode only, shown on the sign-in page and in the README. */
export const DEMO_PASSWORD = 'kakine-demo-2026';

/** A demo organisation with one user per role. */
export type DemoOrganisation = {
  key: string;
  kind: OrganisationKind;
  nameJa: string;
  nameEn: string;
  corporateNumber: string | null;
  users: { email: string; displayName: string; roles: string[] }[];
};

/**
 * The organisations and people of the demo story (product.md): a mid-size MLCC maker planning a licence to a firm
 * outside Group A, METI's technology-leakage office, and a TICS certification body. All names are fictional.
 */
export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    key: 'company',
    kind: 'company',
    nameJa: '株式会社みなと精密セラミックス',
    nameEn: 'Minato Precision Ceramics Co., Ltd.',
    corporateNumber: '9990201800016',
    users: [
      { email: 'admin@minato-ceramics.example', displayName: '佐藤 美咲', roles: ['admin'] },
      { email: 'officer@minato-ceramics.example', displayName: '高橋 健一', roles: ['security_officer'] },
      { email: 'tech@minato-ceramics.example', displayName: '伊藤 直樹', roles: ['technology_owner'] },
      { email: 'hr@minato-ceramics.example', displayName: '渡辺 由美', roles: ['hr'] },
      { email: 'legal@minato-ceramics.example', displayName: '山本 修', roles: ['legal'] },
      { email: 'exec@minato-ceramics.example', displayName: '中村 浩二', roles: ['executive_approver'] },
      { email: 'engineer@minato-ceramics.example', displayName: '小林 誠', roles: ['employee'] },
    ],
  },
  {
    key: 'meti',
    kind: 'meti',
    nameJa: '経済産業省 貿易経済安全保障局',
    nameEn: 'METI Trade and Economic Security Bureau',
    corporateNumber: null,
    users: [
      { email: 'admin@meti.example', displayName: '加藤 智子', roles: ['admin'] },
      { email: 'case@meti.example', displayName: '吉田 大輔', roles: ['case_officer'] },
      { email: 'licensing@meti.example', displayName: '山田 彩', roles: ['licensing_officer'] },
      { email: 'outreach@meti.example', displayName: '佐々木 翔', roles: ['outreach_officer'] },
      { email: 'analyst@meti.example', displayName: '山口 恵', roles: ['intelligence_analyst'] },
      { email: 'catalogue@meti.example', displayName: '松本 隆', roles: ['catalogue_admin'] },
    ],
  },
  {
    key: 'certification_body',
    kind: 'certification_body',
    nameJa: '一般社団法人 技術情報管理認証機構',
    nameEn: 'Technology Information Control Certification Organisation',
    corporateNumber: null,
    users: [
      { email: 'admin@tics-cert.example', displayName: '井上 昌平', roles: ['admin'] },
      { email: 'auditor@tics-cert.example', displayName: '木村 真理', roles: ['auditor'] },
      { email: 'advisor@tics-cert.example', displayName: '林 拓也', roles: ['advisor'] },
      { email: 'decision@tics-cert.example', displayName: '清水 香織', roles: ['decision_maker'] },
    ],
  },
];
