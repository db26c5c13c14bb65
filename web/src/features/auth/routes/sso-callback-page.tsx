import { useEffect, useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { exchangeSsoCode, type SignInOutcome } from "../api/auth-api";
import { AuthLayout } from "../components/auth-layout";
import { MfaStep } from "../components/sign-in-form";
import { RecoveryCodes, TotpEnrolment } from "../components/totp-enrolment";

const route = getRouteApi("/sso/callback");

/**
 * Where single sign-on comes back (`redirectUri` of the OAuth/SAML login, or the RelayState of an
 * IdP-initiated SAML login): exchanges the one-time code, then the MFA step when one is needed.
 */
export function SsoCallbackPage() {
  const { code } = route.useSearch();
  const navigate = useNavigate();
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [enrolToken, setEnrolToken] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const started = useRef(false);

  const handle = (outcome: SignInOutcome) => {
    if (outcome.kind === "signedIn") void navigate({ to: "/", replace: true });
    else if (outcome.kind === "mfaRequired") setMfaToken(outcome.mfaToken);
    else setEnrolToken(outcome.mfaToken);
  };
  const exchange = useMutation({ mutationFn: exchangeSsoCode, onSuccess: handle });

  useEffect(() => {
    // The code works once: never exchange it twice (StrictMode runs effects twice in development).
    if (code && !started.current) {
      started.current = true;
      exchange.mutate(code);
    }
  }, [code, exchange]);

  const back = (
    <Link to="/sign-in" className="text-primary underline-offset-4 hover:underline">
      {t("sso.backToSignIn")}
    </Link>
  );
  if (recoveryCodes) {
    return (
      <AuthLayout title={t("sso.title")}>
        <RecoveryCodes codes={recoveryCodes} onDone={() => void navigate({ to: "/", replace: true })} />
      </AuthLayout>
    );
  }
  if (enrolToken) {
    return (
      <AuthLayout title={t("sso.title")} footer={back}>
        <div className="grid gap-4">
          <Alert variant="info">{t("signIn.mfaSetupRequired")}</Alert>
          <TotpEnrolment mfaToken={enrolToken} onEnabled={setRecoveryCodes} />
        </div>
      </AuthLayout>
    );
  }
  if (mfaToken) {
    return (
      <AuthLayout title={t("sso.title")}>
        <MfaStep mfaToken={mfaToken} onOutcome={handle} onBack={() => void navigate({ to: "/sign-in" })} />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t("sso.title")} footer={back}>
      {!code ? (
        <Alert variant="error">{t("sso.missingCode")}</Alert>
      ) : exchange.isError ? (
        <Alert variant="error">{errorMessage(exchange.error, { 400: "sso.expired" })}</Alert>
      ) : (
        <p role="status" className="text-sm text-muted-foreground">
          {t("sso.signingIn")}
        </p>
      )}
    </AuthLayout>
  );
}
