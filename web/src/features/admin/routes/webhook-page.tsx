import { useState } from "react";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { ArrowLeft } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmedAction } from "@/components/ui/confirmed-action";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { t } from "@/lib/i18n";
import { useDeleteWebhook, useDeliveries, useRedeliver, useUpdateWebhook, useWebhooks, type Webhook } from "../api/admin-api";
import { EventPicker } from "../components/event-picker";

const route = getRouteApi("/app/admin/webhooks/$id");

/** One webhook: its events, enable/disable, delete, and the delivery log with redelivery. */
export function WebhookPage() {
  const { id } = route.useParams();
  const webhooks = useWebhooks();
  const hook = webhooks.data?.find((candidate) => candidate.id === id);
  return (
    <section className="grid grid-cols-1 gap-6">
      <Link to="/admin/webhooks" className="inline-flex items-center gap-1 text-sm text-primary underline-offset-4 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("admin.hooks.back")}
      </Link>
      {webhooks.isPending ? (
        <SkeletonRows label={t("admin.loading")} />
      ) : webhooks.isError ? (
        <ErrorState error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      ) : !hook ? (
        <EmptyState title={t("error.404")} />
      ) : (
        <>
          <WebhookSettings key={`${hook.id}-${hook.updatedAt}`} hook={hook} />
          <Deliveries id={id} />
        </>
      )}
    </section>
  );
}

function WebhookSettings({ hook }: { hook: Webhook }) {
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const notify = useToast();
  const navigate = useNavigate();
  const [events, setEvents] = useState<string[]>(hook.events ?? []);
  const id = hook.id ?? "";
  const changed = [...events].sort().join() !== [...(hook.events ?? [])].sort().join();

  return (
    <>
      <PageHeader
        title={t("admin.hooks.detailTitle")}
        description={<span className="break-all font-mono">{hook.url}</span>}
        actions={
          <>
            <Badge variant={hook.enabled ? "success" : "outline"}>{hook.enabled ? t("admin.hooks.enabled") : t("admin.hooks.disabled")}</Badge>
            <Button
              variant="outline"
              disabled={update.isPending}
              onClick={() =>
                update.mutate(
                  { id, patch: { enabled: !hook.enabled } },
                  { onError: (error) => notify(errorMessage(error), "error") },
                )
              }
            >
              {hook.enabled ? t("admin.hooks.disable") : t("admin.hooks.enable")}
            </Button>
            <ConfirmedAction
              variant="destructive"
              size="default"
              label={t("common.delete")}
              title={t("admin.hooks.deleteTitle")}
              description={t("admin.hooks.deleteBody")}
              action={() => remove.mutateAsync(id)}
              done={t("admin.hooks.deleted")}
              onDone={() => void navigate({ to: "/admin/webhooks" })}
            />
          </>
        }
      />
      {hook.disabledAt && <p className="text-sm text-muted-foreground">{t("admin.hooks.disabledAt", { when: formatDateTime(hook.disabledAt) })}</p>}
      <form
        className="grid grid-cols-1 gap-3"
        aria-label={t("admin.hooks.events")}
        onSubmit={(event) => {
          event.preventDefault();
          if (events.length === 0) return;
          update.mutate(
            { id, patch: { events } },
            { onSuccess: () => notify(t("admin.hooks.saved")), onError: (error) => notify(errorMessage(error), "error") },
          );
        }}
      >
        <EventPicker selected={events} onChange={setEvents} />
        {events.length === 0 && <p className="text-sm text-destructive">{t("admin.hooks.pickEvent")}</p>}
        <div>
          <Button type="submit" disabled={!changed || events.length === 0 || update.isPending}>
            {t("admin.hooks.saveEvents")}
          </Button>
        </div>
      </form>
      <p className="text-sm text-muted-foreground">{t("admin.hooks.noRotation")}</p>
    </>
  );
}

function Deliveries({ id }: { id: string }) {
  const deliveries = useDeliveries(id);
  const redeliver = useRedeliver(id);
  const notify = useToast();
  const items = deliveries.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  return (
    <div className="grid grid-cols-1 gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{t("admin.hooks.deliveries")}</h2>
        <Button variant="outline" size="sm" onClick={() => void deliveries.refetch()} disabled={deliveries.isFetching}>
          {t("admin.hooks.refresh")}
        </Button>
      </div>
      {deliveries.isPending ? (
        <SkeletonRows label={t("admin.loading")} />
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t("admin.hooks.noDeliveries")} />
      ) : (
        <>
          <Table>
            <caption className="sr-only">{t("admin.hooks.deliveries")}</caption>
            <TableHeader>
              <TableRow>
                <TableHead>{t("admin.hooks.when")}</TableHead>
                <TableHead>{t("admin.hooks.event")}</TableHead>
                <TableHead>{t("admin.hooks.status")}</TableHead>
                <TableHead>{t("admin.hooks.response")}</TableHead>
                <TableHead>{t("admin.hooks.attempt")}</TableHead>
                <TableHead>{t("admin.hooks.duration")}</TableHead>
                <TableActionsHead label={t("admin.actions")} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((delivery) => (
                <TableRow key={delivery.id}>
                  <TableCell className="whitespace-nowrap">{formatDateTime(delivery.createdAt, { fallback: t("admin.never") })}</TableCell>
                  <TableCell className="font-mono">{delivery.eventType ?? delivery.eventId}</TableCell>
                  <TableCell>
                    <Badge variant={delivery.status === "succeeded" ? "success" : delivery.status === "failed" ? "destructive" : "outline"}>
                      {delivery.status === "succeeded"
                        ? t("admin.hooks.succeeded")
                        : delivery.status === "failed"
                          ? t("admin.hooks.failed")
                          : delivery.status === "pending"
                            ? t("admin.hooks.pending")
                            : delivery.status}
                    </Badge>
                    {delivery.error && <p className="mt-1 max-w-xs text-xs text-muted-foreground">{delivery.error}</p>}
                    {delivery.nextAttemptAt && (
                      <p className="mt-1 text-xs text-muted-foreground">{t("admin.hooks.nextAttempt", { when: formatDateTime(delivery.nextAttemptAt) })}</p>
                    )}
                  </TableCell>
                  <TableCell>{delivery.responseCode ?? "—"}</TableCell>
                  <TableCell>{delivery.attempt ?? "—"}</TableCell>
                  <TableCell>{delivery.durationMs !== undefined ? t("admin.hooks.ms", { ms: delivery.durationMs }) : "—"}</TableCell>
                  <TableCell className="text-right">
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={redeliver.isPending}
                      onClick={() =>
                        redeliver.mutate(delivery.id ?? "", {
                          onSuccess: () => notify(t("admin.hooks.redelivered")),
                          onError: (error) => notify(errorMessage(error), "error"),
                        })
                      }
                    >
                      {t("admin.hooks.redeliver")}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {deliveries.hasNextPage && (
            <Button variant="outline" onClick={() => void deliveries.fetchNextPage()} disabled={deliveries.isFetchingNextPage}>
              {t("admin.loadMore")}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
