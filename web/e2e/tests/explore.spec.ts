import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { api, expect, expectAccessible, screenshots, test } from "../fixtures";

type Shard = { id: string };
type Page<T> = { items: T[]; nextCursor: string | null };

test("two linked shards appear in the graph, and a node opens its shard", async ({ signedIn: page, request, tenant }) => {
  const alpha = await api<Shard>(request, tenant, "POST", "/shards", { shardType: "c_account", structuredData: { name: "Alpha Industries" } });
  const beta = await api<Shard>(request, tenant, "POST", "/shards", { shardType: "c_contact", structuredData: { lastName: "Beta", firstName: "Bea" } });
  await api(request, tenant, "POST", "/relationships", { sourceId: alpha.id, targetId: beta.id, type: "has_contact" });

  await page.goto(`/graph/${alpha.id}`);
  await expect(page.getByRole("heading", { name: "Graph of Alpha Industries" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Graph of 2 shards and 1 relationships/ })).toBeVisible();
  // Cytoscape drew on its canvases (and added no <style>: the fixture fails on a CSP violation).
  await expect(page.locator("canvas").first()).toBeVisible();
  const nodes = page.getByRole("table", { name: "The shards in the graph" });
  await expect(nodes.getByRole("link", { name: "Alpha Industries" })).toBeVisible();
  await expect(nodes.getByRole("link", { name: "Bea Beta" })).toBeVisible();
  await expect(page.getByRole("table", { name: /The relationships in the graph/ }).getByText("has_contact")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "has_contact" })).toBeChecked();

  await page.getByLabel("Depth").selectOption("1");
  await expect(page).toHaveURL(/depth=1/);
  await expect(nodes.getByRole("link", { name: "Bea Beta" })).toBeVisible();

  await expectAccessible(page, "graph");
  await screenshots(page, "graph");

  // Expanding in place keeps the page; the node's link opens the shard.
  await page.getByRole("button", { name: "Expand Bea Beta" }).click();
  await expect(page.getByRole("heading", { name: "Selected shard" })).toBeVisible();
  await page.getByRole("complementary").getByRole("link", { name: "Open" }).click();
  await expect(page).toHaveURL(new RegExp(`/shards/${beta.id}$`));
});

test("a 1,000-row CSV is imported in chunks, and its bad row is reported", async ({ signedIn: page, request, tenant }) => {
  const lines = ["Name;Industry;Employees"];
  for (let i = 1; i <= 1000; i++) {
    // Data row 500 is row 501 of the file (the header is row 1): it has no name, which the type requires.
    lines.push(i === 500 ? ';"Ghost; Inc. industry";12' : `"Import Co ${i}";Manufacturing;"1,${String(i % 1000).padStart(3, "0")}"`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "castiel-import-"));
  const file = path.join(dir, "accounts.csv");
  writeFileSync(file, `\uFEFF${lines.join("\r\n")}\r\n`);

  await page.goto("/import");
  await expect(page.getByRole("heading", { name: "Import", level: 1 })).toBeVisible();
  await page.getByLabel("Shard type").selectOption("c_account");
  await page.getByLabel("File").setInputFiles(file);
  await expect(page.getByRole("heading", { name: "Columns and fields" })).toBeVisible();
  // The semicolon was detected, and the columns matched the fields by name.
  await expect(page.getByLabel("Delimiter")).toHaveValue(";");
  await expect(page.getByRole("table", { name: /first 10 rows/ }).getByText("Import Co 3")).toBeVisible();
  await expect(page.getByLabel("Employees")).toHaveValue("field:employees");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("field:name");
  await expectAccessible(page, "import mapping");
  await screenshots(page, "import-mapping");

  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByText("Import finished: 999 rows imported, 1 failed.")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  const report = page.getByRole("table", { name: /Rows that were not imported/ });
  await expect(report.getByRole("row")).toHaveCount(2);
  await expect(report.getByRole("cell", { name: "501", exact: true })).toBeVisible();
  await expect(report.getByRole("cell", { name: "name", exact: true })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the error report (CSV)" }).click();
  expect((await download).suggestedFilename()).toBe("accounts-errors.csv");
  await expectAccessible(page, "import result");
  await screenshots(page, "import-result");

  // The other 999 are there, with their numbers converted ("1,001" in the file is 1001 employees).
  let count = 0;
  let cursor: string | null = null;
  let sample: { structuredData: { employees?: number; name: string } } | undefined;
  do {
    const pageOf: Page<{ structuredData: { employees?: number; name: string } }> = await api(
      request,
      tenant,
      "GET",
      `/shards?type=c_account&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    count += pageOf.items.length;
    sample ??= pageOf.items.find((shard) => shard.structuredData.name === "Import Co 1");
    cursor = pageOf.nextCursor;
  } while (cursor);
  expect(count).toBe(999);
  expect(sample?.structuredData.employees).toBe(1001);
});

test("the header search finds a shard, and Ask answers with a citation", async ({ signedIn: page, request, tenant }) => {
  const note = await api<Shard>(request, tenant, "POST", "/shards", {
    shardType: "c_note",
    structuredData: { title: "Zeppelin hangar inspection", body: "The zeppelin hangar passed its annual inspection in March." },
    unstructuredData: { text: "The zeppelin hangar passed its annual inspection in March. The roof needs new panels before winter." },
  });

  await page.keyboard.press("/");
  const box = page.getByRole("searchbox", { name: "Search shards" });
  await expect(box).toBeFocused();
  await box.fill("zeppelin");
  const quick = page.getByRole("list", { name: "Quick results" });
  await expect(quick.getByRole("link", { name: /Zeppelin hangar inspection/ })).toBeVisible();
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=zeppelin/);

  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link", { name: "Zeppelin hangar inspection" })).toBeVisible();
  await expect(results.locator("mark").first()).toHaveText(/zeppelin/i);
  await page.getByRole("radio", { name: "Keyword" }).check();
  await expect(page).toHaveURL(/mode=keyword/);
  await expect(results.getByRole("link", { name: "Zeppelin hangar inspection" })).toBeVisible();
  await expectAccessible(page, "search");
  await screenshots(page, "search");

  await page.getByRole("tab", { name: "Ask" }).click();
  await page.getByLabel("Your question").fill("When did the zeppelin hangar pass its inspection?");
  // Meaning search needs the note's embedding, computed just after it was written: ask until it is there.
  await expect(async () => {
    await page.getByRole("button", { name: "Ask" }).click();
    await expect(page.getByRole("link", { name: /^Source 1: / }).first()).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText("Quoted from your shards")).toBeVisible();
  await expect(page.getByRole("link", { name: "[1] Zeppelin hangar inspection" })).toBeVisible();
  await expectAccessible(page, "ask");
  await screenshots(page, "ask");
  await page.getByRole("link", { name: /^Source 1: / }).first().click();
  await expect(page).toHaveURL(new RegExp(`/shards/${note.id}$`));
});
