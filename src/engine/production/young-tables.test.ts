/**
 * Lock findings on tables an earlier migration created shortly before (issue #14 part 2): notes, not errors or warnings
 * (the audits' judges found 2 of 38 such warnings true: config.ts young_table).
 */
import { analyze } from "../analyze.js";
import { resolveConfig } from "../config.js";
import type { SourceFile } from "../model.js";
import { productionSnapshot } from "../testing/production-fixtures.js";
import { migrationDate } from "../repository/migration-date.js";

const lint = async (files: SourceFile[], options: { config?: Record<string, unknown>; snapshot?: ReturnType<typeof productionSnapshot> } = {}) =>
  (await analyze({ files, config: resolveConfig(options.config ?? {}).config, snapshot: options.snapshot })).findings;

const createCharges = { path: "migrations/20260325084446_charges.up.sql", content: "CREATE TABLE charges (id bigint PRIMARY KEY, invoice_id bigint, status text);\n" };
const indexCharges = (version: string) => ({ path: `migrations/${version}_charges_invoice.up.sql`, content: "CREATE INDEX charges_invoice_idx ON charges (invoice_id);\n" });
const lockFinding = (findings: Awaited<ReturnType<typeof lint>>) => findings.find((f) => f.rule === "index-without-concurrently");

describe("a lock finding on a young table", () => {
  it("is a note that says when and by which migration the table was created, keeping the safe fix", async () => {
    const finding = lockFinding(await lint([createCharges, indexCharges("20260410132752")]));
    expect(finding?.severity).toBe("info");
    expect(finding?.message).toContain("charges was created 16 days earlier by 20260325084446_charges.up.sql: a young table is usually small, so the lock is likely brief; if it already holds many rows, the lock lasts as long as the index build");
    expect(finding?.fix).toContain("CONCURRENTLY");
  });

  it("is a note for a statement that only holds its lock too (LOCK TABLE), as a snapshot's small table makes it; a warning once the table is old", async () => {
    const lock = (version: string) => ({ path: `migrations/${version}_lock.up.sql`, content: "BEGIN;\nLOCK TABLE charges IN ACCESS EXCLUSIVE MODE;\nUPDATE charges SET status = 'open' WHERE status IS NULL;\nCOMMIT;\n" });
    const held = async (version: string) => (await lint([createCharges, lock(version)], { config: { rules: { "lock-table": true } } })).find((f) => f.rule === "lock-table");
    const young = await held("20260410132752");
    expect(young?.severity).toBe("info");
    expect(young?.message).toContain("charges was created 16 days earlier by 20260325084446_charges.up.sql: a young table is usually small and little queried, so the lock is likely brief");
    expect((await held("20260601000000"))?.severity).not.toBe("info");
  });

  it("stays an error once the table is older than young_table.days, or when the setting is 0", async () => {
    expect(lockFinding(await lint([createCharges, indexCharges("20260601000000")]))?.severity).toBe("error");
    expect(lockFinding(await lint([createCharges, indexCharges("20260410132752")], { config: { young_table: { days: 10 } } }))?.severity).toBe("error");
    expect(lockFinding(await lint([createCharges, indexCharges("20260410132752")], { config: { young_table: { days: 0 } } }))?.severity).toBe("error");
  });

  it("stays an error when rows were copied into the table from another one (it may be large from its first day)", async () => {
    const filled = { ...createCharges, content: `${createCharges.content}INSERT INTO charges (id, invoice_id) SELECT id, invoice_id FROM legacy_charges;\n` };
    expect(lockFinding(await lint([filled, indexCharges("20260410132752")]))?.severity).toBe("error");
  });

  it("follows the table through a rename", async () => {
    const renamed = { path: "migrations/20260401000000_rename.up.sql", content: "ALTER TABLE charges RENAME TO billing_charges;\n" };
    const index = { path: "migrations/20260402000000_index.up.sql", content: "CREATE INDEX billing_charges_idx ON billing_charges (invoice_id);\n" };
    expect(lockFinding(await lint([createCharges, renamed, index]))?.message).toContain("billing_charges was created 7 days earlier by 20260325084446_charges.up.sql");
  });

  it("is not guessed for a table no migration of the run created, nor for waiting on the lock (require-lock-timeout)", async () => {
    const findings = await lint([createCharges, { path: "migrations/20260410132752_x.up.sql", content: "CREATE INDEX orders_idx ON orders (id);\nALTER TABLE charges ADD COLUMN note text;\n" }]);
    expect(lockFinding(findings)?.severity).toBe("error");
    expect(findings.find((f) => f.rule === "require-lock-timeout")?.severity).toBe("warning");
  });

  it("stays an error on a table a squash or baseline wrote down (its date is the squash's, not the table's)", async () => {
    const squash = { path: "migrations/20260325084446_initial_squash.up.sql", content: createCharges.content };
    expect(lockFinding(await lint([squash, indexCharges("20260410132752")]))?.severity).toBe("error");
    const many = Array.from({ length: 10 }, (_, i) => `CREATE TABLE t${i} (id bigint);`).join("\n");
    expect(lockFinding(await lint([{ ...createCharges, content: `${createCharges.content}${many}\n` }, indexCharges("20260410132752")]))?.severity).toBe("error");
  });

  it("gives way to a production snapshot that has the table", async () => {
    const snapshot = productionSnapshot({ charges: { rows: 5_000_000, mb: 2_000 } });
    const finding = lockFinding(await lint([createCharges, indexCharges("20260410132752")], { snapshot }));
    expect(finding?.severity).toBe("error");
    expect(finding?.message).not.toContain("young table");
  });

  it("applies to a data change held under the schema change's lock (mixed-ddl-dml), not to its other variants", async () => {
    // openmeter's flat_fee_status_detailed: ADD COLUMN, then UPDATE of every row under its ACCESS EXCLUSIVE
    const backfill = { path: "migrations/20260410000000_status_detailed.up.sql", content: "SET lock_timeout = '5s';\nALTER TABLE charges ADD COLUMN status_detailed text;\nUPDATE charges SET status_detailed = status;\n" };
    const young = (await lint([createCharges, backfill])).find((f) => f.rule === "mixed-ddl-dml");
    expect(young?.severity).toBe("info");
    expect(young?.message).toContain("the lock lasts as long as the data change");
    const old = (await lint([createCharges, { ...backfill, path: "migrations/20270410000000_status_detailed.up.sql" }])).find((f) => f.rule === "mixed-ddl-dml");
    expect(old?.severity).toBe("error");
  });

  it("applies to scans and rewrites too (set-not-null, constraint-without-not-valid)", async () => {
    const findings = await lint([createCharges, { path: "migrations/20260410000000_x.up.sql", content: "SET lock_timeout = '5s';\nALTER TABLE charges ALTER COLUMN status SET NOT NULL;\n" }]);
    expect(findings.find((f) => f.rule === "set-not-null")).toMatchObject({ severity: "info" });
    expect(findings.find((f) => f.rule === "set-not-null")?.message).toContain("the lock lasts as long as the scan");
  });

  it("lowers a rule's own warning too, so it never outranks an error lowered on the same young table", async () => {
    // a CHECK on a column added empty just before: constraint-without-not-valid's warning (quick on a small table)
    const check = (version: string) => ({ path: `migrations/${version}_amount.up.sql`, content: "SET lock_timeout = '5s';\nALTER TABLE charges ADD COLUMN amount integer;\nALTER TABLE charges ADD CONSTRAINT charges_amount_positive CHECK (amount > 0);\n" });
    const constraint = async (version: string) => (await lint([createCharges, check(version)])).find((f) => f.rule === "constraint-without-not-valid");
    expect(await constraint("20270410000000")).toMatchObject({ severity: "warning" });
    const young = await constraint("20260410000000");
    expect(young?.severity).toBe("info");
    expect(young?.message).toContain("charges was created 15 days earlier by 20260325084446_charges.up.sql: a young table is usually small");
  });
});

describe("a migration's date", () => {
  const m = (framework: "rails" | "sql" | "alembic" | "django", layout: string, version?: string, name?: string, source?: string, generatedOn?: string) =>
    migrationDate({ framework, layout: layout as never, version, name, source, generatedOn });

  it("is read from timestamp versions, Flyway's dotted ones and Alembic's dated names or header", () => {
    expect(m("rails", "rails", "20230418200827")?.toISOString()).toBe("2023-04-18T20:08:27.000Z");
    expect(m("sql", "flyway", "2024.01.31.1200")?.toISOString()).toBe("2024-01-31T12:00:00.000Z");
    expect(m("alembic", "alembic", undefined, "2026-06-19-1032_add_nullable_organization_id")?.toISOString()).toBe("2026-06-19T10:32:00.000Z");
    expect(m("alembic", "alembic", undefined, "a1b2c3_add_x", '"""add x\n\nRevision ID: a1b2c3\nCreate Date: 2023-05-02 09:15:00.123456\n\n"""')?.toISOString()).toBe("2023-05-02T09:15:00.000Z");
  });

  it("is Django's makemigrations header as the adapter read it, else its auto name as the adapter gives it (bookwyrm's 0004_tag and 0005_auto_20200221_1645)", () => {
    expect(m("django", "django", "0004", "tag", undefined, "2020-02-21T05:54:00.000Z")?.toISOString()).toBe("2020-02-21T05:54:00.000Z");
    expect(m("django", "django", "0005", "auto_20200221_1645")?.toISOString()).toBe("2020-02-21T16:45:00.000Z");
  });

  it("is unknown for sequence numbers, impossible dates and a Django migration that says none", () => {
    expect(m("sql", "golang-migrate", "000042")).toBeUndefined();
    expect(m("sql", "flyway", "1_2")).toBeUndefined();
    expect(m("rails", "rails", "20230231120000")).toBeUndefined();
    expect(m("django", "django", "0002")).toBeUndefined();
    expect(m("django", "django", "0002", "tag", "from django.db import migrations\n")).toBeUndefined();
  });
});
