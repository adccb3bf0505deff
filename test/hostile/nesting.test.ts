/**
 * Hostile input: nesting in every language, deep enough to break a parser (Prism's 64 KiB WASM stack, libpg-query's
 * recursion on the engine stack) or a walker (Node's stack). The file gets a `too-complex` finding on the line of the
 * construct, the rest of a SQL file is still checked, and no other file's report changes, in the same analysis or
 * the next one (the App's next pull request).
 */
import { analyze } from "../../src/engine/analyze.js";
import { MAX_TREE_DEPTH } from "../../src/engine/limits.js";
import { DML_WITHOUT_WHERE_ON, expectIsolated, rulesOf } from "./support/isolation.js";

const rails = (body: string, name = "20240101000000_hostile") => ({
  path: `db/migrate/${name}.rb`,
  content: `class Hostile < ActiveRecord::Migration[7.1]\n  def change\n${body}  end\nend\n`,
});

const tooComplexLines = (result: Awaited<ReturnType<typeof analyze>>, path: string) =>
  result.findings.filter((f) => f.path === path && f.rule === "too-complex").map((f) => f.line);

describe("Ruby (Prism's WASM stack)", () => {
  it("2,000 nested blocks: the file is too complex, the next files and the next analysis are checked as usual", async () => {
    const file = rails(`${"    foo do\n".repeat(2000)}${"    end\n".repeat(2000)}`);
    const result = await expectIsolated([file]);
    expect(tooComplexLines(result, file.path)).toEqual([1]);
    expect(result.errors).toEqual([]);
  });

  it.each([110, 125, 150, 200])("%i nested blocks, where Prism used to overwrite its own tables silently", async (levels) => {
    const file = rails(`${"    foo do\n".repeat(levels)}${"    end\n".repeat(levels)}`);
    expect(tooComplexLines(await expectIsolated([file]), file.path)).toEqual([1]);
  });

  it("190 nested hashes (a C assertion in Prism once the stack overflowed): too complex, never `could not analyse`", async () => {
    const file = rails(`    add_column :users, :prefs, :jsonb, default: ${"{ a: ".repeat(190)}1${" }".repeat(190)}\n`);
    const result = await expectIsolated([file]);
    expect(tooComplexLines(result, file.path)).toEqual([1]);
    expect(result.errors).toEqual([]);
  });

  it("60 nested blocks are ordinary Ruby: the operation inside is checked", async () => {
    const file = rails(`${"    foo do\n".repeat(60)}    remove_column :users, :email\n${"    end\n".repeat(60)}`);
    expect(rulesOf(await expectIsolated([file]), file.path)).toContain("drop-column");
  });

  it("a chain of 20,000 calls (recursion in the reader of Prism's output) is too complex", async () => {
    const file = rails(`    User${".where(active: true)".repeat(20_000)}.update_all(active: false)\n`);
    expect(tooComplexLines(await expectIsolated([file]), file.path)).toEqual([1]);
  });

  it(`a sum deeper than ${MAX_TREE_DEPTH} levels is too complex on its line; one under the limit is checked`, async () => {
    const deep = rails(`    remove_column :users, :email\n    total = 1${" + 1".repeat(MAX_TREE_DEPTH + 20)}\n`);
    expect(tooComplexLines(await expectIsolated([deep]), deep.path)).toEqual([4]);
    const shallow = rails(`    remove_column :users, :email\n    execute "UPDATE users SET a = 1"${' + ""'.repeat(MAX_TREE_DEPTH - 20)}\n`, "20240101000001_shallow");
    const rules = rulesOf(await expectIsolated([shallow], { config: DML_WITHOUT_WHERE_ON }), shallow.path);
    expect(rules).toEqual(expect.arrayContaining(["drop-column", "dml-without-where"]));
    expect(rules).not.toContain("too-complex");
  });

  it("SQL nested too deeply inside `execute` makes the Ruby file too complex on that line", async () => {
    const file = rails(`    remove_column :users, :email\n    execute "SELECT ${"NOT ".repeat(200)}true"\n`);
    expect(tooComplexLines(await expectIsolated([file]), file.path)).toEqual([4]);
  });
});

describe("SQL (libpg-query)", () => {
  it("3,200 nested subqueries overflow the engine stack inside the WASM: that statement is too complex, the others are checked", async () => {
    const path = "db/migrations/001_hostile.sql";
    const content = `ALTER TABLE users DROP COLUMN email;\nSELECT ${"(SELECT ".repeat(3200)}1${")".repeat(3200)};\nDROP TABLE sessions;\n`;
    const result = await expectIsolated([{ path, content }]);
    expect(tooComplexLines(result, path)).toEqual([2]);
    expect(rulesOf(result, path)).toEqual(expect.arrayContaining(["drop-column", "drop-table"]));
  });

  it("after five such files, a syntax error is still reported on its line (the broken instances were replaced)", async () => {
    const attack = (i: number) => ({ path: `db/migrations/${String(i).padStart(3, "0")}_hostile.sql`, content: `SELECT 1${" + 1".repeat(13_000)};\n` });
    const files = [...Array.from({ length: 5 }, (_, i) => attack(i)), { path: "db/migrations/100_typo.sql", content: "SELECT 1;\nALTR TABLE users ADD COLUMN a int;\n" }];
    const result = await analyze({ files });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.rule === "too-complex")).toHaveLength(5);
    expect(result.findings.filter((f) => f.path === "db/migrations/100_typo.sql").map((f) => [f.rule, f.line, f.message])).toEqual([
      ["syntax-error", 2, 'Syntax error: syntax error at or near "ALTR"'],
    ]);
  });

  it(`a condition deeper than ${MAX_TREE_DEPTH} levels of parse tree is too complex; the statements around it are checked`, async () => {
    const path = "db/migrations/001_not.sql";
    const content = `UPDATE users SET active = false WHERE ${"NOT ".repeat(200)}active;\nDROP TABLE sessions;\n`;
    const result = await expectIsolated([{ path, content }]);
    expect(tooComplexLines(result, path)).toEqual([1]);
    expect(rulesOf(result, path)).toContain("drop-table");
  });

  it("a statement of 120 nested NOTs (under the limit) is checked like any other", async () => {
    const path = "db/migrations/001_not.sql";
    const result = await expectIsolated([{ path, content: `UPDATE users SET active = false WHERE ${"NOT ".repeat(120)}active;\nALTER TABLE users ADD COLUMN note text;\n` }]);
    expect(rulesOf(result, path)).not.toContain("too-complex");
    expect(rulesOf(result, path)).toContain("mixed-ddl-dml");
  });
});

describe("Python (tree-sitter)", () => {
  const django = (app: string, name: string, body: string) => ({ path: `${app}/migrations/${name}.py`, content: body });

  it("a constant of 2,000 nested calls in 0001 leaves 0002 of the same app reported (and the other apps)", async () => {
    const first = django("shop", "0001_hostile", `from django.db import migrations\n\nX = ${"f(".repeat(2000)}${")".repeat(2000)}\n\n\nclass Migration(migrations.Migration):\n    operations = []\n`);
    const second = django(
      "shop",
      "0002_drop",
      `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("shop", "0001_hostile")]\n    operations = [migrations.RunSQL("DROP TABLE app_secrets")]\n`,
    );
    const result = await expectIsolated([first, second]);
    expect(tooComplexLines(result, first.path)).toEqual([3]);
    expect(rulesOf(result, second.path)).toContain("drop-table");
  });

  it.each([
    ["a list", (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`],
    ["a sum", (n: number) => `"DROP TABLE a"${' + ""'.repeat(n)}`],
    ["an attribute chain", (n: number) => `a${".b".repeat(n)}`],
    ["unary minus", (n: number) => `${"-".repeat(n)}1`],
  ])("%s past the limit is too complex on its line; under it the file is checked", async (_what, expression) => {
    const body = (n: number) => `from django.db import migrations\n\nX = ${expression(n)}\n\n\nclass Migration(migrations.Migration):\n    operations = [migrations.RunSQL("DROP TABLE a")]\n`;
    const deep = django("inventory", "0001_deep", body(MAX_TREE_DEPTH + 50));
    expect(tooComplexLines(await expectIsolated([deep]), deep.path)).toEqual([3]);
    const shallow = django("inventory", "0001_shallow", body(MAX_TREE_DEPTH - 50));
    expect(rulesOf(await expectIsolated([shallow]), shallow.path)).toEqual(expect.arrayContaining(["drop-table"]));
  });

  it("Alembic: an upgrade() argument nested 3,000 levels deep is too complex, the next revision is checked", async () => {
    const deep = { path: "alembic/versions/a1_deep.py", content: `revision = "a1"\ndown_revision = None\nfrom alembic import op\n\n\ndef upgrade():\n    op.execute(${"(".repeat(3000)}"x"${")".repeat(3000)})\n` };
    const next = {
      path: "alembic/versions/b2_drop.py",
      content: 'revision = "b2"\ndown_revision = "a1"\nfrom alembic import op\n\n\ndef upgrade():\n    op.drop_table("accounts")\n',
    };
    const result = await expectIsolated([deep, next]);
    expect(tooComplexLines(result, deep.path)).toEqual([7]);
    expect(rulesOf(result, next.path)).toContain("drop-table");
  });

  it("SQL nested too deeply inside RunSQL makes the migration too complex on that line", async () => {
    const file = django("ledger", "0001_runsql", `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = [migrations.RunSQL("SELECT ${"NOT ".repeat(200)}true")]\n`);
    expect(tooComplexLines(await expectIsolated([file]), file.path)).toEqual([5]);
  });
});
