import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { excelSerialToIso, readXlsx } from "./xlsx";

/** A zip of these files (deflated, or stored when `store`), as the little-endian records of the format. */
function zip(files: Record<string, string>, store = false): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const raw = Buffer.from(content);
    const data = store ? raw : deflateRawSync(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(store ? 0 : 8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(store ? 0 : 8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** A file of these bytes (jsdom's Blob has no arrayBuffer(); browsers have). */
function fileOf(bytes: Uint8Array): Blob {
  return { size: bytes.length, arrayBuffer: async () => bytes.slice().buffer } as unknown as Blob;
}

const workbook = {
  "xl/workbook.xml": `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Accounts" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  "xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/accounts.xml"/></Relationships>`,
  "xl/sharedStrings.xml": `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Name</t></si><si><t>Founded</t></si><si><r><t>Ac</t></r><r><t>me</t></r><rPh><t>x</t></rPh></si></sst>`,
  "xl/styles.xml": `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`,
  "xl/worksheets/accounts.xml": `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Employees</t></is></c><c r="D1" t="inlineStr"><is><t>Active</t></is></c></row>
    <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>46082</v></c><c r="C2"><v>1200</v></c><c r="D2" t="b"><v>1</v></c></row>
    <row r="4"><c r="A4" t="str"><v>Globex</v></c><c r="C4"><v>7.5</v></c></row>
  </sheetData></worksheet>`,
};

describe("reading XLSX", () => {
  it.each([false, true])("reads the first sheet's header and rows (stored entries: %s)", async (store) => {
    const batches = [];
    for await (const batch of readXlsx(fileOf(zip(workbook, store)))) batches.push(batch);
    expect(batches[0]!.columns).toEqual(["Name", "Founded", "Employees", "Active"]);
    expect(batches.flatMap((batch) => batch.records)).toEqual([
      { row: 2, values: { Name: "Acme", Founded: "2026-03-01", Employees: 1200, Active: true } },
      { row: 4, values: { Name: "Globex", Founded: "", Employees: 7.5, Active: "" } },
    ]);
  });

  it("turns Excel day counts into dates", () => {
    expect(excelSerialToIso(46082)).toBe("2026-03-01");
    expect(excelSerialToIso(46082.5)).toBe("2026-03-01T12:00:00.000Z");
  });

  it("refuses a file that is not a zip", async () => {
    await expect(readXlsx(fileOf(new TextEncoder().encode("name,x\n1,2"))).next()).rejects.toThrow("not a zip file");
  });
});
