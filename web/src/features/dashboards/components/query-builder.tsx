import { useId } from "react";
import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { t } from "@/lib/i18n";
import type { ShardType } from "../api/types";
import {
  BUCKETS,
  isDateKind,
  isNumericKind,
  MEASURE_FNS,
  NUMERIC_FNS,
  OPERATORS,
  schemaFields,
  SORTS,
  SYSTEM_FIELDS,
  type Bucket,
  type FieldInfo,
  type MeasureFn,
  type Operator,
  type QueryDraft,
  type SortChoice,
} from "../lib/query-builder";

const CUSTOM = "__custom__";
const MAX_GROUPINGS = 3;
const MAX_FILTERS = 10;

/** The fields of a type the builder offers: its schema's, then the ones every shard has. */
export function fieldsOfType(type: ShardType | undefined): FieldInfo[] {
  if (!type) return [...SYSTEM_FIELDS];
  const own = schemaFields(type.effectiveSchema ?? type.schema);
  return [...own, ...SYSTEM_FIELDS.filter((system) => !own.some((field) => field.path === system.path))];
}

type Props = {
  draft: QueryDraft;
  onChange: (draft: QueryDraft) => void;
  types: ShardType[];
  groupingRequired?: boolean;
  /** One number (a KPI): no groupings, order or row limit. */
  single?: boolean;
};

/**
 * Builds an analytics query without writing one: a shard type, filters (the `where` strings of
 * the API), groupings (fields, date buckets, or a linked shard's field typed as a path), one
 * measure, the order and how many rows.
 */
export function QueryBuilder({ draft, onChange, types, groupingRequired, single }: Props) {
  const id = useId();
  const type = types.find((candidate) => candidate.name === draft.shardType);
  const fields = fieldsOfType(type);
  const kindOf = (path: string) => fields.find((field) => field.path === path)?.kind;
  const numeric = fields.filter((field) => isNumericKind(field.kind));
  const set = (patch: Partial<QueryDraft>) => onChange({ ...draft, ...patch });
  const needsNumber = NUMERIC_FNS.includes(draft.measure.fn);
  const measureFields = draft.measure.fn === "count" ? [] : needsNumber ? numeric : fields;

  return (
    <div className="grid gap-4">
      <div className="grid gap-2">
        <Label htmlFor={`${id}-type`}>{t("dashboards.builder.type")}</Label>
        <Select
          id={`${id}-type`}
          value={draft.shardType}
          onChange={(event) => set({ shardType: event.target.value, filters: [], groupBy: [], measure: { fn: draft.measure.fn, field: "" } })}
        >
          <option value="">{t("dashboards.builder.chooseType")}</option>
          {types.map((candidate) => (
            <option key={candidate.name} value={candidate.name}>
              {candidate.displayName ? `${candidate.displayName} (${candidate.name})` : candidate.name}
            </option>
          ))}
        </Select>
      </div>

      <fieldset className="grid gap-2" disabled={!draft.shardType}>
        <legend className="mb-2 text-sm font-medium">{t("dashboards.builder.filters")}</legend>
        {draft.filters.map((filter, index) => (
          <div key={index} className="grid grid-cols-[1fr_auto] gap-2 sm:grid-cols-[1fr_8rem_1fr_auto]">
            <Select
              aria-label={t("dashboards.builder.filterField", { n: index + 1 })}
              value={filter.field}
              onChange={(event) => set({ filters: draft.filters.map((f, i) => (i === index ? { ...f, field: event.target.value } : f)) })}
            >
              <option value="">{t("dashboards.builder.chooseField")}</option>
              {fields.map((field) => (
                <option key={field.path} value={field.path}>
                  {field.path}
                </option>
              ))}
            </Select>
            <Button
              variant="ghost"
              size="sm"
              className="h-10 sm:order-last"
              aria-label={t("dashboards.builder.removeFilter", { n: index + 1 })}
              onClick={() => set({ filters: draft.filters.filter((_, i) => i !== index) })}
            >
              <X aria-hidden="true" className="size-4" />
            </Button>
            <Select
              aria-label={t("dashboards.builder.filterOp", { n: index + 1 })}
              value={filter.op}
              onChange={(event) =>
                set({ filters: draft.filters.map((f, i) => (i === index ? { ...f, op: event.target.value as Operator } : f)) })
              }
            >
              {OPERATORS.map((op) => (
                <option key={op} value={op}>
                  {t(`dashboards.op.${op}`)}
                </option>
              ))}
            </Select>
            <Input
              aria-label={t("dashboards.builder.filterValue", { n: index + 1 })}
              value={filter.value}
              placeholder={filter.op === "in" ? t("dashboards.builder.inHint") : filter.op === "exists" ? "true" : ""}
              onChange={(event) => set({ filters: draft.filters.map((f, i) => (i === index ? { ...f, value: event.target.value } : f)) })}
            />
          </div>
        ))}
        {draft.filters.length < MAX_FILTERS && (
          <Button
            variant="outline"
            size="sm"
            className="justify-self-start"
            onClick={() => set({ filters: [...draft.filters, { field: "", op: "eq", value: "" }] })}
          >
            <Plus aria-hidden="true" className="size-4" />
            {t("dashboards.builder.addFilter")}
          </Button>
        )}
      </fieldset>

      {!single && (
        <fieldset className="grid gap-2" disabled={!draft.shardType}>
          <legend className="mb-2 text-sm font-medium">
            {t("dashboards.builder.groupings")}
            {groupingRequired && <span className="font-normal text-muted-foreground"> {t("dashboards.builder.groupingHint")}</span>}
          </legend>
          {draft.groupBy.map((grouping, index) => {
            const known = !grouping.custom && (grouping.field === "" || fields.some((field) => field.path === grouping.field));
            const kind = kindOf(grouping.field);
            const showBucket = !known || isDateKind(kind) || grouping.bucket !== "";
            const update = (patch: Partial<typeof grouping>) =>
              set({ groupBy: draft.groupBy.map((g, i) => (i === index ? { ...g, ...patch } : g)) });
            const label = index === 0 ? t("dashboards.builder.groupBy") : t("dashboards.builder.thenBy", { n: index + 1 });
            return (
              <div key={index} className="grid grid-cols-[1fr_auto] gap-2 sm:grid-cols-[1fr_1fr_auto]">
                <div className="grid gap-2">
                  <Label htmlFor={`${id}-group-${index}`} className="sr-only">
                    {label}
                  </Label>
                  <Select
                    id={`${id}-group-${index}`}
                    value={known ? grouping.field : CUSTOM}
                    onChange={(event) => {
                      const value = event.target.value;
                      const nextKind = kindOf(value);
                      update({
                        field: value === CUSTOM ? "related:" : value,
                        bucket: isDateKind(nextKind) ? grouping.bucket || "month" : "",
                        custom: value === CUSTOM,
                      });
                    }}
                  >
                    <option value="">{t("dashboards.builder.chooseField")}</option>
                    {fields.map((field) => (
                      <option key={field.path} value={field.path}>
                        {field.path}
                      </option>
                    ))}
                    <option value={CUSTOM}>{t("dashboards.builder.customPath")}</option>
                  </Select>
                  {!known && (
                    <Input
                      aria-label={t("dashboards.builder.customPathLabel", { n: index + 1 })}
                      value={grouping.field}
                      placeholder="related:has_opportunity:in.name"
                      onChange={(event) => update({ field: event.target.value })}
                    />
                  )}
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  className="h-10 sm:order-last"
                  aria-label={t("dashboards.builder.removeGrouping", { n: index + 1 })}
                  onClick={() => set({ groupBy: draft.groupBy.filter((_, i) => i !== index) })}
                >
                  <X aria-hidden="true" className="size-4" />
                </Button>
                {showBucket ? (
                  <Select
                    aria-label={t("dashboards.builder.bucket", { n: index + 1 })}
                    value={grouping.bucket}
                    onChange={(event) => update({ bucket: event.target.value as Bucket | "" })}
                  >
                    <option value="">{t("dashboards.bucket.none")}</option>
                    {BUCKETS.map((bucket) => (
                      <option key={bucket} value={bucket}>
                        {t(`dashboards.bucket.${bucket}`)}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <span className="hidden sm:block" />
                )}
              </div>
            );
          })}
          {draft.groupBy.length < MAX_GROUPINGS && (
            <Button
              variant="outline"
              size="sm"
              className="justify-self-start"
              onClick={() => set({ groupBy: [...draft.groupBy, { field: "", bucket: "" }] })}
            >
              <Plus aria-hidden="true" className="size-4" />
              {t("dashboards.builder.addGrouping")}
            </Button>
          )}
        </fieldset>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid gap-2">
          <Label htmlFor={`${id}-fn`}>{t("dashboards.builder.measure")}</Label>
          <Select
            id={`${id}-fn`}
            value={draft.measure.fn}
            disabled={!draft.shardType}
            onChange={(event) => {
              const fn = event.target.value as MeasureFn;
              const keep = fn !== "count" && (!NUMERIC_FNS.includes(fn) || isNumericKind(kindOf(draft.measure.field)));
              set({ measure: { fn, field: keep ? draft.measure.field : "" } });
            }}
          >
            {MEASURE_FNS.map((fn) => (
              <option key={fn} value={fn}>
                {t(`dashboards.fn.${fn}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-2">
          <Label htmlFor={`${id}-field`}>{t("dashboards.builder.measureField")}</Label>
          <Select
            id={`${id}-field`}
            value={draft.measure.field}
            disabled={!draft.shardType || draft.measure.fn === "count"}
            onChange={(event) => set({ measure: { ...draft.measure, field: event.target.value } })}
          >
            <option value="">{draft.measure.fn === "count" ? t("dashboards.builder.allShards") : t("dashboards.builder.chooseField")}</option>
            {measureFields.map((field) => (
              <option key={field.path} value={field.path}>
                {field.path}
              </option>
            ))}
          </Select>
        </div>
        {!single && (
          <>
            <div className="grid gap-2">
              <Label htmlFor={`${id}-sort`}>{t("dashboards.builder.sort")}</Label>
              <Select id={`${id}-sort`} value={draft.sort} disabled={!draft.shardType} onChange={(event) => set({ sort: event.target.value as SortChoice })}>
                {SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {t(`dashboards.sort.${sort}`)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="grid gap-2">
              <Label htmlFor={`${id}-limit`}>{t("dashboards.builder.limit")}</Label>
              <Input
                id={`${id}-limit`}
                type="number"
                min={1}
                max={10000}
                inputMode="numeric"
                value={draft.limit}
                disabled={!draft.shardType}
                placeholder="1000"
                onChange={(event) => set({ limit: event.target.value })}
              />
            </div>
          </>
        )}
      </div>
    </div>
  );
}
