import type { ReactNode } from "react";
import { t } from "@/lib/i18n";
import { cn } from "@/lib/utils";
import type { DashboardWidget } from "../api/types";
import { ActivityWidget, AskWidget, ListWidget, SearchWidget, TableWidget, TextWidget } from "./data-widgets";
import { ChartWidget } from "./chart-widget";
import { KpiWidget } from "./kpi-widget";


/** A widget's content alone, whatever its kind. `scope` keys its data (a dashboard's id, "preview"...). */
export function WidgetBody({ widget, scope }: { widget: DashboardWidget; scope: string }) {
  switch (widget.kind) {
    case "kpi":
      return <KpiWidget widget={widget} scope={scope} />;
    case "bar":
    case "line":
    case "pie":
      return <ChartWidget widget={widget} scope={scope} />;
    case "table":
      return <TableWidget widget={widget} scope={scope} />;
    case "list":
      return <ListWidget widget={widget} scope={scope} />;
    case "activity":
      return <ActivityWidget widget={widget} scope={scope} />;
    case "search":
      return <SearchWidget widget={widget} />;
    case "ask":
      return <AskWidget widget={widget} />;
    case "text":
      return <TextWidget widget={widget} />;
    default:
      return <p className="text-sm text-muted-foreground">{t("dashboards.widget.unknownKind")}</p>;
  }
}

type WidgetProps = {
  widget: DashboardWidget;
  /** The dashboard the widget belongs to, or where it is shown alone; keys its data. */
  scope?: string;
  /** Buttons or a menu in the widget's title bar. */
  actions?: ReactNode;
  /** The heading level of the title: h2 on a dashboard, h1 when the widget is the page. */
  headingLevel?: 1 | 2;
  /** On an editable grid: the title bar is where the mouse drags the widget from. */
  draggable?: boolean;
  className?: string;
};

/**
 * A widget as a self-contained card: usable on a dashboard's grid, alone on its own page, or in
 * any other page that wants one (the "widget-compatible components" of the design).
 */
export function Widget({ widget, scope = "standalone", actions, headingLevel = 2, draggable, className }: WidgetProps) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const title = widget.title || t(`dashboards.kind.${widget.kind}` as "dashboards.kind.bar");
  return (
    <section
      aria-label={title}
      className={cn("flex h-full min-h-0 flex-col overflow-hidden rounded-lg border border-border bg-card text-foreground shadow-sm", className)}
      data-widget-id={widget.id}
    >
      <header className={cn("flex items-center gap-2 border-b border-border px-3 py-2", draggable && "widget-drag-handle cursor-move")}>
        <Heading className={cn("min-w-0 flex-1 truncate font-medium", headingLevel === 1 ? "text-xl" : "text-sm")}>{title}</Heading>
        {actions}
      </header>
      <div className="min-h-0 flex-1 overflow-auto p-3">
        <WidgetBody widget={widget} scope={scope} />
      </div>
    </section>
  );
}
