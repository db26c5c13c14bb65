import { useEffect, useRef, useState } from "react";
import type { Core, ElementDefinition, StylesheetJson } from "cytoscape";
import { Skeleton } from "@/components/ui/skeleton";
import { t } from "@/lib/i18n";
import { shardTitle } from "@/lib/shard-title";
import type { GraphData } from "../lib/graph-model";

/*
 * Cytoscape draws on canvas, but its renderer would add a one-rule <style> element to <head>,
 * which the Content-Security-Policy (style-src 'self') refuses. It skips that when an element
 * with its stylesheet id exists, so a placeholder takes the id; the container gets the rule's
 * `position: relative` from its own class instead.
 */
const CYTOSCAPE_STYLESHEET_ID = "__________cytoscape_stylesheet";

function claimCytoscapeStylesheet() {
  if (!document.getElementById(CYTOSCAPE_STYLESHEET_ID)) {
    const placeholder = document.createElement("meta");
    placeholder.id = CYTOSCAPE_STYLESHEET_ID;
    document.head.prepend(placeholder);
  }
}

/** A theme colour (CSS variable, possibly oklch) as the rgb() Cytoscape understands, read back from a canvas pixel. */
function themeColour(variable: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(variable).trim();
  const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  if (!value || !context) {
    return fallback;
  }
  context.fillStyle = fallback;
  context.fillStyle = value;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return `rgb(${r}, ${g}, ${b})`;
}

// Distinct hues that read on light and dark backgrounds, one per shard type in order of appearance.
const TYPE_COLOURS = ["#2563eb", "#16a34a", "#d97706", "#db2777", "#0891b2", "#7c3aed", "#dc2626", "#65a30d"];

function elementsOf(graph: GraphData, rootId: string): ElementDefinition[] {
  const typeIndex = new Map<string, number>();
  const nodes = graph.nodes.map((node): ElementDefinition => {
    const type = node.shardType ?? "";
    if (!typeIndex.has(type)) typeIndex.set(type, typeIndex.size);
    const label = shardTitle(node);
    return {
      group: "nodes",
      data: {
        id: node.id!,
        label: label.length > 28 ? `${label.slice(0, 27)}…` : label,
        colour: TYPE_COLOURS[typeIndex.get(type)! % TYPE_COLOURS.length],
      },
      classes: node.id === rootId ? "root" : "",
    };
  });
  const edges = graph.edges.map(
    (edge): ElementDefinition => ({
      group: "edges",
      data: { id: `edge-${edge.id ?? `${edge.sourceId}-${edge.type}-${edge.targetId}`}`, source: edge.sourceId!, target: edge.targetId!, label: edge.type ?? "" },
    }),
  );
  return [...nodes, ...edges];
}

/** The graph's look in the current theme (read again when the OS switches between light and dark). */
function graphStyle(): StylesheetJson {
  const foreground = themeColour("--foreground", "#1f2937");
  const muted = themeColour("--muted-foreground", "#6b7280");
  const background = themeColour("--background", "#ffffff");
  const ring = themeColour("--ring", "#4f46e5");
  return [
    {
      selector: "node",
      style: {
        "background-color": "data(colour)",
        label: "data(label)",
        color: foreground,
        "font-size": 11,
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-outline-color": background,
        "text-outline-width": 2,
        width: 26,
        height: 26,
      },
    },
    { selector: "node.root", style: { width: 38, height: 38, "border-width": 3, "border-color": foreground } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": ring } },
    {
      selector: "edge",
      style: {
        width: 1.5,
        "line-color": muted,
        "target-arrow-color": muted,
        "target-arrow-shape": "triangle",
        "curve-style": "bezier",
        label: "data(label)",
        "font-size": 9,
        color: muted,
        "text-rotation": "autorotate",
        "text-outline-color": background,
        "text-outline-width": 2,
      },
    },
  ];
}

/** Fits the graph in the canvas, no closer than a readable zoom (two nodes would fill it). */
function fitReadably(instance: Core) {
  instance.fit(undefined, 30);
  if (instance.zoom() > 1.2) {
    instance.zoom(1.2);
    instance.center();
  }
}

type Props = {
  graph: GraphData;
  rootId: string;
  selectedId: string | undefined;
  onSelect: (id: string | undefined) => void;
  onExpand: (id: string) => void;
};

/**
 * The graph drawn by Cytoscape.js, loaded on demand (its own chunk). Tap a node to select it,
 * double-tap to expand it; the tables beside it carry the same for keyboard and screen readers.
 */
export function GraphCanvas({ graph, rootId, selectedId, onSelect, onExpand }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const handlers = useRef({ onSelect, onExpand });
  handlers.current = { onSelect, onExpand };

  useEffect(() => {
    let disposed = false;
    let resizeObserver: ResizeObserver | undefined;
    let scheme: MediaQueryList | undefined;
    let onScheme: (() => void) | undefined;
    const create = (cytoscape: typeof import("cytoscape"), element: HTMLDivElement) => {
      claimCytoscapeStylesheet();
      const instance = cytoscape({
        container: element,
        minZoom: 0.2,
        maxZoom: 3,
        style: graphStyle(),
      });
      instance.on("tap", "node", (event) => handlers.current.onSelect(event.target.id()));
      instance.on("dbltap", "node", (event) => handlers.current.onExpand(event.target.id()));
      instance.on("tap", (event) => {
        if (event.target === instance) handlers.current.onSelect(undefined);
      });
      cy.current = instance;
      // The canvas follows its box (a rotated phone, a narrower window) and the OS theme.
      resizeObserver = new ResizeObserver(() => {
        instance.resize();
        fitReadably(instance);
      });
      resizeObserver.observe(element);
      scheme = window.matchMedia("(prefers-color-scheme: dark)");
      onScheme = () => instance.style(graphStyle());
      scheme.addEventListener("change", onScheme);
      setLoaded(true);
    };
    import("cytoscape").then(
      ({ default: cytoscape }) => {
        if (disposed || !container.current) return;
        try {
          create(cytoscape, container.current);
        } catch {
          // No canvas (a locked-down or very old browser): the tables still show everything.
          setFailed(true);
        }
      },
      () => !disposed && setFailed(true),
    );
    return () => {
      disposed = true;
      resizeObserver?.disconnect();
      if (scheme && onScheme) scheme.removeEventListener("change", onScheme);
      cy.current?.destroy();
      cy.current = null;
    };
  }, []);

  // New nodes come in (an expansion, another depth): add and remove the difference, lay out again.
  useEffect(() => {
    const instance = cy.current;
    if (!instance || !loaded) return;
    const wanted = elementsOf(graph, rootId);
    const ids = new Set(wanted.map((element) => element.data.id!));
    instance.batch(() => {
      instance.elements().filter((element) => !ids.has(element.id())).remove();
      for (const element of wanted) {
        const existing = instance.getElementById(element.data.id!);
        if (existing.nonempty()) {
          existing.data(element.data);
          existing.classes(element.classes ?? "");
        } else {
          instance.add(element);
        }
      }
    });
    instance
      .layout(
        graph.nodes.length > 1
          ? { name: "cose", animate: false, fit: true, padding: 30, nodeRepulsion: () => 8000, idealEdgeLength: () => 90 }
          : { name: "grid", fit: true, padding: 80 },
      )
      .run();
    fitReadably(instance);
  }, [graph, rootId, loaded]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance || !loaded) return;
    instance.nodes().unselect();
    if (selectedId) instance.getElementById(selectedId).select();
  }, [selectedId, loaded]);

  return (
    <div className="relative h-[28rem] w-full overflow-hidden rounded-lg border border-border bg-card sm:h-[34rem]">
      <div
        ref={container}
        role="img"
        aria-label={t("graph.canvas.label", { nodes: graph.nodes.length, edges: graph.edges.length })}
        className="relative h-full w-full"
      />
      {!loaded && !failed && <Skeleton className="absolute inset-4" />}
      {failed && <p className="absolute inset-0 grid place-items-center p-4 text-sm text-muted-foreground">{t("graph.canvas.failed")}</p>}
    </div>
  );
}
