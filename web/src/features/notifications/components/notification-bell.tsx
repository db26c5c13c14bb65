import { Bell } from "lucide-react";
import { useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/menu";
import { PathLink } from "@/components/ui/path-link";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/api";
import { formatRelative } from "@/lib/format";
import { t } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import { useLatestNotifications, useLiveNotifications, useMarkAllRead, useMarkRead, useUnreadCount } from "../api/notifications-api";

/** The header's bell: the unread count, live from the socket, and a menu of the latest notifications. */
export function NotificationBell() {
  useLiveNotifications();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const latest = useLatestNotifications(open);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const notify = useToast();
  const count = unread.data ?? 0;
  const shown = count > 99 ? "99+" : String(count);

  return (
    <DropdownMenu open={open} onOpenChange={setOpen}>
      <DropdownMenuTrigger
        className={cn(buttonClasses("ghost", "sm"), "relative px-2")}
        data-testid="notification-bell"
      >
        <span className="sr-only">{count > 0 ? t("notifications.bellUnread", { count }) : t("notifications.bell")}</span>
        <Bell aria-hidden="true" className="size-5" />
        {count > 0 && (
          <span
            aria-hidden="true"
            data-testid="notification-count"
            className="absolute -right-1 -top-1 min-w-5 rounded-full bg-destructive px-1 text-center text-xs font-semibold leading-5 text-destructive-foreground"
          >
            {shown}
          </span>
        )}
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-[min(22rem,calc(100vw-1rem))]">
        <DropdownMenuLabel>{t("notifications.latest")}</DropdownMenuLabel>
        {latest.isPending ? (
          <div className="grid gap-2 p-2" role="status">
            <span className="sr-only">{t("notifications.loading")}</span>
            <Skeleton className="h-10" />
            <Skeleton className="h-10" />
          </div>
        ) : latest.isError ? (
          <p className="px-2 py-3 text-sm text-destructive">{errorMessage(latest.error)}</p>
        ) : latest.data.length === 0 ? (
          <p className="px-2 py-3 text-sm text-muted-foreground">{t("notifications.empty")}</p>
        ) : (
          latest.data.map((notification) => (
            <DropdownMenuItem key={notification.id} asChild>
              <PathLink
                href={notification.link || "/notifications"}
                className="items-start"
                onClick={() => {
                  if (!notification.readAt && notification.id) markRead.mutate(notification.id);
                }}
              >
                <span
                  aria-hidden="true"
                  className={cn("mt-1.5 size-2 shrink-0 rounded-full", notification.readAt ? "bg-transparent" : "bg-primary")}
                />
                <span className="grid min-w-0 gap-0.5">
                  <span className={cn("truncate", !notification.readAt && "font-semibold")}>
                    {!notification.readAt && <span className="sr-only">{t("notifications.unread")}: </span>}
                    {notification.title}
                  </span>
                  <span className="text-xs text-muted-foreground">{formatRelative(notification.createdAt)}</span>
                </span>
              </PathLink>
            </DropdownMenuItem>
          ))
        )}
        <DropdownMenuSeparator />
        {count > 0 && (
          <DropdownMenuItem
            onSelect={() =>
              markAllRead.mutate(undefined, {
                onSuccess: (marked) => notify(t("notifications.markedAllRead", { count: marked })),
                onError: (error) => notify(errorMessage(error), "error"),
              })
            }
          >
            {t("notifications.markAllRead")}
          </DropdownMenuItem>
        )}
        <DropdownMenuItem asChild>
          <PathLink href="/notifications">{t("notifications.seeAll")}</PathLink>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
