import { useId, useMemo, useState, type FormEvent } from "react";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { ArrowLeft } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/error-state";
import { FormField } from "@/components/ui/form-field";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { SubmitButton } from "@/components/ui/submit-button";
import { useToast } from "@/components/ui/toast";
import { ApiError, errorMessage, fieldOfPointer } from "@/lib/api";
import { t } from "@/lib/i18n";
import { useDeleteShardType, useSaveShardType, useShardType, useShardTypes, type ShardType, type ShardTypeDefinition } from "../api/admin-api";
import { JsonSchemaEditor } from "../components/json-schema-editor";
import { indexableFields } from "../components/indexable-fields";
import { checkSchemaText, lineOf } from "../components/schema-check";
import { mergeWithParent, SchemaFormPreview } from "../components/schema-form-preview";

const NAME = /^[a-z][a-z0-9_]{1,62}$/;
/** As many fields as a type may list in `indexedFields` (API.md). */
const MAX_INDEXED = 8;

export const STARTER_SCHEMA = `{
  "type": "object",
  "properties": {
    "name": { "type": "string", "title": "Name" }
  },
  "required": ["name"]
}
`;

const newRoute = getRouteApi("/app/admin/shard-types/new");
const editRoute = getRouteApi("/app/admin/shard-types/$name");

export function NewShardTypePage() {
  const { parent } = newRoute.useSearch();
  return <ShardTypeEditor key="new" initialParent={parent} />;
}

export function EditShardTypePage() {
  const { name } = editRoute.useParams();
  const type = useShardType(name);
  if (type.isPending) return <SkeletonRows label={t("admin.loading")} rows={8} />;
  if (type.isError) return <ErrorState error={type.error} onRetry={() => void type.refetch()} />;
  return <ShardTypeEditor key={name} existing={type.data} />;
}

/** The names of a type's ancestors, nearest first, from the list of all types. */
export function ancestorsOf(parent: string | undefined, types: readonly ShardType[]): string[] {
  const chain: string[] = [];
  let current = parent;
  while (current && !chain.includes(current)) {
    chain.push(current);
    current = types.find((type) => type.name === current)?.parentType;
  }
  return chain;
}

type Fields = "name" | "displayName" | "description" | "parentType";

function ShardTypeEditor({ existing, initialParent }: { existing?: ShardType; initialParent?: string | undefined }) {
  const navigate = useNavigate();
  const notify = useToast();
  const types = useShardTypes();
  const save = useSaveShardType(existing?.name);
  const remove = useDeleteShardType();
  const readOnly = !!existing?.system;
  const initialText = useMemo(
    () => (existing?.schema !== undefined ? JSON.stringify(existing.schema, null, 2) + "\n" : STARTER_SCHEMA),
    [existing],
  );
  const [text, setText] = useState(initialText);
  const [parent, setParent] = useState(existing?.parentType ?? initialParent ?? "");
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Fields, string>>>({});
  const [serverProblems, setServerProblems] = useState<string[]>([]);
  const [formError, setFormError] = useState<string>();
  const [confirmForce, setConfirmForce] = useState<{ definition: ShardTypeDefinition; message: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [embed, setEmbed] = useState(existing?.embed ?? true);
  const [indexed, setIndexed] = useState<string[]>(existing?.indexedFields ?? []);
  const check = useMemo(() => checkSchemaText(text), [text]);
  const errors = check.problems.filter((problem) => problem.severity === "error");
  const problemsId = useId();

  const ancestors = ancestorsOf(parent || undefined, types.data ?? []);
  const parentType = useShardType(parent, parent !== "");
  const previewSchema = parent && parentType.data ? mergeWithParent(check.value, parentType.data.effectiveSchema) : check.value;
  const indexable = useMemo(() => indexableFields(previewSchema), [previewSchema]);
  // A field taken out of the schema leaves the list with it (the server would refuse it).
  const chosen = indexed.filter((pointer) => indexable.includes(pointer));
  const indexedId = useId();
  const embedId = useId();
  const embedHintId = useId();
  // A type cannot inherit from itself or from one of its descendants.
  const parentChoices = (types.data ?? []).filter(
    (type) => !existing?.name || !ancestorsOf(type.name, types.data ?? []).includes(existing.name),
  );

  const submitDefinition = (definition: ShardTypeDefinition, force = false) => {
    setFormError(undefined);
    setServerProblems([]);
    save.mutate(
      { definition, force },
      {
        onSuccess: (saved) => {
          notify(existing ? t("admin.types.saved", { name: saved.name ?? "" }) : t("admin.types.created", { name: saved.name ?? "" }));
          setConfirmForce(null);
          if (!existing) void navigate({ to: "/admin/shard-types" });
        },
        onError: (error) => {
          setConfirmForce(null);
          if (error instanceof ApiError && error.status === 409 && existing && !force) {
            setConfirmForce({ definition, message: errorMessage(error) });
            return;
          }
          if (error instanceof ApiError && error.problem.errors?.length) {
            const fields: Partial<Record<Fields, string>> = {};
            const others: string[] = [];
            for (const problem of error.problem.errors) {
              const field = fieldOfPointer(problem.pointer);
              if (field === "name" || field === "displayName" || field === "description" || field === "parentType") {
                fields[field] ??= problem.message;
              } else {
                others.push(problem.pointer ? `${problem.pointer}: ${problem.message}` : problem.message);
              }
            }
            setFieldErrors(fields);
            setServerProblems(others);
            setFormError(t("error.fieldsBelow"));
            return;
          }
          setFormError(errorMessage(error));
        },
      },
    );
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = existing?.name ?? String(data.get("name") ?? "").trim();
    const displayName = String(data.get("displayName") ?? "").trim();
    const description = String(data.get("description") ?? "").trim();
    const fields: Partial<Record<Fields, string>> = {};
    if (!NAME.test(name)) fields.name = t("admin.types.nameRule");
    setFieldErrors(fields);
    if (Object.keys(fields).length > 0 || errors.length > 0) {
      setFormError(errors.length > 0 ? t("admin.types.fixSchema") : t("error.fieldsBelow"));
      return;
    }
    submitDefinition({
      name,
      ...(displayName && { displayName }),
      ...(description && { description }),
      ...(parent && { parentType: parent }),
      schema: check.value as ShardTypeDefinition["schema"],
      ...(existing?.encryptedFields?.length && { encryptedFields: existing.encryptedFields }),
      ...(existing?.embedFields?.length && { embedFields: existing.embedFields }),
      embed,
      indexedFields: chosen,
    });
  };

  const title = existing ? (existing.displayName || existing.name || "") : t("admin.types.new");
  return (
    <section>
      <Link to="/admin/shard-types" className="mb-3 inline-flex items-center gap-1 text-sm text-primary underline-offset-4 hover:underline">
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t("admin.types.back")}
      </Link>
      <PageHeader
        title={title}
        description={existing ? <span className="font-mono">{existing.name}</span> : t("admin.types.newDescription")}
        actions={
          existing && !readOnly ? (
            <Button variant="destructive" onClick={() => setConfirmDelete(true)}>
              {t("common.delete")}
            </Button>
          ) : undefined
        }
      />
      {readOnly && (
        <Alert variant="info" className="mb-4">
          {t("admin.types.builtInReadOnly")}{" "}
          <Link
            to="/admin/shard-types/new"
            search={{ parent: existing?.name }}
            className="font-medium text-primary underline-offset-4 hover:underline"
          >
            {t("admin.types.extend")}
          </Link>
        </Alert>
      )}
      <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-6" aria-label={title}>
        {formError && <Alert variant="error">{formError}</Alert>}
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {!existing && (
            <FormField
              label={t("admin.types.name")}
              name="name"
              required
              autoComplete="off"
              hint={t("admin.types.nameRule")}
              error={fieldErrors.name}
              className="font-mono"
            />
          )}
          <FormField
            label={t("admin.types.displayName")}
            name="displayName"
            defaultValue={existing?.displayName}
            readOnly={readOnly}
            error={fieldErrors.displayName}
          />
          <FormField
            label={t("admin.types.descriptionField")}
            name="description"
            defaultValue={existing?.description}
            readOnly={readOnly}
            error={fieldErrors.description}
          />
          <div className="grid grid-cols-1 gap-2">
            <Label htmlFor="shard-type-parent">{t("admin.types.parent")}</Label>
            <Select
              id="shard-type-parent"
              value={parent}
              disabled={readOnly}
              onChange={(event) => setParent(event.target.value)}
              aria-describedby="shard-type-parent-hint"
            >
              <option value="">{t("admin.types.noParent")}</option>
              {parentChoices.map((type) => (
                <option key={type.name} value={type.name}>
                  {type.name}
                  {type.displayName ? ` (${type.displayName})` : ""}
                </option>
              ))}
            </Select>
            <p id="shard-type-parent-hint" className="text-xs text-muted-foreground">
              {ancestors.length > 0 ? t("admin.types.inherits", { chain: ancestors.join(" → ") }) : t("admin.types.parentHint")}
            </p>
            {fieldErrors.parentType && <p className="text-sm text-destructive">{fieldErrors.parentType}</p>}
          </div>
        </div>

        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <div className="grid grid-cols-1 content-start gap-2">
            <span aria-hidden="true" className="text-sm font-medium">
              {t("admin.types.schema")}
            </span>
            <JsonSchemaEditor initialValue={initialText} onChange={setText} readOnly={readOnly} label={t("admin.types.schema")} />
            <div id={problemsId} aria-live="polite">
              {check.problems.length === 0 && serverProblems.length === 0 ? (
                <p className="text-sm text-success">{t("admin.types.schemaValid")}</p>
              ) : (
                <ul className="grid grid-cols-1 gap-1 text-sm" aria-label={t("admin.types.problems")}>
                  {check.problems.map((problem, index) => (
                    <li key={index} className={problem.severity === "error" ? "text-destructive" : "text-foreground"}>
                      <Badge variant={problem.severity === "error" ? "destructive" : "outline"} className="mr-2">
                        {problem.severity === "error" ? t("admin.types.error") : t("admin.types.warning")}
                      </Badge>
                      {t("admin.types.atLine", { line: lineOf(text, problem.from) })} {problem.message}
                    </li>
                  ))}
                  {serverProblems.map((message, index) => (
                    <li key={`server-${index}`} className="text-destructive">
                      <Badge variant="destructive" className="mr-2">
                        {t("admin.types.server")}
                      </Badge>
                      {message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
          <Card>
            <CardContent className="grid grid-cols-1 gap-3 pt-6">
              <h2 className="text-lg font-semibold">{t("admin.types.preview")}</h2>
              {parent && parentType.data && (
                <p className="text-sm text-muted-foreground">{t("admin.types.previewInherited", { parent })}</p>
              )}
              {check.value !== undefined ? (
                <SchemaFormPreview schema={previewSchema} />
              ) : (
                <p className="text-sm text-muted-foreground">{t("admin.types.previewInvalid")}</p>
              )}
            </CardContent>
          </Card>
        </div>

        <fieldset disabled={readOnly} className="grid grid-cols-1 gap-4 rounded-md border border-border p-4">
          <legend className="px-1 text-sm font-medium">{t("admin.types.listsAndSearch")}</legend>
          <div className="flex items-start gap-2">
            <Checkbox
              id={embedId}
              className="mt-0.5"
              checked={embed}
              onChange={(event) => setEmbed(event.target.checked)}
              aria-describedby={embedHintId}
            />
            <div className="grid grid-cols-1 gap-1">
              <Label htmlFor={embedId}>{t("admin.types.embed")}</Label>
              <p id={embedHintId} className="text-xs text-muted-foreground">
                {t("admin.types.embedHint")}
              </p>
            </div>
          </div>
          <div role="group" aria-labelledby={indexedId} className="grid grid-cols-1 gap-2">
            <p id={indexedId} className="text-sm font-medium">
              {t("admin.types.indexedFields")}
            </p>
            <p className="text-xs text-muted-foreground">{t("admin.types.indexedHint", { max: String(MAX_INDEXED) })}</p>
            {indexable.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("admin.types.noIndexable")}</p>
            ) : (
              <div className="grid grid-cols-1 gap-1 sm:grid-cols-2 xl:grid-cols-3">
                {indexable.map((pointer) => {
                  const checked = chosen.includes(pointer);
                  return (
                    <label key={pointer} className="flex items-center gap-2 font-mono text-sm">
                      <Checkbox
                        checked={checked}
                        disabled={!checked && chosen.length >= MAX_INDEXED}
                        onChange={(event) =>
                          setIndexed(event.target.checked ? [...indexed, pointer] : indexed.filter((field) => field !== pointer))
                        }
                      />
                      {pointer}
                    </label>
                  );
                })}
              </div>
            )}
          </div>
        </fieldset>

        {existing?.effectiveSchema !== undefined && ancestors.length > 0 && (
          <details className="rounded-md border border-border p-3">
            <summary className="cursor-pointer text-sm font-medium">{t("admin.types.effectiveSchema")}</summary>
            <pre className="mt-2 max-h-96 overflow-auto text-xs">{JSON.stringify(existing.effectiveSchema, null, 2)}</pre>
          </details>
        )}

        {!readOnly && (
          <div className="flex flex-wrap gap-2">
            <SubmitButton pending={save.isPending} pendingLabel={t("common.saving")}>
              {existing ? t("common.save") : t("admin.types.create")}
            </SubmitButton>
            <Link to="/admin/shard-types" className="inline-flex h-10 items-center px-4 text-sm text-primary underline-offset-4 hover:underline">
              {t("common.cancel")}
            </Link>
          </div>
        )}
      </form>

      <ConfirmDialog
        open={!!confirmForce}
        title={t("admin.types.forceTitle")}
        description={`${confirmForce?.message ?? ""} ${t("admin.types.forceBody")}`}
        confirmLabel={t("admin.types.force")}
        destructive
        pending={save.isPending}
        onConfirm={() => confirmForce && submitDefinition(confirmForce.definition, true)}
        onClose={() => setConfirmForce(null)}
      />
      <ConfirmDialog
        open={confirmDelete}
        title={t("admin.types.deleteTitle", { name: existing?.name ?? "" })}
        description={t("admin.types.deleteBody")}
        confirmLabel={t("common.delete")}
        destructive
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutate(existing?.name ?? "", {
            onSuccess: () => {
              notify(t("admin.types.deleted", { name: existing?.name ?? "" }));
              void navigate({ to: "/admin/shard-types" });
            },
            onError: (error) => {
              setConfirmDelete(false);
              setFormError(errorMessage(error));
            },
          })
        }
        onClose={() => setConfirmDelete(false)}
      />
    </section>
  );
}
