import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  type RouterHistory,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { getSessionState, signOut, startupSession } from "@/lib/api";
import { NotFound } from "./routes/not-found";
import { RouteError } from "./routes/route-error";

export type RouterContext = { queryClient: QueryClient };

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});

/** Pages for signed-out people: a signed-in visitor goes to the app instead. */
async function redirectWhenSignedIn() {
  await startupSession();
  if (getSessionState().status === "signedIn") {
    throw redirect({ to: "/", replace: true });
  }
}

type SignInSearch = { redirect?: string | undefined; notice?: "invitation" | "reset" | undefined; email?: string | undefined };

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  validateSearch: (search: Record<string, unknown>): SignInSearch => ({
    redirect: optionalString(search.redirect),
    notice: search.notice === "invitation" || search.notice === "reset" ? search.notice : undefined,
    email: optionalString(search.email),
  }),
  beforeLoad: redirectWhenSignedIn,
  component: lazyRouteComponent(() => import("@/features/auth/routes/sign-in-page"), "SignInPage"),
});

const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-up",
  beforeLoad: redirectWhenSignedIn,
  component: lazyRouteComponent(() => import("@/features/auth/routes/sign-up-page"), "SignUpPage"),
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/forgot-password",
  component: lazyRouteComponent(() => import("@/features/auth/routes/forgot-password-page"), "ForgotPasswordPage"),
});

type TokenSearch = { token?: string | undefined };
const tokenSearch = (search: Record<string, unknown>): TokenSearch => ({ token: optionalString(search.token) });

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/reset-password",
  validateSearch: tokenSearch,
  component: lazyRouteComponent(() => import("@/features/auth/routes/reset-password-page"), "ResetPasswordPage"),
});

const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/verify-email",
  validateSearch: tokenSearch,
  component: lazyRouteComponent(() => import("@/features/auth/routes/verify-email-page"), "VerifyEmailPage"),
});

const acceptInvitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/accept-invitation",
  validateSearch: tokenSearch,
  component: lazyRouteComponent(() => import("@/features/auth/routes/accept-invitation-page"), "AcceptInvitationPage"),
});

const signOutRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-out",
  beforeLoad: async ({ context }) => {
    await signOut();
    context.queryClient.clear();
    throw redirect({ to: "/sign-in", replace: true });
  },
});

/** Everything behind sign-in: the app shell and its pages. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ location }) => {
    await startupSession();
    if (getSessionState().status !== "signedIn") {
      throw redirect({ to: "/sign-in", search: { redirect: location.href }, replace: true });
    }
  },
  component: lazyRouteComponent(() => import("./routes/app-shell"), "AppShell"),
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  component: lazyRouteComponent(() => import("./routes/home"), "Home"),
});

function placeholder<P extends string>(path: P, section: "nav.shards" | "nav.dashboards" | "nav.search" | "nav.admin") {
  return createRoute({
    getParentRoute: () => appRoute,
    path,
    staticData: { section },
    component: lazyRouteComponent(() => import("./routes/placeholder"), "Placeholder"),
  });
}

const routeTree = rootRoute.addChildren([
  signInRoute,
  signUpRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  verifyEmailRoute,
  acceptInvitationRoute,
  signOutRoute,
  appRoute.addChildren([
    homeRoute,
    placeholder("/shards", "nav.shards"),
    placeholder("/dashboards", "nav.dashboards"),
    placeholder("/search", "nav.search"),
    placeholder("/admin", "nav.admin"),
  ]),
]);

export function createAppRouter(queryClient: QueryClient, history?: RouterHistory) {
  return createRouter({
    routeTree,
    context: { queryClient },
    ...(history && { history }),
    defaultPreload: "intent",
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
  interface StaticDataRouteOption {
    section?: "nav.shards" | "nav.dashboards" | "nav.search" | "nav.admin";
  }
}
