/**
 * Drizzle's layout: a folder that drizzle-kit's meta/_journal.json marks holds its migrations; the journal orders
 * them by idx (not by name), dates them by `when` and names their database; the statement separators are blanked;
 * drizzle-orm's migrator runs them in its transaction, and there are no downs.
 */
import { detectByPath, detectFile, type DetectedFile } from "../../../detect.js";
import { defaultConfig } from "../../../config.js";
import { withMarkedSqlFolders } from "../../../migration-folders/marked-sql-folders.js";
import { compareMigrations } from "../../../migration-order.js";
import { migrationDate } from "../../../repository/migration-date.js";
import type { MigrationUnit } from "../../../group.js";
import { withDrizzleJournal } from "../drizzle-journal.js";
import { loadDrizzleJournalReader, readDrizzleJournal } from "../layouts/drizzle.js";

beforeAll(loadDrizzleJournalReader);
import { loadPgParser, sqlMigration } from "../index.js";

beforeAll(() => loadPgParser());

const JOURNAL = {
  path: "apps/dokploy/drizzle/meta/_journal.json",
  content: JSON.stringify({
    version: "7",
    dialect: "postgresql",
    entries: [
      { idx: 0, version: "7", when: 1718000000000, tag: "0000_zany_storm", breakpoints: true },
      // a tag without drizzle-kit's idx prefix (`prefix: "none"` or renamed): the journal still orders it
      { idx: 1, version: "7", when: 1718100000000, tag: "users_email_idx", breakpoints: true },
      { idx: 2, version: "7", when: 1718200000000, tag: "0002_add_team", breakpoints: true },
    ],
  }),
};
const config = withMarkedSqlFolders(defaultConfig(), [JOURNAL.path, "apps/dokploy/drizzle/0000_zany_storm.sql"]);

const unitOf = (path: string, content = "SELECT 1;\n"): MigrationUnit => {
  const file = detectFile(path, content, config) as DetectedFile;
  const unit: MigrationUnit = { file, content };
  withDrizzleJournal(unit, [JOURNAL]);
  return unit;
};

describe("Drizzle layout", () => {
  it("detects the .sql files of a folder its meta/_journal.json marks, and no other folder's", () => {
    expect(detectByPath("apps/dokploy/drizzle/0000_zany_storm.sql", config)).toMatchObject({ layout: "drizzle", version: "0000", name: "zany_storm" });
    expect(detectByPath("apps/dokploy/drizzle/users_email_idx.sql", config)).toMatchObject({ layout: "drizzle", name: "users_email_idx" });
    expect(detectByPath("apps/other/0000_zany_storm.sql", config)).toBe("sql-candidate");
    // without the journal, the separator line names the runner
    expect(detectFile("db/migrations/0003_x.sql", "ALTER TABLE t ADD COLUMN a int;--> statement-breakpoint\nALTER TABLE t ADD COLUMN b int;\n")?.layout).toBe("drizzle");
  });

  it("orders by the journal's idx and dates by its `when`", () => {
    const units = ["0002_add_team", "users_email_idx", "0000_zany_storm"].map((tag) => unitOf(`apps/dokploy/drizzle/${tag}.sql`));
    expect(units.map((u) => u.file.version)).toEqual(["0002", "0001", "0000"]);
    const ordered = [...units].sort((a, b) => compareMigrations(a.file, b.file)).map((u) => u.file.name);
    expect(ordered).toEqual(["zany_storm", "users_email_idx", "add_team"]);
    const migration = sqlMigration(units[1]);
    expect(migrationDate(migration)?.toISOString()).toBe(new Date(1718100000000).toISOString());
    expect(units[1]).toMatchObject({ database: "postgresql", databaseNamedBy: `${JOURNAL.path} says "dialect": "postgresql"` });
  });

  it("reads the journal's dialect as migguard's database; an unreadable journal is none", () => {
    expect(readDrizzleJournal(JSON.stringify({ dialect: "mysql", entries: [] }))?.database).toBe("mysql");
    expect(readDrizzleJournal(JSON.stringify({ dialect: "sqlite", entries: [] }))?.database).toBe("sqlite");
    expect(readDrizzleJournal("{ not json")).toBeUndefined();
    expect(readDrizzleJournal(JSON.stringify({ entries: [{ idx: "x" }] }))).toBeUndefined();
  });

  it("runs the statements in the migrator's transaction, with the separators blanked, and has no down", () => {
    const m = sqlMigration(unitOf("apps/dokploy/drizzle/0002_add_team.sql", 'ALTER TABLE "users" ADD COLUMN "team_id" integer;--> statement-breakpoint\nCREATE INDEX "users_team_idx" ON "users" ("team_id");\n'));
    expect(m.layout).toBe("drizzle");
    expect(m.up.map((op) => [op.kind, op.loc.line, op.inTransaction])).toEqual([
      ["add_column", 1, true],
      ["add_index", 2, true],
    ]);
    expect(m.down.status).toBe("unsupported");
    expect(m.syntaxErrors).toEqual([]);
  });
});
