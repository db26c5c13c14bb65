import { createRoute, lazyRouteComponent, redirect } from "@tanstack/react-router";
import { getSessionState, signOut, startupSession } from "@/lib/api";
import { optionalString, rootRoute } from "./root";

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

/** Where single sign-on (OIDC/OAuth, SAML) returns with its one-time code. */
const ssoCallbackRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sso/callback",
  validateSearch: (search: Record<string, unknown>): { code?: string | undefined } => ({ code: optionalString(search.code) }),
  component: lazyRouteComponent(() => import("@/features/auth/routes/sso-callback-page"), "SsoCallbackPage"),
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

export const authRoutes = [
  signInRoute,
  signUpRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  verifyEmailRoute,
  acceptInvitationRoute,
  ssoCallbackRoute,
  signOutRoute,
] as const;
