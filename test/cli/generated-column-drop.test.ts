/**
 * README "A generated column": dropping a GENERATED ... STORED column loses nothing its expression cannot compute
 * again, through `migguard lint` on a goose project (bitmagnet's 00001 and 00002 shapes).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "migguard-generated-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const INIT =
  "-- +goose Up\ncreate table torrents (info_hash bytea primary key, name text not null, single_file boolean, search_string text not null,\n" +
  "  extension text generated always as (case when single_file then substring(lower(name) from '[^/.]\\.([a-z0-9]+)$') end) stored,\n" +
  "  tsv tsvector generated always as (to_tsvector('simple', search_string)) stored);\n-- +goose Down\ndrop table torrents;\n";

describe("migguard lint: a dropped generated column", () => {
  it("added back generated in the same migration: no drop-column; dropped alone with its inputs kept: a note; dropped with an input: the error stays", async () => {
    const root = tree({
      "migrations/00001_init.sql": INIT,
      "migrations/00002_files_status.sql":
        "-- +goose Up\nalter table torrents add column files_status text not null default 'no_info';\nalter table torrents drop column extension;\n" +
        "alter table torrents add column extension text generated always as (case when files_status = 'single' then substring(lower(name) from '[^/.]\\.([a-z0-9]+)$') end) stored;\n" +
        "-- +goose Down\nalter table torrents drop column extension;\nalter table torrents drop column files_status;\n",
      "migrations/00003_drop_tsv.sql": "-- +goose Up\nalter table torrents drop column tsv;\n-- +goose Down\nalter table torrents add column tsv tsvector generated always as (to_tsvector('simple', search_string)) stored;\n",
      "migrations/00004_drop_search.sql": "-- +goose Up\nalter table torrents drop column extension;\nalter table torrents drop column name;\n-- +goose Down\nselect 1;\n",
    });
    const result = await run(["lint", "--format", "json", "migrations"], { cwd: root });
    const drops = (JSON.parse(result.output) as { findings: Array<{ rule: string; severity: string; path: string; line: number; message: string }> }).findings.filter((f) => f.rule === "drop-column");
    expect(drops.map((f) => [f.path, f.line, f.severity])).toEqual([
      ["migrations/00003_drop_tsv.sql", 2, "info"],
      ["migrations/00004_drop_search.sql", 2, "error"],
      ["migrations/00004_drop_search.sql", 3, "error"],
    ]);
    expect(drops[0].message).toContain("torrents.tsv loses no data: it is GENERATED ALWAYS AS (to_tsvector('simple', search_string)) STORED, computed from search_string of the same row");
  });
});
