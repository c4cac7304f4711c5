import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { readLeadsFile } from "../src/files/lead-file.js";
import { parseDate, parseNumber } from "../src/files/cell-values.js";
import { csvSafeCell, writeResultsFile } from "../src/files/results-file.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "gardenos-lead-file-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text, "utf8");
  return path;
}

describe("readLeadsFile: CSV", () => {
  it("maps common CRM headers onto the lead and coerces values", async () => {
    const path = await file(
      "crm.csv",
      "\uFEFFRecord ID, First Name ,Last Name,E-mail,Mobile,Job Title,What is your current occupation,Account Name,Industry,No. of Employees,Annual Revenue,Website,Country,City,Lead Source,Lead Origin,Campaign,Create Date,Do Not Email,Do Not Call,TotalVisits,Total Time Spent on Website,Pages per Visit,Content Downloads,Last Activity,Last Activity Date,Description,Favourite Colour\n" +
        'R-1,Ada,Lovelace,ADA@Analytical.example.com,+44 20 7946 0000,CTO,Working Professional,Analytical Engines Ltd,Software,"1,250","$4,500,000",https://analytical.example.com,United Kingdom,London,Referral,Lead Add Form,Spring 2026,03/14/2026,No,yes,5.0,754,2.5,2,Demo Requested,2026-05-02 10:30,Wants a demo next week,Green\n',
    );
    const { rows, columns, unmappedColumns } = await readLeadsFile(path);
    expect(columns[0]).toBe("Record ID");
    expect(columns[1]).toBe("First Name");
    expect(unmappedColumns).toEqual(["Favourite Colour"]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.row).toBe(1);
    expect(row.issues).toBeUndefined();
    expect(row.raw["Favourite Colour"]).toBe("Green");
    expect(row.lead).toEqual({
      id: "R-1",
      contact: {
        first_name: "Ada",
        last_name: "Lovelace",
        email: "ada@analytical.example.com",
        phone: "+44 20 7946 0000",
        title: "CTO",
        role: "Working Professional",
        do_not_email: false,
        do_not_call: true,
      },
      company: {
        name: "Analytical Engines Ltd",
        industry: "Software",
        employees: 1250,
        revenue: 4_500_000,
        website: "https://analytical.example.com",
        country: "United Kingdom",
        city: "London",
      },
      engagement: { source: "Referral", origin: "Lead Add Form", campaign: "Spring 2026", created_at: "2026-03-14" },
      behavior: {
        site_visits: 5,
        time_on_site_seconds: 754,
        pages_per_visit: 2.5,
        content_downloads: 2,
        last_activity: "Demo Requested",
        last_activity_at: "2026-05-02T10:30:00",
      },
      notes: "Wants a demo next week",
      custom_fields: { "Favourite Colour": "Green" },
    });
  });

  it.each([
    ["de", "Vorname;Nachname;E-Mail-Adresse;Position;Firma;Branche;Mitarbeiter;Land;Lead-Quelle;Letzte Aktivität;Notizen", "Jonas;Müller;jonas@mueller.example;Geschäftsführer;Müller Haustechnik GmbH;Bau;45;Deutschland;Empfehlung;Angebot angefragt;Will ein Angebot"],
    ["fr", "Prénom;Nom;Courriel;Fonction;Société;Secteur d'activité;Effectif;Pays;Source du lead;Dernière activité;Commentaires", "Claire;Durand;claire@lumiere.example;Directrice commerciale;Lumière Événements;Événementiel;30;France;Recommandation;Démo demandée;Veut un devis"],
    ["es", "Nombre de pila;Apellidos;Correo electrónico;Cargo;Empresa;Industria;Empleados;País;Fuente;Última actividad;Notas", "Mateo;López;mateo@lopez.example;Gerente;Ferretería López;Comercio;20;España;Feria;Solicitó demo;Quiere un presupuesto"],
  ])("maps a %s CRM export's headers", async (lang, head, row) => {
    const path = await file(`crm-${lang}.csv`, `${head}\n${row}\n`);
    const { rows, unmappedColumns } = await readLeadsFile(path);
    expect(unmappedColumns).toEqual([]);
    const lead = rows[0]!.lead!;
    const [first, last, email, title, company, industry, employees, country, source, activity, notes] = row.split(";");
    expect(lead).toMatchObject({
      contact: { first_name: first, last_name: last, email, title },
      company: { name: company, industry, employees: Number(employees), country },
      engagement: { source },
      behavior: { last_activity: activity },
      notes,
    });
  });

  it("reads a semicolon export's numbers, dates and flags the way its locale writes them", async () => {
    const path = await file(
      "crm-eu.csv",
      "Firma;Mitarbeiter;Jahresumsatz;Erstellungsdatum;Datum der letzten Aktivität;Keine E-Mails;Besuche;Notizen\n" +
        'Müller GmbH;1.250;"4.500.000,50 €";14.03.2026;03/04/2026;ja;2,0;"Preis: 1.200 €; Termin, bitte"\n',
    );
    const { rows } = await readLeadsFile(path);
    expect(rows[0]!.issues).toBeUndefined();
    expect(rows[0]!.lead).toMatchObject({
      company: { name: "Müller GmbH", employees: 1250, revenue: 4500000.5 },
      engagement: { created_at: "2026-03-14" },
      behavior: { last_activity_at: "2026-04-03", site_visits: 2 },
      contact: { do_not_email: true },
      notes: "Preis: 1.200 €; Termin, bitte",
    });
  });

  it("treats placeholders as absent and puts a size band into company.size", async () => {
    const path = await file(
      "placeholders.csv",
      "Lead Id,Name,Company,Company Size,Industry,City,Time on Site,Notes\nL-1,Grace Hopper,Navy,51-200,Select,N/A,00:12:30,-\nL-2,,,,null,,,\n",
    );
    const { rows } = await readLeadsFile(path);
    expect(rows[0]!.lead).toEqual({
      id: "L-1",
      contact: { name: "Grace Hopper" },
      company: { name: "Navy", size: "51-200" },
      behavior: { time_on_site_seconds: 750 },
    });
    expect(rows[1]!.lead).toEqual({ id: "L-2" });
  });

  it("reports a bad row with field paths and still reads the others", async () => {
    const path = await file(
      "bad.csv",
      "Lead ID,Email,Site Visits,Do Not Call,Created Date,Employees\n" +
        "A-1,a@example.com,3,no,2026-01-05,10\n" +
        "A-2,not-an-email,lots,maybe,2026-13-45,-4\n" +
        ",,,,,\n" +
        "A-4,d@example.com,0,1,2026-02-01,\n",
    );
    const { rows } = await readLeadsFile(path);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.lead?.id).toBe("A-1");
    expect(rows[3]!.lead?.contact?.do_not_call).toBe(true);

    const bad = rows[1]!;
    expect(bad.lead).toBeUndefined();
    const paths = bad.issues!.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "lead.behavior.site_visits",
        "lead.contact.do_not_call",
        "lead.engagement.created_at",
        "lead.contact.email",
        "lead.company.employees",
      ]),
    );
    expect(bad.issues!.find((i) => i.path === "lead.behavior.site_visits")!.message).toMatch(/number/);
    expect(bad.raw["Email"]).toBe("not-an-email");

    // A row that identifies nobody is refused by the schema's own rule.
    expect(rows[2]!.lead).toBeUndefined();
    expect(rows[2]!.issues![0]!.message).toMatch(/identify/);
  });

  it("reads the label column as 0/1 and keeps it out of the lead", async () => {
    const path = await file("labels.csv", "Prospect ID,Converted,Lead Source\np1,1,Google\np2,0,Reference\np3,Yes,Google\n");
    const { rows, unmappedColumns } = await readLeadsFile(path, { labelColumn: "Converted" });
    expect(rows.map((r) => r.label)).toEqual([1, 0, 1]);
    expect(unmappedColumns).toEqual([]);
    expect(rows[0]!.lead).toEqual({ id: "p1", engagement: { source: "Google" } });
    await expect(readLeadsFile(path, { labelColumn: "Won" })).rejects.toThrow(/Label column "Won"/);
  });

  it("lets --map override the aliases", async () => {
    const path = await file("map.csv", "ID,Title,Job,Score\n1,Dr,Head of Sales,77\n");
    const { rows, unmappedColumns } = await readLeadsFile(path, { map: { Job: "contact.title", Title: "custom_fields.Salutation", Score: "ignore" } });
    expect(rows[0]!.lead).toEqual({ id: "1", contact: { title: "Head of Sales" }, custom_fields: { Salutation: "Dr" } });
    expect(unmappedColumns).toEqual([]);
    await expect(readLeadsFile(path, { map: { Job: "contact.jobtitle" } })).rejects.toThrow(/not a lead field/);
  });

  it("keeps at most 100 custom fields", async () => {
    const headers = Array.from({ length: 120 }, (_, i) => `Extra ${i}`);
    const path = await file("wide.csv", `Id,${headers.join(",")}\nW-1,${headers.map((_, i) => `v${i}`).join(",")}\n`);
    const { rows, unmappedColumns } = await readLeadsFile(path);
    expect(unmappedColumns).toHaveLength(120);
    expect(Object.keys(rows[0]!.lead!.custom_fields!)).toHaveLength(100);
  });

  it("reads the bundled sample export without issues", async () => {
    const sample = fileURLToPath(new URL("../../samples/leads.csv", import.meta.url));
    const { rows, unmappedColumns } = await readLeadsFile(sample);
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(unmappedColumns).toEqual([]);
    for (const r of rows) expect(r.issues, `row ${r.row}`).toBeUndefined();
  });
});

describe("readLeadsFile: JSON", () => {
  it("reads an array of leads and validates each", async () => {
    const path = await file(
      "leads.json",
      JSON.stringify([
        { id: "j1", contact: { email: "x@example.com" }, behavior: { site_visits: 4 } },
        { id: "j2", contact: { email: "broken" }, compnay: { name: "Typo" } },
      ]),
    );
    const { rows, columns } = await readLeadsFile(path);
    expect(rows[0]!.lead).toEqual({ id: "j1", contact: { email: "x@example.com" }, behavior: { site_visits: 4 } });
    expect(rows[0]!.raw["behavior.site_visits"]).toBe("4");
    expect(columns).toContain("contact.email");
    expect(rows[1]!.lead).toBeUndefined();
    expect(rows[1]!.issues!.map((i) => i.path)).toEqual(expect.arrayContaining(["lead.contact.email", "lead.compnay"]));
  });

  it("reads { leads: [...] } with a label and JSON Lines with a broken line", async () => {
    const obj = await file("wrapped.json", JSON.stringify({ leads: [{ id: "w1", won: true }, { id: "w2", won: 0 }] }));
    const a = await readLeadsFile(obj, { labelColumn: "won" });
    expect(a.rows.map((r) => [r.lead?.id, r.label])).toEqual([["w1", 1], ["w2", 0]]);

    const jsonl = await file("leads.ndjson", '{"id":"n1"}\n\n{not json}\n{"id":"n3","notes":"hi"}\n');
    const b = await readLeadsFile(jsonl);
    expect(b.rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(b.rows[1]!.issues![0]!.message).toMatch(/not valid JSON/);
    expect(b.rows[2]!.lead).toEqual({ id: "n3", notes: "hi" });
  });

  it("throws clear errors for a missing file, a wrong extension or a wrong JSON shape", async () => {
    await expect(readLeadsFile(join(dir, "nope.csv"))).rejects.toThrow(/not found/);
    await expect(readLeadsFile(await file("leads.xlsx", "x"))).rejects.toThrow(/Unsupported lead file type ".xlsx"/);
    await expect(readLeadsFile(await file("obj.json", '{"id":"x"}'))).rejects.toThrow(/array of leads/);
  });
});

describe("coercion helpers", () => {
  it("parses numbers with separators and currency signs", () => {
    expect(parseNumber("1,234,567")).toBe(1234567);
    expect(parseNumber("$12,000.50")).toBe(12000.5);
    expect(parseNumber("€ 3.2k")).toBe(3200);
    expect(parseNumber("USD 2M")).toBe(2_000_000);
    expect(parseNumber("abc")).toBeUndefined();
    // Dots grouping thousands are unmistakable with a decimal comma or more than one group.
    expect(parseNumber("4.500.000 €")).toBe(4_500_000);
    expect(parseNumber("1.250,50")).toBe(1250.5);
    expect(parseNumber("1.250")).toBe(1.25);
    expect(parseNumber("1.250", true)).toBe(1250);
    expect(parseNumber("2,5", true)).toBe(2.5);
    expect(parseNumber("CHF 1'250")).toBe(1250);
  });

  it("parses dates to ISO", () => {
    expect(parseDate("2026-03-14")).toBe("2026-03-14");
    expect(parseDate("14/03/2026")).toBe("2026-03-14");
    expect(parseDate("03/04/2026")).toBe("2026-03-04");
    expect(parseDate("03/04/2026", true)).toBe("2026-04-03");
    expect(parseDate("03.04.2026")).toBe("2026-04-03");
    expect(parseDate("2026-03-14T09:15:00Z")).toBe("2026-03-14T09:15:00Z");
    expect(parseDate("Mar 14, 2026")).toMatch(/^2026-03-1[34]T/);
    expect(parseDate("2026-02-30")).toBeUndefined();
    expect(parseDate("soon")).toBeUndefined();
  });
});

describe("writeResultsFile", () => {
  const records = [
    {
      lead_id: "L-1",
      lead_quality_score: 9,
      conversion_probability: 87.5,
      degraded: false,
      key_insights: ["Hot lead.", "Strong signal, with a comma."],
      top_positive_factors: [{ factor: "Time on site", impact: 12.3, detail: "Spent 40 minutes" }],
      top_negative_factors: [],
      company: { name: "Acme", employees: 50 },
    },
    { lead_id: "L-2", lead_quality_score: 2, conversion_probability: 8, key_insights: ["Cold."], error: "none" },
  ];

  it("writes a pretty JSON array that reads back the same", async () => {
    const path = join(dir, "out.json");
    await writeResultsFile(path, records);
    const text = await readFile(path, "utf8");
    expect(text).toContain('\n  {\n    "lead_id": "L-1"');
    expect(JSON.parse(text)).toEqual(records);
  });

  it("writes a flat CSV with joined lists and dotted nested keys", async () => {
    const path = join(dir, "out.csv");
    await writeResultsFile(path, records);
    const back = parse(await readFile(path, "utf8"), { columns: true }) as Array<Record<string, string>>;
    expect(back).toHaveLength(2);
    expect(Object.keys(back[0]!)).toEqual([
      "lead_id",
      "lead_quality_score",
      "conversion_probability",
      "degraded",
      "key_insights",
      "top_positive_factors",
      "top_negative_factors",
      "company.name",
      "company.employees",
      "error",
    ]);
    expect(back[0]!.key_insights).toBe("Hot lead. | Strong signal, with a comma.");
    expect(back[0]!.top_positive_factors).toBe("Time on site (+12.3): Spent 40 minutes");
    expect(back[0]!.degraded).toBe("false");
    expect(back[0]!["company.employees"]).toBe("50");
    expect(back[1]!.conversion_probability).toBe("8");
    expect(back[1]!.error).toBe("none");
    expect(back[1]!["company.name"]).toBe("");
  });

  it("escapes cells a spreadsheet would run as formulas; the numbers we produce stay numbers", async () => {
    const evil = '=HYPERLINK("http://evil","x")';
    const path = join(dir, "formula.csv");
    await writeResultsFile(path, [
      {
        lead_id: "+1 555 0100",
        name: evil,
        company: "@SUM(A1:A9)",
        notes: "\t=1+1",
        cr: "\r=1",
        dash: "-2+3",
        text_number: "-5",
        lead_quality_score: -5,
        conversion_probability: -0.5,
        impact: 12,
        plain: "Acme = good",
        custom_fields: { "=cmd": "x" },
      },
    ]);
    const text = await readFile(path, "utf8");
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const [row] = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(row).toMatchObject({
      lead_id: "'+1 555 0100",
      name: `'${evil}`,
      company: "'@SUM(A1:A9)",
      notes: "'\t=1+1",
      cr: "'\r=1",
      dash: "'-2+3",
      // Text that looks like a number is still text from the lead: escaped.
      text_number: "'-5",
      // Numbers we produce are written as numbers.
      lead_quality_score: "-5",
      conversion_probability: "-0.5",
      impact: "12",
      plain: "Acme = good",
      "custom_fields.=cmd": "x",
    });
    // Every line of the file: no cell (quoted or not) starts with a formula character.
    for (const cells of parse(text) as string[][]) {
      for (const c of cells) if (!/^-?\d+(\.\d+)?$/.test(c)) expect(c, c).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(csvSafeCell(-3)).toBe(-3);
    expect(csvSafeCell(true)).toBe(true);
    expect(csvSafeCell("=1")).toBe("'=1");
  });

  it("refuses other extensions", async () => {
    await expect(writeResultsFile(join(dir, "out.txt"), records)).rejects.toThrow(/Unsupported results file type/);
  });
});
