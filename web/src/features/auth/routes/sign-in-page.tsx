import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { useSession } from "../api/use-session";
import { t } from "@/lib/i18n";
import { AuthLayout } from "../components/auth-layout";
import { SignInForm } from "../components/sign-in-form";

const route = getRouteApi("/sign-in");

export function SignInPage() {
  const { redirect, notice, email } = route.useSearch();
  const navigate = useNavigate();
  const session = useSession();
  const message =
    notice === "invitation"
      ? t("signIn.invitationAccepted")
      : notice === "reset"
        ? t("signIn.passwordReset")
        : session.expired
          ? t("signIn.sessionExpired")
          : undefined;

  return (
    <AuthLayout
      title={t("signIn.title")}
      footer={
        <>
          <Link to="/forgot-password" className="text-primary underline-offset-4 hover:underline">
            {t("signIn.forgot")}
          </Link>
          <p className="text-muted-foreground">
            {t("signIn.noAccount")}{" "}
            <Link to="/sign-up" className="text-primary underline underline-offset-4">
              {t("signIn.signUpLink")}
            </Link>
          </p>
        </>
      }
    >
      {message && (
        <Alert variant="info" className="mb-4">
          {message}
        </Alert>
      )}
      <SignInForm
        initialEmail={email}
        sso
        onSignedIn={() => {
          // Only a path of this app: never an absolute URL (no open redirect).
          const target = redirect && redirect.startsWith("/") && !redirect.startsWith("//") ? redirect : "/";
          void navigate({ to: target, replace: true });
        }}
      />
    </AuthLayout>
  );
}
