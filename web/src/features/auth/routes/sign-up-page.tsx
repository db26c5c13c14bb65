import { useRef, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormField } from "@/components/ui/form-field";
import { NewPasswordField } from "@/features/auth/components/new-password-field";
import { t } from "@/lib/i18n";
import { signUp } from "../api/auth-api";
import { formErrorsOf, useFormErrors } from "../api/use-form-errors";
import { AuthLayout } from "../components/auth-layout";
import * as check from "../components/validate";

type Fields = "tenantName" | "name" | "email" | "password";
const FIELDS = ["tenantName", "name", "email", "password"] as const;

export function SignUpPage() {
  const navigate = useNavigate();
  const [errors, setErrors] = useFormErrors<Fields>();
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: signUp,
    onSuccess: () => void navigate({ to: "/", replace: true }),
    onError: (error) => {
      setErrors(formErrorsOf(error, FIELDS));
      queueMicrotask(() => check.focusFirstInvalid(formRef.current));
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (name: Fields) => String(data.get(name) ?? "");
    const fields = check.validate<Fields>({
      tenantName: check.required(value("tenantName")),
      name: check.required(value("name")),
      email: check.email(value("email")),
      password: check.newPassword(value("password")),
    });
    setErrors({ fields });
    if (Object.keys(fields).length > 0) {
      queueMicrotask(() => check.focusFirstInvalid(formRef.current));
      return;
    }
    mutation.mutate({
      tenantName: value("tenantName").trim(),
      name: value("name").trim(),
      email: value("email").trim(),
      password: value("password"),
    });
  };

  return (
    <AuthLayout
      title={t("signUp.title")}
      description={t("signUp.description")}
      footer={
        <p className="text-muted-foreground">
          {t("signUp.haveAccount")}{" "}
          <Link to="/sign-in" className="text-primary underline underline-offset-4">
            {t("signUp.signInLink")}
          </Link>
        </p>
      }
    >
      <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4" aria-label={t("signUp.title")}>
        {errors.form && <Alert variant="error">{errors.form}</Alert>}
        <FormField label={t("auth.tenantName")} name="tenantName" autoComplete="organization" required error={errors.fields.tenantName} />
        <FormField label={t("auth.name")} name="name" autoComplete="name" required error={errors.fields.name} />
        <FormField label={t("auth.email")} name="email" type="email" autoComplete="email" required error={errors.fields.email} />
        <NewPasswordField error={errors.fields.password} />
        <SubmitButton pending={mutation.isPending} pendingLabel={t("signUp.submitting")}>
          {t("signUp.submit")}
        </SubmitButton>
      </form>
    </AuthLayout>
  );
}
