import { type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormField } from "@/components/ui/form-field";
import { t } from "@/lib/i18n";
import { forgotPassword } from "../api/auth-api";
import { formErrorsOf, useFormErrors } from "../api/use-form-errors";
import { AuthLayout } from "../components/auth-layout";
import * as check from "../components/validate";

type Fields = "email" | "tenant";

export function ForgotPasswordPage() {
  const [errors, setErrors] = useFormErrors<Fields>();
  const mutation = useMutation({
    mutationFn: forgotPassword,
    onError: (error) => setErrors(formErrorsOf(error, ["email", "tenant"] as const)),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "");
    const tenant = String(data.get("tenant") ?? "").trim();
    const emailError = check.email(email);
    setErrors({ fields: emailError ? { email: emailError } : {} });
    if (!emailError) {
      mutation.mutate({ email: email.trim(), tenant: tenant || undefined });
    }
  };

  const back = (
    <Link to="/sign-in" className="text-primary underline-offset-4 hover:underline">
      {t("forgot.backToSignIn")}
    </Link>
  );

  return (
    <AuthLayout title={t("forgot.title")} description={t("forgot.description")} footer={back}>
      {mutation.isSuccess ? (
        <Alert variant="success">{t("forgot.sent")}</Alert>
      ) : (
        <form onSubmit={submit} noValidate className="grid gap-4" aria-label={t("forgot.title")}>
          {errors.form && <Alert variant="error">{errors.form}</Alert>}
          <FormField label={t("auth.email")} name="email" type="email" autoComplete="email" required error={errors.fields.email} />
          <FormField
            label={t("auth.tenantSlug")}
            name="tenant"
            hint={t("auth.tenantSlugHint")}
            error={errors.fields.tenant}
          />
          <SubmitButton pending={mutation.isPending} pendingLabel={t("forgot.submitting")}>
          {t("forgot.submit")}
        </SubmitButton>
        </form>
      )}
    </AuthLayout>
  );
}
