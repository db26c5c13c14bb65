import { useState, type FormEvent } from "react";
import { Link } from "@tanstack/react-router";
import { Plus } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { FormField } from "@/components/ui/form-field";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiError, errorMessage } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { t } from "@/lib/i18n";
import { useCreateWebhook, useWebhooks, type CreatedWebhook } from "../api/admin-api";
import { EventPicker } from "../components/event-picker";
import { SecretOnceDialog } from "../components/secret-once-dialog";

export function WebhooksPage() {
  const webhooks = useWebhooks();
  const [creating, setCreating] = useState(false);
  return (
    <section>
      <PageHeader
        title={t("admin.hooks.title")}
        description={t("admin.hooks.description")}
        actions={
          <Button onClick={() => setCreating(true)}>
            <Plus aria-hidden="true" className="size-4" />
            {t("admin.hooks.create")}
          </Button>
        }
      />
      <CreateWebhookDialog open={creating} onClose={() => setCreating(false)} />
      {webhooks.isPending ? (
        <SkeletonRows label={t("admin.loading")} />
      ) : webhooks.isError ? (
        <ErrorState error={webhooks.error} onRetry={() => void webhooks.refetch()} />
      ) : webhooks.data.length === 0 ? (
        <EmptyState title={t("admin.hooks.empty")} description={t("admin.hooks.emptyHint")} />
      ) : (
        <Table>
          <caption className="sr-only">{t("admin.hooks.title")}</caption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("admin.hooks.url")}</TableHead>
              <TableHead>{t("admin.hooks.events")}</TableHead>
              <TableHead>{t("admin.hooks.status")}</TableHead>
              <TableHead>{t("admin.hooks.created")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {webhooks.data.map((hook) => (
              <TableRow key={hook.id}>
                <TableCell className="max-w-xs">
                  <Link
                    to="/admin/webhooks/$id"
                    params={{ id: hook.id ?? "" }}
                    className="break-all font-mono text-primary underline-offset-4 hover:underline"
                  >
                    {hook.url}
                  </Link>
                  {hook.description && <p className="text-xs text-muted-foreground">{hook.description}</p>}
                </TableCell>
                <TableCell>
                  <span className="flex flex-wrap gap-1">
                    {(hook.events ?? []).map((event) => (
                      <Badge key={event} variant="outline">
                        {event}
                      </Badge>
                    ))}
                  </span>
                </TableCell>
                <TableCell>
                  <Badge variant={hook.enabled ? "success" : "outline"}>{hook.enabled ? t("admin.hooks.enabled") : t("admin.hooks.disabled")}</Badge>
                </TableCell>
                <TableCell className="whitespace-nowrap">{formatDateTime(hook.createdAt, { fallback: t("admin.never") })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function CreateWebhookDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateWebhook();
  const [events, setEvents] = useState<string[]>(["shard.created", "shard.updated", "shard.deleted"]);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [errors, setErrors] = useState<{ form?: string; url?: string; events?: string }>({});

  const close = () => {
    setCreated(null);
    setErrors({});
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const url = String(data.get("url") ?? "").trim();
    const description = String(data.get("description") ?? "").trim();
    const found: typeof errors = {};
    if (!/^https?:\/\/\S+$/.test(url)) found.url = t("admin.hooks.urlRule");
    if (events.length === 0) found.events = t("admin.hooks.pickEvent");
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      { url, events, ...(description && { description }) },
      {
        onSuccess: setCreated,
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          setErrors({ form: errorMessage(error), ...(fields.url && { url: fields.url }), ...(fields.events && { events: fields.events }) });
        },
      },
    );
  };

  if (created) {
    return (
      <SecretOnceDialog
        open={open}
        onClose={close}
        title={t("admin.hooks.createdTitle")}
        warning={t("admin.hooks.secretOnce")}
        hint={t("admin.hooks.secretHint")}
        label={t("admin.hooks.secret")}
        copyLabel={t("admin.hooks.copySecret")}
        secret={created.secret ?? ""}
      />
    );
  }

  return (
    <Dialog open={open} onClose={close} title={t("admin.hooks.createTitle")} description={t("admin.hooks.createDescription")}>
      <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-4" aria-label={t("admin.hooks.createTitle")}>
        {errors.form && <Alert variant="error">{errors.form}</Alert>}
        <FormField label={t("admin.hooks.url")} name="url" type="url" required placeholder="https://" error={errors.url} />
        <FormField label={t("admin.hooks.descriptionOptional")} name="description" />
        <EventPicker selected={events} onChange={setEvents} />
        {errors.events && <p className="text-sm text-destructive">{errors.events}</p>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="outline" onClick={close}>
            {t("common.cancel")}
          </Button>
          <SubmitButton pending={create.isPending} pendingLabel={t("admin.keys.creating")}>
            {t("admin.hooks.create")}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
