import { api, expect, expectAccessible, screenshots, test, type Tenant } from "../fixtures";
import type { APIRequestContext, Page } from "@playwright/test";

type BulkAnswer = { results: { index: number; status: number; id?: string }[] };

/** Four opportunities in three stages, in euros; answers their ids in order. */
async function seedOpportunities(request: APIRequestContext, tenant: Tenant): Promise<string[]> {
  const today = new Date().toISOString().slice(0, 10);
  const opportunity = (name: string, stage: string, amount: number) => ({
    shardType: "c_opportunity",
    structuredData: { name, stage, amount, currency: "EUR", closeDate: today },
  });
  const answer = await api<BulkAnswer>(request, tenant, "POST", "/shards/bulk", {
    items: [
      opportunity("Acme renewal", "proposal", 1000),
      opportunity("Globex expansion", "proposal", 500),
      opportunity("Initech pilot", "negotiation", 2500),
      opportunity("Umbrella deal", "closed_won", 4000),
    ],
  });
  expect(answer.results.every((result) => result.status === 201)).toBeTruthy();
  return answer.results.map((result) => result.id ?? "");
}

function widget(page: Page, title: string) {
  return page.locator("section[data-widget-id]").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
}

test("build a dashboard: a bar chart from the query builder, a KPI, drag, reload, live refresh", async ({ page, request, tenant, signedIn }) => {
  const ids = await seedOpportunities(request, tenant);

  await signedIn.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboards" }).click();
  await expect(page.getByRole("heading", { name: "Dashboards", level: 1 })).toBeVisible();
  // Every tenant starts with the shared "Sales pipeline" dashboard.
  await expect(page.getByRole("link", { name: "Sales pipeline" })).toBeVisible();
  await expectAccessible(page, "dashboards list");
  await screenshots(page, "dashboards-list");

  await page.getByRole("button", { name: "New dashboard" }).click();
  const createDialog = page.getByRole("dialog", { name: "New dashboard" });
  await createDialog.getByLabel("Name").fill("Pipeline review");
  await createDialog.getByRole("button", { name: "Create dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboards\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Pipeline review", level: 1 })).toBeVisible();

  // A bar chart: group by stage, sum of amount, built with the query builder and previewed.
  await page.getByRole("button", { name: "Add widget" }).first().click();
  const editor = page.getByRole("dialog", { name: "Add a widget" });
  await editor.getByLabel("Kind").selectOption("bar");
  await editor.getByLabel("Title").fill("Amount by stage");
  await editor.getByLabel("Shard type").selectOption("c_opportunity");
  await editor.getByRole("button", { name: "Add grouping" }).click();
  await editor.getByLabel("Group by", { exact: true }).selectOption("stage");
  await editor.getByLabel("Measure", { exact: true }).selectOption("sum");
  await editor.getByLabel("Measure field").selectOption("amount");
  await editor.getByLabel("Order").selectOption("measureDesc");
  await expect(editor.getByTestId("widget-preview").locator("[data-chart-bar]")).toHaveCount(3);
  await editor.getByRole("button", { name: "Add widget" }).click();
  await expect(editor).toBeHidden();

  const bars = widget(page, "Amount by stage");
  await expect(bars.locator("[data-chart-bar]")).toHaveCount(3);
  await expect(bars.getByTestId("chart")).toHaveAttribute("aria-label", /proposal: €1,500/);

  // A KPI compared with the previous period: its query is saved as a metric with a period.
  await page.getByRole("button", { name: "Add widget" }).first().click();
  await editor.getByLabel("Kind").selectOption("kpi");
  await editor.getByLabel("Title").fill("Pipeline (30 days)");
  await editor.getByLabel("Shard type").selectOption("c_opportunity");
  await editor.getByLabel("Measure", { exact: true }).selectOption("sum");
  await editor.getByLabel("Measure field").selectOption("amount");
  await editor.getByLabel("Number format").selectOption("currency:EUR");
  await expect(editor.getByTestId("widget-preview").getByTestId("kpi-value")).toHaveText("€8,000");
  await editor.getByLabel("Compare with the previous period").check();
  await editor.getByLabel("Period by").selectOption("createdAt");
  await editor.getByLabel("Period", { exact: true }).selectOption("P30D");
  await editor.getByRole("button", { name: "Add widget" }).click();
  await expect(editor).toBeHidden();
  const kpi = widget(page, "Pipeline (30 days)");
  await expect(kpi.getByTestId("kpi-value")).toHaveText("€8,000");
  await expect(kpi).toContainText("Nothing to compare with in the previous period");
  const metrics = await api<{ items: { displayName: string; period: { field: string; last: string } }[] }>(request, tenant, "GET", "/metrics-definitions");
  expect(metrics.items).toEqual([expect.objectContaining({ displayName: "Pipeline (30 days)", period: { field: "createdAt", last: "P30D" } })]);

  // Drag the chart by its title bar to the right half of the grid; the layout is saved.
  const grid = page.locator(".react-grid-layout");
  const gridBox = await grid.boundingBox();
  const header = bars.locator("header");
  const headerBox = await header.boundingBox();
  if (!gridBox || !headerBox) throw new Error("the grid is not on screen");
  const saved = page.waitForResponse((response) => response.request().method() === "PATCH" && /\/api\/v1\/dashboards\//.test(response.url()));
  await page.mouse.move(headerBox.x + 40, headerBox.y + headerBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(headerBox.x + 40 + gridBox.width / 2, headerBox.y + headerBox.height / 2, { steps: 12 });
  await page.mouse.up();
  expect((await saved).status()).toBe(200);
  await expect.poll(async () => (await bars.boundingBox())?.x ?? 0).toBeGreaterThan(gridBox.x + gridBox.width / 2 - 20);

  await page.reload();
  await expect(widget(page, "Amount by stage").locator("[data-chart-bar]")).toHaveCount(3);
  const afterReload = await page.locator(".react-grid-layout").boundingBox();
  const barsAfterReload = await widget(page, "Amount by stage").boundingBox();
  expect(barsAfterReload && afterReload && barsAfterReload.x > afterReload.x + afterReload.width / 2 - 20).toBeTruthy();

  // A change through the API reaches the chart and the KPI without a reload (dashboard.stale on /ws).
  await api(request, tenant, "PATCH", `/shards/${ids[1]}`, { structuredData: { amount: 5000 } });
  await expect(widget(page, "Amount by stage").getByTestId("chart")).toHaveAttribute("aria-label", /proposal: €6,000/, { timeout: 15_000 });
  await expect(widget(page, "Pipeline (30 days)").getByTestId("kpi-value")).toHaveText("€12,500", { timeout: 15_000 });

  await expectAccessible(page, "a dashboard");
  await screenshots(page, "dashboard");
});

test("widgets move and resize from the keyboard, and a widget opens as a page of its own", async ({ page, request, tenant, signedIn }) => {
  await seedOpportunities(request, tenant);
  const dashboard = await api<{ id: string }>(request, tenant, "POST", "/dashboards", {
    name: "Keyboard",
    visibility: "private",
    widgets: [
      { id: "deals", kind: "kpi", title: "Deals", query: { shardType: "c_opportunity", measures: [{ fn: "count" }] } },
      { id: "notes", kind: "text", title: "Notes", options: { text: "# Read me\n\n<img src=x onerror=alert(1)> stays **text**" } },
    ],
    layout: [
      { widgetId: "deals", x: 0, y: 0, w: 3, h: 2 },
      { widgetId: "notes", x: 3, y: 0, w: 3, h: 2 },
    ],
  });
  await signedIn.goto(`/dashboards/${dashboard.id}`);
  await expect(widget(page, "Deals").getByTestId("kpi-value")).toHaveText("4");
  // The text widget shows markup as text, never as HTML.
  await expect(widget(page, "Notes")).toContainText("<img src=x onerror=alert(1)> stays text");
  await expect(widget(page, "Notes").locator("img")).toHaveCount(0);

  const patched = () => page.waitForResponse((response) => response.request().method() === "PATCH" && /\/api\/v1\/dashboards\//.test(response.url()));
  const menu = page.getByRole("button", { name: "Widget actions for Deals" });
  // With the keyboard only: open the menu, go to the item, choose it.
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "Move right" })).toBeVisible();
  let saved = patched();
  await page.getByRole("menuitem", { name: "Move right" }).focus();
  await page.keyboard.press("Enter");
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: "Moved Deals right." })).toBeAttached();

  await menu.click();
  saved = patched();
  await page.getByRole("menuitem", { name: "Move down" }).click();
  expect((await saved).status()).toBe(200);

  await menu.click();
  saved = patched();
  await page.getByRole("menuitem", { name: "Wider" }).click();
  expect((await saved).status()).toBe(200);
  const layout = await api<{ layout: { widgetId: string; x: number; y: number; w: number; h: number }[] }>(
    request, tenant, "GET", `/dashboards/${dashboard.id}`,
  );
  const deals = layout.layout.find((item) => item.widgetId === "deals");
  expect(deals).toMatchObject({ x: 1, w: 4 });
  expect(deals?.y).toBeGreaterThan(0);

  // Resizing with the mouse, by the corner handle, is saved too.
  const notes = widget(page, "Notes");
  const before = await notes.boundingBox();
  const handle = page.locator(".react-grid-item").filter({ has: notes }).locator(".react-resizable-handle");
  const handleBox = await handle.boundingBox();
  if (!before || !handleBox) throw new Error("the Notes widget is not on screen");
  saved = patched();
  await page.mouse.move(handleBox.x + handleBox.width / 2, handleBox.y + handleBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(handleBox.x + 220, handleBox.y + 100, { steps: 10 });
  await page.mouse.up();
  expect((await saved).status()).toBe(200);
  await expect.poll(async () => (await notes.boundingBox())?.width ?? 0).toBeGreaterThan(before.width + 100);

  await menu.click();
  await page.getByRole("menuitem", { name: "Open full page" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboards/${dashboard.id}/widgets/deals$`));
  await expect(page.getByRole("heading", { name: "Deals", level: 1 })).toBeVisible();
  await expect(page.getByTestId("kpi-value")).toHaveText("4");
  await expectAccessible(page, "a widget on its own page");
});

test("a stale layout save is refused and the dashboard reloaded; the home page shows the default dashboard", async ({ page, request, tenant, signedIn }) => {
  const dashboard = await api<{ id: string }>(request, tenant, "POST", "/dashboards", {
    name: "Shared board",
    visibility: "tenant",
    widgets: [{ id: "intro", kind: "text", title: "Intro", options: { text: "Hello" } }],
    layout: [{ widgetId: "intro", x: 0, y: 0, w: 4, h: 2 }],
  });
  // Without a default dashboard the home page says how to get one.
  await expect(signedIn.getByRole("heading", { name: "Welcome, Ada Owner", level: 1 })).toBeVisible();
  await expect(page.getByText("No default dashboard")).toBeVisible();
  await expect(page.getByRole("button", { name: "Show on home: Sales pipeline" })).toBeVisible();
  await expectAccessible(page, "home without a default dashboard");
  await screenshots(page, "home-no-default");

  await page.goto(`/dashboards/${dashboard.id}`);
  await expect(widget(page, "Intro")).toContainText("Hello");

  // Someone else renames it meanwhile: the next save here carries an old ETag.
  await api(request, tenant, "PATCH", `/dashboards/${dashboard.id}`, { name: "Shared board (renamed)" });
  await page.getByRole("button", { name: "Widget actions for Intro" }).click();
  await page.getByRole("menuitem", { name: "Wider" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Someone else changed this dashboard" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Shared board (renamed)", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Actions for Shared board (renamed)" }).click();
  await page.getByRole("menuitem", { name: "Make my default" }).click();
  await expect(page.getByText("Shared board (renamed) now opens on your home page.")).toBeVisible();
  await page.getByRole("link", { name: "Castiel" }).click();
  await expect(page.getByRole("heading", { name: "Shared board (renamed)", level: 1 })).toBeVisible();
  await expectAccessible(page, "home with a default dashboard");
});

test("the built-in Sales pipeline dashboard draws every kind of its widgets; its chart opens in the editor", async ({ page, request, tenant, signedIn }) => {
  await seedOpportunities(request, tenant);
  await signedIn.goto("/dashboards");
  await page.getByRole("link", { name: "Sales pipeline" }).click();
  await expect(page.getByRole("heading", { name: "Sales pipeline", level: 1 })).toBeVisible();
  await expect(widget(page, "Pipeline by stage").locator("[data-chart-bar]")).toHaveCount(3);
  await expect(widget(page, "Won by month").getByTestId("chart")).toHaveAttribute("aria-label", /€4,000/);
  await expect(widget(page, "Top accounts").getByRole("table")).toContainText("deals");
  await expect(widget(page, "Recent activity").getByRole("link", { name: "Umbrella deal" })).toBeVisible();

  // The owner may change the shared dashboard: its chart's query comes back into the builder.
  await page.getByRole("button", { name: "Widget actions for Pipeline by stage" }).click();
  await page.getByRole("menuitem", { name: "Edit widget…" }).click();
  const editor = page.getByRole("dialog", { name: "Edit widget" });
  await expect(editor.getByLabel("Shard type")).toHaveValue("c_opportunity");
  await expect(editor.getByLabel("Group by", { exact: true })).toHaveValue("stage");
  await expect(editor.getByLabel("Measure field")).toHaveValue("amount");
  await expect(editor.getByTestId("widget-preview").locator("[data-chart-bar]")).toHaveCount(3);
  await expectAccessible(page, "the widget editor");
  await screenshots(page, "dashboard-widget-editor");
  await editor.getByRole("button", { name: "Cancel" }).click();
  await expect(editor).toBeHidden();
});

test("dashboards are renamed, shared with some roles, duplicated and deleted from the list", async ({ page, request, tenant, signedIn }) => {
  await api(request, tenant, "POST", "/dashboards", { name: "Quarterly", visibility: "private", widgets: [], layout: [] });
  await signedIn.goto("/dashboards");
  const row = (name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

  await page.getByRole("button", { name: "Actions for Quarterly" }).click();
  await page.getByRole("menuitem", { name: "Rename and share…" }).click();
  const settings = page.getByRole("dialog", { name: "Dashboard settings" });
  await settings.getByLabel("Name").fill("Quarterly review");
  await settings.getByLabel("Who can see it").selectOption("roles");
  await settings.getByLabel("Members").check();
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings).toBeHidden();
  await expect(row("Quarterly review")).toContainText("Some roles: member");

  await page.getByRole("button", { name: "Actions for Quarterly review" }).click();
  await page.getByRole("menuitem", { name: "Duplicate" }).click();
  await expect(page.getByRole("heading", { name: "Quarterly review (copy)", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Actions for Quarterly review (copy)" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete Quarterly review (copy)?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/dashboards$/);
  await expect(row("Quarterly review")).toBeVisible();
  await expect(page.getByRole("link", { name: "Quarterly review (copy)" })).toHaveCount(0);
});
