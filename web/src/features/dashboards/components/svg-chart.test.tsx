import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { SvgChart } from "./svg-chart";

const points = [
  { label: "proposal", value: 6000, display: "€6,000" },
  { label: "won", value: 4000, display: "€4,000" },
  { label: "lost", value: 0, display: "€0" },
];

// jsdom lays nothing out: give every element the size of a widget's body.
const sizes = { clientWidth: 400, clientHeight: 200 };
const saved: Partial<Record<keyof typeof sizes, PropertyDescriptor | undefined>> = {};

beforeEach(() => {
  for (const [name, value] of Object.entries(sizes) as [keyof typeof sizes, number][]) {
    saved[name] = Object.getOwnPropertyDescriptor(HTMLElement.prototype, name);
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
  }
});

afterEach(() => {
  for (const name of Object.keys(sizes) as (keyof typeof sizes)[]) {
    const descriptor = saved[name];
    if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
  }
});

describe("the SVG chart", () => {
  it("draws one bar per point, taller for larger values, with round axis ticks", () => {
    const { container } = render(<SvgChart kind="bar" points={points} />);
    const bars = [...container.querySelectorAll("[data-chart-bar]")];
    expect(bars).toHaveLength(3);
    const heights = bars.map((bar) => Number(bar.getAttribute("height")));
    expect(heights[0]).toBeGreaterThan(heights[1]!);
    expect(heights[1]).toBeGreaterThan(heights[2]!);
    expect(screen.getByText("proposal")).toBeInTheDocument();
    expect(screen.getByText("0")).toBeInTheDocument();
  });

  it("draws a line through one point per value", () => {
    const { container } = render(<SvgChart kind="line" points={points} />);
    expect(container.querySelectorAll("[data-chart-point]")).toHaveLength(3);
    expect(container.querySelector("polyline")?.getAttribute("points")?.split(" ")).toHaveLength(3);
  });

  it("draws a donut slice per non-zero value", () => {
    const { container } = render(<SvgChart kind="pie" points={points} />);
    expect(container.querySelectorAll("[data-chart-slice]")).toHaveLength(2);
  });

  it("shows a mark's label and value while the pointer is on it", () => {
    const { container } = render(<SvgChart kind="bar" points={points} />);
    fireEvent.pointerMove(container.querySelectorAll("[data-chart-bar]")[1]!, { clientX: 100, clientY: 100 });
    expect(screen.getByText("€4,000")).toBeInTheDocument();
    fireEvent.pointerLeave(container.querySelector("svg")!);
    expect(screen.queryByText("€4,000")).not.toBeInTheDocument();
  });
});
