/**
 * `migguard lint` of a move (crates.io's move_tokens_to_emails_table, diesel): columns added to emails, tokens copied
 * in with UPDATE ... FROM tokens, then DROP TABLE tokens. The copy and the drop of its source are one change: split
 * apart, tokens the running code writes between them are lost. mixed-ddl-dml keeps them together as written, a note
 * on the lock held through the copy; no split into migrations (whose down.sql would be left undivided) is offered.
 * A copy out of a table the migration keeps is split as before, and the fix says the written down.sql must be divided too.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

type Finding = { path: string; line: number; rule: string; severity: string; message: string; fix: string };

const FOLDER = "migrations/2017-09-23-182408_move_tokens_to_emails_table";
const UP = `ALTER TABLE emails ADD COLUMN token TEXT NOT NULL DEFAULT random_string(26);
ALTER TABLE emails ADD COLUMN token_generated_at TIMESTAMP;
UPDATE emails SET token = tokens.token, token_generated_at = tokens.created_at
  FROM tokens WHERE tokens.email_id = emails.id;
DROP TABLE tokens;
`;
const DOWN = `CREATE TABLE tokens (
  id SERIAL PRIMARY KEY,
  email_id INTEGER NOT NULL UNIQUE REFERENCES emails (id),
  token TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT NOW()
);
INSERT INTO tokens (email_id, token, created_at)
SELECT id, token, token_generated_at FROM emails WHERE token_generated_at IS NOT NULL;
ALTER TABLE emails DROP COLUMN token;
ALTER TABLE emails DROP COLUMN token_generated_at;
`;

async function lint(up: string): Promise<Finding[]> {
  const cwd = fileTree({ "diesel.toml": "[print_schema]\nfile = \"src/schema.rs\"\n", [`${FOLDER}/up.sql`]: up, [`${FOLDER}/down.sql`]: DOWN }, "migguard-move-");
  const { output } = await run(["lint", "--format", "json", "migrations"], { cwd });
  return (JSON.parse(output) as { findings: Finding[] }).findings.filter((f) => f.rule === "mixed-ddl-dml");
}

describe("lint: a data change that moves rows out of a table the same migration drops", () => {
  it("is a note that keeps the copy with the drop, as written: the whole migration, no split", async () => {
    const [finding, ...rest] = await lint(UP);
    expect(rest).toEqual([]);
    expect(`${finding.line} ${finding.severity}`).toBe("3 info");
    expect(finding.message).toContain("copies values out of tokens, which line 5 then drops: a move, whose copy and drop belong in one transaction, as written");
    expect(finding.message).toContain("emails stays locked (the ACCESS EXCLUSIVE lock of line 1)");
    expect(finding.fix).toContain("-- keep the copy of line 3 and the drop of line 5 in this migration, in one transaction, as written (the whole migration):");
    expect(finding.fix).toContain("not in batches");
    expect(finding.fix).not.toContain("migration 2");
    expect(finding.fix.endsWith(UP.trimEnd())).toBe(true);
  });

  it("a copy out of a table the migration keeps is no move: the split stays offered", async () => {
    const [finding] = await lint(UP.replace("DROP TABLE tokens;\n", ""));
    expect(finding.severity).toBe("error");
    expect(finding.fix).toContain("-- migration 2, new file");
    // the written down.sql undoes both parts: the fix says it must be divided with them
    expect(finding.fix).toContain(`-- ${FOLDER}/down.sql undoes the whole migration as written: keep in it what undoes migration 1, and give each new migration a down of its own`);
  });
});
