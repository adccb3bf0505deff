/**
 * Operations hidden from a static reading (#15 item 12): a migration method reached through send, a method object,
 * eval, getattr or exec, and SQL assembled at run time. Never a silent pass: a `hidden-operation` warning on the
 * line, and the operation still checked when its name is written; the other files' report does not change.
 */
import type { AnalysisResult } from "../../src/engine/analyze.js";
import { DML_WITHOUT_WHERE_ON, expectIsolated } from "./support/isolation.js";
import { cliProcess, repo } from "./support/repo.js";

const rails = (body: string) => ({
  path: "db/migrate/20240101000000_hidden.rb",
  content: `class Hidden < ActiveRecord::Migration[7.1]\n  def up\n${body}\n  end\n\n  def down\n  end\nend\n`,
});
const django = (operation: string) => ({
  path: "shop/migrations/0002_hidden.py",
  content: `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("shop", "0001_initial")]\n    operations = [\n        ${operation},\n    ]\n`,
});
const alembic = (body: string) => ({
  path: "alembic/versions/b2_hidden.py",
  content: `from alembic import op\n\nrevision = "b2"\ndown_revision = None\n\n\ndef upgrade():\n    ${body}\n\n\ndef downgrade():\n    pass\n`,
});

/** `line rule` of each finding of the file, in order */
const report = (result: AnalysisResult, path: string) => result.findings.filter((f) => f.path === path).map((f) => `${f.line} ${f.rule}`);

describe("Rails: the calls of the issue", () => {
  it.each([
    ["send(:drop_table, :accounts)", ["3 drop-table", "3 hidden-operation"]],
    ["public_send(:drop_table, :accounts)", ["3 drop-table", "3 hidden-operation"]],
    ["connection.send(:execute, 'DROP TABLE accounts')", ["3 drop-table", "3 hidden-operation"]],
    ["method(:execute).call('DROP TABLE accounts')", ["3 drop-table", "3 hidden-operation"]],
    ['eval("drop_table :accounts")', ["3 hidden-operation"]],
    ["send(\"drop_#{kind}\", :accounts)", ["3 hidden-operation"]],
    ['execute(["DROP TABLE", "accounts"].join(" "))', ["3 drop-table"]],
    ["execute(Queries.cleanup)", ["3 hidden-operation"]],
    ['execute "DROP TABLE #{table_name}"', ["3 hidden-operation"]],
    ['%w[a b].each { |t| execute "DROP TABLE #{t}" }', ["3 drop-table", "3 drop-table"]],
  ])("%s", async (body, expected) => {
    const file = rails(`    ${body}`);
    const result = await expectIsolated([file]);
    expect(report(result, file.path).filter((r) => /drop-table|hidden-operation/.test(r))).toEqual(expected);
    expect(result.errors).toEqual([]);
  });

  it("SQL joined from pieces, one computed, reads as the same SQL interpolated", async () => {
    const joined = rails('    execute(["UPDATE accounts SET plan = 1 WHERE id IN (", ids, ")"].join(" "))');
    const interpolated = rails('    execute "UPDATE accounts SET plan = 1 WHERE id IN ( #{ids} )"');
    const a = await expectIsolated([joined]);
    const b = await expectIsolated([interpolated]);
    expect(a.migrations[0].up.map((o) => o.kind)).toEqual(["dml"]);
    expect(a.migrations[0].up.map((o) => o.kind)).toEqual(b.migrations[0].up.map((o) => o.kind));
    expect(report(a, joined.path)).toEqual(report(b, interpolated.path));
  });

  it("a loop over the list a method of the migration returns runs once per element, pairs destructured", async () => {
    const file = {
      path: "db/migrate/20240101000000_hidden.rb",
      content: `class Hidden < ActiveRecord::Migration[7.1]
  def up
    email_columns.each do |table, column|
      execute "UPDATE #{table} SET #{column} = LOWER(#{column})"
    end
    search_tables.each { |table| remove_column table, :search_column }
  end

  def email_columns
    [[:people, :email], [:groups, :contact_email]]
  end

  def search_tables
    [:people]
  end
end
`,
    };
    const result = await expectIsolated([file], { config: DML_WITHOUT_WHERE_ON });
    const messages = result.findings.filter((f) => f.path === file.path && (f.rule === "dml-without-where" || f.rule === "drop-column")).map((f) => `${f.line} ${f.rule} ${f.message}`);
    expect(messages).toEqual([expect.stringMatching(/^4 dml-without-where .*every row of groups/), expect.stringMatching(/^4 dml-without-where .*every row of people/), expect.stringMatching(/^6 drop-column .*people\.search_column/)]);
    expect(report(result, file.path)).not.toContain("4 hidden-operation");
  });

  it("the hidden-operation warning names the direct call as the fix, in Ruby", async () => {
    const file = rails("    send(:drop_table, :accounts, if_exists: true)");
    const finding = (await expectIsolated([file])).findings.find((f) => f.rule === "hidden-operation");
    expect(finding).toMatchObject({ severity: "warning", line: 3, fix: "drop_table(:accounts, if_exists: true)" });
  });

  it("send on any other object (a model's attribute) is not a migration operation", async () => {
    const file = rails("    User.find_each { |user| user.send(:touch) }");
    expect(report(await expectIsolated([file]), file.path)).not.toContain("3 hidden-operation");
  });
});

describe("Django", () => {
  it.each([
    ['getattr(migrations, "RunSQL")("DROP TABLE shop_secrets", reverse_sql=migrations.RunSQL.noop)', ["7 drop-table", "7 hidden-operation"]],
    ['eval("migrations.RunSQL(\'DROP TABLE shop_secrets\')")', ["7 hidden-operation"]],
    ['migrations.RunSQL(open("drop.sql").read(), reverse_sql=migrations.RunSQL.noop)', ["7 hidden-operation"]],
    ['migrations.RemoveField(model_name="order", name=field_name())', ["7 hidden-operation"]],
  ])("%s", async (operation, expected) => {
    const file = django(operation);
    const result = await expectIsolated([file]);
    expect(report(result, file.path).filter((r) => /drop-table|hidden-operation/.test(r))).toEqual(expected);
  });
});

describe("Django: an operation a syntax error cuts short", () => {
  it.each(['migrations.RemoveField(model_name="user", name=)', 'migrations.RemoveField(model_name="user", name="em ail)'])(
    "%s is the syntax error alone: no drop of a column without a name (`Dropping column shop_user.`)",
    async (operation) => {
      const file = django(operation);
      const result = await expectIsolated([file]);
      expect(report(result, file.path)).toEqual(["7 syntax-error"]);
      expect(result.findings.map((f) => f.message).join()).not.toMatch(/shop_user\.\s/);
    },
  );

  it("a required name missing or empty is a note, not an operation on an empty name", async () => {
    for (const operation of ['migrations.RemoveField("user", )', 'migrations.RemoveField(model_name="user", name="")']) {
      const file = django(operation);
      const result = await expectIsolated([file]);
      expect(report(result, file.path)).toEqual([]);
      expect(result.migrations[0].notes.map((n) => n.message)).toEqual(["RemoveField: no name is written, so migguard did not check it"]);
    }
  });
});

describe("Alembic", () => {
  it.each([
    ['getattr(op, "drop_table")("ledger_entries")', ["8 drop-table", "8 hidden-operation"]],
    ['exec("op.drop_table(\'ledger_entries\')")', ["8 hidden-operation"]],
    ["op.execute(cleanup_sql())", ["8 hidden-operation"]],
  ])("%s", async (body, expected) => {
    const file = alembic(body);
    const result = await expectIsolated([file]);
    expect(report(result, file.path).filter((r) => /drop-table|hidden-operation/.test(r))).toEqual(expected);
  });
});

describe("through the CLI process (README: Hostile input)", () => {
  it("send(:drop_table, ...) is a drop-table and a hidden-operation warning whose fix is the direct call", () => {
    const file = rails("    send(:drop_table, :accounts)");
    const cli = cliProcess(["lint", "--format", "json", "."], { cwd: repo({ [file.path]: file.content }) });
    expect(cli.status).toBe(1);
    const findings = (JSON.parse(cli.stdout) as { findings: Array<{ line: number; rule: string; severity: string; fix: string }> }).findings;
    expect(findings.filter((f) => f.rule === "drop-table" || f.rule === "hidden-operation").map((f) => [f.line, f.rule, f.severity])).toEqual([
      [3, "drop-table", "error"],
      [3, "hidden-operation", "warning"],
    ]);
    expect(findings.find((f) => f.rule === "hidden-operation")?.fix).toBe("drop_table(:accounts)");
  });
});
