import { expect, expectAccessible, screenshots, test } from "../fixtures";

test("at 375 px the menu opens, navigates and closes by keyboard", async ({ signedIn: page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const menuButton = page.getByRole("button", { name: "Open the menu" });
  await expect(menuButton).toBeVisible();
  await expect(page.getByRole("link", { name: "Dashboards", exact: true })).toBeHidden();

  await menuButton.focus();
  await page.keyboard.press("Enter");
  const close = page.getByRole("button", { name: "Close the menu" });
  await expect(close).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("link", { name: "Dashboards", exact: true })).toBeVisible();

  // Escape closes it and gives the focus back to its button.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("link", { name: "Dashboards", exact: true })).toBeHidden();
  await expect(menuButton).toBeFocused();

  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab"); // the app's name
  await page.keyboard.press("Tab"); // Shards
  await page.keyboard.press("Tab"); // Dashboards
  await expect(page.getByRole("link", { name: "Dashboards", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboards$/);
  await expect(page.getByRole("link", { name: "Dashboards", exact: true })).toBeHidden();
  await menuButton.click();
  await expect(page.getByRole("link", { name: "Dashboards", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page).toHaveTitle("Dashboards · Castiel");
  await expectAccessible(page, "shell with the menu open at 375 px");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page, "shell with the menu open at 375 px (dark)");
});

test("the skip link, the active section and the account menu", async ({ signedIn: page }) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Shards" })).not.toHaveAttribute("aria-current");

  // The first Tab of a freshly loaded page reaches the skip link.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  await page.getByRole("button", { name: /^Account menu for / }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByText("Signed in as Ada Owner")).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Account" })).toHaveAttribute("href", "/account");
  await expectAccessible(page, "the account menu");
  await menu.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Castiel" })).toBeVisible();
});

test("an unknown path shows the not-found page", async ({ signedIn: page }) => {
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found · Castiel");
  await expectAccessible(page, "not-found");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page, "not-found (dark)");
  await page.emulateMedia({ colorScheme: "light" });
  await screenshots(page, "not-found");
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});
