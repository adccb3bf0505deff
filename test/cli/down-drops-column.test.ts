/**
 * README "down-does-not-undo-up": a down that drops a column drops its indexes with it, through `migguard lint` on a
 * goose project (bitmagnet's 00006_tsv shape): the up's index on the column it re-adds is undone, and the down that
 * builds the old index again under the same name restores what the up's DROP COLUMN took along.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-down-column-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe("migguard lint: a down that drops an indexed column", () => {
  it("bitmagnet's 00006_tsv: no down-does-not-undo-up for the index the down's DROP COLUMN takes and builds again; an index on another column stays reported", async () => {
    const root = tree({
      "migrations/00001_init.sql": "-- +goose Up\ncreate table content (id bigint primary key, title text, search_string text not null, tsv tsvector generated always as (to_tsvector('simple', search_string)) stored);\nCREATE INDEX on content USING GIN(tsv);\n-- +goose Down\ndrop table content;\n",
      "migrations/00006_tsv.sql": [
        "-- +goose Up",
        "alter table content drop column tsv;",
        "alter table content add column tsv tsvector;",
        "CREATE INDEX on content USING GIN(tsv);",
        "CREATE INDEX content_title_idx ON content (title);",
        "-- +goose Down",
        "alter table content drop column tsv;",
        "alter table content add column tsv tsvector generated always as (to_tsvector('simple', search_string)) stored;",
        "CREATE INDEX on content USING GIN(tsv);",
        "",
      ].join("\n"),
    });
    const result = await run(["lint", "--format", "json", "migrations"], { cwd: root });
    const findings = (JSON.parse(result.output) as { findings: Array<{ rule: string; line: number; fix: string; path: string }> }).findings.filter((f) => f.rule === "down-does-not-undo-up");
    expect(findings.map((f) => [f.path, f.line])).toEqual([["migrations/00006_tsv.sql", 5]]);
    expect(findings[0].fix).toContain("DROP INDEX content_title_idx;");
    expect(findings[0].fix).not.toContain("content_tsv_idx");
  });
});
