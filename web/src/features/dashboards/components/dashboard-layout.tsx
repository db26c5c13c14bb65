import { lazy, Suspense, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { LayoutItem } from "../api/types";
import { readingOrder } from "../lib/layout";

// The grid library and its stylesheet load only where the grid is shown: not with the sign-in
// page, and not on a narrow screen, where the widgets are stacked.
const DashboardGrid = lazy(() => import("./dashboard-grid").then((module) => ({ default: module.DashboardGrid })));

/** Below this width the grid's 12 columns are too narrow: widgets are stacked in reading order. */
export const STACK_BELOW_PX = 640;

type Props = {
  layout: LayoutItem[];
  editable: boolean;
  onLayoutChange: (layout: LayoutItem[]) => void;
  renderWidget: (widgetId: string) => ReactNode;
  /** Shown while the grid's code loads. */
  fallback: ReactNode;
};

/**
 * The dashboard's widgets: on the draggable grid, or stacked on a narrow screen. The width is
 * measured before any widget renders, so that no widget is built for the wrong one.
 */
export function DashboardLayout({ layout, editable, onLayoutChange, renderWidget, fallback }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  let content: ReactNode = null;
  if (width !== null && width < STACK_BELOW_PX) {
    content = (
      <div className="grid gap-3">
        {readingOrder(layout).map((id) => {
          const item = layout.find((candidate) => candidate.widgetId === id);
          return (
            <div key={id} className={item && item.h <= 2 ? "h-40" : "h-80"}>
              {renderWidget(id)}
            </div>
          );
        })}
      </div>
    );
  } else if (width !== null) {
    content = (
      <Suspense fallback={fallback}>
        <DashboardGrid layout={layout} editable={editable} onLayoutChange={onLayoutChange} renderWidget={renderWidget} />
      </Suspense>
    );
  }
  return <div ref={container}>{content}</div>;
}
