/**
 * `migguard lint` on a migration that drops the only index of a foreign key's columns (README: drop-index-behind-foreign-key):
 * on PostgreSQL a warning (every delete of a parent row then scans the child table), on MySQL an error (InnoDB
 * refuses the drop); none while another index still covers the key, or when the key goes too.
 */
import { run } from "../../src/cli/main.js";
import { fileTree } from "./support/file-tree.js";

const repo = (files: Record<string, string>): string => fileTree(files, "migguard-drop-index-fk-");

type Finding = { path: string; rule: string; severity: string; line: number; message: string; fix: string };
/** the folder is linted (the earlier migrations are the history), the findings of `path` kept */
const lint = async (cwd: string, path: string) =>
  (JSON.parse((await run(["lint", "--format", "json", path.slice(0, path.lastIndexOf("/"))], { cwd })).output) as { findings: Finding[] }).findings.filter(
    (f) => f.rule === "drop-index-behind-foreign-key" && f.path.endsWith(path),
  );

const INIT = `CREATE TABLE posts (id bigint PRIMARY KEY);
CREATE TABLE comments (id bigint PRIMARY KEY, post_id bigint, created_at timestamp, CONSTRAINT comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE);
CREATE INDEX comments_post_created_idx ON comments (post_id, created_at);
`;

const CREATE_COMMENTS = `class CreateComments < ActiveRecord::Migration[7.1]
  def change
    create_table :posts
    create_table :comments do |t|
      t.references :post, foreign_key: true
    end
  end
end
`;

describe("dropping the index a foreign key relies on", () => {
  it("SQL on PostgreSQL: a warning that names the key and the parent's deletes; the fix builds the key's index CONCURRENTLY first", async () => {
    const cwd = repo({ "migrations/001_init.sql": INIT, "migrations/002_drop.sql": "DROP INDEX comments_post_created_idx;\n" });
    const [finding, ...rest] = await lint(cwd, "migrations/002_drop.sql");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: "warning", line: 1 });
    expect(finding.message).toContain("every DELETE on posts");
    expect(finding.message).toContain("ON DELETE CASCADE");
    expect(finding.fix).toContain("CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_post_id_idx ON comments (post_id);\nDROP INDEX CONCURRENTLY IF EXISTS comments_post_created_idx;");
  });

  it("SQL on MySQL: an error, InnoDB refuses the drop", async () => {
    const cwd = repo({ ".github/migguard.yml": "database: mysql\n", "migrations/001_init.sql": INIT.replace("timestamp", "datetime"), "migrations/002_drop.sql": "DROP INDEX comments_post_created_idx ON comments;\n" });
    const [finding] = await lint(cwd, "migrations/002_drop.sql");
    expect(finding).toMatchObject({ severity: "error", line: 1 });
    expect(finding.message).toContain("needed in a foreign key constraint");
    expect(finding.fix).not.toContain("CONCURRENTLY");
  });

  it("SQL: none while another index leads with the key's column, or when the key is dropped first", async () => {
    const covered = repo({ "migrations/001_init.sql": `${INIT}CREATE INDEX comments_post_id_idx ON comments (post_id);\n`, "migrations/002_drop.sql": "DROP INDEX CONCURRENTLY comments_post_created_idx;\n" });
    expect(await lint(covered, "migrations/002_drop.sql")).toEqual([]);
    const keyGone = repo({ "migrations/001_init.sql": INIT, "migrations/002_drop.sql": "ALTER TABLE comments DROP CONSTRAINT comments_post_fk;\nDROP INDEX comments_post_created_idx;\n" });
    expect(await lint(keyGone, "migrations/002_drop.sql")).toEqual([]);
  });

  it("Rails: remove_index of the index t.references built is a warning whose fix keeps it", async () => {
    const cwd = repo({
      "db/migrate/20230101000000_create_comments.rb": CREATE_COMMENTS,
      "db/migrate/20240101000000_remove_comments_post_index.rb": `class RemoveCommentsPostIndex < ActiveRecord::Migration[7.1]
  def change
    remove_index :comments, :post_id
  end
end
`,
    });
    const [finding] = await lint(cwd, "db/migrate/20240101000000_remove_comments_post_index.rb");
    expect(finding).toMatchObject({ severity: "warning", line: 3 });
    expect(finding.fix).toContain("# Keep index_comments_on_post_id");
  });
});
