import type { ErrorComponentProps } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";

/** A route that failed to load: a human message, never a stack. */
export function RouteError({ error }: ErrorComponentProps) {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6">
      <h1 className="text-2xl font-semibold">{t("error.title")}</h1>
      <Alert variant="error">{errorMessage(error)}</Alert>
    </main>
  );
}
