import type {
  EmploymentType,
  ExportControlStatus,
  PersonStatus,
  RequirementStatus,
  TradeSecretRequirement,
} from '@kakine/contracts';

/*
 * The demo company's people directory and technology register (issue 3, "Demo data"). Every date is an offset in
 * days from the seed date (the Asia/Tokyo date of the clock the demo service runs on), so that the story holds on
 * whatever day the demo is started: the engineer who gave notice always leaves in 30 days, the overdue reviews are
 * always overdue. All names, companies and figures are fictional.
 *
 * The story (product.md, the seed's cases):
 * - Case 3: 岡田 哲也 (M-0009), 主席技師, has been on 車載用高信頼MLCC (MC-016, core, designated MLCC) since its first
 *   experiments and holds every process step 開発A … 生産F at depth 3; nobody else gets past depth 1. He has just
 *   given notice. The know-how map shows the critical concentration; MC-001 and MC-011 show healthy maps.
 * - Case 4: グエン ヴァン ミン (M-0023), a dispatched maintenance worker of 設備保全課 employed by a staffing company,
 *   was given open-ended access to the 極秘 core firing technology MC-011 "for furnace maintenance". The access
 *   review must flag it.
 * - Case 1: general-purpose MLCC production runs at the Penang plant in Malaysia; the plating and termination
 *   know-how kept there fails the secrecy-management requirement.
 * - Need-to-know: 前田 剛 (M-0021) left six weeks ago and still holds a grant; an overseas-sales grant expired.
 */

/** The demo company's departments, as its HR export spells them. */
export const DEMO_DEPARTMENTS = {
  management: '経営企画室',
  techControl: '技術情報管理室',
  it: '情報システム部',
  hr: '総務人事部',
  legal: '法務部',
  materials: '材料開発部',
  stacking: '積層技術部',
  production: '生産技術部',
  quality: '品質保証部',
  maintenance: '設備保全課',
  overseas: '海外事業部',
} as const;

const D = DEMO_DEPARTMENTS;

/** A person of the demo directory; dates are day offsets from the seed date. */
export type DemoPerson = {
  employeeId: string;
  name: string;
  nameKana: string;
  /** The demo user's e-mail when the person has a Kakine account (links the user to the person). */
  email: string | null;
  department: string;
  jobTitle: string;
  employmentType: EmploymentType;
  employer: string | null;
  status: PersonStatus;
  lastWorkingDayOffset: number | null;
  contractEndOffset: number | null;
  notes: string | null;
};

/** Employee id of the senior engineer who has just given notice (Case 3). */
export const DEMO_LEAVING_ENGINEER = 'M-0009';
/** Employee id of the dispatched maintenance worker with access he should not have (Case 4). */
export const DEMO_DISPATCHED_WORKER = 'M-0023';
/** Employee id of the engineer who left and still holds a grant. */
export const DEMO_LEAVER = 'M-0021';
/** Days from the seed date to the leaving engineer's last working day. */
export const DEMO_NOTICE_DAYS = 30;

/** The demo company's people directory (人員名簿). */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    employeeId: 'M-0001',
    name: '森田 康弘',
    nameKana: 'モリタ ヤスヒロ',
    email: null,
    department: D.management,
    jobTitle: '代表取締役社長',
    employmentType: 'officer',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0002',
    name: '中村 浩二',
    nameKana: 'ナカムラ コウジ',
    email: 'exec@minato-ceramics.example',
    department: D.management,
    jobTitle: '取締役 技術本部長',
    employmentType: 'officer',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: '事前報告・ライセンス案件の社内承認者',
  },
  {
    employeeId: 'M-0003',
    name: '高橋 健一',
    nameKana: 'タカハシ ケンイチ',
    email: 'officer@minato-ceramics.example',
    department: D.techControl,
    jobTitle: '室長（技術情報管理責任者）',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0004',
    name: '佐藤 美咲',
    nameKana: 'サトウ ミサキ',
    email: 'admin@minato-ceramics.example',
    department: D.it,
    jobTitle: '課長',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0005',
    name: '伊藤 直樹',
    nameKana: 'イトウ ナオキ',
    email: 'tech@minato-ceramics.example',
    department: D.stacking,
    jobTitle: '部長',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0006',
    name: '渡辺 由美',
    nameKana: 'ワタナベ ユミ',
    email: 'hr@minato-ceramics.example',
    department: D.hr,
    jobTitle: '人事課長',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0007',
    name: '山本 修',
    nameKana: 'ヤマモト オサム',
    email: 'legal@minato-ceramics.example',
    department: D.legal,
    jobTitle: '部長（輸出管理責任者）',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0008',
    name: '小林 誠',
    nameKana: 'コバヤシ マコト',
    email: 'engineer@minato-ceramics.example',
    department: D.stacking,
    jobTitle: '主任',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: '岡田 哲也の元部下',
  },
  {
    employeeId: DEMO_LEAVING_ENGINEER,
    name: '岡田 哲也',
    nameKana: 'オカダ テツヤ',
    email: null,
    department: D.stacking,
    jobTitle: '主席技師',
    employmentType: 'employee',
    employer: null,
    status: 'leaving',
    lastWorkingDayOffset: DEMO_NOTICE_DAYS,
    contractEndOffset: null,
    notes: '車載用MLCCの開発初期から全工程に携わる。退職届を受理（転職先は同業の外資系企業との情報あり）。',
  },
  {
    employeeId: 'M-0010',
    name: '藤田 真由美',
    nameKana: 'フジタ マユミ',
    email: null,
    department: D.materials,
    jobTitle: '課長',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0011',
    name: '西村 拓也',
    nameKana: 'ニシムラ タクヤ',
    email: null,
    department: D.materials,
    jobTitle: '技師',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0012',
    name: '長谷川 聡',
    nameKana: 'ハセガワ サトシ',
    email: null,
    department: D.stacking,
    jobTitle: '課長',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0013',
    name: '村上 麻衣',
    nameKana: 'ムラカミ マイ',
    email: null,
    department: D.stacking,
    jobTitle: '技師',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0014',
    name: '近藤 隆之',
    nameKana: 'コンドウ タカユキ',
    email: null,
    department: D.production,
    jobTitle: '部長',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0015',
    name: '石井 美穂',
    nameKana: 'イシイ ミホ',
    email: null,
    department: D.production,
    jobTitle: '係長',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0016',
    name: '坂本 健太',
    nameKana: 'サカモト ケンタ',
    email: null,
    department: D.quality,
    jobTitle: '部長',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0017',
    name: '遠藤 さくら',
    nameKana: 'エンドウ サクラ',
    email: null,
    department: D.quality,
    jobTitle: '技師',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0018',
    name: '青木 浩',
    nameKana: 'アオキ ヒロシ',
    email: null,
    department: D.maintenance,
    jobTitle: '課長',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0019',
    name: '福田 陽介',
    nameKana: 'フクダ ヨウスケ',
    email: null,
    department: D.overseas,
    jobTitle: '部長（ペナン工場 担当）',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: 'M-0020',
    name: '太田 恵美',
    nameKana: 'オオタ エミ',
    email: null,
    department: D.overseas,
    jobTitle: '主任',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: DEMO_LEAVER,
    name: '前田 剛',
    nameKana: 'マエダ ツヨシ',
    email: null,
    department: D.stacking,
    jobTitle: '技師',
    employmentType: 'employee',
    employer: null,
    status: 'left',
    lastWorkingDayOffset: -45,
    contractEndOffset: null,
    notes: '自己都合退職。退職時の誓約書は取得済み。',
  },
  {
    employeeId: 'M-0022',
    name: '三浦 智之',
    nameKana: 'ミウラ トモユキ',
    email: null,
    department: D.management,
    jobTitle: '取締役 製造本部長',
    employmentType: 'officer',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
  {
    employeeId: DEMO_DISPATCHED_WORKER,
    name: 'グエン ヴァン ミン',
    nameKana: 'グエン ヴァン ミン',
    email: null,
    department: D.maintenance,
    jobTitle: '設備保守作業員',
    employmentType: 'dispatched',
    employer: '株式会社テクノスタッフサービス',
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: 75,
    notes: '焼成炉・印刷機の保守メンテナンス担当。派遣契約の更新予定なし。',
  },
  {
    employeeId: 'M-0024',
    name: '松井 亮',
    nameKana: 'マツイ リョウ',
    email: null,
    department: D.production,
    jobTitle: '技師',
    employmentType: 'secondee',
    employer: 'みなと電子工業株式会社',
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: 270,
    notes: 'グループ会社からの出向（2年間）',
  },
  {
    employeeId: 'M-0025',
    name: '石川 拓海',
    nameKana: 'イシカワ タクミ',
    email: null,
    department: D.it,
    jobTitle: '生産管理システム開発',
    employmentType: 'contractor',
    employer: '合同会社ソフトクラフト',
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: 150,
    notes: '生産管理ソフト「MINATO-MES」の改修を業務委託',
  },
  {
    employeeId: 'M-0026',
    name: '中島 亜希子',
    nameKana: 'ナカジマ アキコ',
    email: null,
    department: D.production,
    jobTitle: '技師',
    employmentType: 'employee',
    employer: null,
    status: 'active',
    lastWorkingDayOffset: null,
    contractEndOffset: null,
    notes: null,
  },
];

/** A location of a demo technology (see StoredLocation in the register schema). */
export type DemoLocation = {
  kind: 'site' | 'system';
  name: string;
  countryCode: string | null;
  detail: string | null;
};

/** The export-control classification of a demo technology; `assessedDaysAgo` is null when undetermined. */
export type DemoExportControl = {
  status: ExportControlStatus;
  listItemRef: string | null;
  assessorName: string | null;
  assessedDaysAgo: number | null;
};

/** One trade-secret requirement's assessment of a demo technology. */
export type DemoRequirement = {
  requirement: TradeSecretRequirement;
  status: RequirementStatus;
  note: string | null;
  reviewedDaysAgo: number | null;
};

/** A technology of the demo register; dates are day offsets before the seed date. */
export type DemoTechnology = {
  code: string;
  nameJa: string;
  nameEn: string;
  description: string;
  products: string[];
  /** The demo user who owns it; null leaves it with the officer. */
  ownerEmail: string | null;
  department: string;
  classificationCode: 'top_secret' | 'secret' | 'confidential' | 'public';
  isCore: boolean;
  coreReason: string | null;
  designatedCodes: string[];
  exportControl: DemoExportControl;
  locations: DemoLocation[];
  reviewIntervalMonths: number;
  lastReviewedDaysAgo: number | null;
  /** Empty: not assessed yet. */
  requirements: DemoRequirement[];
};

const TECH_OWNER = 'tech@minato-ceramics.example';

const HQ: DemoLocation = {
  kind: 'site',
  name: '本社・浜松工場',
  countryCode: 'JP',
  detail: '静岡県浜松市中央区（架空）',
};
const TOYAMA: DemoLocation = { kind: 'site', name: '富山工場', countryCode: 'JP', detail: '富山県富山市（架空）' };
const PENANG: DemoLocation = {
  kind: 'site',
  name: 'ペナン工場（Minato Precision Ceramics (Malaysia) Sdn. Bhd.）',
  countryCode: 'MY',
  detail: 'Bayan Lepas, Penang, Malaysia',
};
const BANGKOK: DemoLocation = {
  kind: 'site',
  name: 'バンコク技術サポートセンター',
  countryCode: 'TH',
  detail: 'Bangkok, Thailand',
};
const fileServer = (path: string): DemoLocation => ({
  kind: 'system',
  name: '技術ファイルサーバ（fs01）',
  countryCode: null,
  detail: `\\\\fs01\\${path}`,
});
const plm = (detail: string): DemoLocation => ({
  kind: 'system',
  name: 'PLM（製品設計データ管理）',
  countryCode: null,
  detail,
});
const git = (repo: string): DemoLocation => ({
  kind: 'system',
  name: '社内Git（GitLab）',
  countryCode: null,
  detail: `https://git.minato-ceramics.example/${repo}`,
});

/** All three trade-secret requirements at one status, reviewed the same day. */
const allRequirements = (status: RequirementStatus, reviewedDaysAgo: number): DemoRequirement[] =>
  (['secrecy_management', 'usefulness', 'non_public'] as const).map((requirement) => ({
    requirement,
    status,
    note: null,
    reviewedDaysAgo,
  }));

/** All three requirements met except the ones given. */
const requirementsExcept = (
  reviewedDaysAgo: number,
  exceptions: Partial<Record<TradeSecretRequirement, { status: RequirementStatus; note: string }>>,
): DemoRequirement[] =>
  allRequirements('met', reviewedDaysAgo).map((r) => {
    const exception = exceptions[r.requirement];
    return exception ? { ...r, status: exception.status, note: exception.note } : r;
  });

const notControlled = (assessedDaysAgo: number): DemoExportControl => ({
  status: 'not_applicable',
  listItemRef: '外為令別表 1〜15の項 非該当（16の項 キャッチオール規制の対象）',
  assessorName: '山本 修（法務部）',
  assessedDaysAgo,
});
const undetermined: DemoExportControl = {
  status: 'undetermined',
  listItemRef: null,
  assessorName: null,
  assessedDaysAgo: null,
};

const GENERAL = '汎用MLCC（MPC-Gシリーズ）';
const AUTOMOTIVE = '車載用MLCC（MPC-Aシリーズ）';
const HIGH_FREQUENCY = '高周波MLCC（MPC-Hシリーズ）';
const POWDER = 'チタン酸バリウム粉末（外販品 BT-100）';

/** The code of the core technology whose every process step is held by the engineer who gave notice (Case 3). */
export const DEMO_CRITICAL_TECHNOLOGY = 'MC-016';
/** The code of the 極秘 core technology the dispatched maintenance worker may access (Case 4). */
export const DEMO_DISPATCHED_ACCESS_TECHNOLOGY = 'MC-011';

/** The demo company's technology register (技術台帳): 30 technologies across its product lines. */
export const DEMO_TECHNOLOGIES: readonly DemoTechnology[] = [
  {
    code: 'MC-001',
    nameJa: 'チタン酸バリウム粉末 水熱合成技術',
    nameEn: 'Hydrothermal synthesis of barium titanate powder',
    description:
      '粒径100nm以下で粒度分布の狭いチタン酸バリウム（BaTiO₃）粉末を量産する水熱合成の条件（原料比、温度・圧力プロファイル、pH管理）。薄層・高容量MLCCの誘電体の土台となる。',
    products: [POWDER, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.materials,
    classificationCode: 'top_secret',
    isCore: true,
    coreReason:
      '薄層化・高容量化の源泉となる当社独自の合成条件で、他社が最も獲得を望む技術。海外拠点には移転せず、本社工場でのみ製造する。',
    designatedCodes: ['BARIUM_TITANATE'],
    exportControl: notControlled(120),
    locations: [HQ, fileServer('材料開発\\BT粉末\\水熱合成')],
    reviewIntervalMonths: 6,
    lastReviewedDaysAgo: 60,
    requirements: allRequirements('met', 60),
  },
  {
    code: 'MC-002',
    nameJa: 'チタン酸バリウム粉末 固相合成・粒径制御',
    nameEn: 'Solid-state synthesis and particle-size control of barium titanate',
    description: '汎用品向けの固相法によるチタン酸バリウム合成と、仮焼・粉砕による粒径制御の条件。',
    products: [GENERAL, POWDER],
    ownerEmail: null,
    department: D.materials,
    classificationCode: 'secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(300),
    locations: [HQ, TOYAMA, fileServer('材料開発\\BT粉末\\固相法')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 150,
    requirements: allRequirements('met', 150),
  },
  {
    code: 'MC-003',
    nameJa: '誘電体添加剤（希土類）配合設計',
    nameEn: 'Rare-earth additive formulation for dielectrics',
    description: '信頼性（高温負荷寿命）を左右する希土類・マンガン等の添加剤の種類と配合比、その評価データ。',
    products: [AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.materials,
    classificationCode: 'top_secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(200),
    locations: [HQ, fileServer('材料開発\\添加剤配合')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 90,
    requirements: allRequirements('met', 90),
  },
  {
    code: 'MC-004',
    nameJa: '内部電極用ニッケルペースト 配合技術',
    nameEn: 'Nickel paste formulation for inner electrodes',
    description: '薄層印刷に適したニッケル粉末の粒径、共材、バインダ・溶剤の配合と分散条件。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.materials,
    classificationCode: 'secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ, fileServer('材料開発\\内部電極ペースト')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 200,
    requirements: allRequirements('met', 200),
  },
  {
    code: 'MC-005',
    nameJa: '外部電極用銅ペースト',
    nameEn: 'Copper paste for outer terminations',
    description: '外部電極用銅ペーストのガラスフリット組成と粘度管理。',
    products: [GENERAL, AUTOMOTIVE],
    ownerEmail: null,
    department: D.materials,
    classificationCode: 'confidential',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(320),
    locations: [HQ, PENANG, fileServer('材料開発\\外部電極ペースト')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 250,
    requirements: allRequirements('met', 250),
  },
  {
    code: 'MC-006',
    nameJa: '誘電体スラリー調製技術',
    nameEn: 'Dielectric slurry preparation',
    description: '誘電体粉末・バインダ・可塑剤・溶剤の配合と、ビーズミルによる分散条件。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: TECH_OWNER,
    department: D.stacking,
    classificationCode: 'secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(180),
    locations: [HQ, fileServer('積層技術\\スラリー')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 100,
    requirements: allRequirements('met', 100),
  },
  {
    code: 'MC-007',
    nameJa: '誘電体シート薄層成形（1µm以下）',
    nameEn: 'Thin dielectric green-sheet casting (below 1 µm)',
    description: 'ダイコーターによる1µm以下の誘電体グリーンシート成形条件と、欠陥（ピンホール）抑制のノウハウ。',
    products: [AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: TECH_OWNER,
    department: D.stacking,
    classificationCode: 'top_secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(400),
    locations: [HQ, fileServer('積層技術\\シート成形'), plm('PLM 文書番号 ST-0107 ほか')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 420,
    requirements: requirementsExcept(420, {
      secrecy_management: {
        status: 'partially_met',
        note: 'アクセス制限はあるが、「極秘」表示のない旧版の条件表が共有フォルダに残っている。',
      },
    }),
  },
  {
    code: 'MC-008',
    nameJa: '内部電極スクリーン印刷技術',
    nameEn: 'Screen printing of inner electrodes',
    description: '薄層シート上への内部電極の高精度印刷（版設計、印刷条件、乾燥条件）。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: TECH_OWNER,
    department: D.stacking,
    classificationCode: 'secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(180),
    locations: [HQ, fileServer('積層技術\\印刷')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 130,
    requirements: allRequirements('met', 130),
  },
  {
    code: 'MC-009',
    nameJa: '高積層・圧着プロセス',
    nameEn: 'High-layer-count stacking and lamination',
    description: '1,000層を超える積層の位置合わせ、静水圧プレスによる圧着条件、デラミネーション対策。',
    products: [AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: TECH_OWNER,
    department: D.stacking,
    classificationCode: 'top_secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(180),
    locations: [HQ, fileServer('積層技術\\積層圧着')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 160,
    requirements: allRequirements('met', 160),
  },
  {
    code: 'MC-010',
    nameJa: 'チップ切断・バレル研磨',
    nameEn: 'Chip dicing and barrel polishing',
    description: '積層体の切断条件と、角部のバレル研磨条件。',
    products: [GENERAL, AUTOMOTIVE],
    ownerEmail: TECH_OWNER,
    department: D.stacking,
    classificationCode: 'confidential',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ, PENANG],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 240,
    requirements: allRequirements('met', 240),
  },
  {
    code: DEMO_DISPATCHED_ACCESS_TECHNOLOGY,
    nameJa: '還元雰囲気焼成プロファイル',
    nameEn: 'Reducing-atmosphere co-firing profile',
    description:
      'ニッケル内部電極と誘電体を同時焼成する際の脱バインダ・昇温・酸素分圧のプロファイル。歩留まりと信頼性を決める工程で、文書化されていない調整ノウハウが多い。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.production,
    classificationCode: 'top_secret',
    isCore: true,
    coreReason:
      '歩留まりと高温負荷寿命を決める当社固有の焼成条件。海外工場には焼成済みの素体のみを送り、条件そのものは移転しない方針。',
    designatedCodes: [],
    exportControl: notControlled(150),
    locations: [HQ, TOYAMA, fileServer('生産技術\\焼成')],
    reviewIntervalMonths: 6,
    lastReviewedDaysAgo: 230,
    requirements: requirementsExcept(230, {
      secrecy_management: {
        status: 'partially_met',
        note: '派遣の保守作業員にも期限なしのアクセス権が付与されており、アクセス制限の妥当性を確認中。',
      },
    }),
  },
  {
    code: 'MC-012',
    nameJa: '再酸化熱処理',
    nameEn: 'Re-oxidation annealing',
    description: '還元焼成後の誘電体の再酸化条件（温度・雰囲気・時間）。',
    products: [GENERAL, AUTOMOTIVE],
    ownerEmail: null,
    department: D.production,
    classificationCode: 'secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ, TOYAMA],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: null,
    requirements: [],
  },
  {
    code: 'MC-013',
    nameJa: '外部電極塗布・焼付',
    nameEn: 'Outer termination dipping and firing',
    description: 'ディップによる外部電極ペーストの塗布と焼付条件。ペナン工場で量産している。',
    products: [GENERAL],
    ownerEmail: null,
    department: D.production,
    classificationCode: 'confidential',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(500),
    locations: [HQ, PENANG, fileServer('生産技術\\外部電極')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 500,
    requirements: requirementsExcept(500, {
      secrecy_management: {
        status: 'not_met',
        note: 'ペナン工場の作業標準書に機密表示がなく、現地従業員の秘密保持誓約も未取得。',
      },
    }),
  },
  {
    code: 'MC-014',
    nameJa: 'ニッケル・スズめっき技術',
    nameEn: 'Nickel and tin barrel plating',
    description: '外部電極へのNi/Snバレルめっきの浴組成・電流条件と、はんだ濡れ性の管理。',
    products: [GENERAL, AUTOMOTIVE],
    ownerEmail: null,
    department: D.production,
    classificationCode: 'confidential',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(500),
    locations: [PENANG, BANGKOK, fileServer('生産技術\\めっき')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 300,
    requirements: requirementsExcept(300, {
      secrecy_management: {
        status: 'not_met',
        note: 'めっき条件表が現地の協力会社と無制限に共有されている。',
      },
      non_public: {
        status: 'partially_met',
        note: '浴組成の一部は薬品メーカーの公開資料と同じ。',
      },
    }),
  },
  {
    code: 'MC-015',
    nameJa: '汎用MLCC 製品設計（0402・0603）',
    nameEn: 'General-purpose MLCC design (0402, 0603)',
    description: '汎用品の層数・誘電体厚み・電極パターンの設計基準。ペナン工場で量産。',
    products: [GENERAL],
    ownerEmail: TECH_OWNER,
    department: D.stacking,
    classificationCode: 'secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(250),
    locations: [HQ, PENANG, plm('PLM 製品構成 MPC-G')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 110,
    requirements: allRequirements('met', 110),
  },
  {
    code: DEMO_CRITICAL_TECHNOLOGY,
    nameJa: '車載用高信頼MLCC 製造プロセス一貫技術',
    nameEn: 'Automotive-grade high-reliability MLCC, end-to-end process',
    description:
      'AEC-Q200対応の車載用積層セラミックコンデンサ（MLCC）を、誘電体組成の設計から試作評価、積層・焼成の量産条件まで一貫して作り込む技術。開発初期から岡田 哲也が全工程を主導してきた。',
    products: [AUTOMOTIVE],
    ownerEmail: TECH_OWNER,
    department: D.stacking,
    classificationCode: 'top_secret',
    isCore: true,
    coreReason:
      '車載向けの高温・高信頼領域で当社の優位性の中核。工程一式が揃えば他社が同等品を作れるため、工程を分割して管理する必要がある。',
    designatedCodes: ['MLCC'],
    exportControl: notControlled(90),
    locations: [HQ, fileServer('積層技術\\車載MLCC'), plm('PLM 製品構成 MPC-A')],
    reviewIntervalMonths: 6,
    lastReviewedDaysAgo: 100,
    requirements: allRequirements('met', 100),
  },
  {
    code: 'MC-017',
    nameJa: '高周波MLCC 低損失設計',
    nameEn: 'Low-loss high-frequency MLCC design',
    description: '通信・レーダー用途の低ESR・高Q値MLCCの誘電体選定と電極設計。',
    products: [HIGH_FREQUENCY],
    ownerEmail: TECH_OWNER,
    department: D.stacking,
    classificationCode: 'secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: {
      status: 'applicable',
      listItemRef: '外為令別表 7の項(1)（貨物等省令第19条第1項）',
      assessorName: '山本 修（法務部）',
      assessedDaysAgo: 210,
    },
    locations: [HQ, plm('PLM 製品構成 MPC-H')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 210,
    requirements: allRequirements('met', 210),
  },
  {
    code: 'MC-018',
    nameJa: '超小型MLCC（0201）設計',
    nameEn: 'Ultra-small MLCC design (0201)',
    description: '0201サイズの超小型品の設計基準と、ハンドリング・実装評価の知見。',
    products: [GENERAL, HIGH_FREQUENCY],
    ownerEmail: TECH_OWNER,
    department: D.stacking,
    classificationCode: 'secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ, plm('PLM 製品構成 MPC-G 0201')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 60,
    requirements: allRequirements('met', 60),
  },
  {
    code: 'MC-019',
    nameJa: '樹脂電極（ソフトターミネーション）品',
    nameEn: 'Soft-termination MLCC',
    description: '基板たわみによるクラックを防ぐ導電性樹脂電極の材料と形成条件。',
    products: [AUTOMOTIVE],
    ownerEmail: null,
    department: D.materials,
    classificationCode: 'confidential',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: null,
    requirements: [],
  },
  {
    code: 'MC-020',
    nameJa: 'AI外観検査装置',
    nameEn: 'AI-based visual inspection equipment',
    description: '画像処理と機械学習でチップの欠け・クラック・異物を判定する自社開発の外観検査装置と学習データ。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.quality,
    classificationCode: 'secret',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(140),
    locations: [HQ, PENANG, git('quality/visual-inspection')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 140,
    requirements: requirementsExcept(140, {
      non_public: {
        status: 'partially_met',
        note: '照明方式の一部を特許出願しており、公開済みの範囲は営業秘密にならない。',
      },
    }),
  },
  {
    code: 'MC-021',
    nameJa: '電気特性 全数選別装置',
    nameEn: 'Electrical characteristics 100% sorting equipment',
    description: '容量・損失・絶縁抵抗の全数測定と選別の装置、判定アルゴリズム。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.quality,
    classificationCode: 'confidential',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: {
      status: 'applicable',
      listItemRef: '外為令別表 3の2の項（貨物等省令第3条の2）',
      assessorName: '山本 修（法務部）',
      assessedDaysAgo: 330,
    },
    locations: [HQ, PENANG],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 330,
    requirements: allRequirements('met', 330),
  },
  {
    code: 'MC-022',
    nameJa: '加速寿命試験（HALT）条件',
    nameEn: 'Highly accelerated life test conditions',
    description: '高温・高電圧の加速寿命試験の条件と、故障率を推定する換算モデル。',
    products: [AUTOMOTIVE],
    ownerEmail: null,
    department: D.quality,
    classificationCode: 'confidential',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ, fileServer('品質保証\\信頼性試験')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 90,
    requirements: allRequirements('unassessed', 90),
  },
  {
    code: 'MC-023',
    nameJa: '故障解析手法',
    nameEn: 'Failure analysis methods',
    description: '断面研磨・SEM観察による故障解析の手順と事例集。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.quality,
    classificationCode: 'confidential',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(280),
    locations: [HQ, fileServer('品質保証\\故障解析')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 280,
    requirements: allRequirements('met', 280),
  },
  {
    code: 'MC-024',
    nameJa: '生産管理ソフト「MINATO-MES」',
    nameEn: 'Production management software MINATO-MES',
    description: '工程進捗・ロット・設備条件を管理する自社開発の生産管理システム。業務委託先と共同で改修中。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.it,
    classificationCode: 'confidential',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: notControlled(100),
    locations: [HQ, PENANG, git('mes/minato-mes')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 40,
    requirements: requirementsExcept(40, {
      secrecy_management: {
        status: 'partially_met',
        note: '業務委託先の開発環境からもソースコードを閲覧できる。',
      },
    }),
  },
  {
    code: 'MC-025',
    nameJa: 'ロットトレーサビリティシステム',
    nameEn: 'Lot traceability system',
    description: '粉末ロットから出荷リールまでを紐付けるトレーサビリティの仕組み。',
    products: [AUTOMOTIVE],
    ownerEmail: null,
    department: D.it,
    classificationCode: 'confidential',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ, git('mes/traceability')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: null,
    requirements: [],
  },
  {
    code: 'MC-026',
    nameJa: '焼成炉・印刷機 保全マニュアル',
    nameEn: 'Firing kiln and printer maintenance manual',
    description: '焼成炉・スクリーン印刷機の点検手順と消耗部品の交換基準。炉の設定値が含まれる。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.maintenance,
    classificationCode: 'confidential',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ, TOYAMA, fileServer('設備保全\\マニュアル')],
    reviewIntervalMonths: 12,
    lastReviewedDaysAgo: 380,
    requirements: requirementsExcept(380, {
      secrecy_management: {
        status: 'not_met',
        note: '派遣社員を含め誰でも閲覧・ダウンロードでき、ダウンロード時の検知もない。',
      },
    }),
  },
  {
    code: 'MC-027',
    nameJa: 'MLCC製品カタログ・技術資料',
    nameEn: 'MLCC product catalogue and datasheets',
    description: 'ウェブサイトで公開している製品カタログ、データシート、特性グラフ。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.quality,
    classificationCode: 'public',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ],
    reviewIntervalMonths: 24,
    lastReviewedDaysAgo: 200,
    requirements: [],
  },
  {
    code: 'MC-028',
    nameJa: 'RoHS・REACH適合情報',
    nameEn: 'RoHS and REACH compliance information',
    description: '顧客に開示している含有化学物質の調査結果と適合証明。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.quality,
    classificationCode: 'public',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ],
    reviewIntervalMonths: 24,
    lastReviewedDaysAgo: 300,
    requirements: [],
  },
  {
    code: 'MC-029',
    nameJa: '実装ガイドライン（はんだ付け条件）',
    nameEn: 'Mounting guidelines (soldering conditions)',
    description: '顧客向けに公開している推奨ランド寸法・リフロー条件。',
    products: [GENERAL, AUTOMOTIVE, HIGH_FREQUENCY],
    ownerEmail: null,
    department: D.quality,
    classificationCode: 'public',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ],
    reviewIntervalMonths: 24,
    lastReviewedDaysAgo: 800,
    requirements: [],
  },
  {
    code: 'MC-030',
    nameJa: '誘電体材料の評価手法（学会発表済み）',
    nameEn: 'Dielectric material evaluation methods (published)',
    description: '学会で発表済みの誘電率温度特性の評価手法。',
    products: [POWDER],
    ownerEmail: null,
    department: D.materials,
    classificationCode: 'public',
    isCore: false,
    coreReason: null,
    designatedCodes: [],
    exportControl: undetermined,
    locations: [HQ],
    reviewIntervalMonths: 24,
    lastReviewedDaysAgo: 100,
    requirements: [],
  },
];

/** A know-how map of a demo technology: steps in order, and each holder's depth per step (0: none). */
export type DemoKnowHowMap = {
  technologyCode: string;
  steps: { name: string; description: string }[];
  holdings: { employeeId: string; depths: (0 | 1 | 2 | 3)[] }[];
};

/** The demo know-how maps: one critical concentration (Case 3) and two healthy maps. */
export const DEMO_KNOW_HOW_MAPS: readonly DemoKnowHowMap[] = [
  {
    technologyCode: DEMO_CRITICAL_TECHNOLOGY,
    steps: [
      { name: '開発A 誘電体組成設計', description: '高温・高電圧で劣化しにくい誘電体組成と添加剤の設計' },
      { name: '開発B 薄層シート条件開発', description: 'シート厚み・密度と積層数の組み合わせの条件出し' },
      { name: '設計C 積層構造設計', description: '層数・電極オーバーラップ・マージン幅の設計' },
      { name: '試作D 試作・信頼性評価', description: '試作ロットの高温負荷・耐湿負荷試験とAEC-Q200評価' },
      { name: '生産E 積層・圧着量産条件', description: '量産ラインでの積層・圧着・切断の条件' },
      { name: '生産F 焼成・外部電極量産条件', description: '量産炉での焼成プロファイルと外部電極・めっき条件' },
    ],
    holdings: [
      { employeeId: DEMO_LEAVING_ENGINEER, depths: [3, 3, 3, 3, 3, 3] },
      { employeeId: 'M-0010', depths: [1, 0, 0, 0, 0, 0] },
      { employeeId: 'M-0008', depths: [0, 0, 1, 1, 0, 0] },
      { employeeId: 'M-0013', depths: [0, 0, 0, 0, 1, 0] },
      { employeeId: 'M-0012', depths: [0, 0, 0, 0, 0, 1] },
    ],
  },
  {
    technologyCode: 'MC-001',
    steps: [
      { name: '原料調製', description: 'チタン源・バリウム源の秤量と前処理' },
      { name: '水熱合成', description: 'オートクレーブでの温度・圧力・pHの制御' },
      { name: '洗浄・乾燥', description: '不純物イオンの除去と凝集を抑える乾燥' },
      { name: '仮焼・解砕', description: '結晶性を上げる仮焼と解砕' },
      { name: '粒度・結晶性評価', description: 'XRD・SEMによる出荷判定' },
    ],
    holdings: [
      { employeeId: 'M-0010', depths: [3, 3, 3, 2, 1] },
      { employeeId: 'M-0011', depths: [2, 3, 2, 3, 0] },
      { employeeId: 'M-0017', depths: [0, 0, 0, 0, 3] },
      { employeeId: 'M-0016', depths: [0, 0, 0, 0, 2] },
    ],
  },
  {
    technologyCode: DEMO_DISPATCHED_ACCESS_TECHNOLOGY,
    steps: [
      { name: '脱バインダ', description: '有機バインダを残さず抜く昇温条件' },
      { name: '本焼成（還元雰囲気）', description: '酸素分圧と最高温度・保持時間の管理' },
      { name: '再酸化', description: '焼成後の誘電体の再酸化' },
      { name: '焼成炉の条件管理', description: '炉内温度分布の測定と設定値の補正' },
    ],
    holdings: [
      { employeeId: 'M-0014', depths: [3, 3, 2, 0] },
      { employeeId: 'M-0015', depths: [2, 3, 0, 2] },
      { employeeId: 'M-0026', depths: [2, 0, 3, 2] },
      { employeeId: 'M-0018', depths: [0, 2, 2, 3] },
    ],
  },
];

/** A need-to-know access grant of the demo register; days are offsets from the seed date. */
export type DemoGrant = {
  technologyCode: string;
  grantee: { employeeId: string } | { department: string };
  reason: string;
  grantedDaysAgo: number;
  /** Days from the seed date to the expiry (negative: already expired); null: no expiry. */
  expiresInDays: number | null;
  revoked?: { daysAgo: number; reason: string };
};

/** The demo access grants: need-to-know grants plus the findings the access review must show. */
export const DEMO_GRANTS: readonly DemoGrant[] = [
  // Case 4: open-ended access of a dispatched maintenance worker to a 極秘 core technology.
  {
    technologyCode: DEMO_DISPATCHED_ACCESS_TECHNOLOGY,
    grantee: { employeeId: DEMO_DISPATCHED_WORKER },
    reason: '焼成炉の定期保守作業のため（設備保全課より申請）',
    grantedDaysAgo: 210,
    expiresInDays: null,
  },
  // A leaver who still holds access.
  {
    technologyCode: 'MC-009',
    grantee: { employeeId: DEMO_LEAVER },
    reason: '高積層品の圧着条件の改善プロジェクト',
    grantedDaysAgo: 400,
    expiresInDays: null,
  },
  // An expired grant.
  {
    technologyCode: 'MC-007',
    grantee: { employeeId: 'M-0020' },
    reason: 'ペナン工場向け技術説明資料の作成',
    grantedDaysAgo: 120,
    expiresInDays: -20,
  },
  // The engineer who gave notice still holds access to everything he worked on.
  {
    technologyCode: DEMO_CRITICAL_TECHNOLOGY,
    grantee: { employeeId: DEMO_LEAVING_ENGINEER },
    reason: '車載用MLCC開発の主担当',
    grantedDaysAgo: 900,
    expiresInDays: null,
  },
  {
    technologyCode: DEMO_CRITICAL_TECHNOLOGY,
    grantee: { employeeId: 'M-0008' },
    reason: '車載用MLCCの試作評価担当',
    grantedDaysAgo: 200,
    expiresInDays: 165,
  },
  {
    technologyCode: DEMO_CRITICAL_TECHNOLOGY,
    grantee: { employeeId: 'M-0013' },
    reason: '積層・圧着の量産立ち上げ担当',
    grantedDaysAgo: 150,
    expiresInDays: 215,
  },
  {
    technologyCode: 'MC-001',
    grantee: { department: D.materials },
    reason: '材料開発部の担当業務',
    grantedDaysAgo: 500,
    expiresInDays: null,
  },
  {
    technologyCode: 'MC-001',
    grantee: { employeeId: 'M-0017' },
    reason: '出荷判定（粒度・結晶性評価）の担当',
    grantedDaysAgo: 300,
    expiresInDays: 65,
  },
  {
    technologyCode: DEMO_DISPATCHED_ACCESS_TECHNOLOGY,
    grantee: { employeeId: 'M-0014' },
    reason: '焼成工程の責任者',
    grantedDaysAgo: 700,
    expiresInDays: null,
  },
  {
    technologyCode: DEMO_DISPATCHED_ACCESS_TECHNOLOGY,
    grantee: { employeeId: 'M-0015' },
    reason: '焼成条件の日常管理',
    grantedDaysAgo: 400,
    expiresInDays: 330,
  },
  {
    technologyCode: DEMO_DISPATCHED_ACCESS_TECHNOLOGY,
    grantee: { employeeId: 'M-0018' },
    reason: '焼成炉の温度分布測定と補正',
    grantedDaysAgo: 400,
    expiresInDays: 330,
  },
  {
    technologyCode: 'MC-006',
    grantee: { department: D.stacking },
    reason: '積層技術部の担当業務',
    grantedDaysAgo: 600,
    expiresInDays: null,
  },
  {
    technologyCode: 'MC-008',
    grantee: { department: D.stacking },
    reason: '積層技術部の担当業務',
    grantedDaysAgo: 600,
    expiresInDays: null,
  },
  {
    technologyCode: 'MC-010',
    grantee: { department: D.stacking },
    reason: '積層技術部の担当業務',
    grantedDaysAgo: 600,
    expiresInDays: null,
  },
  {
    technologyCode: 'MC-004',
    grantee: { department: D.materials },
    reason: '材料開発部の担当業務',
    grantedDaysAgo: 550,
    expiresInDays: null,
  },
  {
    technologyCode: 'MC-013',
    grantee: { employeeId: 'M-0019' },
    reason: 'ペナン工場の量産管理',
    grantedDaysAgo: 350,
    expiresInDays: 15,
  },
  {
    technologyCode: 'MC-020',
    grantee: { department: D.quality },
    reason: '品質保証部の担当業務',
    grantedDaysAgo: 450,
    expiresInDays: null,
  },
  {
    technologyCode: 'MC-024',
    grantee: { employeeId: 'M-0025' },
    reason: 'MINATO-MES改修の業務委託（契約期間中のみ）',
    grantedDaysAgo: 60,
    expiresInDays: 150,
  },
  {
    technologyCode: 'MC-012',
    grantee: { employeeId: 'M-0024' },
    reason: '再酸化条件の改善テーマ（出向期間中）',
    grantedDaysAgo: 90,
    expiresInDays: 270,
  },
  // A grant revoked at the last review: it shows in the technology's grant list as history.
  {
    technologyCode: 'MC-003',
    grantee: { employeeId: 'M-0020' },
    reason: '海外顧客への技術説明',
    grantedDaysAgo: 300,
    expiresInDays: null,
    revoked: { daysAgo: 90, reason: '説明が終了し、必要がなくなったため' },
  },
];
