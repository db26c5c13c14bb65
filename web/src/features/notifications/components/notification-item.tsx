import { Button } from "@/components/ui/button";
import { PathLink } from "@/components/ui/path-link";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/api";
import { formatRelative } from "@/lib/format";
import { t } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import { useMarkRead, type Notification } from "../api/notifications-api";

/** One notification of the page: its title (a link when it has one), body, age and a way to mark it read. */
export function NotificationItem({ notification }: { notification: Notification }) {
  const markRead = useMarkRead();
  const notify = useToast();
  const unread = !notification.readAt;
  const read = () => {
    if (unread && notification.id) {
      markRead.mutate(notification.id, { onError: (error) => notify(errorMessage(error), "error") });
    }
  };
  return (
    <li className={cn("flex flex-wrap items-start gap-3 px-4 py-3 sm:flex-nowrap", unread && "bg-muted/50")} data-unread={unread}>
      <span aria-hidden="true" className={cn("mt-2 size-2 shrink-0 rounded-full", unread ? "bg-primary" : "bg-transparent")} />
      <div className="grid min-w-0 flex-1 gap-1">
        <p className={cn("break-words", unread && "font-semibold")}>
          {unread && <span className="sr-only">{t("notifications.unread")}: </span>}
          {notification.link ? (
            <PathLink href={notification.link} onClick={read} className="underline-offset-4 hover:underline focus-visible:underline">
              {notification.title}
            </PathLink>
          ) : (
            notification.title
          )}
        </p>
        {notification.body && <p className="break-words text-sm text-muted-foreground">{notification.body}</p>}
        <p className="text-xs text-muted-foreground">
          <time dateTime={notification.createdAt}>{t("notifications.createdAt", { when: formatRelative(notification.createdAt) })}</time>
        </p>
      </div>
      {unread && (
        <Button
          variant="ghost"
          size="sm"
          className="ml-auto"
          disabled={markRead.isPending}
          aria-label={t("notifications.markReadOf", { title: notification.title ?? "" })}
          onClick={read}
        >
          {t("notifications.markRead")}
        </Button>
      )}
    </li>
  );
}
