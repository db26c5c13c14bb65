import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmedAction } from "@/components/ui/confirmed-action";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TableActionsHead, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { ApiError, errorMessage } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { t } from "@/lib/i18n";
import { useCreateNotificationRule, useDeleteNotificationRule, useNotificationRules, useShardTypes, type NotificationRule } from "../api/admin-api";

/** The events a rule can react to (the server's NotificationRules.EVENTS). */
const RULE_EVENTS = ["shard.created", "shard.updated", "shard.deleted", "shard.restored"] as const;

/** "Notify me when a shard of this type matching these filters is created/updated…". */
export function NotificationRulesPage() {
  const rules = useNotificationRules();
  return (
    <section className="grid grid-cols-1 gap-6">
      <PageHeader title={t("admin.rules.title")} description={t("admin.rules.description")} />
      <CreateRuleForm />
      <div className="grid grid-cols-1 gap-3">
        <h2 className="text-lg font-semibold">{t("admin.rules.list")}</h2>
        {rules.isPending ? (
          <SkeletonRows label={t("admin.loading")} />
        ) : rules.isError ? (
          <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
        ) : rules.data.length === 0 ? (
          <EmptyState title={t("admin.rules.empty")} />
        ) : (
          <Table>
            <caption className="sr-only">{t("admin.rules.list")}</caption>
            <TableHeader>
              <TableRow>
                <TableHead>{t("admin.rules.name")}</TableHead>
                <TableHead>{t("admin.rules.shardType")}</TableHead>
                <TableHead>{t("admin.rules.events")}</TableHead>
                <TableHead>{t("admin.rules.where")}</TableHead>
                <TableHead>{t("admin.rules.created")}</TableHead>
                <TableActionsHead label={t("admin.actions")} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rules.data.map((rule) => (
                <RuleRow key={rule.id} rule={rule} />
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </section>
  );
}

function RuleRow({ rule }: { rule: NotificationRule }) {
  const remove = useDeleteNotificationRule();
  const name = rule.name ?? "";
  return (
    <TableRow>
      <TableCell className="font-medium">{name}</TableCell>
      <TableCell className="font-mono">{rule.shardType}</TableCell>
      <TableCell>
        <span className="flex flex-wrap gap-1">
          {(rule.events ?? []).map((event) => (
            <Badge key={event} variant="outline">
              {event}
            </Badge>
          ))}
        </span>
      </TableCell>
      <TableCell className="font-mono text-xs">{(rule.where ?? []).join(", ") || "—"}</TableCell>
      <TableCell className="whitespace-nowrap">{formatDateTime(rule.createdAt, { fallback: t("admin.never") })}</TableCell>
      <TableCell className="text-right">
        <ConfirmedAction
          label={t("common.delete")}
          ariaLabel={t("admin.rules.deleteNamed", { name })}
          title={t("admin.rules.deleteTitle", { name })}
          action={() => remove.mutateAsync(rule.id ?? "")}
          done={t("admin.rules.deleted", { name })}
        />
      </TableCell>
    </TableRow>
  );
}

function CreateRuleForm() {
  const types = useShardTypes();
  const create = useCreateNotificationRule();
  const notify = useToast();
  const [events, setEvents] = useState<string[]>(["shard.created"]);
  const [errors, setErrors] = useState<{ form?: string; name?: string; shardType?: string; events?: string; where?: string }>({});
  const [formKey, setFormKey] = useState(0);
  const typeId = useId();
  const whereId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const shardType = String(data.get("shardType") ?? "");
    const where = String(data.get("where") ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const found: typeof errors = {};
    if (!name) found.name = t("validation.required");
    if (!shardType) found.shardType = t("validation.required");
    if (events.length === 0) found.events = t("admin.rules.pickEvent");
    const bad = where.find((line) => line.split(":").length < 2);
    if (bad) found.where = t("admin.rules.whereRule", { line: bad });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      { name, shardType, events, where },
      {
        onSuccess: () => {
          notify(t("admin.rules.created", { name }));
          setEvents(["shard.created"]);
          setFormKey((key) => key + 1);
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? error.fieldErrors() : {};
          setErrors({
            form: errorMessage(error),
            ...(fields.name && { name: fields.name }),
            ...(fields.shardType && { shardType: fields.shardType }),
            ...(fields.where && { where: fields.where }),
          });
        },
      },
    );
  };

  return (
    <Card>
      <CardContent className="pt-6">
        <form key={formKey} onSubmit={submit} noValidate className="grid grid-cols-1 gap-4" aria-labelledby={`${typeId}-title`}>
          <h2 id={`${typeId}-title`} className="text-lg font-semibold">
            {t("admin.rules.new")}
          </h2>
          {errors.form && <Alert variant="error">{errors.form}</Alert>}
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <FormField label={t("admin.rules.name")} name="name" required error={errors.name} />
            <div className="grid grid-cols-1 gap-2">
              <Label htmlFor={typeId}>{t("admin.rules.shardType")}</Label>
              <Select id={typeId} name="shardType" required defaultValue="" aria-invalid={errors.shardType ? true : undefined}>
                <option value="" disabled>
                  {t("admin.types.previewChoose")}
                </option>
                {(types.data ?? []).map((type) => (
                  <option key={type.name} value={type.name}>
                    {type.displayName ? `${type.displayName} (${type.name})` : type.name}
                  </option>
                ))}
              </Select>
              {errors.shardType && <p className="text-sm text-destructive">{errors.shardType}</p>}
            </div>
          </div>
          <fieldset className="flex flex-wrap gap-4">
            <legend className="mb-1 text-sm font-medium">{t("admin.rules.events")}</legend>
            {RULE_EVENTS.map((name) => (
              <label key={name} className="flex items-center gap-2 font-mono text-sm">
                <Checkbox
                  checked={events.includes(name)}
                  onChange={(change) => setEvents(change.target.checked ? [...events, name] : events.filter((other) => other !== name))}
                />
                {name}
              </label>
            ))}
          </fieldset>
          {errors.events && <p className="text-sm text-destructive">{errors.events}</p>}
          <div className="grid grid-cols-1 gap-2">
            <Label htmlFor={whereId}>{t("admin.rules.whereOptional")}</Label>
            <Textarea
              id={whereId}
              name="where"
              rows={3}
              className="font-mono"
              placeholder="amount:gt:1000"
              aria-describedby={`${whereId}-hint`}
              aria-invalid={errors.where ? true : undefined}
            />
            <p id={`${whereId}-hint`} className="text-xs text-muted-foreground">
              {t("admin.rules.whereHint")}
            </p>
            {errors.where && <p className="text-sm text-destructive">{errors.where}</p>}
          </div>
          <div>
            <SubmitButton pending={create.isPending} pendingLabel={t("admin.keys.creating")}>
              {t("admin.rules.create")}
            </SubmitButton>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
