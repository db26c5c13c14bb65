/**
 * Axis arithmetic for the dashboard's charts: "nice" tick values (steps of 1, 2 or 5 times a
 * power of ten) covering the data, always including zero so that bars start from a baseline.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const low = Math.min(0, min);
  const high = Math.max(0, max);
  if (high === low) return [low];
  const rough = (high - low) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const first = Math.floor(low / step) * step;
  const ticks: number[] = [];
  for (let tick = first; tick <= high + step * 1e-9; tick += step) {
    // Rounded to the step's precision: 0.1 + 0.2 must not print as 0.30000000000000004.
    ticks.push(Number(tick.toPrecision(12)));
  }
  if (ticks[ticks.length - 1]! < high) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

/** Every n-th label is shown when they would overlap: n such that labels are at least `minGap` apart. */
export function labelStride(count: number, width: number, minGap = 56): number {
  if (count <= 0 || width <= 0) return 1;
  return Math.max(1, Math.ceil((count * minGap) / width));
}

/** The SVG path of a donut slice from `start` to `end` (radians, clockwise from 12 o'clock). */
export function arcPath(cx: number, cy: number, outer: number, inner: number, start: number, end: number): string {
  // A full circle as one arc has no extent: split it just short of 2π.
  const sweep = Math.min(end - start, Math.PI * 2 - 1e-6);
  const stop = start + sweep;
  const point = (radius: number, angle: number) => [cx + radius * Math.sin(angle), cy - radius * Math.cos(angle)] as const;
  const large = sweep > Math.PI ? 1 : 0;
  const [x1, y1] = point(outer, start);
  const [x2, y2] = point(outer, stop);
  const [x3, y3] = point(inner, stop);
  const [x4, y4] = point(inner, start);
  return `M${x1},${y1} A${outer},${outer} 0 ${large} 1 ${x2},${y2} L${x3},${y3} A${inner},${inner} 0 ${large} 0 ${x4},${y4} Z`;
}
