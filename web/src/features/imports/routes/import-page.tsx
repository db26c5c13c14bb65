import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";
import { errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { bulkSender, useShardType, useShardTypes } from "../api/imports-api";
import { ErrorReport } from "../components/error-report";
import { MappingTable, PreviewTable } from "../components/mapping-table";
import { ImportProgressBar } from "../components/progress-bar";
import { toItem } from "../lib/coerce";
import { fieldsOf, suggestMapping, unmappedRequired, type Mapping, type Target } from "../lib/mapping";
import { formatOf, type FileFormat } from "../lib/records";
import { runImport, type ImportProgress, type ImportSummary } from "../lib/run-import";
import { previewOf, recordsOf, type Preview } from "../lib/source";

const DELIMITER_CHOICES = [
  { value: ",", label: "imports.delimiter.comma" },
  { value: ";", label: "imports.delimiter.semicolon" },
  { value: "\t", label: "imports.delimiter.tab" },
  { value: "|", label: "imports.delimiter.pipe" },
] as const;

const FORMAT_CHOICES = [
  { value: "csv", label: "imports.format.csv" },
  { value: "jsonl", label: "imports.format.jsonl" },
  { value: "xlsx", label: "imports.format.xlsx" },
] as const;

type Phase = { name: "setup" } | { name: "running"; progress: ImportProgress } | { name: "done"; summary: ImportSummary };

/** `/import`: a file into a shard type, with a mapping preview, a progress bar and the error report. */
export function ImportPage() {
  const id = useId();
  const queryClient = useQueryClient();
  const types = useShardTypes();
  const [typeName, setTypeName] = useState("");
  const type = useShardType(typeName || undefined);
  const fields = useMemo(() => fieldsOf(type.data?.effectiveSchema ?? type.data?.schema), [type.data]);

  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<FileFormat>("csv");
  const [delimiter, setDelimiter] = useState<string | undefined>(undefined);
  const [preview, setPreview] = useState<{ status: "idle" } | { status: "loading" } | { status: "ready"; preview: Preview } | { status: "error"; error: unknown }>({ status: "idle" });
  const [phase, setPhase] = useState<Phase>({ name: "setup" });
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!file) {
      setPreview({ status: "idle" });
      return;
    }
    let current = true;
    setPreview({ status: "loading" });
    previewOf(file, { format, delimiter, unnamed: t("imports.unnamedColumn") }).then(
      (result) => current && setPreview({ status: "ready", preview: result }),
      (error: unknown) => current && setPreview({ status: "error", error }),
    );
    return () => {
      current = false;
    };
  }, [file, format, delimiter]);

  const columns = preview.status === "ready" ? preview.preview.columns : undefined;
  // The suggestion follows the file and the type; what people chose themselves is kept on top of it
  // until either changes.
  const suggested = useMemo(() => (columns ? suggestMapping(columns, fields) : {}), [columns, fields]);
  const [choices, setChoices] = useState<{ basis: Mapping; chosen: Mapping }>({ basis: {}, chosen: {} });
  const mapping: Mapping = choices.basis === suggested ? { ...suggested, ...choices.chosen } : suggested;
  const choose = (column: string, target: Target) =>
    setChoices((current) => ({ basis: suggested, chosen: { ...(current.basis === suggested ? current.chosen : {}), [column]: target } }));

  // Stops an import still running when the page is left; what was sent stays.
  useEffect(() => () => abort.current?.abort(), []);

  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    setDelimiter(undefined);
    setPhase({ name: "setup" });
    if (chosen) {
      setFormat(formatOf(chosen) ?? "csv");
    }
  };

  const missing = unmappedRequired(mapping, fields);
  const mappedCount = Object.values(mapping).filter(Boolean).length;
  const ready = !!file && !!typeName && type.isSuccess && preview.status === "ready" && mappedCount > 0 && missing.length === 0;

  const start = async () => {
    if (!file || !ready) {
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    const byName = new Map(fields.map((field) => [field.name, field]));
    const usedDelimiter = preview.status === "ready" ? preview.preview.delimiter : delimiter;
    setPhase({ name: "running", progress: { rowsRead: 0, created: 0, failed: 0, bytesRead: 0 } });
    const summary = await runImport({
      batches: recordsOf(file, { format, delimiter: usedDelimiter, unnamed: t("imports.unnamedColumn") }),
      toItem: (record) => toItem(record, typeName, mapping, byName),
      // randomUUID exists only in secure contexts (https, localhost); the key only has to be unique.
      send: bulkSender(crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`, controller.signal),
      signal: controller.signal,
      describe: (error) => errorMessage(error),
      onProgress: (progress) => setPhase({ name: "running", progress }),
    }).catch((error: unknown): ImportSummary => ({
      rowsRead: 0,
      created: 0,
      failed: 0,
      bytesRead: 0,
      problems: [{ row: 0, field: "", message: error instanceof Error ? t("imports.error.read", { message: error.message }) : errorMessage(error) }],
      problemsTruncated: false,
      cancelled: controller.signal.aborted,
    }));
    abort.current = null;
    setPhase({ name: "done", summary });
    void queryClient.invalidateQueries({ queryKey: ["shards"] });
  };

  const reset = () => {
    setPhase({ name: "setup" });
    setFile(null);
    setPreview({ status: "idle" });
    if (fileInput.current) {
      fileInput.current.value = "";
    }
  };

  const running = phase.name === "running";
  return (
    <section className="grid gap-6">
      <PageHeader title={t("imports.title")} description={t("imports.description")} />

      <Card>
        <CardContent className="grid gap-4 pt-6 sm:grid-cols-2">
          <div className="grid content-start gap-2">
            <Label htmlFor={`${id}-type`}>{t("imports.type")}</Label>
            {types.isPending ? (
              <Skeleton className="h-10 w-full" />
            ) : types.isError ? (
              <ErrorState error={types.error} onRetry={() => void types.refetch()} />
            ) : (
              <Select id={`${id}-type`} value={typeName} disabled={running} onChange={(event) => setTypeName(event.target.value)}>
                <option value="">{t("imports.type.choose")}</option>
                {(types.data.items ?? []).map((item) => (
                  <option key={item.name} value={item.name}>
                    {item.displayName ? `${item.displayName} (${item.name})` : item.name}
                  </option>
                ))}
              </Select>
            )}
          </div>
          <div className="grid content-start gap-2">
            <Label htmlFor={`${id}-file`}>{t("imports.file")}</Label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              type="file"
              accept=".csv,.tsv,.txt,.jsonl,.ndjson,.json,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={`${id}-file-hint`}
              disabled={running}
              onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
              className="block w-full rounded-md border border-input bg-background text-sm file:mr-3 file:h-10 file:border-0 file:bg-secondary file:px-3 file:text-secondary-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            />
            <p id={`${id}-file-hint`} className="text-xs text-muted-foreground">
              {t("imports.file.hint")}
            </p>
          </div>
          {file && (
            <>
              <div className="grid gap-2">
                <Label htmlFor={`${id}-format`}>{t("imports.format")}</Label>
                <Select id={`${id}-format`} value={format} disabled={running} onChange={(event) => setFormat(event.target.value as FileFormat)}>
                  {FORMAT_CHOICES.map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {t(choice.label)}
                    </option>
                  ))}
                </Select>
              </div>
              {format === "csv" && (
                <div className="grid gap-2">
                  <Label htmlFor={`${id}-delimiter`}>{t("imports.delimiter")}</Label>
                  <Select
                    id={`${id}-delimiter`}
                    value={delimiter ?? (preview.status === "ready" ? (preview.preview.delimiter ?? ",") : ",")}
                    disabled={running}
                    onChange={(event) => setDelimiter(event.target.value)}
                  >
                    {DELIMITER_CHOICES.map((choice) => (
                      <option key={choice.label} value={choice.value}>
                        {t(choice.label)}
                      </option>
                    ))}
                  </Select>
                </div>
              )}
            </>
          )}
        </CardContent>
      </Card>

      {preview.status === "loading" && <SkeletonRows rows={4} label={t("imports.preview.loading")} />}
      {preview.status === "error" && <Alert variant="error">{t("imports.error.read", { message: preview.error instanceof Error ? preview.error.message : String(preview.error) })}</Alert>}
      {preview.status === "ready" && preview.preview.columns.length === 0 && <Alert variant="error">{t("imports.preview.empty")}</Alert>}

      {preview.status === "ready" && preview.preview.columns.length > 0 && phase.name === "setup" && (
        <>
          <section aria-labelledby={`${id}-preview`} className="grid gap-3">
            <h2 id={`${id}-preview`} className="text-lg font-semibold">
              {t("imports.preview.title")}
            </h2>
            <PreviewTable columns={preview.preview.columns} records={preview.preview.records} />
          </section>
          <section aria-labelledby={`${id}-mapping`} className="grid gap-3">
            <h2 id={`${id}-mapping`} className="text-lg font-semibold">
              {t("imports.mapping.title")}
            </h2>
            {!typeName ? (
              <p className="text-sm text-muted-foreground">{t("imports.mapping.chooseType")}</p>
            ) : type.isPending ? (
              <SkeletonRows rows={4} label={t("common.loading")} />
            ) : type.isError ? (
              <ErrorState error={type.error} onRetry={() => void type.refetch()} />
            ) : (
              <>
                <p className="text-sm text-muted-foreground">{t("imports.mapping.hint")}</p>
                <MappingTable
                  columns={preview.preview.columns}
                  records={preview.preview.records}
                  fields={fields}
                  mapping={mapping}
                  onChange={choose}
                />
                {missing.length > 0 && (
                  <Alert variant="error">{t("imports.mapping.missingRequired", { fields: missing.map((field) => field.title ?? field.name).join(", ") })}</Alert>
                )}
              </>
            )}
            <div>
              <Button onClick={() => void start()} disabled={!ready}>
                {t("imports.start")}
              </Button>
            </div>
          </section>
        </>
      )}

      {phase.name === "running" && file && (
        <section aria-labelledby={`${id}-progress`} className="grid gap-3">
          <h2 id={`${id}-progress`} className="text-lg font-semibold">
            {t("imports.progress.title", { name: file.name })}
          </h2>
          <ImportProgressBar progress={phase.progress} total={file.size} />
          <div>
            <Button variant="outline" onClick={() => abort.current?.abort()}>
              {t("imports.cancel")}
            </Button>
          </div>
        </section>
      )}

      {phase.name === "done" && file && (
        <section aria-labelledby={`${id}-result`} className="grid gap-4">
          <h2 id={`${id}-result`} className="text-lg font-semibold">
            {t("imports.result.title")}
          </h2>
          <ImportProgressBar progress={phase.summary} total={file.size} done />
          <Alert variant={phase.summary.failed > 0 || phase.summary.cancelled ? "info" : "success"}>
            {phase.summary.cancelled
              ? t("imports.result.cancelled", { created: phase.summary.created, failed: phase.summary.failed })
              : t("imports.result.done", { created: phase.summary.created, failed: phase.summary.failed })}
          </Alert>
          <ErrorReport problems={phase.summary.problems} truncated={phase.summary.problemsTruncated} fileName={file.name} />
          <div>
            <Button variant="outline" onClick={reset}>
              {t("imports.again")}
            </Button>
          </div>
        </section>
      )}
    </section>
  );
}
