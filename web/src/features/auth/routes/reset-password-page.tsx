import { type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { NewPasswordField } from "@/features/auth/components/new-password-field";
import { t } from "@/lib/i18n";
import { resetPassword } from "../api/auth-api";
import { formErrorsOf, useFormErrors } from "../api/use-form-errors";
import { AuthLayout } from "../components/auth-layout";
import * as check from "../components/validate";

const route = getRouteApi("/reset-password");

export function ResetPasswordPage() {
  const { token } = route.useSearch();
  const navigate = useNavigate();
  const [errors, setErrors] = useFormErrors<"password">();
  const mutation = useMutation({
    mutationFn: resetPassword,
    onSuccess: () => void navigate({ to: "/sign-in", search: { notice: "reset" }, replace: true }),
    onError: (error) =>
      setErrors(formErrorsOf(error, ["password"] as const, { 400: "error.token.invalid", 401: "error.token.invalid", 404: "error.token.invalid" })),
  });

  const requestNew = (
    <Link to="/forgot-password" className="text-primary underline-offset-4 hover:underline">
      {t("reset.requestNew")}
    </Link>
  );

  if (!token) {
    return (
      <AuthLayout title={t("reset.title")} footer={requestNew}>
        <Alert variant="error">{t("reset.missingToken")}</Alert>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    const error = check.newPassword(password);
    setErrors({ fields: error ? { password: error } : {} });
    if (!error) {
      mutation.mutate({ token, password });
    }
  };

  return (
    <AuthLayout title={t("reset.title")} description={t("reset.description")} footer={requestNew}>
      <form onSubmit={submit} noValidate className="grid gap-4" aria-label={t("reset.title")}>
        {errors.form && <Alert variant="error">{errors.form}</Alert>}
        <NewPasswordField label={t("auth.newPassword")} error={errors.fields.password} />
        <SubmitButton pending={mutation.isPending} pendingLabel={t("reset.submitting")}>
          {t("reset.submit")}
        </SubmitButton>
      </form>
    </AuthLayout>
  );
}
