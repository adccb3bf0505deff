/**
 * `migguard lint` on a Go app that runs goose in-process from a wrapper whose embed FS is another package of the
 * module (bitmagnet: internal/database/migrations/migrator.go passes `migrationssql.FS`, declared with `//go:embed`
 * in migrations/migrations.go): the index built without CONCURRENTLY is a note naming the goose call; without the
 * `//go:embed` directive the FS holds nothing and the finding is an error again.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const EMBED_FS = 'package migrationssql\n\nimport "embed"\n\n//go:embed *.sql\nvar FS embed.FS\n';
const app = {
  "go.mod": "module example.com/app\n\ngo 1.23\n\nrequire github.com/pressly/goose/v3 v3.24.1\n",
  "main.go": 'package main\n\nimport "example.com/app/internal/store"\n\nfunc main() { store.Open() }\n',
  "internal/store/open.go": [
    "package store",
    "",
    "import (",
    '\tsqlfs "example.com/app/db/sql"',
    '\tgoose "github.com/pressly/goose/v3"',
    ")",
    "",
    "func (s *Store) Up(ctx context.Context) error {",
    "\tgoose.SetBaseFS(sqlfs.FS)",
    '\treturn goose.UpContext(ctx, s.db, ".")',
    "}",
    "",
  ].join("\n"),
  "db/sql/fs.go": EMBED_FS,
  Dockerfile: 'FROM golang:1.23\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n',
  "db/sql/00001_users.sql": "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\n\n-- +goose Down\nDROP TABLE users;\n",
  "db/sql/00002_users_email.sql": "-- +goose Up\nCREATE INDEX users_email ON users (email);\n\n-- +goose Down\nDROP INDEX users_email;\n",
};
const MIGRATION = "db/sql/00002_users_email.sql";
const indexFinding = async (repo: Repo) => {
  const { output } = await run(["lint", "--format", "json", MIGRATION], { cwd: repo.root });
  return (JSON.parse(output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings.find((f) => f.rule === "index-without-concurrently");
};

describe("goose run in-process with the embed FS of another package, through the CLI", () => {
  it("lint: the lock finding is a note naming the goose call; the FS without //go:embed puts the error back", async () => {
    const repo = new Repo().write(app).commit("app");
    expect(await indexFinding(repo)).toMatchObject({ severity: "info", message: expect.stringContaining("Offline deploy (internal/store/open.go:10 runs the migrations") });
    const text = await run(["lint", MIGRATION], { cwd: repo.root });
    expect(text.output).toContain("deploy: read as offline: internal/store/open.go:10: the application applies its embedded goose migrations (sqlfs.FS) at start");
    repo.write({ "db/sql/fs.go": EMBED_FS.replace("//go:embed *.sql\n", "") }).commit("no embed");
    expect(await indexFinding(repo)).toMatchObject({ severity: "error" });
  });
});
