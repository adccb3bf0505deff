/**
 * README "Frameworks and layouts", sql-migrate: a folder of rubenv/sql-migrate files (goalert's migrate/migrations
 * shape) through `migguard lint`: the `-- +migrate Down` section is the down, not more of the up; a transactional up
 * refuses CONCURRENTLY and its fix is the section's `notransaction` marker; a `notransaction` up takes it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-sql-migrate-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

interface Finding {
  path: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
  fix: string;
}

describe("migguard lint: a sql-migrate folder", () => {
  it("reads each file's Up and Down sections apart, with the runner's transaction per section", async () => {
    const root = tree({
      "migrate/migrations/20170101000000-init.sql": "-- +migrate Up\nCREATE TABLE users (id text PRIMARY KEY, email_verified boolean NOT NULL DEFAULT false, name text);\n\n-- +migrate Down\nDROP TABLE users;\n",
      "migrate/migrations/20170503144821-remove-email-verified.sql": "\n-- +migrate Up\n\nALTER TABLE users DROP COLUMN email_verified;\n\n-- +migrate Down\n\nALTER TABLE users ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT false;\n",
      "migrate/migrations/20170901000000-users-name-idx.sql": "-- +migrate Up\nCREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n\n-- +migrate Down\nDROP INDEX users_name_idx;\n",
      "migrate/migrations/20171001000000-users-email-idx.sql":
        "-- +migrate Up notransaction\n-- +migrate StatementBegin\nDO $$ BEGIN PERFORM 1; END $$;\n-- +migrate StatementEnd\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email_verified);\n\n-- +migrate Down notransaction\nDROP INDEX CONCURRENTLY users_email_idx;\n",
    });
    const result = await run(["lint", "--format", "json", "migrate/migrations"], { cwd: root });
    const { findings, errors } = JSON.parse(result.output) as { findings: Finding[]; errors: unknown[] };
    expect(errors).toEqual([]);
    const at = (file: string) => findings.filter((f) => f.path.endsWith(file) && f.severity !== "info");

    // the Down's ADD COLUMN is the rollback, not a re-add in the up: a drop, not "in effect a change of type"
    const drop = at("20170503144821-remove-email-verified.sql").find((f) => f.rule === "drop-column");
    expect(drop).toMatchObject({ line: 4, severity: "error" });
    expect(drop!.message).not.toContain("adds email_verified");
    expect(at("20170503144821-remove-email-verified.sql").some((f) => f.line === 8)).toBe(false);

    // sql-migrate runs the up in a transaction: CONCURRENTLY fails there, and the fix is the notransaction marker
    const cic = at("20170901000000-users-name-idx.sql").find((f) => f.rule === "concurrently-in-transaction");
    expect(cic).toMatchObject({ line: 2, severity: "error" });
    expect(cic!.fix).toContain("-- +migrate Up notransaction");

    // a notransaction up with a StatementBegin/End block: CONCURRENTLY runs, nothing is a syntax error
    expect(at("20171001000000-users-email-idx.sql").map((f) => f.rule)).not.toContain("concurrently-in-transaction");
    expect(findings.filter((f) => f.rule === "syntax-error")).toEqual([]);
  });

  it("a Go migrator of the module that sets lock_timeout on its connection (goalert's migrate.go) makes require-lock-timeout a note naming it", async () => {
    const files = {
      "migrate/migrations/20170101000000-init.sql": "-- +migrate Up\nCREATE TABLE users (id text PRIMARY KEY, name text);\n\n-- +migrate Down\nDROP TABLE users;\n",
      "migrate/migrations/20170901000000-users-note.sql": "-- +migrate Up\nALTER TABLE users ADD COLUMN note text;\n\n-- +migrate Down\nALTER TABLE users DROP COLUMN note;\n",
    };
    const migrator = (timeout: string) =>
      `package migrate\n\nimport (\n\t"context"\n\n\t"github.com/jackc/pgx/v5"\n)\n\nfunc getConn(ctx context.Context, url string) (*pgx.Conn, error) {\n\tconn, err := pgx.Connect(ctx, url)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\t_, err = conn.Exec(ctx, \`set lock_timeout = ${timeout}\`)\n\treturn conn, err\n}\n`;
    const reminder = async (timeout: string) => {
      const root = tree({ ...files, "go.mod": "module example.com/app\n\ngo 1.22\n", "migrate/migrate.go": migrator(timeout) });
      const result = await run(["lint", "--format", "json", "migrate/migrations"], { cwd: root });
      return (JSON.parse(result.output) as { findings: Finding[] }).findings.find((f) => f.rule === "require-lock-timeout");
    };
    const bounded = await reminder("15000");
    expect(bounded).toMatchObject({ line: 2, severity: "info" });
    expect(bounded!.message).toContain("(migrate/migrate.go:14)");
    expect(await reminder("0")).toMatchObject({ line: 2, severity: "warning" });
  });
});
