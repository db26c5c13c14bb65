import { Link } from "@tanstack/react-router";
import { formatNumber, formatTimestamp } from "@/lib/format";
import { t } from "@/lib/i18n";
import { Badge } from "@/components/ui/badge";
import { displayValue } from "@/lib/shard-title";
import { fieldsOf, type JsonSchema } from "../lib/schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A field's value as the schema says to show it: dates localized, booleans as yes/no, links for URLs. */
function FieldValue({ schema, value }: { schema: JsonSchema; value: unknown }) {
  if (value === undefined || value === null || value === "") return <span className="text-muted-foreground">{t("shards.detail.empty")}</span>;
  if (typeof value === "boolean") return <>{value ? t("common.yes") : t("common.no")}</>;
  if (typeof value === "string" && schema.format === "date-time") {
    if (!Number.isNaN(Date.parse(value))) return <time dateTime={value}>{formatTimestamp(value)}</time>;
  }
  if (typeof value === "string" && (schema.format === "uri" || schema.format === "url") && /^https?:\/\//i.test(value)) {
    return (
      <a href={value} className="text-primary underline-offset-4 hover:underline" rel="noopener noreferrer" target="_blank">
        {value}
      </a>
    );
  }
  if (typeof value === "string" && schema.format === "uuid" && UUID.test(value)) {
    // Ids in structured data (accountId, assigneeId...) point at other shards more often than not.
    return (
      <Link to="/shards/$id" params={{ id: value }} className="font-mono text-sm text-primary underline-offset-4 hover:underline">
        {value}
      </Link>
    );
  }
  if (typeof value === "number") return <>{formatNumber(value)}</>;
  if (Array.isArray(value) && value.every((item) => !isObject(item))) {
    return (
      <ul className="flex flex-wrap gap-1">
        {value.map((item, index) => (
          <li key={index}>
            <Badge variant="outline">{displayValue(item)}</Badge>
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === "object") return <pre className="overflow-x-auto whitespace-pre-wrap text-xs">{JSON.stringify(value, null, 2)}</pre>;
  return <>{String(value)}</>;
}

/**
 * The structured fields of a shard, rendered by its schema (labels, order, nested objects as
 * groups); fields the schema does not name (types allow additional properties) follow.
 */
export function ShardFields({ schema, data }: { schema: JsonSchema; data: Record<string, unknown> }) {
  const fields = fieldsOf(schema);
  const known = new Set(fields.map((field) => field.name));
  const extra = Object.keys(data).filter((key) => !known.has(key));
  return (
    <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
      {fields.map((field) =>
        field.kind === "object" && isObject(data[field.name]) ? (
          <div key={field.name} className="grid gap-2 sm:col-span-2">
            <dt className="text-sm font-medium">{field.label}</dt>
            <dd className="rounded-md border border-border p-3">
              <ShardFields schema={field.schema} data={data[field.name] as Record<string, unknown>} />
            </dd>
          </div>
        ) : (
          <div key={field.name} className="grid gap-1">
            <dt className="text-sm text-muted-foreground">{field.label}</dt>
            <dd className="break-words">
              <FieldValue schema={field.schema} value={data[field.name]} />
            </dd>
          </div>
        ),
      )}
      {extra.map((key) => (
        <div key={key} className="grid gap-1">
          <dt className="text-sm text-muted-foreground">{key}</dt>
          <dd className="break-words">
            <FieldValue schema={{}} value={data[key]} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
