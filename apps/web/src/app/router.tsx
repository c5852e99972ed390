import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { AccountPage } from '../features/account/pages/account-page';
import { UsersPage } from '../features/admin/pages/users-page';
import { AuditPage } from '../features/audit/pages/audit-page';
import { EnrolSecondFactorPage } from '../features/auth/pages/enrol-second-factor-page';
import { ForgotPasswordPage } from '../features/auth/pages/forgot-password-page';
import { InvitePage } from '../features/auth/pages/invite-page';
import { ResetPasswordPage } from '../features/auth/pages/reset-password-page';
import { SecondFactorPage } from '../features/auth/pages/second-factor-page';
import { SignInPage } from '../features/auth/pages/sign-in-page';
import { CATALOGUE_TABS, CataloguesPage, type CatalogueTab } from '../features/catalogues/pages/catalogues-page';
import { HomePage } from '../features/home/home-page';
import { NotificationsPage } from '../features/notifications/pages/notifications-page';
import { OutboxPage } from '../features/outbox/pages/outbox-page';
import { PeoplePage } from '../features/people/pages/people-page';
import { parseRegisterSearch, type RegisterSearch } from '../features/register/list-search';
import { AccessReviewPage } from '../features/register/pages/access-review-page';
import { ConcentrationPage } from '../features/register/pages/concentration-page';
import { RegisterListPage } from '../features/register/pages/register-list-page';
import { RegisterSettingsPage } from '../features/register/pages/register-settings-page';
import {
  TECHNOLOGY_TABS,
  TechnologyDetailPage,
  type TechnologyTab,
} from '../features/register/pages/technology-detail-page';
import { EditTechnologyPage, NewTechnologyPage } from '../features/register/pages/technology-form-page';
import { sessionQueryOptions } from '../lib/session';
import { AppLayout } from './app-layout';
import { SCREEN_ACCESS } from './navigation';
import { PublicLayout } from './public-layout';
import { safeRedirect, signedOutTarget, stringParam } from './route-guards';
import { NotFoundPage, RequireAccess, RootErrorPage, RouteErrorPage } from './status-pages';

/** What every route can reach: the query client, so that guards can load the session. */
export type RouterContext = { queryClient: QueryClient };

/** Search parameters of pages that continue to a redirect target after signing in. */
type RedirectSearch = { redirect?: string };
const redirectSearch = (search: Record<string, unknown>): RedirectSearch => ({
  redirect: safeRedirect(search.redirect),
});
const tokenSearch = (search: Record<string, unknown>): { token?: string } => ({ token: stringParam(search.token) });

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RootErrorPage,
});

// Pages used before (or while) signing in.
const publicLayout = createRoute({ getParentRoute: () => rootRoute, id: 'public', component: PublicLayout });

const signInRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: 'sign-in',
  validateSearch: redirectSearch,
  beforeLoad: async ({ context, search }) => {
    const state = await context.queryClient.ensureQueryData(sessionQueryOptions);
    if (state.status === 'signed_in') throw redirect({ href: search.redirect ?? '/' });
  },
  component: SignInPage,
});
const secondFactorRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: 'sign-in/second-factor',
  validateSearch: redirectSearch,
  component: SecondFactorPage,
});
const enrolRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: 'enrol-second-factor',
  validateSearch: redirectSearch,
  component: EnrolSecondFactorPage,
});
const forgotPasswordRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: 'forgot-password',
  component: ForgotPasswordPage,
});
const resetPasswordRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: 'reset-password',
  validateSearch: tokenSearch,
  component: ResetPasswordPage,
});
const inviteRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: 'invite',
  validateSearch: tokenSearch,
  component: InvitePage,
});

// Pages of the signed-in app; the layout's guard sends signed-out users to sign in.
const appLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const state = await context.queryClient.ensureQueryData(sessionQueryOptions);
    if (state.status === 'signed_out') {
      throw redirect({ to: signedOutTarget(state.code), search: { redirect: safeRedirect(location.href) } });
    }
  },
  component: AppLayout,
  errorComponent: RouteErrorPage,
});

const homeRoute = createRoute({ getParentRoute: () => appLayout, path: '/', component: HomePage });
const accountRoute = createRoute({ getParentRoute: () => appLayout, path: 'account', component: AccountPage });
const notificationsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'notifications',
  component: () => (
    <RequireAccess requirement={SCREEN_ACCESS.notifications}>
      <NotificationsPage />
    </RequireAccess>
  ),
});
const cataloguesRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'catalogues',
  validateSearch: (search: Record<string, unknown>): { tab?: CatalogueTab; asOf?: string } => ({
    tab: CATALOGUE_TABS.find((tab) => tab === search.tab),
    asOf: stringParam(search.asOf),
  }),
  component: () => (
    <RequireAccess requirement={SCREEN_ACCESS.catalogues}>
      <CataloguesPage />
    </RequireAccess>
  ),
});
const usersRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'admin/users',
  component: () => (
    <RequireAccess requirement={SCREEN_ACCESS.users}>
      <UsersPage />
    </RequireAccess>
  ),
});
const auditRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'audit',
  component: () => (
    <RequireAccess requirement={SCREEN_ACCESS.audit}>
      <AuditPage />
    </RequireAccess>
  ),
});
const outboxRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'outbox',
  component: () => (
    <RequireAccess requirement={SCREEN_ACCESS.outbox}>
      <OutboxPage />
    </RequireAccess>
  ),
});

const registerRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'register',
  validateSearch: (search: Record<string, unknown>): RegisterSearch => parseRegisterSearch(search),
  component: () => (
    <RequireAccess requirement={SCREEN_ACCESS.register}>
      <RegisterListPage />
    </RequireAccess>
  ),
});
const registerNewRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'register/new',
  component: () => (
    <RequireAccess requirement={{ anyOf: ['register:create', 'register:manage'] }}>
      <NewTechnologyPage />
    </RequireAccess>
  ),
});
const registerSettingsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'register/settings',
  component: () => (
    <RequireAccess requirement={SCREEN_ACCESS.register}>
      <RegisterSettingsPage />
    </RequireAccess>
  ),
});
const technologyRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'register/$id',
  validateSearch: (search: Record<string, unknown>): { tab?: TechnologyTab } => ({
    tab: TECHNOLOGY_TABS.find((tab) => tab !== 'overview' && tab === search.tab),
  }),
  component: () => (
    <RequireAccess requirement={SCREEN_ACCESS.register}>
      <TechnologyDetailPage />
    </RequireAccess>
  ),
});
const technologyEditRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'register/$id/edit',
  component: () => (
    <RequireAccess requirement={{ anyOf: ['register:create', 'register:manage'] }}>
      <EditTechnologyPage />
    </RequireAccess>
  ),
});
const peopleRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'people',
  component: () => (
    <RequireAccess requirement={SCREEN_ACCESS.people}>
      <PeoplePage />
    </RequireAccess>
  ),
});
const concentrationRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'register/concentration',
  component: () => (
    <RequireAccess requirement={SCREEN_ACCESS.concentration}>
      <ConcentrationPage />
    </RequireAccess>
  ),
});
const accessReviewRoute = createRoute({
  getParentRoute: () => appLayout,
  path: 'register/access-review',
  component: () => (
    <RequireAccess requirement={SCREEN_ACCESS.accessReview}>
      <AccessReviewPage />
    </RequireAccess>
  ),
});

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren([
    signInRoute,
    secondFactorRoute,
    enrolRoute,
    forgotPasswordRoute,
    resetPasswordRoute,
    inviteRoute,
  ]),
  appLayout.addChildren([
    homeRoute,
    accountRoute,
    notificationsRoute,
    cataloguesRoute,
    usersRoute,
    auditRoute,
    outboxRoute,
    registerRoute,
    registerNewRoute,
    registerSettingsRoute,
    technologyRoute,
    technologyEditRoute,
    peopleRoute,
    concentrationRoute,
    accessReviewRoute,
  ]),
]);

/** Creates the router with its code-based route tree. */
export const createAppRouter = (queryClient: QueryClient) =>
  createRouter({
    routeTree,
    context: { queryClient },
    notFoundMode: 'root',
    defaultPreload: 'intent',
    defaultErrorComponent: RouteErrorPage,
    scrollRestoration: true,
  });

declare module '@tanstack/react-router' {
  /** Registers the route tree so that links and search parameters are type-checked. */
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
