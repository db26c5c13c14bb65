import { Link, useRouter, type ErrorComponentProps } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { ApiError, errorMessage } from "@/lib/api";
import { useDocumentTitle } from "@/lib/document-title";
import { t } from "@/lib/i18n";

/**
 * A route that failed to load or render: a human message (the server's problem detail, or what
 * to do), never a stack or the problem JSON, with a retry and a way home.
 */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const notFound = error instanceof ApiError && error.status === 404;
  const title = notFound ? t("notFound.title") : t("error.title");
  useDocumentTitle(title);
  // A chunk of an older build that the server no longer has: only a reload gets the new one.
  const staleBuild = error instanceof TypeError && /dynamically imported module|module script/i.test(error.message);
  return (
    <main id="main" tabIndex={-1} className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6 focus:outline-none">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <Alert variant="error">{notFound ? t("live.routeError.notFound") : errorMessage(error)}</Alert>
      <div className="flex flex-wrap gap-2">
        {staleBuild ? (
          <Button onClick={() => window.location.reload()}>{t("live.routeError.reload")}</Button>
        ) : (
          !notFound && (
            <Button
              onClick={() => {
                reset();
                void router.invalidate();
              }}
            >
              {t("common.retry")}
            </Button>
          )
        )}
        <Link to="/" className={buttonClasses("outline")}>
          {t("live.routeError.home")}
        </Link>
      </div>
    </main>
  );
}
