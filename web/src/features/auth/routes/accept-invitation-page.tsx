import { useRef, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormField } from "@/components/ui/form-field";
import { NewPasswordField } from "@/features/auth/components/new-password-field";
import { t } from "@/lib/i18n";
import { acceptInvitation } from "../api/auth-api";
import { formErrorsOf, useFormErrors } from "../api/use-form-errors";
import { AuthLayout } from "../components/auth-layout";
import * as check from "../components/validate";

const route = getRouteApi("/accept-invitation");
type Fields = "name" | "password";

export function AcceptInvitationPage() {
  const { token } = route.useSearch();
  const navigate = useNavigate();
  const [errors, setErrors] = useFormErrors<Fields>();
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: acceptInvitation,
    onSuccess: () => void navigate({ to: "/sign-in", search: { notice: "invitation" }, replace: true }),
    onError: (error) => {
      setErrors(
        formErrorsOf(error, ["name", "password"] as const, {
          400: "error.token.invalid",
          401: "error.token.invalid",
          404: "error.token.invalid",
          410: "error.token.invalid",
        }),
      );
      queueMicrotask(() => check.focusFirstInvalid(formRef.current));
    },
  });

  if (!token) {
    return (
      <AuthLayout title={t("invite.title")}>
        <Alert variant="error">{t("invite.missingToken")}</Alert>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "");
    const password = String(data.get("password") ?? "");
    const fields = check.validate<Fields>({ name: check.required(name), password: check.newPassword(password) });
    setErrors({ fields });
    if (Object.keys(fields).length > 0) {
      queueMicrotask(() => check.focusFirstInvalid(formRef.current));
      return;
    }
    mutation.mutate({ token, name: name.trim(), password });
  };

  return (
    <AuthLayout title={t("invite.title")} description={t("invite.description")}>
      <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4" aria-label={t("invite.title")}>
        {errors.form && <Alert variant="error">{errors.form}</Alert>}
        <FormField label={t("auth.name")} name="name" autoComplete="name" required error={errors.fields.name} />
        <NewPasswordField error={errors.fields.password} />
        <SubmitButton pending={mutation.isPending} pendingLabel={t("invite.submitting")}>
          {t("invite.submit")}
        </SubmitButton>
      </form>
    </AuthLayout>
  );
}
