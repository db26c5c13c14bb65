import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { t } from "@/lib/i18n";
import type { FieldSpec, Mapping, Target } from "../lib/mapping";
import type { SourceRecord } from "../lib/records";

function cellText(value: unknown): string {
  if (value === null || value === undefined) {
    return "";
  }
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Each column of the file with a sample value and the field it goes to. */
export function MappingTable({
  columns,
  records,
  fields,
  mapping,
  onChange,
  disabled,
}: {
  columns: string[];
  records: SourceRecord[];
  fields: FieldSpec[];
  mapping: Mapping;
  onChange: (column: string, target: Target) => void;
  disabled?: boolean;
}) {
  const used = new Set(Object.values(mapping));
  return (
    <Table>
      <caption className="sr-only">{t("imports.mapping.caption")}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>{t("imports.mapping.column")}</TableHead>
          <TableHead>{t("imports.mapping.sample")}</TableHead>
          <TableHead>{t("imports.mapping.field")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {columns.map((column, index) => {
          const sample = records.map((record) => cellText(record.values[column])).find((value) => value.trim() !== "") ?? "";
          const current = mapping[column] ?? "";
          const id = `mapping-${index}`;
          return (
            <TableRow key={column}>
              <TableCell className="font-medium">
                <label htmlFor={id}>{column}</label>
              </TableCell>
              <TableCell className="max-w-48 truncate text-muted-foreground" title={sample}>
                {sample || "—"}
              </TableCell>
              <TableCell className="min-w-44">
                <Select
                  id={id}
                  value={current}
                  disabled={disabled}
                  onChange={(event) => onChange(column, event.target.value as Target)}
                >
                  <option value="">{t("imports.mapping.skip")}</option>
                  {fields.map((field) => {
                    const target: Target = `field:${field.name}`;
                    return (
                      <option key={field.name} value={target} disabled={used.has(target) && current !== target}>
                        {field.required ? t("imports.mapping.requiredField", { name: field.title ?? field.name }) : (field.title ?? field.name)}
                      </option>
                    );
                  })}
                  <option value="text" disabled={used.has("text") && current !== "text"}>
                    {t("imports.mapping.text")}
                  </option>
                  <option value="tags" disabled={used.has("tags") && current !== "tags"}>
                    {t("imports.mapping.tags")}
                  </option>
                </Select>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The first rows of the file as they were read, so people can check the columns came out right. */
export function PreviewTable({ columns, records }: { columns: string[]; records: SourceRecord[] }) {
  return (
    <Table>
      <caption className="sr-only">{t("imports.preview.caption", { count: records.length })}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>{t("imports.preview.row")}</TableHead>
          {columns.map((column) => (
            <TableHead key={column} className="whitespace-nowrap">
              {column}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {records.map((record) => (
          <TableRow key={record.row}>
            <TableCell className="text-muted-foreground">{record.row}</TableCell>
            {columns.map((column) => (
              <TableCell key={column} className="max-w-56 truncate whitespace-nowrap" title={cellText(record.values[column])}>
                {cellText(record.values[column])}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
