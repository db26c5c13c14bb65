import { useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import type { ChartPoint } from "../lib/result";
import { arcPath, labelStride, niceTicks } from "../lib/chart-scale";
import { formatCompact } from "../lib/format";

const PALETTE = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)", "var(--chart-6)"];
const AXIS_WIDTH = 48;
const LABEL_HEIGHT = 22;
const TOP = 8;

type Kind = "bar" | "line" | "pie";
type Hover = { point: ChartPoint; x: number; y: number } | null;

/** The box's size as it lays out, kept current as it is resized. */
function useSize() {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, ...size };
}

/**
 * A bar, line or donut chart drawn as plain SVG: a handful of elements per point, rendered by
 * React in one pass (a charting library built its tree in repeated rounds, the page's longest
 * task on a slow phone). Hovering a mark shows its label and value.
 */
export function SvgChart({ kind, points }: { kind: Kind; points: ChartPoint[] }) {
  const { ref, width, height } = useSize();
  const [hover, setHover] = useState<Hover>(null);
  const show = (point: ChartPoint) => (event: ReactPointerEvent<SVGElement>) => {
    const box = ref.current?.getBoundingClientRect();
    // Pointer events without coordinates (synthetic ones) put the tooltip in the corner.
    const at = (client: number, origin: number | undefined) => (Number.isFinite(client) ? client - (origin ?? 0) : 0);
    setHover({ point, x: at(event.clientX, box?.left), y: at(event.clientY, box?.top) });
  };
  const hide = () => setHover(null);
  const h = Math.max(120, height);
  return (
    <div ref={ref} className="relative h-full min-h-[120px] w-full">
      {width > 0 && (
        <svg data-chart={kind} width={width} height={h} viewBox={`0 0 ${width} ${h}`} className="block overflow-visible" onPointerLeave={hide}>
          {kind === "pie" ? (
            <Donut points={points} width={width} height={h} show={show} />
          ) : (
            <Cartesian kind={kind} points={points} width={width} height={h} show={show} />
          )}
        </svg>
      )}
      {hover && (
        <div
          className="pointer-events-none absolute z-10 rounded-md border border-border bg-card px-3 py-2 text-sm shadow-md"
          style={{ left: Math.min(hover.x + 12, Math.max(0, width - 160)), top: Math.max(0, hover.y - 48) }}
        >
          <p className="font-medium">{hover.point.label}</p>
          <p className="tabular-nums">{hover.point.display}</p>
        </div>
      )}
    </div>
  );
}

type MarkProps = { points: ChartPoint[]; width: number; height: number; show: (point: ChartPoint) => (event: ReactPointerEvent<SVGElement>) => void };

function Cartesian({ kind, points, width, height, show }: MarkProps & { kind: "bar" | "line" }) {
  const values = points.map((point) => point.value);
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const low = ticks[0]!;
  const high = ticks[ticks.length - 1]!;
  const plotWidth = Math.max(1, width - AXIS_WIDTH - 8);
  const plotHeight = Math.max(1, height - TOP - LABEL_HEIGHT);
  const y = (value: number) => TOP + plotHeight - ((value - low) / (high - low || 1)) * plotHeight;
  const band = plotWidth / points.length;
  const x = (index: number) => AXIS_WIDTH + band * index + band / 2;
  const stride = labelStride(points.length, plotWidth);
  const baseline = y(Math.max(low, Math.min(0, high)));
  return (
    <g fontSize={12}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={AXIS_WIDTH} x2={width - 8} y1={y(tick)} y2={y(tick)} stroke="var(--border)" strokeDasharray="3 3" />
          <text x={AXIS_WIDTH - 6} y={y(tick)} dy="0.32em" textAnchor="end" fill="var(--muted-foreground)">
            {formatCompact(tick)}
          </text>
        </g>
      ))}
      <line x1={AXIS_WIDTH} x2={width - 8} y1={baseline} y2={baseline} stroke="var(--border)" />
      {points.map((point, index) =>
        index % stride === 0 ? (
          <text key={`label-${index}`} x={x(index)} y={height - 6} textAnchor="middle" fill="var(--muted-foreground)">
            {point.label.length > 14 ? `${point.label.slice(0, 13)}…` : point.label}
          </text>
        ) : null,
      )}
      {kind === "bar" ? (
        points.map((point, index) => {
          const top = Math.min(y(point.value), baseline);
          return (
            <rect
              key={index}
              data-chart-bar=""
              x={x(index) - (band * 0.7) / 2}
              width={band * 0.7}
              y={top}
              height={Math.max(1, Math.abs(baseline - y(point.value)))}
              rx={3}
              fill="var(--chart-1)"
              onPointerMove={show(point)}
            />
          );
        })
      ) : (
        <>
          <polyline
            fill="none"
            stroke="var(--chart-1)"
            strokeWidth={2}
            strokeLinejoin="round"
            points={points.map((point, index) => `${x(index)},${y(point.value)}`).join(" ")}
          />
          {points.map((point, index) => (
            <circle key={index} data-chart-point="" cx={x(index)} cy={y(point.value)} r={3.5} fill="var(--chart-1)" onPointerMove={show(point)} />
          ))}
        </>
      )}
    </g>
  );
}

function Donut({ points, width, height, show }: MarkProps) {
  const total = points.reduce((sum, point) => sum + Math.max(0, point.value), 0);
  const outer = Math.max(10, Math.min(width, height) / 2 - 8);
  const inner = outer * 0.56;
  let angle = 0;
  return (
    <g>
      {points.map((point, index) => {
        const share = total > 0 ? Math.max(0, point.value) / total : 0;
        const start = angle;
        angle += share * Math.PI * 2;
        if (share === 0) return null;
        return (
          <path
            key={index}
            data-chart-slice=""
            d={arcPath(width / 2, height / 2, outer, inner, start, angle)}
            fill={PALETTE[index % PALETTE.length]}
            stroke="var(--card)"
            strokeWidth={1}
            onPointerMove={show(point)}
          />
        );
      })}
    </g>
  );
}
