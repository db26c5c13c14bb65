import { Link } from "@tanstack/react-router";
import { Plus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { t } from "@/lib/i18n";
import { useShardTypes } from "../api/admin-api";

/** The tenant's shard types and the built-ins, the tenant's own first. */
export function ShardTypesPage() {
  const types = useShardTypes();
  const sorted = [...(types.data ?? [])].sort(
    (a, b) => Number(!!a.system) - Number(!!b.system) || (a.name ?? "").localeCompare(b.name ?? ""),
  );
  return (
    <section>
      <PageHeader
        title={t("admin.types.title")}
        description={t("admin.types.description")}
        actions={
          <Link to="/admin/shard-types/new" className={buttonClasses()}>
            <Plus aria-hidden="true" className="size-4" />
            {t("admin.types.new")}
          </Link>
        }
      />
      {types.isPending ? (
        <SkeletonRows label={t("admin.loading")} />
      ) : types.isError ? (
        <ErrorState error={types.error} onRetry={() => void types.refetch()} />
      ) : sorted.length === 0 ? (
        <EmptyState title={t("admin.types.empty")} />
      ) : (
        <Table>
          <caption className="sr-only">{t("admin.types.title")}</caption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("admin.types.name")}</TableHead>
              <TableHead>{t("admin.types.displayName")}</TableHead>
              <TableHead>{t("admin.types.parent")}</TableHead>
              <TableHead>{t("admin.types.kind")}</TableHead>
              <TableHead>{t("admin.types.updated")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sorted.map((type) => (
              <TableRow key={type.name}>
                <TableCell>
                  <Link
                    to="/admin/shard-types/$name"
                    params={{ name: type.name ?? "" }}
                    className="font-mono text-primary underline-offset-4 hover:underline"
                  >
                    {type.name}
                  </Link>
                </TableCell>
                <TableCell>{type.displayName || "—"}</TableCell>
                <TableCell className="font-mono">{type.parentType || "—"}</TableCell>
                <TableCell>
                  {type.system ? <Badge variant="outline">{t("admin.types.builtIn")}</Badge> : <Badge>{t("admin.types.custom")}</Badge>}
                </TableCell>
                <TableCell className="whitespace-nowrap">{type.system ? "—" : formatDateTime(type.updatedAt, { fallback: t("admin.never") })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
