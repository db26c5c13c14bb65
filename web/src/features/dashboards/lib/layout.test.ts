import { describe, expect, it } from "vitest";
import type { LayoutItem } from "../api/types";
import { moveWidget, normalize, placeNewWidget, resizeWidget, sameLayout } from "./layout";

const at = (layout: LayoutItem[], id: string) => layout.find((item) => item.widgetId === id);

function overlapFree(layout: LayoutItem[]): boolean {
  return layout.every((a, i) =>
    layout.every((b, j) => i === j || a.x >= b.x + b.w || b.x >= a.x + a.w || a.y >= b.y + b.h || b.y >= a.y + a.h),
  );
}

const twoSideBySide: LayoutItem[] = [
  { widgetId: "a", x: 0, y: 0, w: 6, h: 4 },
  { widgetId: "b", x: 6, y: 0, w: 6, h: 4 },
];

describe("keyboard moves", () => {
  it("moves a widget one column right, within the grid", () => {
    const single: LayoutItem[] = [{ widgetId: "a", x: 0, y: 0, w: 4, h: 2 }];
    expect(at(moveWidget(single, "a", "right"), "a")).toMatchObject({ x: 1, y: 0 });
    expect(moveWidget([{ widgetId: "a", x: 8, y: 0, w: 4, h: 2 }], "a", "right")).toEqual([{ widgetId: "a", x: 8, y: 0, w: 4, h: 2 }]);
  });

  it("moves a widget below the one under it, and back up above it", () => {
    const stacked: LayoutItem[] = [
      { widgetId: "a", x: 0, y: 0, w: 6, h: 2 },
      { widgetId: "b", x: 0, y: 2, w: 6, h: 3 },
    ];
    const down = moveWidget(stacked, "a", "down");
    expect(at(down, "b")?.y).toBe(0);
    expect(at(down, "a")?.y).toBeGreaterThanOrEqual(3);
    expect(overlapFree(down)).toBe(true);
    const up = moveWidget(down, "a", "up");
    expect(at(up, "a")?.y).toBe(0);
    expect(overlapFree(up)).toBe(true);
  });

  it("leaves the layout alone when the widget cannot go that way", () => {
    expect(sameLayout(moveWidget(twoSideBySide, "a", "up"), twoSideBySide)).toBe(true);
    expect(sameLayout(moveWidget(twoSideBySide, "a", "left"), twoSideBySide)).toBe(true);
  });
});

describe("keyboard resizing", () => {
  it("makes a widget wider, pushing the one it now overlaps below it", () => {
    const wider = resizeWidget(twoSideBySide, "a", "wider");
    expect(at(wider, "a")).toMatchObject({ x: 0, w: 7 });
    expect(at(wider, "b")?.y).toBe(4);
    expect(overlapFree(wider)).toBe(true);
  });

  it("grows to the left at the right edge, and stops at the minimum size", () => {
    expect(at(resizeWidget(twoSideBySide, "b", "wider"), "b")).toMatchObject({ x: 5, w: 7 });
    const small: LayoutItem[] = [{ widgetId: "a", x: 0, y: 0, w: 2, h: 2 }];
    expect(resizeWidget(small, "a", "narrower")).toEqual(small);
    expect(resizeWidget(small, "a", "shorter")).toEqual(small);
    expect(at(resizeWidget(small, "a", "taller"), "a")?.h).toBe(3);
  });
});

describe("placing and normalizing", () => {
  it("puts a new widget below the others", () => {
    expect(placeNewWidget(twoSideBySide, { id: "c", kind: "bar" })).toEqual({ widgetId: "c", x: 0, y: 4, w: 6, h: 4 });
    expect(placeNewWidget([], { id: "k", kind: "kpi" })).toEqual({ widgetId: "k", x: 0, y: 0, w: 3, h: 2 });
  });

  it("packs gaps upwards as the grid shows them", () => {
    expect(normalize([{ widgetId: "a", x: 0, y: 5, w: 3, h: 2 }])).toEqual([{ widgetId: "a", x: 0, y: 0, w: 3, h: 2 }]);
  });
});
