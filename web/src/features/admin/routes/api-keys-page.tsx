import { useState } from "react";
import { KeyRound, Plus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmedAction } from "@/components/ui/confirmed-action";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useMe } from "@/features/auth/api/use-session";
import { formatDateTime } from "@/lib/format";
import { t } from "@/lib/i18n";
import { grantableRoles } from "@/lib/roles";
import { useApiKeys, useRevokeApiKey, type ApiKey } from "../api/admin-api";
import { CreateApiKeyDialog } from "../components/create-api-key-dialog";
import { roleLabel } from "../components/role-label";

/** The tenant's API keys: create one (its secret shown once), see when each was used, revoke. */
export function ApiKeysPage() {
  const keys = useApiKeys();
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const items = keys.data?.pages.flatMap((page) => page.items ?? []) ?? [];
  const grantable = grantableRoles(me.data?.user?.roles).filter((role) => role !== "owner");

  return (
    <section>
      <PageHeader
        title={t("admin.keys.title")}
        description={t("admin.keys.description")}
        actions={
          <Button onClick={() => setCreating(true)}>
            <Plus aria-hidden="true" className="size-4" />
            {t("admin.keys.create")}
          </Button>
        }
      />
      <CreateApiKeyDialog open={creating} onClose={() => setCreating(false)} grantable={grantable} />
      {keys.isPending ? (
        <SkeletonRows label={t("admin.loading")} />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title={t("admin.keys.empty")}
          description={t("admin.keys.emptyHint")}
          action={
            <Button variant="outline" onClick={() => setCreating(true)}>
              <KeyRound aria-hidden="true" className="size-4" />
              {t("admin.keys.create")}
            </Button>
          }
        />
      ) : (
        <>
          <Table>
            <caption className="sr-only">{t("admin.keys.title")}</caption>
            <TableHeader>
              <TableRow>
                <TableHead>{t("admin.keys.name")}</TableHead>
                <TableHead>{t("admin.keys.prefix")}</TableHead>
                <TableHead>{t("admin.keys.roles")}</TableHead>
                <TableHead>{t("admin.keys.created")}</TableHead>
                <TableHead>{t("admin.keys.lastUsed")}</TableHead>
                <TableHead>{t("admin.keys.expires")}</TableHead>
                <TableActionsHead label={t("admin.actions")} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((key) => (
                <KeyRow key={key.id} apiKey={key} />
              ))}
            </TableBody>
          </Table>
          {keys.hasNextPage && (
            <Button className="mt-4" variant="outline" onClick={() => void keys.fetchNextPage()} disabled={keys.isFetchingNextPage}>
              {t("admin.loadMore")}
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function KeyRow({ apiKey }: { apiKey: ApiKey }) {
  const revoke = useRevokeApiKey();
  const name = apiKey.name ?? "";
  return (
    <TableRow>
      <TableCell className="font-medium">{name}</TableCell>
      <TableCell className="font-mono">{apiKey.prefix ? `${apiKey.prefix}…` : "—"}</TableCell>
      <TableCell>
        <span className="flex flex-wrap gap-1">
          {(apiKey.roles ?? []).map((role) => (
            <Badge key={role}>{roleLabel(role)}</Badge>
          ))}
        </span>
      </TableCell>
      <TableCell className="whitespace-nowrap">{formatDateTime(apiKey.createdAt, { fallback: t("admin.never") })}</TableCell>
      <TableCell className="whitespace-nowrap">{formatDateTime(apiKey.lastUsedAt, { fallback: t("admin.never") })}</TableCell>
      <TableCell className="whitespace-nowrap">{apiKey.expiresAt ? formatDateTime(apiKey.expiresAt) : t("admin.keys.noExpiry")}</TableCell>
      <TableCell className="text-right">
        <ConfirmedAction
          label={t("admin.keys.revoke")}
          ariaLabel={t("admin.keys.revokeNamed", { name })}
          title={t("admin.keys.revokeTitle", { name })}
          description={t("admin.keys.revokeBody")}
          action={() => revoke.mutateAsync(apiKey.id ?? "")}
          done={t("admin.keys.revoked", { name })}
        />
      </TableCell>
    </TableRow>
  );
}
