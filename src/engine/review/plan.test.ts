import { defaultConfig } from "../config.js";
import { planDeployCode, planReview } from "./plan.js";

const config = defaultConfig();

describe("planReview: what the App fetches", () => {
  it("asks for nothing when no migration or schema dump changed", () => {
    expect(planReview([{ path: "app/models/user.rb", status: "modified" }, { path: "README.md", status: "added" }], config)).toEqual({ head: [], base: [], baseTree: false, context: [], facts: [] });
  });

  it("asks for changed migrations at head, the down of an up, and the base version of an edited or deleted migration (a new one may undo it)", () => {
    const plan = planReview(
      [
        { path: "db/migrations/002_b.up.sql", status: "added" },
        { path: "db/migrations/001_a.up.sql", status: "modified" },
        { path: "db/migrate/20240101000000_x.rb", status: "removed" },
      ],
      config,
    );
    expect(plan).toEqual({
      head: ["db/migrations/001_a.down.sql", "db/migrations/001_a.up.sql", "db/migrations/002_b.down.sql", "db/migrations/002_b.up.sql"],
      base: ["db/migrate/20240101000000_x.rb", "db/migrations/001_a.up.sql"],
      baseTree: true,
      context: [],
      facts: [],
    });
  });

  it("asks for the up of a changed down, and a Flyway undo's versioned migration by its real name", () => {
    const plan = planReview(
      [
        { path: "db/migrations/001_a.down.sql", status: "modified" },
        { path: "flyway/U3__orders.sql", status: "added" },
      ],
      config,
      ["flyway/V3__create_orders.sql", "db/migrations/001_a.up.sql", "db/migrations/001_a.down.sql"],
    );
    expect(plan.head).toEqual(["db/migrations/001_a.down.sql", "db/migrations/001_a.up.sql", "flyway/U3__orders.sql", "flyway/V3__create_orders.sql"]);
  });

  it("asks for changed schema dumps (both sides), and for the squashed migrations of an app that loses migrations", () => {
    const plan = planReview(
      [
        { path: "db/schema.rb", status: "modified" },
        { path: "shop/migrations/0001_initial.py", status: "removed" },
      ],
      config,
      ["shop/migrations/0001_initial.py", "shop/migrations/0001_squashed_0004_all.py", "blog/migrations/0001_squashed_0002_x.py"],
    );
    expect(plan).toEqual({ head: ["db/schema.rb"], base: ["db/schema.rb", "shop/migrations/0001_squashed_0004_all.py"], baseTree: true, context: [], facts: [] });
  });

  it("asks for .sql files whose layout only their content tells", () => {
    expect(planReview([{ path: "sql/V1__init.sql", status: "added" }, { path: "scripts/report.sql", status: "modified" }], config, []).head).toEqual([
      "scripts/report.sql",
      "sql/V1__init.sql",
    ]);
  });

  it("guesses companions without a base tree, and asks only for existing ones with it", () => {
    const changes = [{ path: "db/migrations/002_b.up.sql", status: "added" as const }];
    expect(planReview(changes, config).head).toEqual(["db/migrations/002_b.down.sql", "db/migrations/002_b.up.sql"]);
    expect(planReview(changes, config, ["db/migrations/001_a.up.sql"]).head).toEqual(["db/migrations/002_b.up.sql"]);
  });

  it("names the newest 10 base migrations of an added one's folder with their downs as context (the folder's down habit), no older ones", () => {
    const siblings = Array.from({ length: 12 }, (_, i) => `migrations/postgresql/2023-01-${String(i + 1).padStart(2, "0")}-000000_step/`).flatMap((dir) => [`${dir}up.sql`, `${dir}down.sql`]);
    const plan = planReview([{ path: "migrations/postgresql/2024-01-01-000000_color/up.sql", status: "added" }], { ...config, young_table: { days: 0 } }, siblings);
    expect(plan.context).toEqual(siblings.slice(4).sort());
  });

  it("names the other migrations of a changed Django app as optional context", () => {
    const plan = planReview([{ path: "shop/migrations/0003_phone.py", status: "added" }], config, [
      "shop/migrations/0001_initial.py",
      "shop/migrations/0002_price.py",
      "shop/migrations/__init__.py",
      "blog/migrations/0001_initial.py",
    ]);
    expect(plan.context).toEqual(["shop/migrations/0001_initial.py", "shop/migrations/0002_price.py"]);
  });

  it("names the base migrations of the same folder written within young_table.days before an added one as context (their tables are young)", () => {
    const plan = planReview([{ path: "db/migrations/20260410132752_flat_fee_status.up.sql", status: "added" }], config, [
      "db/migrations/20260101000000_old.up.sql",
      "db/migrations/20260224121149_charges.up.sql",
      "db/migrations/20260224121149_charges.down.sql",
      "db/migrations/20260501000000_newer.up.sql",
      "other/migrations/20260301000000_elsewhere.up.sql",
    ]);
    // charges' down too, with its up: the folder's down habit reads the downs just before an added one (sibling-downs-on-base.ts);
    // old has no down file, which the listing says already
    expect(plan.context).toEqual(["db/migrations/20260224121149_charges.down.sql", "db/migrations/20260224121149_charges.up.sql"]);
    expect(planReview([{ path: "db/migrations/20260410132752_flat_fee_status.up.sql", status: "added" }], { ...config, young_table: { days: 0 } }, ["db/migrations/20260224121149_charges.up.sql"]).context).toEqual([]);
  });
});

describe("planDeployCode: the code an application that migrates itself needs", () => {
  const goMod = { path: "go.mod", content: "module example.com/app\n\nrequire github.com/pressly/goose/v3 v3.24.0\n" };
  const listing = ["go.mod", "main.go", "internal/bootstrap/db.go", "internal/db/db_test.go", "vendor/x/y.go", "a/b/c/d/e/deep.go", "web/package.json", "web/src/app.ts"];

  it("the module's Go files as the CLI's walk reaches them (no tests, vendor, or folders deeper than four), none already read", () => {
    expect(planDeployCode(config, [goMod, { path: "main.go", content: "package main\n" }], listing)).toEqual(["internal/bootstrap/db.go"]);
  });

  it("nothing when no go.mod names a migrator, or the config decides the deploy", () => {
    expect(planDeployCode(config, [{ path: "go.mod", content: "module example.com/app\n\nrequire github.com/lib/pq v1.10.9\n" }], listing)).toEqual([]);
    expect(planDeployCode({ deploy: "online" }, [goMod], listing)).toEqual([]);
  });

  it("a Node project depending on knex: its code, shallowest first, not its build output", () => {
    const manifest = { path: "web/package.json", content: JSON.stringify({ scripts: { start: "node dist/server.js" }, dependencies: { knex: "^3.1.0" } }) };
    expect(planDeployCode(config, [manifest], ["web/package.json", "web/dist/server.js", "web/src/db/index.ts", "web/src/server.ts", "web/server.js"])).toEqual(["web/src/server.ts", "web/server.js", "web/src/db/index.ts"]);
  });

  it("a JVM module depending on Flyway: its Java files named for migrating, however deep their package, not its tests", () => {
    const pom = { path: "pom.xml", content: "<project><dependencies><dependency><artifactId>flyway-core</artifactId></dependency></dependencies></project>\n" };
    const java = ["src/main/java/edu/harvard/iq/app/flyway/StartupFlywayMigrator.java", "src/main/java/edu/harvard/iq/app/Dataset.java", "src/test/java/edu/harvard/iq/app/db/migration/MigrationIT.java"];
    expect(planDeployCode(config, [pom], ["pom.xml", ...java])).toEqual([java[0]]);
    expect(planDeployCode(config, [{ path: "pom.xml", content: "<project></project>\n" }], ["pom.xml", ...java])).toEqual([]);
  });
});
