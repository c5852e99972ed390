// Realistic, reproducible technologies of an electronic-components maker for the register benchmarks: Japanese names
// built from product families, elements and process steps (積層セラミックコンデンサ 内部電極印刷技術 …), products,
// departments, classification, core flags, designated technologies, export control and sites at home and abroad.

import type { TechnologyInputParsed } from '@kakine/contracts';

/** A small deterministic pseudo-random generator (mulberry32), so that every run benchmarks the same data. */
export const seededRandom = (seed: number) => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
};

const FAMILIES = [
  {
    ja: '積層セラミックコンデンサ',
    en: 'MLCC',
    products: ['GRM155', 'GRM188', 'GCM155', 'GJM033', 'LLL185'],
    designated: 'MLCC',
  },
  {
    ja: '高耐圧セラミックコンデンサ',
    en: 'high-voltage ceramic capacitor',
    products: ['DEA1X3', 'DHR4E4'],
    designated: 'MLCC',
  },
  {
    ja: 'チタン酸バリウム粉末',
    en: 'barium titanate powder',
    products: ['BT-01', 'BT-03'],
    designated: 'BARIUM_TITANATE',
  },
  { ja: 'チップインダクタ', en: 'chip inductor', products: ['LQM18', 'LQW15', 'LQP03'], designated: null },
  { ja: 'SAWフィルタ', en: 'SAW filter', products: ['SAFFB', 'SAFEA'], designated: 'SAW_BAW_FILTER' },
  { ja: '圧電セラミック素子', en: 'piezoelectric ceramic element', products: ['PKM13', 'PKLCS'], designated: null },
  { ja: 'NTCサーミスタ', en: 'NTC thermistor', products: ['NCP15', 'NCU18'], designated: null },
  { ja: 'フェライトビーズ', en: 'ferrite bead', products: ['BLM15', 'BLM18'], designated: null },
  { ja: 'セラミック多層基板', en: 'multilayer ceramic substrate', products: ['LTCC-A', 'LTCC-B'], designated: null },
  { ja: '誘電体フィルム', en: 'dielectric film', products: ['DF-20', 'DF-35'], designated: 'DIELECTRIC_FILM' },
] as const;

const ELEMENTS = [
  { ja: '誘電体', en: 'dielectric' },
  { ja: '内部電極', en: 'inner electrode' },
  { ja: '外部電極', en: 'outer electrode' },
  { ja: 'ニッケルペースト', en: 'nickel paste' },
  { ja: 'グリーンシート', en: 'green sheet' },
  { ja: 'バインダ', en: 'binder' },
  { ja: '焼結助剤', en: 'sintering aid' },
  { ja: 'めっき層', en: 'plating layer' },
  { ja: 'セラミックスラリー', en: 'ceramic slurry' },
  { ja: '端子電極', en: 'terminal electrode' },
] as const;

const PROCESSES = [
  { ja: '成形', en: 'forming' },
  { ja: '印刷', en: 'printing' },
  { ja: '積層', en: 'stacking' },
  { ja: '圧着', en: 'pressing' },
  { ja: '切断', en: 'cutting' },
  { ja: '脱脂', en: 'debinding' },
  { ja: '焼成', en: 'firing' },
  { ja: '研磨', en: 'polishing' },
  { ja: '分散', en: 'dispersion' },
  { ja: '合成', en: 'synthesis' },
  { ja: '検査', en: 'inspection' },
  { ja: '設計', en: 'design' },
] as const;

const SUFFIXES = ['技術', '条件', '方法', 'ノウハウ', '管理手法', '設計基準'] as const;
const DEPARTMENTS = [
  '開発部',
  '生産技術部',
  '品質保証部',
  '材料技術課',
  '設備技術課',
  '第一製造部',
  '第二製造部',
] as const;
const LEVELS = ['top_secret', 'secret', 'secret', 'confidential', 'confidential', 'confidential', 'public'] as const;
const SITES = [
  { name: '本社工場', countryCode: 'JP', detail: '滋賀県野洲市' },
  { name: '福井工場', countryCode: 'JP', detail: '福井県越前市' },
  { name: '出雲工場', countryCode: 'JP', detail: null },
  { name: 'タイ工場', countryCode: 'TH', detail: 'Ayutthaya' },
  { name: '無錫工場', countryCode: 'CN', detail: '江蘇省無錫市' },
  { name: 'フィリピン工場', countryCode: 'PH', detail: 'Batangas' },
] as const;

const pad = (n: number) => String(n).padStart(6, '0');
const dateDaysBefore = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The `index`-th technology of the benchmark register (code `${prefix}-000123`), as the register's input. Owners are
 * given as placeholders `owner:<n>` that the caller maps to real users.
 */
export const benchTechnology = (
  index: number,
  options: { prefix: string; today: string; owners: readonly string[] },
): TechnologyInputParsed => {
  const random = seededRandom(index * 7919 + 17);
  const family = random.pick(FAMILIES);
  const element = random.pick(ELEMENTS);
  const process = random.pick(PROCESSES);
  const suffix = random.pick(SUFFIXES);
  const generation = random.chance(0.3) ? ` 第${1 + Math.floor(random.next() * 5)}世代` : '';
  const code = `${options.prefix}-${pad(index)}`;
  const isCore = random.chance(0.08);
  const designated = family.designated !== null && random.chance(0.6) ? [family.designated] : [];
  const classified = random.chance(0.7);
  const overseas = random.chance(0.15);
  const locations: TechnologyInputParsed['locations'] = [
    { kind: 'site', ...random.pick(SITES.slice(0, 3)) },
    ...(overseas ? [{ kind: 'site' as const, ...random.pick(SITES.slice(3)) }] : []),
    ...(random.chance(0.5)
      ? [{ kind: 'system' as const, name: '開発ファイルサーバ', countryCode: null, detail: `\\\\fs01\\開発\\${code}` }]
      : []),
  ];
  return {
    code,
    nameJa: `${family.ja} ${element.ja}${process.ja}${suffix}${generation}`,
    nameEn: `${family.en} ${element.en} ${process.en}`,
    description: `${family.ja}の${element.ja}を${process.ja}する工程の温度・時間・雰囲気の条件と、歩留まりを保つための品質管理の方法をまとめたもの。`,
    products: family.products.filter(() => random.chance(0.6)),
    ownerUserId: random.pick(options.owners),
    department: random.pick(DEPARTMENTS),
    classificationCode: random.pick(LEVELS),
    isCore,
    coreReason: isCore ? '競合が再現できていない独自の条件で、製品の小型化と信頼性を支えているため' : null,
    designatedCodes: designated,
    exportControl: classified
      ? {
          status: random.chance(0.1) ? 'applicable' : 'not_applicable',
          listItemRef: random.chance(0.1) ? '外為令別表 2の項' : null,
          assessorName: '輸出管理室',
          assessedOn: dateDaysBefore(options.today, 30 + Math.floor(random.next() * 900)),
          evidenceFileIds: [],
        }
      : { status: 'undetermined', listItemRef: null, assessorName: null, assessedOn: null, evidenceFileIds: [] },
    locations,
    reviewIntervalMonths: random.pick([6, 12, 12, 12, 24]),
    lastReviewedOn: random.chance(0.7) ? dateDaysBefore(options.today, Math.floor(random.next() * 700)) : null,
  };
};
