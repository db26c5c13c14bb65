import { useEffect, useRef, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { enableTotp, setUpTotp } from "../api/auth-api";
import { formErrorsOf, useFormErrors } from "../api/use-form-errors";
import { QrCode } from "./qr-code";

type TotpEnrolmentProps = {
  /** The enrolment token of a sign-in that requires MFA; absent on the account page. */
  mfaToken?: string | undefined;
  onEnabled: (recoveryCodes: string[]) => void;
};

/**
 * Setting up an authenticator: a new secret (QR code, and the key and otpauth URI as text), then
 * the first code turns it on. During a sign-in the secret is asked for at once.
 */
export function TotpEnrolment({ mfaToken, onEnabled }: TotpEnrolmentProps) {
  const setup = useMutation({ mutationFn: () => setUpTotp(mfaToken) });
  const enable = useMutation({ mutationFn: (code: string) => enableTotp(code, mfaToken) });
  const [errors, setErrors] = useFormErrors<"code">();
  const asked = useRef(false);

  useEffect(() => {
    if (mfaToken && !asked.current) {
      asked.current = true;
      setup.mutate();
    }
  }, [mfaToken, setup]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s+/g, "");
    if (!/^\d{6}$/.test(code)) {
      setErrors({ fields: { code: t("validation.code") } });
      return;
    }
    setErrors({ fields: {} });
    enable.mutate(code, {
      onSuccess: onEnabled,
      onError: (error) => setErrors(formErrorsOf(error, ["code"] as const, { 401: "error.mfa.401" })),
    });
  };

  if (!setup.data) {
    return (
      <div className="grid grid-cols-1 gap-3">
        {setup.isError && <Alert variant="error">{errorMessage(setup.error)}</Alert>}
        {mfaToken ? (
          !setup.isError && <p role="status" className="text-sm text-muted-foreground">{t("app.loading")}</p>
        ) : (
          <div>
            <Button onClick={() => setup.mutate()} disabled={setup.isPending}>
              {setup.isPending ? t("app.loading") : t("account.mfa.setUp")}
            </Button>
          </div>
        )}
      </div>
    );
  }
  return (
    <ol className="grid list-decimal gap-4 pl-5 text-sm">
      <li className="grid grid-cols-1 gap-2">
        <span>{t("account.mfa.step1")}</span>
        <QrCode value={setup.data.otpauthUri ?? ""} label={t("account.mfa.qrLabel")} />
        <details>
          <summary className="cursor-pointer text-primary">{t("account.mfa.cantScan")}</summary>
          <p className="mt-2">{t("account.mfa.secret")}</p>
          <code className="block break-all rounded bg-muted p-2 font-mono">{setup.data.secret}</code>
          <p className="mt-2">{t("account.mfa.uri")}</p>
          <code className="block break-all rounded bg-muted p-2 font-mono text-xs" data-testid="otpauth-uri">
            {setup.data.otpauthUri}
          </code>
        </details>
      </li>
      <li className="grid grid-cols-1 gap-2">
        <span>{t("account.mfa.step2")}</span>
        <form onSubmit={submit} noValidate className="grid grid-cols-1 max-w-xs gap-3" aria-label={t("account.mfa.enable")}>
          {errors.form && <Alert variant="error">{errors.form}</Alert>}
          <FormField label={t("mfa.code")} name="code" inputMode="numeric" autoComplete="one-time-code" required error={errors.fields.code} />
          <div>
            <SubmitButton pending={enable.isPending} pendingLabel={t("mfa.submitting")}>
              {t("account.mfa.enable")}
            </SubmitButton>
          </div>
        </form>
      </li>
    </ol>
  );
}

/** A text file of the recovery codes, offered as a download (a blob: URL, no server round trip). */
function downloadCodes(codes: string[]) {
  const url = URL.createObjectURL(new Blob([`${t("account.mfa.codesFileHeader")}\n\n${codes.join("\n")}\n`], { type: "text/plain" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = "castiel-recovery-codes.txt";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The ten recovery codes, shown once, with copy and download; `onDone` when they are saved. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const notify = useToast();
  return (
    <div className="grid grid-cols-1 gap-4">
      <Alert variant="success">{t("account.mfa.enabled")}</Alert>
      <Alert variant="info" className="border-destructive/50">
        <strong>{t("account.mfa.codesOnce")}</strong> {t("account.mfa.codesHint")}
      </Alert>
      <ol aria-label={t("account.mfa.codes")} className="grid grid-cols-2 gap-2 font-mono text-sm sm:grid-cols-5">
        {codes.map((code) => (
          <li key={code} className="rounded border border-border px-2 py-1 text-center">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          onClick={() =>
            navigator.clipboard
              .writeText(codes.join("\n"))
              .then(() => notify(t("account.mfa.copied")))
              .catch(() => notify(t("account.mfa.copyFailed"), "error"))
          }
        >
          {t("account.mfa.copy")}
        </Button>
        <Button variant="outline" onClick={() => downloadCodes(codes)}>
          {t("account.mfa.download")}
        </Button>
        <Button onClick={onDone}>{t("account.mfa.savedThem")}</Button>
      </div>
    </div>
  );
}
