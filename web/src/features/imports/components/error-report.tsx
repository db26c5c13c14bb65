import { useEffect, useMemo, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { t } from "@/lib/i18n";
import type { RowProblem } from "../lib/coerce";
import { problemsCsv } from "../lib/run-import";

const SHOWN = 200;

/** The rows that were not imported and why, on the page (the first ones) and as a CSV download (all kept). */
export function ErrorReport({ problems, truncated, fileName }: { problems: RowProblem[]; truncated: boolean; fileName: string }) {
  const csv = useMemo(
    () => problemsCsv(problems, [t("imports.errors.row"), t("imports.errors.field"), t("imports.errors.message")]),
    [problems],
  );
  const [href, setHref] = useState<string>();
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [csv]);

  if (problems.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="import-errors" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="import-errors" className="font-semibold">
          {t("imports.errors.title", { count: problems.length })}
        </h3>
        {href && (
          <a href={href} download={`${fileName.replace(/\.[^.]+$/, "")}-errors.csv`} className={buttonClasses("outline", "sm")}>
            {t("imports.errors.download")}
          </a>
        )}
      </div>
      {(truncated || problems.length > SHOWN) && (
        <p className="text-sm text-muted-foreground">{t("imports.errors.more", { shown: Math.min(SHOWN, problems.length), count: problems.length })}</p>
      )}
      <Table>
        <caption className="sr-only">{t("imports.errors.caption")}</caption>
        <TableHeader>
          <TableRow>
            <TableHead>{t("imports.errors.row")}</TableHead>
            <TableHead>{t("imports.errors.field")}</TableHead>
            <TableHead>{t("imports.errors.message")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {problems.slice(0, SHOWN).map((problem, index) => (
            <TableRow key={`${problem.row}-${problem.field}-${index}`}>
              <TableCell>{problem.row || "—"}</TableCell>
              <TableCell>{problem.field || "—"}</TableCell>
              <TableCell>{problem.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
