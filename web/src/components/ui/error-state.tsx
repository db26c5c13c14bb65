import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { Alert } from "./alert";
import { Button } from "./button";

/** A failed load, as a human message (never the problem JSON) with a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert variant="error" className="flex flex-wrap items-center justify-between gap-3">
      <span>{errorMessage(error)}</span>
      {onRetry && (
        <Button variant="outline" size="sm" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      )}
    </Alert>
  );
}
