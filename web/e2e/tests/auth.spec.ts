import { expect, expectAccessible, screenshots, signIn, test } from "../fixtures";

test("a visitor signs up, lands in the app, signs out and signs in again", async ({ page }) => {
  const email = `founder-${Date.now()}@signup.example`;
  await page.goto("/sign-up");
  await expectAccessible(page, "sign-up");
  await page.getByLabel("Company or workspace name").fill("Initech");
  await page.getByLabel("Your name").fill("Peter");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

  // A reload keeps the session: the refresh token is in the HttpOnly cookie, the access token in memory only.
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toMatch(/eyJ/);

  await page.getByRole("button", { name: /^Account menu for / }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Castiel" })).toBeVisible();
  await signIn(page, { email, password: "correct horse battery staple" });
});

test("the sign-in page is accessible in both widths and themes", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Castiel" })).toBeVisible();
  await expectAccessible(page, "sign-in");
  await screenshots(page, "sign-in");
});

test("a deep link survives a reload after signing in", async ({ page, tenant }) => {
  await page.goto("/dashboards");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(tenant.email);
  await page.getByLabel("Password", { exact: true }).fill(tenant.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboards$/);
  await page.reload();
  await expect(page).toHaveURL(/\/dashboards$/);
});
