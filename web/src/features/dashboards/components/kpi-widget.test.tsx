import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fakeServer, json } from "@/test/fake-server";
import { Widget } from "./widget";

afterEach(() => vi.unstubAllGlobals());

function renderWidget(node: React.ReactNode) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={queryClient}>{node}</QueryClientProvider>);
}

describe("the KPI widget", () => {
  it("shows a metric's value in its format and its change against the previous period", async () => {
    const { seen } = fakeServer((request) =>
      request.path === "/api/v1/metrics-definitions/m1/value"
        ? json(200, { value: 1200, previous: 1000, change: 0.2, format: "currency:EUR" })
        : json(200, { id: "m1", name: "pipeline", displayName: "Pipeline value", format: "currency:EUR" }),
    );
    renderWidget(<Widget widget={{ id: "k", kind: "kpi", title: "Pipeline", metricId: "m1" }} />);

    expect(await screen.findByText("€1,200")).toBeInTheDocument();
    expect(screen.getByText("+20%")).toBeInTheDocument();
    expect(screen.getByText("Up 20% on the previous period")).toBeInTheDocument();
    expect(screen.getByText("vs €1,000 the period before")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Pipeline" })).toBeInTheDocument();
    expect(seen.find((request) => request.path.endsWith("/value"))).toBeDefined();
  });

  it("shows a query's first measure in the row's currency", async () => {
    const { seen } = fakeServer(() =>
      json(200, {
        columns: [
          { name: "currency", type: "string" },
          { name: "sum_amount", type: "number" },
          { name: "skipped", type: "integer" },
        ],
        rows: [["USD", 99.5, 0]],
        truncated: false,
      }),
    );
    renderWidget(
      <Widget widget={{ id: "k", kind: "kpi", title: "Total", query: { shardType: "c_opportunity", measures: [{ fn: "sum", field: "amount", as: "sum_amount" }] } }} />,
    );
    expect(await screen.findByText("$99.50")).toBeInTheDocument();
    expect(JSON.parse(seen[0]?.body ?? "{}")).toEqual({ shardType: "c_opportunity", measures: [{ fn: "sum", field: "amount", as: "sum_amount" }] });
    expect(seen[0]?.headers.get("Accept")).toBe("application/json");
  });
});
