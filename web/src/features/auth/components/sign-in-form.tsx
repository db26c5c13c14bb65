import { lazy, Suspense, useRef, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormField } from "@/components/ui/form-field";
import { t } from "@/lib/i18n";
import { signIn, verifyMfa, type SignInOutcome } from "../api/auth-api";
import { formErrorsOf, useFormErrors } from "../api/use-form-errors";
import { oauthAuthorizeUrl, samlLoginUrl, useSsoOptions, type OAuthProvider } from "../api/sso-providers";
import * as check from "./validate";

// Only workspaces that require MFA enrol at sign-in: the QR code's code loads when needed.
const TotpEnrolment = lazy(() => import("./totp-enrolment").then((module) => ({ default: module.TotpEnrolment })));
const RecoveryCodes = lazy(() => import("./totp-enrolment").then((module) => ({ default: module.RecoveryCodes })));

type Fields = "email" | "password" | "tenant";
const FIELDS = ["email", "password", "tenant"] as const;

type SignInFormProps = {
  /** Called once a session is open. */
  onSignedIn: () => void;
  initialEmail?: string | undefined;
  /** Also offer the single sign-on the server has configured (OAuth providers, the workspace's SAML). */
  sso?: boolean | undefined;
  /** Leaves the app for a single sign-on URL (a full page load); replaceable in tests. */
  leave?: ((url: string) => void) | undefined;
};

const leavePage = (url: string) => window.location.assign(url);

/** Email and password, then (when the server answers mfaRequired) the authentication code. */
export function SignInForm({ onSignedIn, initialEmail, sso = false, leave = leavePage }: SignInFormProps) {
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const [enrolToken, setEnrolToken] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [errors, setErrors] = useFormErrors<Fields>();
  const formRef = useRef<HTMLFormElement>(null);
  const [tenant, setTenant] = useState("");
  const ssoOptions = useSsoOptions(tenant, sso);

  const handleOutcome = (outcome: SignInOutcome) => {
    if (outcome.kind === "signedIn") {
      onSignedIn();
    } else if (outcome.kind === "mfaRequired") {
      setErrors({ fields: {} });
      setMfaToken(outcome.mfaToken);
    } else {
      setErrors({ fields: {} });
      setEnrolToken(outcome.mfaToken);
    }
  };

  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: handleOutcome,
    onError: (error) => {
      setErrors(formErrorsOf(error, FIELDS, { 401: "error.401" }));
      queueMicrotask(() => check.focusFirstInvalid(formRef.current));
    },
  });

  if (recoveryCodes) {
    return (
      <Suspense fallback={<p role="status">{t("app.loading")}</p>}>
        <RecoveryCodes codes={recoveryCodes} onDone={onSignedIn} />
      </Suspense>
    );
  }

  if (enrolToken) {
    // The workspace requires MFA: set it up now; enabling it finishes the sign-in.
    return (
      <div className="grid gap-4">
        <Alert variant="info">{t("signIn.mfaSetupRequired")}</Alert>
        <Suspense fallback={<p role="status">{t("app.loading")}</p>}>
          <TotpEnrolment mfaToken={enrolToken} onEnabled={setRecoveryCodes} />
        </Suspense>
        <Button variant="link" onClick={() => setEnrolToken(null)}>
          {t("mfa.back")}
        </Button>
      </div>
    );
  }

  if (mfaToken) {
    return (
      <MfaStep
        mfaToken={mfaToken}
        onOutcome={handleOutcome}
        onBack={() => {
          setMfaToken(null);
          mutation.reset();
        }}
      />
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "");
    const password = String(data.get("password") ?? "");
    const tenant = String(data.get("tenant") ?? "").trim();
    const fields = check.validate<Fields>({ email: check.email(email), password: check.required(password), tenant: undefined });
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      queueMicrotask(() => check.focusFirstInvalid(formRef.current));
      return;
    }
    setErrors({ fields: {} });
    mutation.mutate({ email: email.trim(), password, tenant: tenant || undefined });
  };

  const continueWith = (provider: OAuthProvider) => {
    const slug = tenant.trim();
    if (!slug) {
      // OAuth signs in to one workspace: ask for it first.
      setErrors({ fields: { tenant: t("signIn.sso.tenantRequired", { name: provider.name }) } });
      const field = formRef.current?.elements.namedItem("tenant");
      if (field instanceof HTMLInputElement) field.focus();
      return;
    }
    leave(oauthAuthorizeUrl(provider.id, slug));
  };

  const options = sso ? ssoOptions.data : undefined;
  const oauthProviders = options?.oauth ?? [];
  // SAML only for the workspace the answer was about (not a previous one while the next loads).
  const samlTenant = options?.saml === true && options.tenant && options.tenant === tenant.trim() ? options.tenant : null;

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4" aria-label={t("signIn.title")}>
      {errors.form && <Alert variant="error">{errors.form}</Alert>}
      <FormField
        label={t("auth.email")}
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={initialEmail}
        error={errors.fields.email}
      />
      <FormField
        label={t("auth.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.fields.password}
      />
      <FormField
        label={t("auth.tenantSlug")}
        name="tenant"
        autoComplete="organization"
        hint={t("auth.tenantSlugHint")}
        error={errors.fields.tenant}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setTenant(value);
          // The "enter your workspace" prompt (or a server error about it) goes once one is typed.
          if (value.trim() && errors.fields.tenant) {
            setErrors((previous) => {
              const { tenant: _answered, ...fields } = previous.fields;
              return { ...previous, fields: fields as Partial<Record<Fields, string>> };
            });
          }
        }}
      />
      <SubmitButton pending={mutation.isPending} pendingLabel={t("signIn.submitting")}>
          {t("signIn.submit")}
        </SubmitButton>
      {(oauthProviders.length > 0 || samlTenant) && (
        <div className="grid gap-2">
          <div className="flex items-center gap-3 text-xs uppercase text-muted-foreground" aria-hidden="true">
            <span className="h-px flex-1 bg-border" />
            {t("signIn.sso.or")}
            <span className="h-px flex-1 bg-border" />
          </div>
          {oauthProviders.map((provider) => (
            <Button key={provider.id} variant="outline" onClick={() => continueWith(provider)}>
              {t("signIn.sso.oauth", { name: provider.name })}
            </Button>
          ))}
          {samlTenant && (
            <Button variant="outline" onClick={() => leave(samlLoginUrl(samlTenant))}>
              {t("signIn.sso.saml")}
            </Button>
          )}
        </div>
      )}
    </form>
  );
}

type MfaStepProps = { mfaToken: string; onOutcome: (outcome: SignInOutcome) => void; onBack: () => void };

/** The authentication-code step, also used after a single sign-on that needs a second factor. */
export function MfaStep({ mfaToken, onOutcome, onBack }: MfaStepProps) {
  const [errors, setErrors] = useFormErrors<"code">();
  const mutation = useMutation({
    mutationFn: verifyMfa,
    onSuccess: onOutcome,
    onError: (error) => setErrors(formErrorsOf(error, ["code"] as const, { 401: "error.mfa.401" })),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s+/g, "");
    if (!code) {
      setErrors({ fields: { code: t("validation.code") } });
      return;
    }
    setErrors({ fields: {} });
    mutation.mutate({ mfaToken, code });
  };

  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-labelledby="mfa-title">
      <div className="grid gap-1">
        <h2 id="mfa-title" className="text-lg font-semibold">
          {t("mfa.title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("mfa.description")}</p>
      </div>
      {errors.form && <Alert variant="error">{errors.form}</Alert>}
      <FormField
        label={t("mfa.code")}
        name="code"
        autoComplete="one-time-code"
        inputMode="text"
        autoFocus
        required
        error={errors.fields.code}
      />
      <SubmitButton pending={mutation.isPending} pendingLabel={t("mfa.submitting")}>
          {t("mfa.submit")}
        </SubmitButton>
      <Button variant="link" onClick={onBack}>
        {t("mfa.back")}
      </Button>
    </form>
  );
}
