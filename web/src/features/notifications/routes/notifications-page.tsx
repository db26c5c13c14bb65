import { useNavigate, useSearch } from "@tanstack/react-router";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { useDocumentTitle } from "@/lib/document-title";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { useMarkAllRead, useNotificationList, useUnreadCount } from "../api/notifications-api";
import { NotificationItem } from "../components/notification-item";
import { EmailPreferences } from "../components/email-preferences";

/** `/notifications`: the caller's notifications, newest first, with an unread filter and the email preferences. */
export function NotificationsPage() {
  useDocumentTitle(t("notifications.title"));
  const { filter } = useSearch({ from: "/app/notifications" });
  const navigate = useNavigate({ from: "/notifications" });
  const unreadOnly = filter === "unread";
  const list = useNotificationList(unreadOnly);
  const unread = useUnreadCount();
  const markAllRead = useMarkAllRead();
  const notify = useToast();
  const filterId = useId();
  const items = list.data?.pages.flatMap((page) => page.items ?? []) ?? [];

  return (
    <div>
      <PageHeader
        title={t("notifications.title")}
        description={t("notifications.description")}
        actions={
          <Button
            variant="outline"
            disabled={!unread.data || markAllRead.isPending}
            onClick={() =>
              markAllRead.mutate(undefined, {
                onSuccess: (marked) => notify(t("notifications.markedAllRead", { count: marked })),
                onError: (error) => notify(errorMessage(error), "error"),
              })
            }
          >
            {t("notifications.markAllRead")}
          </Button>
        }
      />
      <section aria-labelledby={`${filterId}-heading`} className="mb-6 grid gap-4">
        <h2 id={`${filterId}-heading`} className="sr-only">
          {t("notifications.title")}
        </h2>
        <div className="flex items-center gap-2">
          <Label htmlFor={filterId}>{t("notifications.filter")}</Label>
          <Select
            id={filterId}
            className="w-auto"
            value={unreadOnly ? "unread" : "all"}
            onChange={(event) =>
              void navigate({ search: { filter: event.target.value === "unread" ? "unread" : undefined }, replace: true })
            }
          >
            <option value="all">{t("notifications.filter.all")}</option>
            <option value="unread">{t("notifications.filter.unread")}</option>
          </Select>
        </div>
        {list.isPending ? (
          <SkeletonRows rows={4} label={t("notifications.loading")} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          unreadOnly ? (
            <EmptyState title={t("notifications.emptyUnread")} description={t("notifications.emptyUnreadHint")} />
          ) : (
            <EmptyState title={t("notifications.empty")} description={t("notifications.emptyHint")} />
          )
        ) : (
          <>
            <Card>
              <ul className="divide-y divide-border" data-testid="notification-list">
                {items.map((notification) => (
                  <NotificationItem key={notification.id} notification={notification} />
                ))}
              </ul>
            </Card>
            {list.hasNextPage && (
              <Button variant="outline" className="justify-self-center" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? t("common.loading") : t("notifications.loadMore")}
              </Button>
            )}
          </>
        )}
      </section>
      <EmailPreferences />
    </div>
  );
}
