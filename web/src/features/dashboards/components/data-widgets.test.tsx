import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { TextWidget, textBlocks } from "./data-widgets";

describe("the text widget", () => {
  it("reads headings, lists and paragraphs", () => {
    expect(textBlocks("# Title\n\n- one\n- two\n\nplain\ntext")).toEqual([
      { kind: "heading", text: "Title" },
      { kind: "list", items: ["one", "two"] },
      { kind: "paragraph", text: "plain\ntext" },
    ]);
  });

  it("shows markup as text, never as HTML", () => {
    const { container } = render(
      <TextWidget widget={{ id: "t", kind: "text", title: "Notes", options: { text: '<img src=x onerror="alert(1)"> and **bold** <script>x</script>' } }} />,
    );
    expect(container.querySelector("img, script")).toBeNull();
    expect(screen.getByText("bold").tagName).toBe("STRONG");
    expect(container.textContent).toContain('<img src=x onerror="alert(1)"> and');
  });
});
