import { createHmac } from "node:crypto";
import type { Page } from "@playwright/test";
import { api, expect, expectAccessible, latestMail, linkIn, screenshots, serverUrl, signIn, test } from "../fixtures";

/** Replaces the CodeMirror editor's whole text (insertText, so auto-closed brackets do not double). */
async function setEditorText(page: Page, text: string) {
  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

/** The current TOTP code of a base32 secret (RFC 6238: SHA-1, 30 s, 6 digits). */
function totp(secret: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const hash = createHmac("sha1", key).update(counter).digest();
  const offset = hash[hash.length - 1]! & 0xf;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

test("an admin creates a shard type with its schema in the editor and sees it listed", async ({ signedIn: page }) => {
  await page.getByRole("link", { name: "Admin", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Shard types" })).toBeVisible();
  await expect(page.getByRole("link", { name: "c_account" })).toBeVisible();
  await expectAccessible(page, "admin shard types");
  await screenshots(page, "admin-shard-types");

  await page.getByRole("link", { name: "New shard type" }).click();
  await page.getByLabel("Name", { exact: true }).fill("e2e_deal");
  await page.getByLabel("Display name").fill("Deal");
  await page.getByLabel("Parent type").selectOption("c_opportunity");
  await expect(page.getByText("Inherits from c_opportunity.")).toBeVisible();

  // Validation as you type: a wrong top-level type, then a syntax error.
  await setEditorText(page, '{ "type": "array" }');
  await expect(page.getByText('the top-level "type" must be "object"')).toBeVisible();
  await setEditorText(page, '{ "type": "object", "properties": { "amount": ');
  await expect(page.getByText("The schema is empty or ends too early.")).toBeVisible();

  await setEditorText(
    page,
    JSON.stringify(
      {
        type: "object",
        properties: {
          region: { type: "string", title: "Region", enum: ["EMEA", "AMER", "APAC"] },
          discount: { type: "number", title: "Discount", minimum: 0, maximum: 100 },
          signed: { type: "boolean", title: "Signed" },
        },
        required: ["region"],
      },
      null,
      2,
    ),
  );
  await expect(page.getByText("The schema looks valid.")).toBeVisible();
  const preview = page.getByRole("form", { name: "Form preview" });
  await expect(preview.getByLabel("Region")).toBeVisible();
  await expect(preview.getByLabel("Discount")).toHaveAttribute("type", "number");
  await expect(preview.getByLabel("Signed")).toHaveAttribute("type", "checkbox");
  await expect(page.getByText("With the fields inherited from c_opportunity.")).toBeVisible();
  // Lists and search: the type's own and inherited scalar fields can be indexed; embedding can be turned off.
  const listsAndSearch = page.getByRole("group", { name: "Lists and search" });
  await expect(listsAndSearch.getByRole("checkbox", { name: "/amount" })).toBeVisible();
  await listsAndSearch.getByRole("checkbox", { name: "/region" }).check();
  await listsAndSearch.getByRole("checkbox", { name: "/discount" }).check();
  await listsAndSearch.getByRole("checkbox", { name: "Embed for semantic search" }).uncheck();
  await expectAccessible(page, "admin new shard type");
  await screenshots(page, "admin-shard-type-editor");

  await page.getByRole("button", { name: "Create the type" }).click();
  await expect(page.getByRole("heading", { name: "Shard types" })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "e2e_deal" }) });
  await expect(row).toContainText("Deal");
  await expect(row).toContainText("c_opportunity");

  // Edit it: the editor opens with the saved schema; a new field is saved.
  await page.getByRole("link", { name: "e2e_deal" }).click();
  await expect(page.getByRole("heading", { name: "Deal" })).toBeVisible();
  await expect(page.locator(".cm-content")).toContainText('"region"');
  await expect(page.getByRole("checkbox", { name: "/region" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "/discount" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "/amount" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Embed for semantic search" })).not.toBeChecked();
  await setEditorText(page, JSON.stringify({ type: "object", properties: { region: { type: "string", title: "Region" }, owner: { type: "string", title: "Account owner" } } }));
  await expect(page.getByRole("form", { name: "Form preview" }).getByLabel("Account owner")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Shard type e2e_deal saved.")).toBeVisible();
  await page.getByRole("link", { name: "All shard types" }).click();

  // A built-in type opens read-only.
  await page.getByRole("link", { name: "c_note" }).click();
  await expect(page.getByText("This built-in type cannot be changed.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
});

test("an API key is shown once, then only its prefix", async ({ signedIn: page }) => {
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expect(page.getByText("No API keys yet.")).toBeVisible();
  await expectAccessible(page, "admin API keys (empty)");

  await page.getByRole("button", { name: "Create API key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("CI pipeline");
  await dialog.getByRole("button", { name: "Create API key" }).click();
  const secret = dialog.getByLabel("Your new API key");
  await expect(secret).toHaveValue(/^ck_/);
  await expect(dialog.getByText("Copy this key now: it is shown only once.")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Copy the API key" })).toBeVisible();
  await expectAccessible(page, "admin API key shown once");
  const key = await secret.inputValue();

  await dialog.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: "CI pipeline" });
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(key);
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "CI pipeline" })).toBeVisible();
  expect(await page.content()).not.toContain(key);
  await screenshots(page, "admin-api-keys");

  await page.getByRole("button", { name: "Revoke CI pipeline" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No API keys yet.")).toBeVisible();
});

test("an invited member accepts in another browser and cannot see the admin pages", async ({ signedIn: page, browser }) => {
  const email = `member-${Date.now()}@invited.example`;
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expectAccessible(page, "admin users");

  await page.getByRole("button", { name: "Invite someone" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Member")).toBeChecked();
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const pending = page.getByRole("row").filter({ hasText: email });
  await expect(pending).toBeVisible();
  await pending.getByRole("button", { name: `Resend the invitation to ${email}` }).click();
  await expect(page.getByText(`Invitation sent again to ${email}.`)).toBeVisible();
  await screenshots(page, "admin-users");

  const invitation = linkIn(await latestMail(email), "/accept-invitation");
  const other = await browser.newContext({ baseURL: serverUrl() });
  const member = await other.newPage();
  await member.goto(invitation);
  await member.getByLabel("Your name").fill("Mia Member");
  await member.getByLabel("Password", { exact: true }).fill("another horse battery staple");
  await member.getByRole("button", { name: "Accept the invitation" }).click();
  await expect(member.getByText("Your account is ready.")).toBeVisible();
  await signIn(member, { email, password: "another horse battery staple" });

  const nav = member.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Shards" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users", "/admin/audit-logs"]) {
    await member.goto(path);
    await expect(member.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  await expectAccessible(member, "admin not allowed");
  await other.close();

  // The owner sees the member active now, and makes them a viewer.
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: "Actions for Mia Member" }).click();
  await page.getByRole("menuitem", { name: "Change roles" }).click();
  const roles = page.getByRole("dialog", { name: "Roles of Mia Member" });
  await roles.getByLabel("Viewer").check();
  await roles.getByLabel("Member").uncheck();
  await roles.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Roles of Mia Member changed.")).toBeVisible();
  await expect(row).toContainText("Viewer");
});

test("the audit log shows entries, filters them and says the chain is verified", async ({ signedIn: page }) => {
  await page.goto("/admin/audit-logs");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByText("Chain verified.")).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  await expectAccessible(page, "admin audit log");
  await screenshots(page, "admin-audit-logs");

  await page.getByLabel("Action").fill("no.such.action");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=no\.such\.action/);
  await expect(page.getByText("No record matches these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows.nth(1)).toBeVisible();
});

test("the other admin pages load, are accessible, and a webhook shows its delivery log", async ({ signedIn: page, tenant, request }) => {
  await page.goto("/admin/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  await expect(page.getByText("No webhooks yet.")).toBeVisible();
  await page.getByRole("button", { name: "Add webhook" }).click();
  const dialog = page.getByRole("dialog");
  // A closed local port (the test server allows loopback targets): every delivery fails.
  await dialog.getByLabel("URL").fill("http://127.0.0.1:9/castiel");
  await dialog.getByRole("button", { name: "Add webhook" }).click();
  await expect(dialog.getByRole("textbox", { name: "Signing secret" })).toHaveValue(/.+/);
  await expectAccessible(page, "admin webhook secret");
  await dialog.getByRole("button", { name: "I have copied it" }).click();
  await expectAccessible(page, "admin webhooks");
  await screenshots(page, "admin-webhooks");

  await api(request, tenant, "POST", "/shards", { shardType: "c_note", structuredData: { title: "Ping the webhook" } });
  await page.getByRole("link", { name: "http://127.0.0.1:9/castiel" }).click();
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByRole("row").filter({ hasText: "shard.created" }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page, "admin webhook deliveries");
  await screenshots(page, "admin-webhook");
  await page.getByRole("row").filter({ hasText: "shard.created" }).first().getByRole("button", { name: "Redeliver" }).click();
  await expect(page.getByText("Delivery queued again.")).toBeVisible();

  for (const [path, heading, name] of [
    ["/admin/jobs", "Jobs", "admin-jobs"],
    ["/admin/notification-rules", "Notification rules", "admin-notification-rules"],
    ["/admin/sso", "Single sign-on", "admin-sso"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
    await expectAccessible(page, name);
    await screenshots(page, name);
  }
});

test("the account page lists the current session and turns on two-factor authentication", async ({ signedIn: page }) => {
  await page.getByRole("button", { name: /Account menu for/ }).click();
  await page.getByRole("menuitem", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  const current = page.getByRole("row").filter({ hasText: "This session" });
  await expect(current).toBeVisible();
  await expectAccessible(page, "account");
  await screenshots(page, "account");

  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: "QR code of the authenticator key" })).toBeVisible();
  await page.getByText("Can't scan it?").click();
  const uri = await page.getByTestId("otpauth-uri").textContent();
  expect(uri).toMatch(/^otpauth:\/\/totp\//);
  const secret = new URL(uri!).searchParams.get("secret")!;
  await expectAccessible(page, "account MFA setup");
  await page.getByRole("form", { name: "Turn on" }).getByLabel("Authentication code").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("Save these recovery codes now: they are shown only once.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("On", { exact: true })).toBeVisible();
});

test("a single sign-on return with a spent code explains itself", async ({ page }) => {
  await page.goto("/sso/callback?code=not-a-real-code");
  await expect(page.getByRole("heading", { name: "Single sign-on" })).toBeVisible();
  await expect(page.getByText("This sign-in has expired or was already used. Start it again.")).toBeVisible();
  await expectAccessible(page, "sso callback");
});
