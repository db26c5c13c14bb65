import { useEffect, useId, useMemo, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Checkbox } from "@/components/ui/checkbox";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { api, ApiError, call, errorMessage } from "@/lib/api";
import { t } from "@/lib/i18n";
import { useMetricDefinitions, useShardTypes } from "../api/analytics-api";
import { DATA_KINDS, WIDGET_KINDS, type DashboardWidget, type Measure, type WidgetKind, type WidgetOptions } from "../api/types";
import { newWidgetId } from "../lib/ids";
import { buildQuery, emptyDraft, isDateKind, parseQuery, type QueryDraft } from "../lib/query-builder";
import { fieldsOfType, QueryBuilder } from "./query-builder";
import { WidgetBody } from "./widget";

type Props = {
  open: boolean;
  /** The widget being changed, or undefined for a new one. */
  widget?: DashboardWidget | undefined;
  takenIds: readonly string[];
  pending?: boolean;
  error?: unknown;
  onSave: (widget: DashboardWidget) => void;
  onClose: () => void;
};

const PREVIEW_DELAY_MS = 400;

/** What the editor's form holds, turned into the widget the API stores. */
function widgetOf(
  base: { id: string; kind: WidgetKind; title: string },
  source: "query" | "metric",
  draft: QueryDraft,
  metricId: string,
  options: WidgetOptions,
  extraMeasures: Measure[],
): DashboardWidget {
  const data = DATA_KINDS.includes(base.kind);
  const useMetric = base.kind === "kpi" && source === "metric";
  const cleanOptions: WidgetOptions = {};
  if (base.kind === "text") cleanOptions.text = options.text ?? "";
  if ((base.kind === "activity" || base.kind === "list") && options.limit) cleanOptions.limit = options.limit;
  if ((base.kind === "activity" || base.kind === "search" || base.kind === "ask") && options.types?.length) cleanOptions.types = options.types;
  if (base.kind === "kpi" && !useMetric && options.format) cleanOptions.format = options.format;
  // A key figure is one number: whatever groupings the form kept from another kind are dropped.
  const built = base.kind === "kpi" ? buildQuery({ ...draft, groupBy: [], sort: "none", limit: "" }) : buildQuery(draft);
  // The builder edits the first measure; a stored query's others (a table's extra columns) are kept.
  const query = base.kind === "kpi" || extraMeasures.length === 0 ? built : { ...built, measures: [...(built.measures ?? []), ...extraMeasures] };
  return {
    ...base,
    ...(data && !useMetric && { query }),
    ...(useMetric && metricId && { metricId }),
    ...(Object.keys(cleanOptions).length > 0 && { options: cleanOptions }),
  };
}

const PERIODS = ["P7D", "P30D", "P90D", "P1Y"] as const;

/** A metric name the server accepts (^[a-z][a-z0-9_]{1,62}$), unique enough: the title and a random tail. */
export function metricNameFor(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^[^a-z]+|_+$/g, "").slice(0, 40);
  return `${slug || "kpi"}_${Math.random().toString(36).slice(2, 8)}`;
}

/** The server's 422 about this widget, one line per problem, without the pointers' jargon. */
function problemLines(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.status !== 422) return [];
  return (error.problem.errors ?? []).map((problem) => problem.message);
}

/** Adds or changes a widget: its kind, title and data (the query builder), with a live preview. */
export function WidgetEditor({ open, widget, takenIds, pending, error, onSave, onClose }: Props) {
  const id = useId();
  // Asked for when the editor opens, not with every dashboard shown.
  const types = useShardTypes(open);
  const metrics = useMetricDefinitions(open);
  const [kind, setKind] = useState<WidgetKind>("bar");
  const [title, setTitle] = useState("");
  const [source, setSource] = useState<"query" | "metric">("query");
  const [draft, setDraft] = useState<QueryDraft>(emptyDraft());
  const [metricId, setMetricId] = useState("");
  const [options, setOptions] = useState<WidgetOptions>({});
  const [missing, setMissing] = useState<string | null>(null);
  const [compare, setCompare] = useState(false);
  const [periodField, setPeriodField] = useState("createdAt");
  const [periodLast, setPeriodLast] = useState<(typeof PERIODS)[number]>("P30D");
  const [metricError, setMetricError] = useState<unknown>(null);
  const [creatingMetric, setCreatingMetric] = useState(false);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!open) return;
    setKind(widget?.kind ?? "bar");
    setTitle(widget?.title ?? "");
    setSource(widget?.metricId ? "metric" : "query");
    setDraft(widget?.query ? parseQuery(widget.query) : emptyDraft());
    setMetricId(widget?.metricId ?? "");
    setOptions(widget?.options ?? {});
    setMissing(null);
    setCompare(false);
    setMetricError(null);
  }, [open, widget]);

  const widgetId = useMemo(() => widget?.id ?? newWidgetId(kind, takenIds), [widget?.id, kind, takenIds]);
  const extraMeasures = useMemo(() => {
    const first = draft.measure;
    const stored = widget?.query?.measures ?? [];
    // Only while the first measure's name does not clash with another stored one.
    return stored.slice(1).filter((measure) => (measure.as ?? measure.fn) !== (first.fn === "count" ? "count" : `${first.fn}_${first.field}`));
  }, [widget?.query?.measures, draft.measure]);
  const candidate = widgetOf({ id: widgetId, kind, title }, source, draft, metricId, options, extraMeasures);
  const isData = DATA_KINDS.includes(kind);
  const ready = !isData || (kind === "kpi" && source === "metric" ? metricId !== "" : draft.shardType !== "");

  // The preview follows the form after a short pause, not on every keystroke.
  const [preview, setPreview] = useState<DashboardWidget | null>(null);
  const candidateKey = JSON.stringify(candidate);
  useEffect(() => {
    if (!open || !ready) {
      setPreview(null);
      return;
    }
    const timer = setTimeout(() => setPreview(JSON.parse(candidateKey) as DashboardWidget), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [candidateKey, open, ready]);

  const dateFields = fieldsOfType((types.data ?? []).find((type) => type.name === draft.shardType)).filter((field) => isDateKind(field.kind));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) {
      setMissing(kind === "kpi" && source === "metric" ? t("dashboards.editor.needMetric") : t("dashboards.editor.needType"));
      return;
    }
    setMissing(null);
    if (kind === "kpi" && source === "query" && compare && candidate.query) {
      // A change against the previous period needs a period: the query is saved as a metric that has one.
      setCreatingMetric(true);
      setMetricError(null);
      try {
        const displayName = title.trim() || t("dashboards.kind.kpi");
        const metric = await call(
          api.POST("/api/v1/metrics-definitions", {
            body: {
              name: metricNameFor(displayName),
              displayName,
              query: candidate.query,
              ...(options.format && { format: options.format }),
              period: { field: periodField, last: periodLast },
            },
          }),
        );
        void queryClient.invalidateQueries({ queryKey: ["dashboards", "metrics"] });
        const { query: _query, options: _options, ...rest } = candidate;
        onSave({ ...rest, metricId: metric.id ?? "" });
      } catch (error) {
        setMetricError(error);
      } finally {
        setCreatingMetric(false);
      }
      return;
    }
    onSave(candidate);
  };

  const lines = problemLines(metricError ?? error);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={widget ? t("dashboards.editor.editTitle") : t("dashboards.editor.addTitle")}
      className="max-w-5xl"
    >
      <form onSubmit={(event) => void submit(event)} className="grid gap-6 lg:grid-cols-2" noValidate>
        <div className="grid content-start gap-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="grid gap-2">
              <Label htmlFor={`${id}-kind`}>{t("dashboards.editor.kind")}</Label>
              <Select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as WidgetKind)}>
                {WIDGET_KINDS.map((value) => (
                  <option key={value} value={value}>
                    {t(`dashboards.kind.${value}`)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="grid gap-2">
              <Label htmlFor={`${id}-title`}>{t("dashboards.editor.title")}</Label>
              <Input id={`${id}-title`} value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
            </div>
          </div>

          {kind === "kpi" && (
            <fieldset className="grid gap-2">
              <legend className="mb-2 text-sm font-medium">{t("dashboards.editor.source")}</legend>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name={`${id}-source`} checked={source === "metric"} onChange={() => setSource("metric")} className="accent-primary" />
                {t("dashboards.editor.sourceMetric")}
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" name={`${id}-source`} checked={source === "query"} onChange={() => setSource("query")} className="accent-primary" />
                {t("dashboards.editor.sourceQuery")}
              </label>
            </fieldset>
          )}

          {kind === "kpi" && source === "metric" && (
            <div className="grid gap-2">
              <Label htmlFor={`${id}-metric`}>{t("dashboards.editor.metric")}</Label>
              <Select id={`${id}-metric`} value={metricId} onChange={(event) => setMetricId(event.target.value)}>
                <option value="">{t("dashboards.editor.chooseMetric")}</option>
                {(metrics.data ?? []).map((metric) => (
                  <option key={metric.id} value={metric.id}>
                    {metric.displayName || metric.name}
                  </option>
                ))}
              </Select>
              {metrics.isSuccess && metrics.data.length === 0 && (
                <p className="text-xs text-muted-foreground">{t("dashboards.editor.noMetrics")}</p>
              )}
            </div>
          )}

          {isData && !(kind === "kpi" && source === "metric") && (
            <>
              {types.isError ? (
                <Alert variant="error">{errorMessage(types.error)}</Alert>
              ) : (
                <QueryBuilder
                  draft={draft}
                  onChange={setDraft}
                  types={types.data ?? []}
                  groupingRequired={kind === "bar" || kind === "line" || kind === "pie"}
                  single={kind === "kpi"}
                />
              )}
              {kind === "kpi" && (
                <div className="grid gap-2">
                  <Label htmlFor={`${id}-format`}>{t("dashboards.editor.format")}</Label>
                  <Select id={`${id}-format`} value={options.format ?? ""} onChange={(event) => setOptions({ ...options, format: event.target.value })}>
                    <option value="">{t("dashboards.format.auto")}</option>
                    <option value="number">{t("dashboards.format.number")}</option>
                    <option value="percent">{t("dashboards.format.percent")}</option>
                    <option value="currency:EUR">EUR</option>
                    <option value="currency:USD">USD</option>
                    <option value="currency:GBP">GBP</option>
                  </Select>
                </div>
              )}
              {kind === "kpi" && (
                <div className="grid gap-3 rounded-md border border-border p-3">
                  <label className="flex items-center gap-2 text-sm">
                    <Checkbox checked={compare} onChange={(event) => setCompare(event.target.checked)} />
                    {t("dashboards.editor.compare")}
                  </label>
                  {compare && (
                    <div className="grid gap-3 sm:grid-cols-2">
                      <div className="grid gap-2">
                        <Label htmlFor={`${id}-period-field`}>{t("dashboards.editor.periodField")}</Label>
                        <Select id={`${id}-period-field`} value={periodField} onChange={(event) => setPeriodField(event.target.value)}>
                          {dateFields.map((field) => (
                            <option key={field.path} value={field.path}>
                              {field.path}
                            </option>
                          ))}
                        </Select>
                      </div>
                      <div className="grid gap-2">
                        <Label htmlFor={`${id}-period`}>{t("dashboards.editor.period")}</Label>
                        <Select id={`${id}-period`} value={periodLast} onChange={(event) => setPeriodLast(event.target.value as (typeof PERIODS)[number])}>
                          {PERIODS.map((period) => (
                            <option key={period} value={period}>
                              {t(`dashboards.period.${period}`)}
                            </option>
                          ))}
                        </Select>
                      </div>
                      <p className="text-xs text-muted-foreground sm:col-span-2">{t("dashboards.editor.compareHint")}</p>
                    </div>
                  )}
                </div>
              )}
            </>
          )}

          {kind === "text" && (
            <div className="grid gap-2">
              <Label htmlFor={`${id}-text`}>{t("dashboards.editor.text")}</Label>
              <Textarea
                id={`${id}-text`}
                rows={8}
                value={options.text ?? ""}
                aria-describedby={`${id}-text-hint`}
                onChange={(event) => setOptions({ ...options, text: event.target.value })}
              />
              <p id={`${id}-text-hint`} className="text-xs text-muted-foreground">
                {t("dashboards.editor.textHint")}
              </p>
            </div>
          )}

          {(kind === "activity" || kind === "search" || kind === "ask") && (
            <div className="grid gap-2">
              <Label htmlFor={`${id}-types`}>{t("dashboards.editor.onlyType")}</Label>
              <Select
                id={`${id}-types`}
                value={options.types?.[0] ?? ""}
                onChange={(event) => setOptions({ ...options, types: event.target.value ? [event.target.value] : [] })}
              >
                <option value="">{t("dashboards.editor.allTypes")}</option>
                {(types.data ?? []).map((type) => (
                  <option key={type.name} value={type.name}>
                    {type.displayName || type.name}
                  </option>
                ))}
              </Select>
            </div>
          )}

          {(kind === "activity" || kind === "list") && (
            <div className="grid gap-2">
              <Label htmlFor={`${id}-rows`}>{t("dashboards.editor.rows")}</Label>
              <Input
                id={`${id}-rows`}
                type="number"
                min={1}
                max={50}
                value={options.limit ?? ""}
                onChange={(event) => setOptions({ ...options, limit: event.target.value ? Number(event.target.value) : undefined })}
              />
            </div>
          )}

          {(missing || metricError || (error !== undefined && error !== null)) && (
            <Alert variant="error">
              {missing ?? errorMessage(metricError ?? error)}
              {lines.length > 0 && (
                <ul className="mt-1 list-disc pl-5">
                  {lines.map((line, index) => (
                    <li key={index}>{line}</li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="outline" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" disabled={pending || creatingMetric}>
              {pending || creatingMetric ? t("common.saving") : widget ? t("common.save") : t("dashboards.editor.add")}
            </Button>
          </div>
        </div>

        <div className="grid content-start gap-2">
          <h3 className="text-sm font-medium">{t("dashboards.editor.preview")}</h3>
          <div className="h-72 rounded-lg border border-dashed border-border p-3" aria-live="polite" data-testid="widget-preview">
            {preview ? (
              <WidgetBody widget={preview} scope="preview" />
            ) : (
              <p className="grid h-full place-items-center text-center text-sm text-muted-foreground">{t("dashboards.editor.previewEmpty")}</p>
            )}
          </div>
        </div>
      </form>
    </Dialog>
  );
}
