import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { paintSignedOutSplash } from "./early";

describe("paintSignedOutSplash", () => {
  beforeEach(() => {
    document.title = "Castiel";
    document.body.innerHTML = '<div id="root"></div>';
  });
  afterEach(() => {
    window.history.replaceState(null, "", "/");
  });

  it("paints the product's name on a signed-out page, hidden from assistive technology", () => {
    window.history.replaceState(null, "", "/sign-in?redirect=%2F");
    paintSignedOutSplash();
    const splash = document.querySelector("#root > p");
    expect(splash?.textContent).toBe("Castiel");
    expect(splash?.getAttribute("aria-hidden")).toBe("true");
  });

  it("leaves a signed-in page to the app's shell", () => {
    window.history.replaceState(null, "", "/shards");
    paintSignedOutSplash();
    expect(document.getElementById("root")?.childNodes).toHaveLength(0);
  });

  it("never paints over what the app has already rendered", () => {
    window.history.replaceState(null, "", "/sign-up");
    document.getElementById("root")?.append(document.createElement("main"));
    paintSignedOutSplash();
    expect(document.querySelector("#root > p")).toBeNull();
  });
});
