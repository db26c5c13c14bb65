import { Alert } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/format";
import { t } from "@/lib/i18n";
import { useSamlConfiguration } from "../api/admin-api";

/**
 * The workspace's SAML identity provider, read-only. OIDC/OAuth providers are server-wide
 * configuration (castiel.oauth.providers) that the API does not list.
 */
export function SsoPage() {
  const saml = useSamlConfiguration();
  return (
    <section className="grid grid-cols-1 gap-4">
      <PageHeader title={t("admin.sso.title")} description={t("admin.sso.description")} />
      {saml.isPending ? (
        <SkeletonRows label={t("admin.loading")} rows={4} />
      ) : saml.isError ? (
        <ErrorState error={saml.error} onRetry={() => void saml.refetch()} />
      ) : saml.data === null ? (
        <Alert variant="info">{t("admin.sso.none")}</Alert>
      ) : (
        <Card>
          <CardContent className="pt-6">
            <h2 className="mb-3 text-lg font-semibold">{t("admin.sso.saml")}</h2>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className="font-medium">{t("admin.sso.idpEntityId")}</dt>
              <dd className="break-all font-mono">{saml.data.idpEntityId}</dd>
              <dt className="font-medium">{t("admin.sso.idpSsoUrl")}</dt>
              <dd className="break-all font-mono">{saml.data.idpSsoUrl}</dd>
              <dt className="font-medium">{t("admin.sso.spEntityId")}</dt>
              <dd className="break-all font-mono">{saml.data.spEntityId}</dd>
              <dt className="font-medium">{t("admin.sso.acsUrl")}</dt>
              <dd className="break-all font-mono">{saml.data.acsUrl}</dd>
              <dt className="font-medium">{t("admin.sso.metadata")}</dt>
              <dd className="break-all font-mono">
                {saml.data.spMetadataUrl && (
                  <a href={saml.data.spMetadataUrl} className="text-primary underline-offset-4 hover:underline">
                    {saml.data.spMetadataUrl}
                  </a>
                )}
              </dd>
              <dt className="font-medium">{t("admin.sso.roleAttribute")}</dt>
              <dd className="font-mono">{saml.data.roleAttribute || "—"}</dd>
              <dt className="font-medium">{t("admin.sso.roleMapping")}</dt>
              <dd>
                {Object.entries(saml.data.roleMapping ?? {}).length === 0 ? (
                  "—"
                ) : (
                  <ul className="grid grid-cols-1 gap-1">
                    {Object.entries(saml.data.roleMapping ?? {}).map(([group, role]) => (
                      <li key={group}>
                        <span className="font-mono">{group}</span> → {role}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
              <dt className="font-medium">{t("admin.sso.updated")}</dt>
              <dd>{formatDateTime(saml.data.updatedAt, { fallback: t("admin.never") })}</dd>
            </dl>
          </CardContent>
        </Card>
      )}
      <p className="text-sm text-muted-foreground">{t("admin.sso.oauthNote")}</p>
    </section>
  );
}
