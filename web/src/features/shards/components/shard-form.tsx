/**
 * The create/edit form of a shard: its structured fields from the type's schema, its text, tags
 * and status. Controlled by the page (which owns the values for the 412 re-apply); after a failed
 * save it focuses the first field with an error.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { t } from "@/lib/i18n";
import { EDITABLE_STATUSES, type Shard, type ShardBody } from "../api/shards-api";
import type { FormErrors } from "../lib/form-errors";
import type { JsonSchema } from "../lib/schema";
import { fieldId, schemaFieldKeys, SchemaFields } from "./schema-form";

/** The form's values for a shard (all of its text and metadata kept, so a merge patch touches only edits). */
export function bodyOf(shard: Shard): ShardBody {
  return {
    structuredData: shard.structuredData,
    unstructuredData: shard.unstructuredData,
    metadata: shard.metadata,
    status: shard.status && shard.status !== "deleted" ? shard.status : "active",
  };
}

export const EMPTY_BODY: ShardBody = { structuredData: {}, unstructuredData: {}, metadata: {}, status: "active" };

/** Every key a 422 pointer can land on in this form. */
export function formFieldKeys(schema: JsonSchema): string[] {
  return [...schemaFieldKeys(schema), "unstructuredData.text", "unstructuredData", "metadata.tags", "metadata", "status"];
}

function tagsOf(text: string): string[] {
  return [...new Set(text.split(",").map((tag) => tag.trim()).filter(Boolean))];
}

type ShardFormProps = {
  schema: JsonSchema;
  values: ShardBody;
  onChange: (values: ShardBody) => void;
  onSubmit: () => void;
  errors: FormErrors;
  /** Increases after each failed save: the form then focuses its first error. */
  attempt: number;
  pending: boolean;
  submitLabel: string;
  /** Above the fields (e.g. the "changed by someone else" banner). */
  banner?: ReactNode;
  actions?: ReactNode;
};

export function ShardForm({ schema, values, onChange, onSubmit, errors, attempt, pending, submitLabel, banner, actions }: ShardFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const formError = useRef<HTMLDivElement>(null);
  // Tags are typed as text; the list is derived from it so that a trailing comma does not vanish while typing.
  const [tagText, setTagText] = useState(() => (values.metadata.tags ?? []).join(", "));
  const tags = (values.metadata.tags ?? []).join(", ");
  useEffect(() => {
    setTagText((current) => (tagsOf(current).join(", ") === tags ? current : tags));
  }, [tags]);

  useEffect(() => {
    if (attempt === 0) return;
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) first.focus();
    else formError.current?.focus();
  }, [attempt]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const hasFieldErrors = Object.keys(errors.fields).length > 0;

  return (
    <form ref={form} noValidate onSubmit={submit} className="grid gap-6" aria-label={submitLabel}>
      {banner}
      {(errors.form.length > 0 || hasFieldErrors) && (
        <div ref={formError} tabIndex={-1}>
          <Alert variant="error">
            {errors.form.length > 0 ? (
              <ul className="grid gap-1">
                {errors.form.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            ) : (
              t("error.fieldsBelow")
            )}
          </Alert>
        </div>
      )}
      <section className="grid gap-4" aria-labelledby="shard-form-fields">
        <h2 id="shard-form-fields" className="text-lg font-semibold">
          {t("shards.form.fields")}
        </h2>
        <SchemaFields
          schema={schema}
          value={values.structuredData}
          errors={errors.fields}
          onChange={(structuredData) => onChange({ ...values, structuredData })}
        />
      </section>
      <section className="grid gap-4" aria-labelledby="shard-form-more">
        <h2 id="shard-form-more" className="text-lg font-semibold">
          {t("shards.form.more")}
        </h2>
        <div className="grid gap-2">
          <Label htmlFor={fieldId("unstructuredData.text")}>{t("shards.form.text")}</Label>
          <Textarea
            id={fieldId("unstructuredData.text")}
            rows={5}
            value={values.unstructuredData.text ?? ""}
            aria-invalid={errors.fields["unstructuredData.text"] ? true : undefined}
            aria-describedby={errors.fields["unstructuredData.text"] ? `${fieldId("unstructuredData.text")}-error` : undefined}
            onChange={(event) => {
              const { text: _old, ...rest } = values.unstructuredData;
              void _old;
              onChange({ ...values, unstructuredData: event.target.value === "" ? rest : { ...rest, text: event.target.value } });
            }}
          />
          {errors.fields["unstructuredData.text"] && (
            <p id={`${fieldId("unstructuredData.text")}-error`} className="text-sm text-destructive">
              {errors.fields["unstructuredData.text"]}
            </p>
          )}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="grid gap-2">
            <Label htmlFor={fieldId("metadata.tags")}>{t("shards.form.tags")}</Label>
            <Input
              id={fieldId("metadata.tags")}
              value={tagText}
              aria-describedby={`${fieldId("metadata.tags")}-hint${errors.fields["metadata.tags"] ? ` ${fieldId("metadata.tags")}-error` : ""}`}
              aria-invalid={errors.fields["metadata.tags"] ? true : undefined}
              onChange={(event) => {
                setTagText(event.target.value);
                const next = tagsOf(event.target.value);
                const { tags: _old, ...rest } = values.metadata;
                void _old;
                onChange({ ...values, metadata: next.length > 0 ? { ...rest, tags: next } : rest });
              }}
            />
            <p id={`${fieldId("metadata.tags")}-hint`} className="text-xs text-muted-foreground">
              {t("shards.form.tagsHint")}
            </p>
            {errors.fields["metadata.tags"] && (
              <p id={`${fieldId("metadata.tags")}-error`} className="text-sm text-destructive">
                {errors.fields["metadata.tags"]}
              </p>
            )}
          </div>
          <div className="grid gap-2">
            <Label htmlFor={fieldId("status")}>{t("shards.field.status")}</Label>
            <Select
              id={fieldId("status")}
              value={values.status}
              aria-invalid={errors.fields.status ? true : undefined}
              onChange={(event) => onChange({ ...values, status: event.target.value })}
            >
              {EDITABLE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`shards.status.${status}`)}
                </option>
              ))}
            </Select>
            {errors.fields.status && <p className="text-sm text-destructive">{errors.fields.status}</p>}
          </div>
        </div>
      </section>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending} pendingLabel={t("common.saving")}>
          {submitLabel}
        </SubmitButton>
        {actions}
      </div>
    </form>
  );
}
