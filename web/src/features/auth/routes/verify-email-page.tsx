import { useEffect, useRef } from "react";
import { useMutation } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { verifyEmail } from "../api/auth-api";
import { AuthLayout } from "../components/auth-layout";

const route = getRouteApi("/verify-email");

export function VerifyEmailPage() {
  const { token } = route.useSearch();
  const mutation = useMutation({ mutationFn: verifyEmail });
  const sent = useRef(false);

  useEffect(() => {
    // Once per page (React's development double effects must not spend the token twice).
    if (token && !sent.current) {
      sent.current = true;
      mutation.mutate(token);
    }
  }, [token, mutation]);

  let body;
  if (!token) {
    body = <Alert variant="error">{t("verify.missingToken")}</Alert>;
  } else if (mutation.isError) {
    body = (
      <Alert variant="error">
        {errorMessage(mutation.error, { 400: "error.token.invalid", 401: "error.token.invalid", 404: "error.token.invalid" })}
      </Alert>
    );
  } else if (mutation.isSuccess) {
    body = <Alert variant="success">{t("verify.done")}</Alert>;
  } else {
    body = <p role="status">{t("verify.verifying")}</p>;
  }

  return (
    <AuthLayout
      title={t("verify.title")}
      footer={
        <Link to="/" className={buttonClasses("outline")}>
          {t("verify.continue")}
        </Link>
      }
    >
      {body}
    </AuthLayout>
  );
}
