import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/api";
import { formatTimestamp } from "@/lib/format";
import { t, type MessageKey } from "@/lib/i18n";
import { useRealtimeEvents } from "@/lib/realtime";
import { displayValue } from "@/lib/shard-title";
import { applyShardEvent, deleteShard, restoreShard, shardKeys, useShard, useShardType } from "../api/shards-api";
import { AccessPanel } from "../components/access-panel";
import { AuditPanel, SimilarPanel } from "../components/activity-panels";
import { HistoryPanel } from "../components/history-panel";
import { RelationshipsPanel } from "../components/relationships-panel";
import { ShardFields } from "../components/shard-fields";
import { titleField } from "../lib/schema";

const TABS = ["fields", "text", "access", "relationships", "history", "audit", "similar"] as const;
type Tab = (typeof TABS)[number];

/**
 * `/shards/$id`: one shard in tabs. Follows live changes: another person's edit replaces what is
 * shown (there is nothing unsaved here; the edit page keeps the form instead).
 */
export function ShardPage() {
  const { id } = useParams({ from: "/app/shards/$id" });
  const search = useSearch({ from: "/app/shards/$id" });
  const navigate = useNavigate();
  const tab: Tab = (TABS as readonly string[]).includes(search.tab ?? "") ? (search.tab as Tab) : "fields";
  const shard = useShard(id);
  const shardType = useShardType(shard.data?.shardType);
  const queryClient = useQueryClient();
  const notify = useToast();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [pending, setPending] = useState(false);

  // Subscribed from the first render (not once the shard's type is known), so no change is missed.
  useRealtimeEvents({ events: ["shard.*"] }, (event) => {
    if (event.data.id === id) applyShardEvent(queryClient, event.type, event.data);
  });
  useRealtimeEvents({ events: ["relationship.*"] }, (event) => {
    if (event.data.sourceId === id || event.data.targetId === id) void queryClient.invalidateQueries({ queryKey: shardKeys.relationships(id) });
  });

  if (shard.isError) return <ErrorState error={shard.error} onRetry={() => void shard.refetch()} />;
  if (!shard.data) return <SkeletonRows label={t("common.loading")} rows={8} />;
  const current = shard.data;
  const schema = shardType.data?.effectiveSchema ?? {};
  const field = titleField(schema);
  const title = (field && displayValue(current.structuredData[field])) || current.id;
  const deleted = current.status === "deleted";

  const remove = async () => {
    setPending(true);
    try {
      await deleteShard(id, current.revision);
      await queryClient.invalidateQueries({ queryKey: shardKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: shardKeys.lists() });
      notify(t("shards.detail.deleted"));
    } catch (error) {
      notify(errorMessage(error), "error");
    } finally {
      setPending(false);
      setConfirmDelete(false);
    }
  };

  const restore = async () => {
    setPending(true);
    try {
      const restored = await restoreShard(id);
      queryClient.setQueryData(shardKeys.detail(id), restored);
      void queryClient.invalidateQueries({ queryKey: shardKeys.lists() });
      notify(t("shards.detail.restored"));
    } catch (error) {
      notify(errorMessage(error), "error");
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <nav aria-label={t("shards.detail.breadcrumb")} className="mb-2 text-sm">
        <Link to="/shards" search={{ type: current.shardType }} className="text-primary underline-offset-4 hover:underline">
          {t("shards.detail.back", { type: shardType.data?.displayName || current.shardType })}
        </Link>
      </nav>
      <PageHeader
        title={title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant="outline">{shardType.data?.displayName || current.shardType}</Badge>
            <Badge variant={deleted ? "destructive" : current.status === "active" ? "success" : "secondary"}>
              {t(`shards.status.${current.status ?? "active"}` as MessageKey)}
            </Badge>
            <span>{t("shards.detail.revision", { n: current.revision })}</span>
            {current.updatedAt && <span>{t("shards.detail.updated", { when: formatTimestamp(current.updatedAt) })}</span>}
          </span>
        }
        actions={
          deleted ? (
            <Button onClick={() => void restore()} disabled={pending}>
              {t("shards.detail.restore")}
            </Button>
          ) : (
            <>
              <Link to="/shards/$id/edit" params={{ id }} className={buttonClasses("default")}>
                {t("common.edit")}
              </Link>
              <Button variant="destructive" onClick={() => setConfirmDelete(true)}>
                {t("common.delete")}
              </Button>
            </>
          )
        }
      />
      {deleted && (
        <Alert variant="info" className="mb-4">
          {t("shards.detail.deletedNotice")}
        </Alert>
      )}
      <Tabs value={tab} onValueChange={(value) => void navigate({ to: "/shards/$id", params: { id }, search: { tab: value === "fields" ? undefined : value }, replace: true })}>
        <TabsList aria-label={t("shards.detail.tabs")}>
          {TABS.map((name) => (
            <TabsTrigger key={name} value={name}>
              {t(`shards.tab.${name}`)}
            </TabsTrigger>
          ))}
        </TabsList>
        <TabsContent value="fields" className="grid gap-6">
          {shardType.isPending ? <SkeletonRows label={t("common.loading")} rows={4} /> : <ShardFields schema={schema} data={current.structuredData} />}
          <section className="grid gap-2" aria-labelledby="shard-tags-title">
            <h2 id="shard-tags-title" className="text-sm font-medium text-muted-foreground">
              {t("shards.form.tags")}
            </h2>
            {(current.metadata.tags ?? []).length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("shards.detail.noTags")}</p>
            ) : (
              <ul className="flex flex-wrap gap-1">
                {(current.metadata.tags ?? []).map((tag) => (
                  <li key={tag}>
                    <Link
                      to="/shards"
                      search={{ type: current.shardType, tag }}
                      className="rounded-full focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                      aria-label={t("shards.detail.tagLink", { tag })}
                    >
                      <Badge>{tag}</Badge>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <p className="text-xs text-muted-foreground">
            {t("shards.detail.meta", { source: current.source ?? "", created: formatTimestamp(current.createdAt) })}
          </p>
        </TabsContent>
        <TabsContent value="text">
          {current.unstructuredData.text ? (
            <div className="max-w-prose whitespace-pre-wrap rounded-md border border-border bg-card p-4">{current.unstructuredData.text}</div>
          ) : (
            <p className="text-sm text-muted-foreground">{t("shards.detail.noText")}</p>
          )}
        </TabsContent>
        <TabsContent value="access">
          <AccessPanel shard={current} readOnly={deleted} />
        </TabsContent>
        <TabsContent value="relationships">
          <RelationshipsPanel shard={current} readOnly={deleted} />
        </TabsContent>
        <TabsContent value="history">
          <HistoryPanel shard={current} readOnly={deleted} />
        </TabsContent>
        <TabsContent value="audit">
          <AuditPanel shard={current} />
        </TabsContent>
        <TabsContent value="similar">
          <SimilarPanel shard={current} />
        </TabsContent>
      </Tabs>
      <ConfirmDialog
        open={confirmDelete}
        title={t("shards.detail.deleteTitle", { title })}
        description={t("shards.detail.deleteBody")}
        confirmLabel={t("common.delete")}
        destructive
        pending={pending}
        onConfirm={() => void remove()}
        onClose={() => setConfirmDelete(false)}
      />
    </>
  );
}
