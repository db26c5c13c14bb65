import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
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

  // The CSV is parsed in a worker: a same-origin script, which the CSP (worker-src falls back to script-src 'self') allows.
  const worker = page.waitForEvent("worker");
  await page.getByRole("button", { name: "Start import" }).click();
  expect((await worker).url()).toMatch(/\/assets\/import\.worker-[\w-]+\.js$/);
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

test("cancelling an import stops it and keeps the rows already imported", async ({ signedIn: page, request, tenant }) => {
  const lines = ["name,country"];
  for (let i = 1; i <= 20_000; i++) lines.push(`Cancel Co ${i},US`);
  const dir = mkdtempSync(path.join(tmpdir(), "castiel-cancel-"));
  const file = path.join(dir, "many.csv");
  writeFileSync(file, lines.join("\n"));

  await page.goto("/import");
  await page.getByLabel("Shard type").selectOption("c_account");
  await page.getByLabel("File").setInputFiles(file);
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByText(/, [1-9]\d* imported/)).toBeVisible();
  await page.getByRole("button", { name: "Cancel import" }).click();
  const result = page.getByText(/^Import cancelled: \d+ rows imported/);
  await expect(result).toBeVisible();
  const created = Number((await result.textContent())!.match(/(\d+) rows imported/)![1]);
  expect(created).toBeGreaterThan(0);
  expect(created).toBeLessThan(20_000);

  let count = 0;
  let cursor: string | null = null;
  do {
    const pageOf: Page<unknown> = await api(request, tenant, "GET", `/shards?type=c_account&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    count += pageOf.items.length;
    cursor = pageOf.nextCursor;
  } while (cursor);
  expect(count).toBe(created);
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

/** A minimal XLSX: a zip (deflated entries) of a workbook with one sheet of inline strings and numbers. */
function xlsx(rows: (string | number)[][]): Buffer {
  const cell = (value: string | number, ref: string) =>
    typeof value === "number" ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
  const sheet = rows
    .map((row, r) => `<row r="${r + 1}">${row.map((value, c) => cell(value, `${String.fromCharCode(65 + c)}${r + 1}`)).join("")}</row>`)
    .join("");
  const files: Record<string, string> = {
    "xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheet}</sheetData></worksheet>`,
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = deflateRawSync(Buffer.from(content));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Buffer.byteLength(content), 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(Buffer.byteLength(content), 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

test("an XLSX file is read in the browser and imported", async ({ signedIn: page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), "castiel-xlsx-"));
  const file = path.join(dir, "products.xlsx");
  writeFileSync(file, xlsx([["Name", "SKU", "Price"], ["Anvil", "AN-1", 99.5], ["Rocket skates", "RS-2", 250]]));

  await page.goto("/import");
  await page.getByLabel("Shard type").selectOption("c_product");
  await page.getByLabel("File").setInputFiles(file);
  await expect(page.getByLabel("Format")).toHaveValue("xlsx");
  await expect(page.getByRole("table", { name: /first 2 rows/ }).getByText("Rocket skates")).toBeVisible();
  await expect(page.getByLabel("SKU", { exact: true })).toHaveValue("field:sku");
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByText("Import finished: 2 rows imported, 0 failed.")).toBeVisible();
});
