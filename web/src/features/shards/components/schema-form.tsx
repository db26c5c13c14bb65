/**
 * Form fields generated from a type's effective JSON Schema: text (with format, enum and length),
 * numbers and integers with their bounds, booleans, dates, arrays of scalars and nested objects.
 * Values are typed as the schema says (a number field yields a number). Validation is the
 * server's: its 422 messages arrive in `errors`, keyed by the dotted path of the body.
 */
import { useState } from "react";
import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { t } from "@/lib/i18n";
import { asSchema, fieldsOf, kindOf, type FieldKind, type JsonSchema, type SchemaField } from "../lib/schema";

type Errors = Record<string, string>;

/** The DOM id of a form field, from its body path (`structuredData.probability`). */
export function fieldId(key: string): string {
  return `shard-field-${key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** The form's field keys for a schema (to map 422 pointers onto them). */
export function schemaFieldKeys(schema: JsonSchema, prefix = "structuredData"): string[] {
  return fieldsOf(schema).flatMap((field) => {
    const key = `${prefix}.${field.name}`;
    return field.kind === "object" ? [key, ...schemaFieldKeys(field.schema, key)] : [key];
  });
}

function hintOf(field: SchemaField): string | undefined {
  const s = field.schema;
  const parts: string[] = [];
  if (s.description) parts.push(s.description);
  const min = s.minimum ?? s.exclusiveMinimum;
  const max = s.maximum ?? s.exclusiveMaximum;
  if (min !== undefined && max !== undefined) parts.push(t("shards.form.between", { min, max }));
  else if (min !== undefined) parts.push(t("shards.form.atLeast", { min }));
  else if (max !== undefined) parts.push(t("shards.form.atMost", { max }));
  if (s.maxLength !== undefined) parts.push(t("shards.form.maxLength", { max: s.maxLength }));
  return parts.length > 0 ? parts.join(" ") : undefined;
}

function toLocalDateTime(value: unknown): string {
  if (typeof value !== "string" || value === "") return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The typed value of a scalar input's text; "" clears the field. */
function parseScalar(kind: FieldKind, text: string): unknown {
  if (text === "") return undefined;
  if (kind === "number" || kind === "integer") {
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }
  return text;
}

type ScalarProps = {
  id: string;
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  describedBy?: string | undefined;
  invalid?: boolean;
  required?: boolean;
  label?: string;
};

/** One scalar input: select for enums, checkbox for booleans, the matching input type otherwise. */
function ScalarInput({ id, schema, value, onChange, describedBy, invalid, required, label }: ScalarProps) {
  const kind = kindOf(schema);
  const common = {
    id,
    "aria-describedby": describedBy,
    "aria-invalid": invalid || undefined,
    "aria-required": required || undefined,
    ...(label && { "aria-label": label }),
  };
  if (schema.enum) {
    const options = schema.enum.map((option) => String(option));
    return (
      <Select
        {...common}
        value={value === undefined || value === null ? "" : String(value)}
        onChange={(event) => {
          const chosen = schema.enum?.find((option) => String(option) === event.target.value);
          onChange(event.target.value === "" ? undefined : chosen);
        }}
      >
        <option value="">{t("shards.form.choose")}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </Select>
    );
  }
  if (kind === "boolean") {
    return <Checkbox {...common} checked={value === true} onChange={(event) => onChange(event.target.checked)} />;
  }
  if (kind === "number" || kind === "integer") {
    return (
      <Input
        {...common}
        type="number"
        inputMode={kind === "integer" ? "numeric" : "decimal"}
        step={kind === "integer" ? 1 : "any"}
        min={schema.minimum}
        max={schema.maximum}
        value={value === undefined || value === null ? "" : String(value)}
        onChange={(event) => onChange(parseScalar(kind, event.target.value))}
      />
    );
  }
  const text = value === undefined || value === null ? "" : String(value);
  switch (schema.format) {
    case "date":
      return <Input {...common} type="date" value={text.slice(0, 10)} onChange={(event) => onChange(parseScalar(kind, event.target.value))} />;
    case "date-time":
      return (
        <Input
          {...common}
          type="datetime-local"
          value={toLocalDateTime(text)}
          onChange={(event) => onChange(event.target.value === "" ? undefined : new Date(event.target.value).toISOString())}
        />
      );
    case "email":
      return <Input {...common} type="email" value={text} maxLength={schema.maxLength} onChange={(event) => onChange(parseScalar(kind, event.target.value))} />;
    case "uri":
    case "url":
      return <Input {...common} type="url" value={text} maxLength={schema.maxLength} onChange={(event) => onChange(parseScalar(kind, event.target.value))} />;
  }
  if ((schema.maxLength ?? 0) > 500) {
    // A field allowed that much text is prose: give it room.
    return <Textarea {...common} value={text} maxLength={schema.maxLength} onChange={(event) => onChange(parseScalar(kind, event.target.value))} />;
  }
  const examples = (schema.examples ?? []).filter((example): example is string => typeof example === "string");
  if (examples.length > 0) {
    // The schema's examples as suggestions (a stage, a category): free text is still allowed.
    return (
      <>
        <Input {...common} list={`${id}-examples`} value={text} maxLength={schema.maxLength} onChange={(event) => onChange(parseScalar(kind, event.target.value))} />
        <datalist id={`${id}-examples`}>
          {examples.map((example) => (
            <option key={example} value={example} />
          ))}
        </datalist>
      </>
    );
  }
  return <Input {...common} value={text} maxLength={schema.maxLength} onChange={(event) => onChange(parseScalar(kind, event.target.value))} />;
}

function ArrayInput({ field, value, onChange, id, describedBy, invalid }: { field: SchemaField; value: unknown; onChange: (value: unknown) => void; id: string; describedBy?: string | undefined; invalid: boolean }) {
  const items = Array.isArray(value) ? value : [];
  const itemSchema = asSchema(field.schema.items);
  const set = (next: unknown[]) => onChange(next.length > 0 ? next : undefined);
  return (
    <div className="grid gap-2">
      {items.map((item, index) => (
        <div key={index} className="flex items-center gap-2">
          <ScalarInput
            id={index === 0 ? id : `${id}-${index}`}
            schema={itemSchema}
            value={item}
            describedBy={describedBy}
            invalid={invalid}
            label={t("shards.form.item", { label: field.label, n: index + 1 })}
            onChange={(next) => set(items.map((old, i) => (i === index ? next : old)).filter((v) => v !== undefined))}
          />
          <Button variant="ghost" size="sm" onClick={() => set(items.filter((_, i) => i !== index))}>
            <X aria-hidden="true" className="size-4" />
            <span className="sr-only">{t("shards.form.removeItem", { label: field.label, n: index + 1 })}</span>
          </Button>
        </div>
      ))}
      <div>
        <Button variant="outline" size="sm" id={items.length === 0 ? id : undefined} onClick={() => onChange([...items, kindOf(itemSchema) === "boolean" ? false : ""])}>
          <Plus aria-hidden="true" className="size-4" />
          {t("shards.form.addItem", { label: field.label })}
        </Button>
      </div>
    </div>
  );
}

/** A field the renderer has no input for (arrays of objects): edited as JSON, parsed on blur. */
function JsonInput({ id, value, onChange, describedBy, invalid }: { id: string; value: unknown; onChange: (value: unknown) => void; describedBy?: string | undefined; invalid: boolean }) {
  const [text, setText] = useState(() => (value === undefined ? "" : JSON.stringify(value, null, 2)));
  const [bad, setBad] = useState(false);
  return (
    <>
      <Textarea
        id={id}
        className="font-mono"
        value={text}
        aria-describedby={describedBy}
        aria-invalid={invalid || bad || undefined}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => {
          if (text.trim() === "") {
            setBad(false);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(text));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && <p className="text-sm text-destructive">{t("shards.form.badJson")}</p>}
    </>
  );
}

function FieldRow({ field, value, onChange, errors, prefix }: { field: SchemaField; value: unknown; onChange: (value: unknown) => void; errors: Errors; prefix: string }) {
  const key = `${prefix}.${field.name}`;
  const id = fieldId(key);
  const hint = hintOf(field);
  const error = errors[key];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;

  if (field.kind === "object") {
    return (
      <fieldset className="grid gap-4 rounded-md border border-border p-4" aria-describedby={describedBy}>
        <legend className="px-1 text-sm font-medium">
          {field.label}
          {field.required && <RequiredMark />}
        </legend>
        {hint && <p id={hintId} className="text-xs text-muted-foreground">{hint}</p>}
        {error && <p id={errorId} className="text-sm text-destructive">{error}</p>}
        <SchemaFields schema={field.schema} value={value} onChange={onChange} errors={errors} prefix={key} />
      </fieldset>
    );
  }
  const arrayOfScalars = field.kind === "array" && field.itemKind !== "object" && field.itemKind !== "array";
  const isBoolean = field.kind === "boolean" && !field.schema.enum;
  return (
    <div className={isBoolean ? "flex flex-wrap items-center gap-x-3 gap-y-1" : "grid gap-2"}>
      {isBoolean && <ScalarInput id={id} schema={field.schema} value={value} onChange={onChange} describedBy={describedBy} invalid={!!error} required={field.required} />}
      {arrayOfScalars ? (
        <span id={`${id}-label`} className="text-sm font-medium leading-none">
          {field.label}
          {field.required && <RequiredMark />}
        </span>
      ) : (
        <Label htmlFor={id}>
          {field.label}
          {field.required && <RequiredMark />}
        </Label>
      )}
      {!isBoolean &&
        (arrayOfScalars ? (
          <div role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
            <ArrayInput field={field} value={value} onChange={onChange} id={id} describedBy={describedBy} invalid={!!error} />
          </div>
        ) : field.kind === "array" ? (
          // Keyed by the value so that a new value from outside (a 412 re-apply) replaces the text.
          <JsonInput key={JSON.stringify(value) ?? ""} id={id} value={value} onChange={onChange} describedBy={describedBy} invalid={!!error} />
        ) : (
          <ScalarInput id={id} schema={field.schema} value={value} onChange={onChange} describedBy={describedBy} invalid={!!error} required={field.required} />
        ))}
      {hint && (
        <p id={hintId} className="w-full text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="w-full text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

export function RequiredMark() {
  return (
    <>
      <span aria-hidden="true" className="ml-0.5 text-destructive">
        *
      </span>
      <span className="sr-only"> {t("shards.form.required")}</span>
    </>
  );
}

/** The fields of an object schema, editing `value` (an object) through `onChange`. */
export function SchemaFields({
  schema,
  value,
  onChange,
  errors,
  prefix = "structuredData",
}: {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: Record<string, unknown>) => void;
  errors: Errors;
  prefix?: string;
}) {
  const object = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const fields = fieldsOf(schema);
  if (fields.length === 0) {
    return <p className="text-sm text-muted-foreground">{t("shards.form.noFields")}</p>;
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((field) => (
        <div key={field.name} className={field.kind === "object" || field.kind === "array" ? "sm:col-span-2" : undefined}>
          <FieldRow
            field={field}
            value={object[field.name]}
            errors={errors}
            prefix={prefix}
            onChange={(next) => {
              const copy = { ...object };
              const empty = next === undefined || (typeof next === "object" && next !== null && !Array.isArray(next) && Object.keys(next).length === 0);
              if (empty) delete copy[field.name];
              else copy[field.name] = next;
              onChange(copy);
            }}
          />
        </div>
      ))}
    </div>
  );
}
