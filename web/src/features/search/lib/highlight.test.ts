import { describe, expect, it } from "vitest";
import { answerParts } from "./answer";
import { excerptAround, highlight, queryTerms } from "./highlight";

describe("search highlighting", () => {
  it("marks the query's terms case-insensitively at word starts", () => {
    expect(highlight("Shipping to Acme: the ACME relationship ships", "acme ship")).toEqual([
      { text: "Ship", match: true },
      { text: "ping to ", match: false },
      { text: "Acme", match: true },
      { text: ": the ", match: false },
      { text: "ACME", match: true },
      { text: " relationship ", match: false },
      { text: "ship", match: true },
      { text: "s", match: false },
    ]);
  });

  it("prefers the longer term and treats regex characters literally", () => {
    expect(queryTerms("data database a (x+")).toEqual(["database", "data"]);
    expect(highlight("database", "data database")).toEqual([{ text: "database", match: true }]);
    expect(highlight("c++ (x+) ok", "(x+")).toEqual([{ text: "c++ (x+) ok", match: false }]);
  });

  it("leaves text without matches or terms whole", () => {
    expect(highlight("nothing here", "zebra")).toEqual([{ text: "nothing here", match: false }]);
    expect(highlight("text", "  ")).toEqual([{ text: "text", match: false }]);
    expect(highlight("", "x")).toEqual([]);
  });

  it("cuts a long passage around the first match", () => {
    const text = `${"lorem ".repeat(100)}needle ${"ipsum ".repeat(100)}`;
    const excerpt = excerptAround(text, "needle", 60);
    expect(excerpt.startsWith("…")).toBe(true);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerpt).toContain("needle");
  });
});

describe("answer citations", () => {
  const a = "0193a5b2-0000-7000-8000-000000000001";
  const b = "0193a5b2-0000-7000-8000-000000000002";

  it("turns [shardId] references into numbered citations in the citation list's order", () => {
    expect(answerParts(`Acme ships anvils [${b}]. It is in Ohio [${a}].`, [a, b])).toEqual([
      { text: "Acme ships anvils" },
      { citation: 2, shardId: b },
      { text: ". It is in Ohio" },
      { citation: 1, shardId: a },
      { text: "." },
    ]);
  });

  it("drops references to shards that are not cited", () => {
    expect(answerParts(`Text [${a}].`, [])).toEqual([{ text: "Text" }, { text: "." }]);
  });
});
