import type { ReactNode } from "react";
import ReactGridLayout, { useContainerWidth, verticalCompactor, type Layout } from "react-grid-layout";
import "react-grid-layout/css/styles.css";
import "./dashboards.css";
import type { LayoutItem } from "../api/types";
import { COLUMNS, fromGrid, toGrid } from "../lib/layout";

/*
 * react-draggable (under react-grid-layout) adds a <style> element to <head> when a drag starts,
 * unless one with this id is already there; the CSP refuses such an element. A placeholder with
 * that id keeps it from being created, and dashboards.css carries the rule it would have added.
 */
if (typeof document !== "undefined" && !document.getElementById("react-draggable-style-el")) {
  const placeholder = document.createElement("meta");
  placeholder.id = "react-draggable-style-el";
  document.head.appendChild(placeholder);
}

export const ROW_HEIGHT = 72;

type Props = {
  layout: LayoutItem[];
  editable: boolean;
  onLayoutChange: (layout: LayoutItem[]) => void;
  renderWidget: (widgetId: string) => ReactNode;
};

/**
 * The dashboard's grid: widgets dragged by their title bar and resized by their corner (when the
 * user may change the dashboard), packed upwards. Positions are set through React style props.
 */
export function DashboardGrid({ layout, editable, onLayoutChange, renderWidget }: Props) {
  // Measured before the first render of any widget: with the hook's default (a 1280 px guess),
  // every widget would be laid out twice. (Narrow screens get the stacked list: dashboard-layout.tsx.)
  const { width, containerRef, mounted } = useContainerWidth({ measureBeforeMount: true });
  return (
    <div ref={containerRef}>
      {mounted && (
        <ReactGridLayout
          width={width}
          layout={toGrid(layout)}
          gridConfig={{ cols: COLUMNS, rowHeight: ROW_HEIGHT, margin: [12, 12], containerPadding: [0, 0] }}
          dragConfig={{ enabled: editable, handle: ".widget-drag-handle", cancel: "button, a, input, select, textarea" }}
          resizeConfig={{ enabled: editable, handles: ["se"] }}
          compactor={verticalCompactor}
          onLayoutChange={(next: Layout) => onLayoutChange(fromGrid(next))}
        >
          {layout.map((item) => (
            <div key={item.widgetId}>{renderWidget(item.widgetId)}</div>
          ))}
        </ReactGridLayout>
      )}
    </div>
  );
}
