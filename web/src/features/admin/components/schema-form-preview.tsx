import { useId } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { t } from "@/lib/i18n";

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);

function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((name) => name !== "null") as string | undefined;
  if (isObject(schema.properties)) return "object";
  if (Array.isArray(schema.enum)) return "enum";
  return undefined;
}

const INPUT_OF_FORMAT: Record<string, string> = { date: "date", "date-time": "datetime-local", email: "email", uri: "url", time: "time" };

/**
 * The schema a child type's shards are validated against, for the preview: the parent's
 * effective properties and required names, then the child's own (which win on a clash).
 */
export function mergeWithParent(own: unknown, parentEffective: unknown): unknown {
  if (!isObject(parentEffective) || !isObject(own)) return own;
  const parentProperties = isObject(parentEffective.properties) ? parentEffective.properties : {};
  const ownProperties = isObject(own.properties) ? own.properties : {};
  const required = [
    ...(Array.isArray(parentEffective.required) ? parentEffective.required : []),
    ...(Array.isArray(own.required) ? own.required : []),
  ];
  return { ...own, properties: { ...parentProperties, ...ownProperties }, required: [...new Set(required)] };
}

/**
 * How a shard form built from this schema will look: one control per property, by type (text,
 * number, checkbox, list, nested group). A preview only: nothing is submitted.
 */
export function SchemaFormPreview({ schema }: { schema: unknown }) {
  if (!isObject(schema) || !isObject(schema.properties) || Object.keys(schema.properties).length === 0) {
    return <p className="text-sm text-muted-foreground">{t("admin.types.previewEmpty")}</p>;
  }
  return (
    <form className="grid grid-cols-1 gap-4" aria-label={t("admin.types.preview")} onSubmit={(event) => event.preventDefault()}>
      <Properties schema={schema} depth={0} />
    </form>
  );
}

function Properties({ schema, depth }: { schema: Schema; depth: number }) {
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
  return (
    <>
      {Object.entries(schema.properties as Schema).map(([name, property]) => (
        <Field key={name} name={name} schema={isObject(property) ? property : {}} required={required.includes(name)} depth={depth} />
      ))}
    </>
  );
}

function Field({ name, schema, required, depth }: { name: string; schema: Schema; required: boolean; depth: number }) {
  const id = useId();
  const label = (typeof schema.title === "string" && schema.title) || name;
  const description = typeof schema.description === "string" ? schema.description : undefined;
  const hintId = description ? `${id}-hint` : undefined;
  const type = typeOf(schema);
  const shown = (
    <>
      {label}
      {required && (
        <>
          <span aria-hidden="true" className="text-destructive"> *</span>
          <span className="sr-only"> {t("admin.types.previewRequired")}</span>
        </>
      )}
    </>
  );
  const hint = description && (
    <p id={hintId} className="text-xs text-muted-foreground">
      {description}
    </p>
  );

  if (type === "object" && isObject(schema.properties) && depth < 3) {
    return (
      <fieldset className="grid grid-cols-1 gap-3 rounded-md border border-border p-3">
        <legend className="px-1 text-sm font-medium">{shown}</legend>
        {hint}
        <Properties schema={schema} depth={depth + 1} />
      </fieldset>
    );
  }
  if (type === "boolean") {
    return (
      <div className="flex items-center gap-2">
        <Checkbox id={id} aria-describedby={hintId} />
        <Label htmlFor={id}>{shown}</Label>
        {hint}
      </div>
    );
  }
  let control;
  if (Array.isArray(schema.enum)) {
    control = (
      <Select id={id} aria-describedby={hintId} required={required} defaultValue="">
        <option value="">{t("admin.types.previewChoose")}</option>
        {schema.enum.map((value) => (
          <option key={String(value)} value={String(value)}>
            {String(value)}
          </option>
        ))}
      </Select>
    );
  } else if (type === "array" || type === "object") {
    control = <Textarea id={id} aria-describedby={hintId} required={required} placeholder={type === "array" ? t("admin.types.previewList") : "{}"} rows={2} />;
  } else if (type === "number" || type === "integer") {
    control = (
      <Input
        id={id}
        type="number"
        aria-describedby={hintId}
        required={required}
        step={type === "integer" ? 1 : "any"}
        {...(typeof schema.minimum === "number" && { min: schema.minimum })}
        {...(typeof schema.maximum === "number" && { max: schema.maximum })}
      />
    );
  } else {
    const format = typeof schema.format === "string" ? INPUT_OF_FORMAT[schema.format] : undefined;
    const long = typeof schema.maxLength === "number" ? schema.maxLength > 500 : false;
    control = long ? (
      <Textarea id={id} aria-describedby={hintId} required={required} />
    ) : (
      <Input
        id={id}
        type={format ?? "text"}
        aria-describedby={hintId}
        required={required}
        {...(typeof schema.maxLength === "number" && { maxLength: schema.maxLength })}
      />
    );
  }
  return (
    <div className="grid grid-cols-1 gap-2">
      <Label htmlFor={id}>{shown}</Label>
      {control}
      {hint}
    </div>
  );
}
