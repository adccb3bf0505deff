/**
 * A backfill of one constant into every row of a column the migration adds, then NOT NULL, through `migguard lint`
 * (README: mixed-ddl-dml): a warning whose fix adds the column NOT NULL DEFAULT <constant>, in SQL (teable's Prisma
 * field_order) and in Rails; a backfill that copies another column keeps the keep-together note.
 */
import { join } from "node:path";
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-constant-backfill-");

/** The fix's code, without its comment lines. */
const code = (fix: string) => fix.split("\n").filter((l) => !/^\s*(--|#)/.test(l)).join("\n");

type Finding = { rule: string; severity: string; line: number; message: string; fix: string };
const findings = async (cwd: string, path: string) => (JSON.parse((await run(["lint", "--format", "json", path], { cwd })).output) as { findings: Finding[] }).findings;
const lint = async (cwd: string, path: string) => (await findings(cwd, path)).filter((f) => f.rule === "mixed-ddl-dml");

const prisma = (value: string) => `BEGIN;
ALTER TABLE "field" ADD COLUMN "order" DOUBLE PRECISION;
UPDATE "field" SET "order" = ${value} WHERE "order" IS NULL;
ALTER TABLE "field" ALTER COLUMN "order" SET NOT NULL;
COMMIT;
`;

const rails = (backfill: string) => `class AddPositionToFields < ActiveRecord::Migration[7.1]
  def change
    add_column :fields, :position, :float
    ${backfill}
    change_column_null :fields, :position, false
  end
end
`;

describe("a constant backfill of a new column before its NOT NULL", () => {
  it("SQL (Prisma): a warning whose fix adds the column NOT NULL DEFAULT 0, the UPDATE and SET NOT NULL gone", async () => {
    const [finding] = await lint(repo({ "prisma/migrations/20240409081450_field_order/migration.sql": prisma("0") }), "prisma/migrations");
    expect(finding).toMatchObject({ severity: "warning", line: 3 });
    expect(finding.message).toContain("the UPDATE rewrites every row of field");
    expect(finding.fix).toContain(`ALTER TABLE field ADD COLUMN "order" double precision NOT NULL DEFAULT 0;`);
    expect(code(finding.fix)).not.toContain("UPDATE");
    expect(code(finding.fix)).not.toContain("SET NOT NULL");
  });

  it("SQL: the SET NOT NULL after it is a note (the UPDATE of every row, under the ADD COLUMN's lock, is the hazard), pointing to the constant default", async () => {
    const all = await findings(repo({ "prisma/migrations/20240409081450_field_order/migration.sql": prisma("0") }), "prisma/migrations");
    const notNull = all.find((f) => f.rule === "set-not-null");
    expect(notNull).toMatchObject({ severity: "info", line: 4 });
    expect(notNull!.fix).toContain("with the UPDATE's constant as its default");
  });

  it("SQL: a value copied from another column keeps the note", async () => {
    const [finding] = await lint(repo({ "prisma/migrations/20240409081450_field_order/migration.sql": prisma(`"rank"`) }), "prisma/migrations");
    expect(finding.severity).toBe("info");
  });

  it("Rails: update_all of a constant is a warning whose fix is add_column null: false, default: 0", async () => {
    const [finding] = await lint(repo({ "db/migrate/20250101000000_add_position_to_fields.rb": rails("Field.update_all(position: 0)") }), "db/migrate");
    expect(finding).toMatchObject({ severity: "warning", line: 4 });
    expect(finding.fix).toContain("add_column :fields, :position, :float, null: false, default: 0\n");
    expect(code(finding.fix)).not.toContain("update_all");
    expect(code(finding.fix)).not.toContain("change_column_null");
  });

  it("Rails: update_all from another column keeps the note", async () => {
    const [finding] = await lint(repo({ "db/migrate/20250101000000_add_position_to_fields.rb": rails(`Field.update_all("position = rank")`) }), "db/migrate");
    expect(finding.severity).toBe("info");
  });
});
