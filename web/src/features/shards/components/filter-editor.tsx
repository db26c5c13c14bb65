import { useEffect, useState, type FormEvent } from "react";
import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { t } from "@/lib/i18n";
import type { SchemaField } from "../lib/schema";
import { buildWhere, operatorsFor, parseWhere, type Condition, type Operator } from "../lib/where";

type Row = Condition & { key: number };

let nextKey = 0;

function rowsOf(where: string[]): Row[] {
  return where.map(parseWhere).filter((c): c is Condition => c !== undefined).map((c) => ({ ...c, key: nextKey++ }));
}

function ValueInput({ row, field, id, onChange }: { row: Row; field: SchemaField | undefined; id: string; onChange: (value: string) => void }) {
  const label = t("shards.filter.value");
  if (row.op === "exists") {
    return (
      <Select id={id} aria-label={label} value={row.value === "false" ? "false" : "true"} onChange={(event) => onChange(event.target.value)}>
        <option value="true">{t("shards.filter.present")}</option>
        <option value="false">{t("shards.filter.absent")}</option>
      </Select>
    );
  }
  if (field?.kind === "boolean") {
    return (
      <Select id={id} aria-label={label} value={row.value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t("shards.form.choose")}</option>
        <option value="true">{t("common.yes")}</option>
        <option value="false">{t("common.no")}</option>
      </Select>
    );
  }
  if (field?.schema.enum && row.op !== "in") {
    return (
      <Select id={id} aria-label={label} value={row.value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t("shards.form.choose")}</option>
        {field.schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </Select>
    );
  }
  const numeric = field?.kind === "number" || field?.kind === "integer";
  const type = row.op === "in" ? "text" : numeric ? "number" : field?.schema.format === "date" ? "date" : "text";
  return (
    <Input
      id={id}
      aria-label={label}
      type={type}
      step={numeric ? "any" : undefined}
      value={row.value}
      placeholder={row.op === "in" ? t("shards.filter.inPlaceholder") : undefined}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/**
 * Builds the `where` filters: a field of the type's schema, an operator that fits the field's
 * type, a value. Applied together (one URL change, one server query) with the Apply button.
 */
export function FilterEditor({ fields, where, onApply }: { fields: SchemaField[]; where: string[]; onApply: (where: string[]) => void }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(where));
  const applied = where.join("\n");
  useEffect(() => {
    setRows(rowsOf(applied ? applied.split("\n") : []));
  }, [applied]);

  const filterable = fields.filter((field) => field.kind !== "object");
  const fieldOf = (path: string) => filterable.find((field) => field.path === path);
  const update = (key: number, change: Partial<Condition>) =>
    setRows((all) =>
      all.map((row) => {
        if (row.key !== key) return row;
        const next = { ...row, ...change };
        if (change.field !== undefined) {
          const field = fieldOf(change.field);
          const ops = field ? operatorsFor(field) : [];
          if (!ops.includes(next.op)) next.op = ops[0] ?? "eq";
          next.value = "";
        }
        if (change.op === "exists") next.value = "true";
        return next;
      }),
    );

  const add = () => {
    const first = filterable[0];
    if (!first) return;
    setRows((all) => [...all, { field: first.path, op: operatorsFor(first)[0] ?? "eq", value: "", key: nextKey++ }]);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(buildWhere(rows));
  };

  return (
    <form onSubmit={submit} className="grid gap-3" aria-label={t("shards.filter.title")}>
      {rows.length === 0 && <p className="text-sm text-muted-foreground">{t("shards.filter.none")}</p>}
      {rows.map((row, index) => {
        const field = fieldOf(row.field);
        const ops: Operator[] = field ? operatorsFor(field) : [row.op];
        const base = `filter-${row.key}`;
        return (
          <fieldset key={row.key} className="grid gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,1.5fr)_minmax(0,2fr)_auto] sm:items-end">
            <legend className="sr-only">{t("shards.filter.condition", { n: index + 1 })}</legend>
            <div className="grid gap-1">
              <Label htmlFor={`${base}-field`} className="text-xs">
                {t("shards.filter.field")}
              </Label>
              <Select id={`${base}-field`} value={row.field} onChange={(event) => update(row.key, { field: event.target.value })}>
                {!field && <option value={row.field}>{row.field}</option>}
                {filterable.map((option) => (
                  <option key={option.path} value={option.path}>
                    {option.path.includes(".") ? option.path : option.label}
                  </option>
                ))}
              </Select>
            </div>
            <div className="grid gap-1">
              <Label htmlFor={`${base}-op`} className="text-xs">
                {t("shards.filter.operator")}
              </Label>
              <Select id={`${base}-op`} value={row.op} onChange={(event) => update(row.key, { op: event.target.value as Operator })}>
                {ops.map((op) => (
                  <option key={op} value={op}>
                    {t(`shards.op.${op}`)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="grid gap-1">
              <Label htmlFor={`${base}-value`} className="text-xs" aria-hidden="true">
                {t("shards.filter.value")}
              </Label>
              <ValueInput row={row} field={field} id={`${base}-value`} onChange={(value) => update(row.key, { value })} />
            </div>
            <Button variant="ghost" size="sm" className="h-10" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
              <X aria-hidden="true" className="size-4" />
              <span className="sr-only">{t("shards.filter.remove", { n: index + 1 })}</span>
            </Button>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" onClick={add} disabled={filterable.length === 0}>
          <Plus aria-hidden="true" className="size-4" />
          {t("shards.filter.add")}
        </Button>
        <Button type="submit" size="sm">
          {t("shards.filter.apply")}
        </Button>
        {where.length > 0 && (
          <Button variant="ghost" size="sm" onClick={() => onApply([])}>
            {t("shards.filter.clear")}
          </Button>
        )}
      </div>
    </form>
  );
}
