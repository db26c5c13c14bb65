import { moveElement, verticalCompactor, type Layout, type LayoutItem as GridItem } from "react-grid-layout/core";
import type { DashboardWidget, LayoutItem } from "../api/types";

/** The server's grid: 12 columns, heights up to 48 rows (DashboardDefinitions). */
export const COLUMNS = 12;
export const MAX_HEIGHT = 48;
export const MIN_WIDTH = 2;
export const MIN_HEIGHT = 2;

export type Direction = "left" | "right" | "up" | "down";
export type SizeChange = "wider" | "narrower" | "taller" | "shorter";

export function toGrid(layout: readonly LayoutItem[]): GridItem[] {
  return layout.map(({ widgetId, x, y, w, h }) => ({ i: widgetId, x, y, w, h, minW: MIN_WIDTH, minH: MIN_HEIGHT, maxH: MAX_HEIGHT }));
}

export function fromGrid(layout: Layout): LayoutItem[] {
  return layout.map(({ i, x, y, w, h }) => ({ widgetId: i, x, y, w, h }));
}

function compact(layout: Layout): GridItem[] {
  return [...verticalCompactor.compact(layout, COLUMNS)];
}

/** Same positions and sizes, whatever the order. */
export function sameLayout(a: readonly LayoutItem[], b: readonly LayoutItem[]): boolean {
  if (a.length !== b.length) return false;
  const byId = new Map(b.map((item) => [item.widgetId, item]));
  return a.every((item) => {
    const other = byId.get(item.widgetId);
    return other !== undefined && other.x === item.x && other.y === item.y && other.w === item.w && other.h === item.h;
  });
}

/** The layout as the grid shows it (compacted upwards), so that what is saved is what is seen. */
export function normalize(layout: readonly LayoutItem[]): LayoutItem[] {
  return fromGrid(compact(toGrid(layout)));
}

/**
 * Moves a widget one step as a drag would (others make room, then everything packs upwards). With
 * upward packing a one-row step can land back where it was, so further steps are tried until the
 * widget's place really changes; the layout comes back unchanged when it cannot move that way.
 */
export function moveWidget(layout: readonly LayoutItem[], widgetId: string, direction: Direction): LayoutItem[] {
  const grid = compact(toGrid(layout));
  const start = grid.find((item) => item.i === widgetId);
  if (!start) return [...layout];
  const dx = direction === "left" ? -1 : direction === "right" ? 1 : 0;
  const dy = direction === "up" ? -1 : direction === "down" ? 1 : 0;
  const limit = dx !== 0 ? COLUMNS : 1_000;
  for (let step = 1; step <= limit; step++) {
    const x = start.x + dx * step;
    const y = start.y + dy * step;
    if (x < 0 || x + start.w > COLUMNS || y < 0) break;
    const copy = grid.map((item) => ({ ...item }));
    const moving = copy.find((item) => item.i === widgetId);
    if (!moving) break;
    const moved = compact(moveElement(copy, moving, x, y, true, false, "vertical", COLUMNS));
    const after = moved.find((item) => item.i === widgetId);
    if (after && (after.x !== start.x || after.y !== start.y)) return fromGrid(moved);
    // Down past the bottom of the grid changes nothing more.
    if (dy > 0 && y > Math.max(...grid.map((item) => item.y + item.h))) break;
  }
  return fromGrid(grid);
}

/** Makes a widget one column wider or narrower, or one row taller or shorter, within the grid's bounds. */
export function resizeWidget(layout: readonly LayoutItem[], widgetId: string, change: SizeChange): LayoutItem[] {
  const grid = compact(toGrid(layout));
  const index = grid.findIndex((item) => item.i === widgetId);
  const item = grid[index];
  if (!item) return fromGrid(grid);
  let { x, w, h } = item;
  if (change === "wider") {
    if (w >= COLUMNS) return fromGrid(grid);
    w += 1;
    // At the right edge a wider widget grows to the left.
    if (x + w > COLUMNS) x = COLUMNS - w;
  } else if (change === "narrower") {
    if (w <= MIN_WIDTH) return fromGrid(grid);
    w -= 1;
  } else if (change === "taller") {
    if (h >= MAX_HEIGHT) return fromGrid(grid);
    h += 1;
  } else {
    if (h <= MIN_HEIGHT) return fromGrid(grid);
    h -= 1;
  }
  const resized = { ...item, x, w, h };
  // Widgets the new size overlaps make room below it, as they do when resizing with the mouse.
  let next: GridItem[] = grid.map((other, i) => (i === index ? resized : { ...other }));
  for (const other of next) {
    if (other.i !== widgetId && overlaps(other, resized)) {
      next = moveElement(next, other, other.x, resized.y + resized.h, false, false, "vertical", COLUMNS);
    }
  }
  return fromGrid(compact(next));
}

function overlaps(a: GridItem, b: GridItem): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Where a new widget goes: the full width below everything else (charts get half). */
export function placeNewWidget(layout: readonly LayoutItem[], widget: Pick<DashboardWidget, "id" | "kind">): LayoutItem {
  const bottom = layout.reduce((max, item) => Math.max(max, item.y + item.h), 0);
  const small = widget.kind === "kpi" || widget.kind === "text";
  return { widgetId: widget.id, x: 0, y: bottom, w: small ? 3 : 6, h: small ? 2 : 4 };
}

/** Widgets in reading order (row, then column): the order of the narrow-screen list and of the keyboard. */
export function readingOrder(layout: readonly LayoutItem[]): string[] {
  return [...layout].sort((a, b) => a.y - b.y || a.x - b.x).map((item) => item.widgetId);
}
