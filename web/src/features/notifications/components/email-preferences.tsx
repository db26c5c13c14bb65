import { useId, useState } from "react";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/api";
import { t, type MessageKey } from "@/lib/i18n";
import { NOTIFICATION_KINDS, usePreferences, useSavePreferences } from "../api/notifications-api";

/** Which kinds also come by email (`PUT /notifications/preferences` mutes the others); saved on each change. */
export function EmailPreferences() {
  const preferences = usePreferences();
  const save = useSavePreferences();
  const notify = useToast();
  const headingId = useId();
  // Set in the click's own render: the mutation's optimistic update lands a task later, and a
  // controlled checkbox would flip back in between.
  const [saving, setSaving] = useState<string[] | null>(null);
  const muted = saving ?? preferences.data?.mutedEmailKinds ?? [];

  function toggle(kind: string, email: boolean) {
    const next = email ? muted.filter((k) => k !== kind) : [...new Set([...muted, kind])];
    setSaving(next);
    save.mutate(next, {
      onSuccess: () => notify(t("notifications.preferencesSaved")),
      onError: (error) => notify(errorMessage(error), "error"),
      onSettled: () => setSaving(null),
    });
  }

  return (
    <Card>
      <CardHeader>
        <h2 id={headingId} className="text-lg font-semibold">
          {t("notifications.preferences")}
        </h2>
        <CardDescription>{t("notifications.preferencesHint")}</CardDescription>
      </CardHeader>
      <CardContent>
        {preferences.isPending ? (
          <SkeletonRows rows={4} label={t("common.loading")} />
        ) : preferences.isError ? (
          <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
        ) : (
          <fieldset aria-labelledby={headingId} className="grid gap-3">
            {NOTIFICATION_KINDS.map((kind) => {
              const id = `${headingId}-${kind}`;
              return (
                <div key={kind} className="flex items-center gap-2">
                  <Checkbox id={id} checked={!muted.includes(kind)} onChange={(event) => toggle(kind, event.target.checked)} />
                  <label htmlFor={id} className="text-sm">
                    {t("notifications.emailKind", { kind: t(`notifications.kind.${kind}` as MessageKey) })}
                  </label>
                </div>
              );
            })}
          </fieldset>
        )}
      </CardContent>
    </Card>
  );
}
