import type { AccessRequirement, AccessSubject } from '../lib/abilities';
import { meets } from '../lib/abilities';

/** Identifiers of the screens that exist in the app; each has a label under `nav.<id>`. */
export type ScreenId =
  | 'home'
  | 'register'
  | 'catalogues'
  | 'users'
  | 'audit'
  | 'notifications'
  | 'outbox'
  | 'account'
  | 'concentration'
  | 'accessReview'
  | 'people';

/** The navigation group a screen belongs to. */
export type NavSection = 'work' | 'admin' | 'personal';

/** One navigation entry: a screen that exists, where it lives, and who may open it. */
export type NavItem = {
  id: ScreenId;
  to:
    | '/'
    | '/register'
    | '/catalogues'
    | '/admin/users'
    | '/audit'
    | '/notifications'
    | '/outbox'
    | '/account'
    | '/register/concentration'
    | '/register/access-review'
    | '/people';
  section: NavSection;
  requirement?: AccessRequirement;
};

/**
 * Who may open each screen. Routes and navigation both read this table, so a link is shown exactly when the page
 * would open; the server still checks every request.
 */
export const SCREEN_ACCESS: Record<ScreenId, AccessRequirement | undefined> = {
  home: undefined,
  register: { anyOf: ['register:read'] },
  catalogues: { anyOf: ['catalogue:read'] },
  users: { anyOf: ['users:read', 'users:manage'] },
  audit: { anyOf: ['audit:read'] },
  notifications: { anyOf: ['notifications:read'] },
  outbox: { anyOf: ['outbox:read'], demoOnly: true },
  account: undefined,
  concentration: { anyOf: ['register:read'] },
  // The access review lists grants the caller may manage, so it needs register:create (owners) or the officer.
  accessReview: { anyOf: ['register:create', 'register:manage'] },
  people: { anyOf: ['people:read', 'people:manage'] },
};

/** Every screen of the app in navigation order; only screens that are built appear here. */
export const NAV_ITEMS: readonly NavItem[] = [
  { id: 'home', to: '/', section: 'work', requirement: SCREEN_ACCESS.home },
  { id: 'register', to: '/register', section: 'work', requirement: SCREEN_ACCESS.register },
  { id: 'concentration', to: '/register/concentration', section: 'work', requirement: SCREEN_ACCESS.concentration },
  { id: 'accessReview', to: '/register/access-review', section: 'work', requirement: SCREEN_ACCESS.accessReview },
  { id: 'people', to: '/people', section: 'work', requirement: SCREEN_ACCESS.people },
  { id: 'catalogues', to: '/catalogues', section: 'work', requirement: SCREEN_ACCESS.catalogues },
  { id: 'notifications', to: '/notifications', section: 'work', requirement: SCREEN_ACCESS.notifications },
  { id: 'users', to: '/admin/users', section: 'admin', requirement: SCREEN_ACCESS.users },
  { id: 'audit', to: '/audit', section: 'admin', requirement: SCREEN_ACCESS.audit },
  { id: 'outbox', to: '/outbox', section: 'admin', requirement: SCREEN_ACCESS.outbox },
  { id: 'account', to: '/account', section: 'personal', requirement: SCREEN_ACCESS.account },
];

/** The navigation entries the signed-in user may open, in order. */
export const visibleNavItems = (subject: AccessSubject, items: readonly NavItem[] = NAV_ITEMS): NavItem[] =>
  items.filter((item) => meets(subject, item.requirement));

/** Visible entries grouped by section, leaving out empty sections. */
export const groupNavItems = (items: readonly NavItem[]): { section: NavSection; items: NavItem[] }[] => {
  const order: NavSection[] = ['work', 'admin', 'personal'];
  return order
    .map((section) => ({ section, items: items.filter((item) => item.section === section) }))
    .filter((group) => group.items.length > 0);
};

/**
 * The navigation entry a path belongs to: the longest entry path that is the path itself or a parent of it, so that
 * `/register/concentration` lights up its own entry and not also `/register`; home only for `/` exactly.
 */
export const activeNavTarget = (items: readonly Pick<NavItem, 'to'>[], pathname: string): NavItem['to'] | null => {
  let best: NavItem['to'] | null = null;
  for (const { to } of items) {
    const matches = to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
    if (matches && (best === null || to.length > best.length)) best = to;
  }
  return best;
};
