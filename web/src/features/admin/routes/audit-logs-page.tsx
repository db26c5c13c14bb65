import { useId, type FormEvent } from "react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { ShieldAlert, ShieldCheck } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { t } from "@/lib/i18n";
import { useAuditLog, useChainVerification, useUsers } from "../api/admin-api";
import { auditFiltersOf, hasFilters, type AuditFilters } from "../api/audit-query";

const route = getRouteApi("/app/admin/audit-logs");

/** The tenant's audit log with filters (kept in the URL) and the hash-chain verification. */
export function AuditLogsPage() {
  const filters = route.useSearch();
  return (
    <section className="grid grid-cols-1 gap-6">
      <PageHeader title={t("admin.audit.title")} description={t("admin.audit.description")} />
      <ChainStatus />
      <Filters key={JSON.stringify(filters)} filters={filters} />
      <Records filters={filters} />
    </section>
  );
}

function ChainStatus() {
  const verification = useChainVerification();
  if (verification.isPending) {
    return (
      <div role="status" className="grid grid-cols-1 gap-2">
        <span className="sr-only">{t("admin.audit.verifying")}</span>
        <Skeleton className="h-12 w-full" />
      </div>
    );
  }
  if (verification.isError) return <ErrorState error={verification.error} onRetry={() => void verification.refetch()} />;
  const { valid, checked, firstBrokenId } = verification.data;
  return (
    <Alert variant={valid ? "success" : "error"} className="flex flex-wrap items-center justify-between gap-3">
      <span className="flex items-start gap-2">
        {valid ? <ShieldCheck aria-hidden="true" className="size-5 shrink-0" /> : <ShieldAlert aria-hidden="true" className="size-5 shrink-0" />}
        <span>
          <strong>{valid ? t("admin.audit.chainVerified") : t("admin.audit.chainBroken")}</strong>{" "}
          {valid
            ? t("admin.audit.chainVerifiedBody", { count: checked ?? 0 })
            : t("admin.audit.chainBrokenBody", { count: checked ?? 0, id: firstBrokenId ?? t("admin.unknown") })}
        </span>
      </span>
      <Button variant="outline" size="sm" onClick={() => void verification.refetch()} disabled={verification.isFetching}>
        {verification.isFetching ? t("admin.audit.verifying") : t("admin.audit.verifyAgain")}
      </Button>
    </Alert>
  );
}

function Filters({ filters }: { filters: AuditFilters }) {
  const navigate = useNavigate();
  const users = useUsers();
  const actorId = useId();
  const people = users.data?.pages.flatMap((page) => page.items ?? []) ?? [];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget).entries());
    void navigate({ to: "/admin/audit-logs", search: auditFiltersOf(data) });
  };

  return (
    <form onSubmit={submit} className="grid grid-cols-1 gap-4 rounded-lg border border-border bg-card p-4" aria-label={t("admin.audit.filters")}>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <div className="grid grid-cols-1 gap-2">
          <Label htmlFor={actorId}>{t("admin.audit.actor")}</Label>
          <Select id={actorId} name="actorId" defaultValue={filters.actorId ?? ""}>
            <option value="">{t("admin.audit.anyone")}</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name ? `${person.name} (${person.email})` : person.email}
              </option>
            ))}
            {filters.actorId && !people.some((person) => person.id === filters.actorId) && (
              <option value={filters.actorId}>{filters.actorId}</option>
            )}
          </Select>
        </div>
        <FormField label={t("admin.audit.action")} name="action" defaultValue={filters.action} placeholder="shard.created" hint={t("admin.audit.actionHint")} />
        <FormField label={t("admin.audit.resourceType")} name="resourceType" defaultValue={filters.resourceType} placeholder="shard" />
        <FormField label={t("admin.audit.resourceId")} name="resourceId" defaultValue={filters.resourceId} />
        <FormField label={t("admin.audit.from")} name="from" type="date" defaultValue={filters.from} />
        <FormField label={t("admin.audit.to")} name="to" type="date" defaultValue={filters.to} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit">{t("admin.audit.apply")}</Button>
        {hasFilters(filters) && (
          <Button variant="outline" onClick={() => void navigate({ to: "/admin/audit-logs", search: {} })}>
            {t("admin.audit.clear")}
          </Button>
        )}
      </div>
    </form>
  );
}

function Records({ filters }: { filters: AuditFilters }) {
  const log = useAuditLog(filters);
  const users = useUsers();
  const names = new Map((users.data?.pages.flatMap((page) => page.items ?? []) ?? []).map((user) => [user.id, user.name || user.email]));
  const records = log.data?.pages.flatMap((page) => page.items ?? []) ?? [];

  if (log.isPending) return <SkeletonRows label={t("admin.loading")} rows={8} />;
  if (log.isError) return <ErrorState error={log.error} onRetry={() => void log.refetch()} />;
  if (records.length === 0) return <EmptyState title={hasFilters(filters) ? t("admin.audit.noMatch") : t("admin.audit.empty")} />;
  return (
    <div className="grid grid-cols-1 gap-3">
      <Table>
        <caption className="sr-only">{t("admin.audit.title")}</caption>
        <TableHeader>
          <TableRow>
            <TableHead>{t("admin.audit.when")}</TableHead>
            <TableHead>{t("admin.audit.actor")}</TableHead>
            <TableHead>{t("admin.audit.action")}</TableHead>
            <TableHead>{t("admin.audit.resource")}</TableHead>
            <TableHead>{t("admin.audit.ip")}</TableHead>
            <TableHead>{t("admin.audit.changes")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {records.map((record) => (
            <TableRow key={record.id} className="align-top">
              <TableCell className="whitespace-nowrap">{formatDateTime(record.occurredAt, { fallback: t("admin.never") })}</TableCell>
              <TableCell>{record.actorId ? (names.get(record.actorId) ?? <span className="font-mono text-xs">{record.actorId}</span>) : t("admin.audit.system")}</TableCell>
              <TableCell className="font-mono">{record.action}</TableCell>
              <TableCell>
                <span className="font-mono">{record.resourceType}</span>
                {record.resourceId && <p className="break-all font-mono text-xs text-muted-foreground">{record.resourceId}</p>}
              </TableCell>
              <TableCell className="font-mono text-xs">{record.ip ?? "—"}</TableCell>
              <TableCell>
                {record.changes !== undefined && record.changes !== null && Object.keys(record.changes as object).length > 0 ? (
                  <details>
                    <summary className="cursor-pointer text-sm text-primary">{t("admin.audit.showChanges")}</summary>
                    <pre className="mt-1 max-h-64 max-w-md overflow-auto rounded bg-muted p-2 text-xs">{JSON.stringify(record.changes, null, 2)}</pre>
                  </details>
                ) : (
                  "—"
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {log.hasNextPage && (
        <div>
          <Button variant="outline" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? t("admin.loading") : t("admin.loadMore")}
          </Button>
        </div>
      )}
    </div>
  );
}
