import { api, expect, expectAccessible, screenshots, test } from "../fixtures";

test("a matching shard rings the bell without a reload; the dropdown and the page mark them read", async ({ signedIn: page, tenant, request }) => {
  const type = `ticket_${Date.now().toString(36)}`;
  await api(request, tenant, "POST", "/shard-types", {
    name: type,
    schema: { type: "object", properties: { title: { type: "string" } }, required: ["title"] },
  });
  await api(request, tenant, "POST", "/notification-rules", { name: "New tickets", shardType: type, events: ["shard.created"] });

  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Notifications");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-ready", "true");

  await api(request, tenant, "POST", "/shards", { shardType: type, structuredData: { title: "Printer on fire" } });
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await api(request, tenant, "POST", "/shards", { shardType: type, structuredData: { title: "Coffee machine empty" } });
  await expect(page.getByTestId("notification-count")).toHaveText("2");

  await bell.click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem").filter({ hasText: "New tickets" })).toHaveCount(2);
  await expectAccessible(page, "the bell's menu");
  await menu.getByRole("menuitem", { name: "See all notifications" }).click();

  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page).toHaveTitle("Notifications · Castiel");
  const list = page.getByTestId("notification-list");
  await expect(list.locator("li[data-unread=true]")).toHaveCount(2);

  await page.getByLabel("Show").selectOption("unread");
  await expect(page).toHaveURL(/filter=unread/);
  await expect(list.getByRole("listitem")).toHaveCount(2);

  await expectAccessible(page, "notifications");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page, "notifications (dark)");
  await page.emulateMedia({ colorScheme: "light" });
  await screenshots(page, "notifications");

  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByText("2 notifications marked as read.")).toBeVisible();
  await expect(bell).toHaveAccessibleName("Notifications");
  await expect(page.getByText("All caught up")).toBeVisible();

  // Following a notification's link goes to the shard it is about.
  await page.getByLabel("Show").selectOption("all");
  const first = list.getByRole("listitem").first().getByRole("link");
  const href = await first.getAttribute("href");
  expect(href).toMatch(/^\/shards\//);
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});

test("email preferences mute a kind and stay muted after a reload", async ({ signedIn: page, tenant, request }) => {
  await page.goto("/notifications");
  await expect(page.getByText("No notifications yet")).toBeVisible();
  const rules = page.getByLabel("Email me about matched notification rules");
  await expect(rules).toBeChecked();
  await rules.uncheck();
  await expect(page.getByText("Email preferences saved.")).toBeVisible();
  const saved = await api<{ mutedEmailKinds: string[] }>(request, tenant, "GET", "/notifications/preferences");
  expect(saved.mutedEmailKinds).toEqual(["rule.matched"]);
  await page.reload();
  await expect(page.getByLabel("Email me about matched notification rules")).not.toBeChecked();
  await expect(page.getByLabel("Email me about accepted invitations")).toBeChecked();
});
