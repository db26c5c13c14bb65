import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { ConfirmActionDialog } from "@/components/ui/confirmed-action";
import { ErrorState } from "@/components/ui/error-state";
import { FormField } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { EmailPreferences } from "@/features/notifications/components/email-preferences";
import { formatDateTime } from "@/lib/format";
import { t } from "@/lib/i18n";
import {
  useChangePassword,
  useRevokeSession,
  useSessions,
  sessionsKey,
  useTotpDisable,
  type SessionView,
} from "../api/account-api";
import { formErrorsOf, useFormErrors } from "../api/use-form-errors";
import { meQueryKey, useMe } from "../api/use-session";
import { RecoveryCodes, TotpEnrolment } from "../components/totp-enrolment";
import * as check from "../components/validate";

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  const id = useId();
  return (
    <Card>
      <CardContent className="grid grid-cols-1 gap-4 pt-6">
        <section aria-labelledby={id} className="grid grid-cols-1 gap-4">
          <div className="grid grid-cols-1 gap-1">
            <h2 id={id} className="text-lg font-semibold">
              {title}
            </h2>
            {description && <p className="text-sm text-muted-foreground">{description}</p>}
          </div>
          {children}
        </section>
      </CardContent>
    </Card>
  );
}

/** The signed-in person's own settings: profile, password, two-factor, sessions, emails. */
export function AccountPage() {
  const me = useMe();
  return (
    <div className="mx-auto grid grid-cols-1 max-w-3xl gap-6">
      <PageHeader title={t("account.title")} description={t("account.description")} />
      {me.isPending ? (
        <SkeletonRows label={t("app.loading")} rows={4} />
      ) : me.isError ? (
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <>
          <Section title={t("account.profile")}>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="font-medium">{t("auth.name")}</dt>
              <dd>{me.data.user?.name || "—"}</dd>
              <dt className="font-medium">{t("auth.email")}</dt>
              <dd>{me.data.user?.email}</dd>
              <dt className="font-medium">{t("account.workspace")}</dt>
              <dd>
                {me.data.tenant?.name} <span className="font-mono text-muted-foreground">({me.data.tenant?.slug})</span>
              </dd>
              <dt className="font-medium">{t("account.roles")}</dt>
              <dd className="flex flex-wrap gap-1">
                {(me.data.user?.roles ?? []).map((role) => (
                  <Badge key={role}>{role}</Badge>
                ))}
              </dd>
            </dl>
          </Section>
          <ChangePassword />
          <TwoFactor enabled={!!me.data.user?.mfaEnabled} />
          <Sessions />
          <EmailPreferences />
        </>
      )}
    </div>
  );
}

type PasswordFields = "currentPassword" | "newPassword";

function ChangePassword() {
  const change = useChangePassword();
  const [errors, setErrors] = useFormErrors<PasswordFields>();
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const currentPassword = String(data.get("currentPassword") ?? "");
    const newPassword = String(data.get("newPassword") ?? "");
    const fields = check.validate<PasswordFields>({ currentPassword: check.required(currentPassword), newPassword: check.newPassword(newPassword) });
    setDone(false);
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      queueMicrotask(() => check.focusFirstInvalid(formRef.current));
      return;
    }
    setErrors({ fields: {} });
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setDone(true);
          formRef.current?.reset();
        },
        onError: (error) => setErrors(formErrorsOf(error, ["currentPassword", "newPassword"] as const, { 401: "account.password.wrong" })),
      },
    );
  };

  return (
    <Section title={t("account.password.title")} description={t("account.password.description")}>
      <form ref={formRef} onSubmit={submit} noValidate className="grid grid-cols-1 gap-4" aria-label={t("account.password.title")}>
        {done && <Alert variant="success">{t("account.password.changed")}</Alert>}
        {errors.form && <Alert variant="error">{errors.form}</Alert>}
        <FormField
          label={t("account.password.current")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.fields.currentPassword}
        />
        <FormField
          label={t("auth.newPassword")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint={t("auth.passwordHint")}
          error={errors.fields.newPassword}
        />
        <div>
          <SubmitButton pending={change.isPending} pendingLabel={t("common.saving")}>
            {t("account.password.submit")}
          </SubmitButton>
        </div>
      </form>
    </Section>
  );
}

function TwoFactor({ enabled }: { enabled: boolean }) {
  const disable = useTotpDisable();
  const notify = useToast();
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [disableErrors, setDisableErrors] = useFormErrors<"code" | "password">();

  if (codes) {
    return (
      <Section title={t("account.mfa.title")}>
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      </Section>
    );
  }

  if (enabled) {
    const submitDisable = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const data = new FormData(event.currentTarget);
      const code = String(data.get("code") ?? "").replace(/\s+/g, "");
      const password = String(data.get("password") ?? "");
      if (!code && !password) {
        setDisableErrors({ fields: { code: t("account.mfa.codeOrPassword") } });
        return;
      }
      setDisableErrors({ fields: {} });
      disable.mutate(password ? { password } : { code }, {
        onSuccess: () => notify(t("account.mfa.disabled")),
        onError: (error) => setDisableErrors(formErrorsOf(error, ["code", "password"] as const)),
      });
    };
    return (
      <Section title={t("account.mfa.title")} description={t("account.mfa.onDescription")}>
        <p>
          <Badge variant="success">{t("account.mfa.on")}</Badge>
        </p>
        <form onSubmit={submitDisable} noValidate className="grid grid-cols-1 gap-4" aria-label={t("account.mfa.disable")}>
          {disableErrors.form && <Alert variant="error">{disableErrors.form}</Alert>}
          <FormField label={t("mfa.code")} name="code" autoComplete="one-time-code" error={disableErrors.fields.code} hint={t("account.mfa.disableHint")} />
          <FormField label={t("account.password.current")} name="password" type="password" autoComplete="current-password" error={disableErrors.fields.password} />
          <div>
            <Button type="submit" variant="destructive" disabled={disable.isPending}>
              {t("account.mfa.disable")}
            </Button>
          </div>
        </form>
      </Section>
    );
  }

  return (
    <Section title={t("account.mfa.title")} description={t("account.mfa.offDescription")}>
      <TotpEnrolment
        onEnabled={(recoveryCodes) => {
          setCodes(recoveryCodes);
          void queryClient.invalidateQueries({ queryKey: meQueryKey });
          void queryClient.invalidateQueries({ queryKey: sessionsKey });
        }}
      />
    </Section>
  );
}

function describeDevice(session: SessionView): string {
  const agent = session.userAgent ?? "";
  const browser = /Edg\//.test(agent) ? "Edge" : /Firefox\//.test(agent) ? "Firefox" : /Chrom(e|ium)\//.test(agent) ? "Chrome" : /Safari\//.test(agent) ? "Safari" : undefined;
  const system = /Windows/.test(agent) ? "Windows" : /Mac OS X/.test(agent) ? "macOS" : /Android/.test(agent) ? "Android" : /iPhone|iPad/.test(agent) ? "iOS" : /Linux/.test(agent) ? "Linux" : undefined;
  if (browser && system) return t("account.sessions.device", { browser, system });
  return browser ?? system ?? (agent || t("account.sessions.unknownDevice"));
}

function Sessions() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState<SessionView | null>(null);
  return (
    <Section title={t("account.sessions.title")} description={t("account.sessions.description")}>
      {sessions.isPending ? (
        <SkeletonRows label={t("app.loading")} rows={2} />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Table>
          <caption className="sr-only">{t("account.sessions.title")}</caption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("account.sessions.deviceColumn")}</TableHead>
              <TableHead>{t("account.sessions.ip")}</TableHead>
              <TableHead>{t("account.sessions.started")}</TableHead>
              <TableHead>{t("account.sessions.lastUsed")}</TableHead>
              <TableActionsHead label={t("account.sessions.actions")} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {sessions.data.map((session) => (
              <TableRow key={session.id}>
                <TableCell>
                  <span title={session.userAgent}>{describeDevice(session)}</span>
                  {session.current && (
                    <Badge variant="success" className="ml-2">
                      {t("account.sessions.current")}
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="font-mono text-xs">{session.ip ?? "—"}</TableCell>
                <TableCell className="whitespace-nowrap">{formatDateTime(session.createdAt, { fallback: "—" })}</TableCell>
                <TableCell className="whitespace-nowrap">{formatDateTime(session.lastUsedAt, { fallback: "—" })}</TableCell>
                <TableCell className="text-right">
                  <Button variant="outline" size="sm" onClick={() => setConfirm(session)}>
                    {session.current ? t("account.sessions.signOutHere") : t("account.sessions.revoke")}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ConfirmActionDialog
        open={!!confirm}
        onClose={() => setConfirm(null)}
        title={confirm?.current ? t("account.sessions.signOutHereTitle") : t("account.sessions.revokeTitle")}
        description={confirm ? describeDevice(confirm) : undefined}
        confirmLabel={confirm?.current ? t("account.sessions.signOutHere") : t("account.sessions.revoke")}
        action={() => revoke.mutateAsync(confirm?.id ?? "")}
        // Signing out here leaves the page, which says enough.
        done={confirm?.current ? undefined : t("account.sessions.revoked")}
        onDone={confirm?.current ? () => void navigate({ to: "/sign-out" }) : undefined}
      />
    </Section>
  );
}
