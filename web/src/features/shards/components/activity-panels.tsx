import { Link } from "@tanstack/react-router";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiError } from "@/lib/api";
import { formatTimestamp } from "@/lib/format";
import { t } from "@/lib/i18n";
import { useAudit, useSimilar, useTenantUsers, type Shard } from "../api/shards-api";
import { shardTitle } from "@/lib/shard-title";

function changedKeys(changes: unknown): string {
  if (typeof changes !== "object" || changes === null) return "";
  return Object.keys(changes).join(", ");
}

/** The audit trail of this shard (`/audit-logs?resourceId=`); admins only, others see why not. */
export function AuditPanel({ shard }: { shard: Shard }) {
  const audit = useAudit(shard.id);
  const users = useTenantUsers();
  if (audit.isPending) return <SkeletonRows label={t("common.loading")} rows={3} />;
  if (audit.isError) return <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />;
  if (audit.data.length === 0) return <EmptyState title={t("shards.audit.empty")} />;
  const nameOf = (id: string | undefined) => {
    if (!id) return t("shards.audit.system");
    const user = users.data?.find((u) => u.id === id);
    return user ? user.name || user.email || id : id;
  };
  return (
    <Table>
      <caption className="sr-only">{t("shards.audit.caption")}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>{t("shards.audit.when")}</TableHead>
          <TableHead>{t("shards.audit.action")}</TableHead>
          <TableHead>{t("shards.audit.actor")}</TableHead>
          <TableHead>{t("shards.audit.changes")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {audit.data.map((entry) => (
          <TableRow key={entry.id}>
            <TableCell className="whitespace-nowrap">{formatTimestamp(entry.occurredAt)}</TableCell>
            <TableCell>
              <code>{entry.action}</code>
            </TableCell>
            <TableCell className="break-all">{nameOf(entry.actorId)}</TableCell>
            <TableCell className="break-words text-muted-foreground">{changedKeys(entry.changes)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Shards semantically close to this one (`/shards/{id}/similar`). */
export function SimilarPanel({ shard }: { shard: Shard }) {
  const similar = useSimilar(shard.id);
  if (similar.isPending) return <SkeletonRows label={t("common.loading")} rows={3} />;
  if (similar.isError) {
    // 409: the shard has no embedding yet (indexing is asynchronous, and off without an embedding model).
    if (similar.error instanceof ApiError && similar.error.status === 409) {
      return (
        <EmptyState
          title={t("shards.similar.notReady")}
          description={t("shards.similar.notReadyHint")}
          action={
            <Button variant="outline" size="sm" onClick={() => void similar.refetch()}>
              {t("common.retry")}
            </Button>
          }
        />
      );
    }
    return <ErrorState error={similar.error} onRetry={() => void similar.refetch()} />;
  }
  const hits = similar.data.filter((hit) => hit.shard && hit.shard.id !== shard.id);
  if (hits.length === 0) return <EmptyState title={t("shards.similar.empty")} description={t("shards.similar.emptyHint")} />;
  return (
    <ul className="grid gap-2">
      {hits.map((hit) => (
        <li key={hit.shard!.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border px-3 py-2">
          <Link to="/shards/$id" params={{ id: hit.shard!.id }} className="text-primary underline-offset-4 hover:underline">
            {shardTitle(hit.shard!)}
          </Link>
          <span className="text-xs text-muted-foreground">
            {hit.shard!.shardType}
            {hit.score !== undefined && ` · ${t("shards.similar.score", { score: hit.score.toFixed(2) })}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
