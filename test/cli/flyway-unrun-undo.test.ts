/**
 * Flyway runs a U file only on `flyway undo` (a Teams/Enterprise command). Through `migguard lint` on crowd.dev's
 * shape (flyway_migrate.sh runs `flyway ... migrate`, a command continued over lines, and empty U files): an empty U
 * file nothing runs is no empty-down finding; a script that runs `flyway undo` keeps it, and so does a repository
 * where nothing shows how Flyway runs.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";

const MIGRATIONS = {
  "backend/src/database/migrations/V1700000000__member_aggregates.sql": "CREATE TABLE member_aggregates (id int PRIMARY KEY, total int);\nCREATE INDEX member_aggregates_idx ON member_aggregates (total);\n",
  "backend/src/database/migrations/U1700000000__member_aggregates.sql": "DROP TABLE member_aggregates;\n",
  "backend/src/database/migrations/V1720437208__drop_member_aggregates_idx.sql": "DROP INDEX member_aggregates_idx;\n",
  "backend/src/database/migrations/U1720437208__drop_member_aggregates_idx.sql": "",
};
const MIGRATE_SH = '#!/usr/bin/env bash\nset -e\nflyway \\\n    -locations="filesystem:/tmp/migrations" \\\n    -url="jdbc:postgresql://${PGHOST}:${PGPORT}/${PGDATABASE}" \\\n    migrate\n';

async function emptyDowns(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "migguard-flyway-undo-"));
  mkdirSync(join(root, ".git"));
  for (const [path, content] of Object.entries({ ...MIGRATIONS, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const result = await run(["lint", "--format", "json", "backend/src/database/migrations/V1720437208__drop_member_aggregates_idx.sql"], { cwd: root });
  return (JSON.parse(result.output) as { findings: Array<{ rule: string }> }).findings.filter((f) => f.rule === "empty-down");
}

describe("migguard lint: an empty Flyway U file that nothing runs", () => {
  it("the deploy runs only flyway migrate: no empty-down finding", async () => {
    expect(await emptyDowns({ "backend/src/database/flyway_migrate.sh": MIGRATE_SH })).toEqual([]);
  });

  it("a script runs flyway undo: the empty U file is an error again", async () => {
    const found = await emptyDowns({ "backend/src/database/flyway_migrate.sh": MIGRATE_SH, "backend/src/database/flyway_undo.sh": '#!/bin/sh\nflyway -url="$URL" undo\n' });
    expect(found).toHaveLength(1);
  });

  it("nothing shows how Flyway runs: the finding stays", async () => {
    expect(await emptyDowns({})).toHaveLength(1);
  });
});
