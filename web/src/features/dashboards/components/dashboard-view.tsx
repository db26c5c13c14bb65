import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Link } from "@tanstack/react-router";
import { useQueryClient } from "@tanstack/react-query";
import { Ellipsis, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/menu";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { t } from "@/lib/i18n";
import { useDashboardWatch } from "@/lib/realtime";
import type { Dashboard, DashboardWidget, LayoutItem } from "../api/types";
import { useDashboardSaver } from "../api/use-dashboard-saver";
import { moveWidget, normalize, placeNewWidget, resizeWidget, sameLayout, type Direction, type SizeChange } from "../lib/layout";
import { refetchStaleWidgets } from "../lib/stale";
import { DashboardLayout } from "./dashboard-layout";
import { Widget } from "./widget";
import { WidgetEditor } from "./widget-editor";

const LAYOUT_SAVE_DELAY_MS = 300;

/** Every widget has a place: ones the layout forgot go below the others. */
export function completeLayout(dashboard: Pick<Dashboard, "layout" | "widgets">): LayoutItem[] {
  const ids = new Set(dashboard.widgets.map((widget) => widget.id));
  const layout = dashboard.layout.filter((item) => ids.has(item.widgetId));
  for (const widget of dashboard.widgets) {
    if (!layout.some((item) => item.widgetId === widget.id)) layout.push(placeNewWidget(layout, widget));
  }
  return layout;
}

type Props = {
  dashboard: Dashboard;
  editable: boolean;
  /** More actions beside "Add widget" in the header (the dashboard's menu). */
  actions?: ReactNode;
  description?: ReactNode;
};

/** A dashboard: its header, its widgets on the grid, live refresh, and (for its editors) changes to it. */
export function DashboardView({ dashboard, editable, actions, description }: Props) {
  const queryClient = useQueryClient();
  const save = useDashboardSaver(dashboard.id);
  const [layout, setLayout] = useState<LayoutItem[]>(() => completeLayout(dashboard));
  const [editing, setEditing] = useState<{ widget?: DashboardWidget } | null>(null);
  const [editorError, setEditorError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [removing, setRemoving] = useState<DashboardWidget | null>(null);
  const [announcement, setAnnouncement] = useState("");

  // A resize reports every step and quick keyboard moves come in bursts: only the last layout of a
  // burst is saved.
  const pendingLayout = useRef<LayoutItem[] | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flushLayout = useCallback(() => {
    clearTimeout(saveTimer.current);
    const next = pendingLayout.current;
    pendingLayout.current = null;
    if (next) void save(() => ({ layout: next })).catch(() => undefined);
  }, [save]);
  // Leaving the page saves what is still waiting.
  const latestFlush = useRef(flushLayout);
  latestFlush.current = flushLayout;
  useEffect(() => () => latestFlush.current(), []);

  // A new revision from the server (a save, a reload after a conflict) replaces the local layout.
  useEffect(() => {
    if (!pendingLayout.current) setLayout(completeLayout(dashboard));
  }, [dashboard]);

  const widgetIds = useMemo(() => dashboard.widgets.map((widget) => widget.id), [dashboard.widgets]);
  useDashboardWatch(dashboard.id, (reported) => {
    void refetchStaleWidgets(queryClient, dashboard.id, reported, widgetIds);
  });

  const commitLayout = useCallback(
    (next: LayoutItem[]) => {
      setLayout(next);
      if (!editable) return;
      pendingLayout.current = next;
      clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(flushLayout, LAYOUT_SAVE_DELAY_MS);
    },
    [editable, flushLayout],
  );

  const onGridChange = useCallback(
    (next: LayoutItem[]) => {
      if (!sameLayout(next, layout)) commitLayout(next);
    },
    [commitLayout, layout],
  );

  const move = (widget: DashboardWidget, direction: Direction) => {
    const next = moveWidget(layout, widget.id, direction);
    if (sameLayout(next, normalize(layout))) {
      setAnnouncement(t("dashboards.layout.cannotMove"));
      return;
    }
    setAnnouncement(t(`dashboards.layout.moved.${direction}`, { title: widget.title }));
    commitLayout(next);
  };

  const resize = (widget: DashboardWidget, change: SizeChange) => {
    const next = resizeWidget(layout, widget.id, change);
    if (sameLayout(next, normalize(layout))) {
      setAnnouncement(t("dashboards.layout.cannotResize"));
      return;
    }
    const item = next.find((candidate) => candidate.widgetId === widget.id);
    setAnnouncement(t("dashboards.layout.resized", { title: widget.title, w: item?.w ?? 0, h: item?.h ?? 0 }));
    commitLayout(next);
  };

  const saveWidget = async (widget: DashboardWidget) => {
    flushLayout();
    setPending(true);
    setEditorError(null);
    try {
      await save(
        (latest) => {
          const exists = latest.widgets.some((w) => w.id === widget.id);
          const widgets = exists ? latest.widgets.map((w) => (w.id === widget.id ? widget : w)) : [...latest.widgets, widget];
          const base = completeLayout(latest);
          return { widgets, layout: exists ? base : [...base, placeNewWidget(base, widget)] };
        },
        { quiet: true },
      );
      setEditing(null);
    } catch (error) {
      setEditorError(error);
    } finally {
      setPending(false);
    }
  };

  const removeWidget = async (widget: DashboardWidget) => {
    flushLayout();
    setRemoving(null);
    await save((latest) => ({
      widgets: latest.widgets.filter((w) => w.id !== widget.id),
      layout: completeLayout(latest).filter((item) => item.widgetId !== widget.id),
    })).catch(() => undefined);
  };

  const renderWidget = (widgetId: string) => {
    const widget = dashboard.widgets.find((candidate) => candidate.id === widgetId);
    if (!widget) return null;
    return (
      <Widget
        widget={widget}
        scope={dashboard.id}
        draggable={editable}
        actions={
          <WidgetMenu
            dashboardId={dashboard.id}
            widget={widget}
            editable={editable}
            onEdit={() => {
              setEditorError(null);
              setEditing({ widget });
            }}
            onMove={(direction) => move(widget, direction)}
            onResize={(change) => resize(widget, change)}
            onRemove={() => setRemoving(widget)}
          />
        }
      />
    );
  };

  return (
    <div>
      <PageHeader
        title={dashboard.name}
        description={description ?? dashboard.description}
        actions={
          <>
            {editable && (
              <Button
                onClick={() => {
                  setEditorError(null);
                  setEditing({});
                }}
              >
                <Plus aria-hidden="true" className="size-4" />
                {t("dashboards.addWidget")}
              </Button>
            )}
            {actions}
          </>
        }
      />
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {dashboard.widgets.length === 0 ? (
        <EmptyState
          title={t("dashboards.noWidgets.title")}
          description={editable ? t("dashboards.noWidgets.body") : t("dashboards.noWidgets.readOnly")}
          action={
            editable ? (
              <Button onClick={() => setEditing({})}>
                <Plus aria-hidden="true" className="size-4" />
                {t("dashboards.addWidget")}
              </Button>
            ) : undefined
          }
        />
      ) : (
        <DashboardLayout layout={layout} editable={editable} onLayoutChange={onGridChange} renderWidget={renderWidget} fallback={<GridSkeleton />} />
      )}
      <WidgetEditor
        open={editing !== null}
        widget={editing?.widget}
        takenIds={widgetIds}
        pending={pending}
        error={editorError}
        onSave={(widget) => void saveWidget(widget)}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        open={removing !== null}
        title={t("dashboards.removeWidget.title", { title: removing?.title || "" })}
        description={t("dashboards.removeWidget.body")}
        confirmLabel={t("dashboards.removeWidget.confirm")}
        destructive
        onConfirm={() => removing && void removeWidget(removing)}
        onClose={() => setRemoving(null)}
      />
    </div>
  );
}

function GridSkeleton() {
  return (
    <div role="status" className="grid gap-3 sm:grid-cols-2">
      <span className="sr-only">{t("dashboards.loading")}</span>
      <Skeleton className="h-72" />
      <Skeleton className="h-72" />
    </div>
  );
}

type MenuProps = {
  dashboardId: string;
  widget: DashboardWidget;
  editable: boolean;
  onEdit: () => void;
  onMove: (direction: Direction) => void;
  onResize: (change: SizeChange) => void;
  onRemove: () => void;
};

/** A widget's actions, the keyboard's way to move and resize it included. */
function WidgetMenu({ dashboardId, widget, editable, onEdit, onMove, onResize, onRemove }: MenuProps) {
  const title = widget.title || t(`dashboards.kind.${widget.kind}`);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="h-7 w-7 px-0" aria-label={t("dashboards.widget.menu", { title })}>
          <Ellipsis aria-hidden="true" className="size-4" />
        </Button>
      </DropdownMenuTrigger>
      {/* A long menu on a short screen scrolls rather than running off it. */}
      <DropdownMenuContent align="end" collisionPadding={8} className="max-h-[var(--radix-dropdown-menu-content-available-height)] overflow-y-auto">
        <DropdownMenuItem asChild>
          <Link to="/dashboards/$id/widgets/$widgetId" params={{ id: dashboardId, widgetId: widget.id }}>
            {t("dashboards.widget.open")}
          </Link>
        </DropdownMenuItem>
        {editable && (
          <>
            <DropdownMenuItem onSelect={onEdit}>{t("dashboards.widget.edit")}</DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuLabel>{t("dashboards.widget.position")}</DropdownMenuLabel>
            {(["left", "right", "up", "down"] as const).map((direction) => (
              <DropdownMenuItem key={direction} onSelect={() => onMove(direction)}>
                {t(`dashboards.layout.move.${direction}`)}
              </DropdownMenuItem>
            ))}
            <DropdownMenuSeparator />
            <DropdownMenuLabel>{t("dashboards.widget.size")}</DropdownMenuLabel>
            {(["wider", "narrower", "taller", "shorter"] as const).map((change) => (
              <DropdownMenuItem key={change} onSelect={() => onResize(change)}>
                {t(`dashboards.layout.${change}`)}
              </DropdownMenuItem>
            ))}
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={onRemove} className="text-destructive">
              {t("dashboards.widget.remove")}
            </DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

