import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { createAppRouter } from "@/app/router";
import { fakeServer, json } from "@/test/fake-server";

// jsdom's Blob cannot be read as a promise; browsers (and workers) can.
beforeAll(() => {
  const read = (blob: Blob) =>
    new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(blob);
    });
  Blob.prototype.arrayBuffer ??= function (this: Blob) {
    return read(this);
  };
  Blob.prototype.text ??= async function (this: Blob) {
    return new TextDecoder().decode(await read(this));
  };
});
afterEach(() => vi.unstubAllGlobals());

// jsdom has no object URLs (the error report's download link).
URL.createObjectURL ??= () => "blob:report";
URL.revokeObjectURL ??= () => undefined;

const me = { user: { id: "u1", email: "ada@example.test", name: "Ada", roles: ["owner"] }, tenant: { id: "t1", slug: "acme", name: "Acme" } };
const account = {
  name: "c_account",
  displayName: "Account",
  effectiveSchema: {
    type: "object",
    required: ["name"],
    properties: { name: { type: "string" }, employees: { type: "integer" }, country: { type: "string" } },
  },
};

describe("the import page", () => {
  it("previews the file, maps its columns, imports in chunks and reports the rows that failed", async () => {
    const bulkBodies: { items: { structuredData: Record<string, unknown>; source: string }[] }[] = [];
    fakeServer((request) => {
      switch (request.path) {
        case "/api/v1/auth/refresh":
          return json(200, { accessToken: "tok", expiresIn: 900 });
        case "/api/v1/me":
          return json(200, me);
        case "/api/v1/shard-types":
          return json(200, { items: [account] });
        case "/api/v1/shard-types/c_account":
          return json(200, account);
        case "/api/v1/shards/bulk": {
          const body = JSON.parse(request.body) as (typeof bulkBodies)[number];
          bulkBodies.push(body);
          return json(200, {
            results: body.items.map((item, index) =>
              item.structuredData.country === "Atlantis"
                ? { index, status: 422, error: { title: "Invalid", errors: [{ pointer: `/items/${index}/structuredData/country`, message: "is not a country" }] } }
                : { index, status: 201, id: `id-${index}` },
            ),
          });
        }
        default:
          return json(404, { status: 404 });
      }
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const router = createAppRouter(queryClient, createMemoryHistory({ initialEntries: ["/import"] }));
    render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();

    await user.selectOptions(await screen.findByLabelText("Shard type", {}, { timeout: 5000 }), "c_account");
    const csv = 'Company name\tStaff\tCountry\n"Acme\tCorp"\t"1,200"\tUS\nGlobex\tmany\tUS\nInitech\t12\tAtlantis\nUmbrella\t7\t\n';
    await user.upload(screen.getByLabelText("File"), new File([csv], "accounts.tsv", { type: "text/tab-separated-values" }));

    expect(await screen.findByRole("heading", { name: "Columns and fields" })).toBeInTheDocument();
    expect(screen.getByLabelText("Delimiter")).toHaveValue("\t");
    expect(within(screen.getByRole("table", { name: "The first 4 rows of the file" })).getByText("Acme Corp")).toBeInTheDocument();
    expect(screen.getByLabelText("Staff")).toHaveValue("");
    expect(screen.getByLabelText("Country")).toHaveValue("field:country");
    // "Company name" matches no field: the required name is missing until it is mapped.
    expect(screen.getByRole("alert")).toHaveTextContent("Map a column to each required field: name.");
    expect(screen.getByRole("button", { name: "Start import" })).toBeDisabled();
    await user.selectOptions(screen.getByLabelText("Company name"), "field:name");
    await user.selectOptions(screen.getByLabelText("Staff"), "field:employees");

    await user.click(screen.getByRole("button", { name: "Start import" }));

    expect(await screen.findByText("Import finished: 2 rows imported, 2 failed.")).toBeInTheDocument();
    expect(bulkBodies.flatMap((body) => body.items.map((item) => item.structuredData))).toEqual([
      { name: "Acme\tCorp", employees: 1200, country: "US" },
      { name: "Initech", employees: 12, country: "Atlantis" },
      { name: "Umbrella", employees: 7 },
    ]);
    expect(bulkBodies[0]!.items[0]!.source).toBe("import");
    const report = screen.getByRole("table", { name: /Rows that were not imported/ });
    const rows = within(report).getAllByRole("row").slice(1).map((row) => row.textContent);
    expect(rows).toEqual(['3employees"many" is not a number.', "4countryis not a country"]);
    expect(await screen.findByRole("link", { name: "Download the error report (CSV)" })).toHaveAttribute("download", "accounts-errors.csv");
  }, 20_000);
});
