import { defaultConfig, resolveConfig } from "../config.js";
import { isSearchableCodePath, isSearchableContent, mayHoldSearchableCode } from "./searchable.js";

describe("which files the usage search reads", () => {
  const config = defaultConfig();
  it.each([
    ["app/reports/legacy.rb", true],
    ["app/views/users/show.html.erb", true],
    ["reports/export.py", true],
    ["web/src/api.ts", true],
    ["queries/report.sql", true],
    // SQL named as a migration: an older migration's script (DSpace's, run by its Java migrations), not today's code
    ["src/main/resources/org/dspace/storage/rdbms/xmlworkflow/postgres/data_workflow_migration.sql", false],
    ["src/main/resources/rdbms/xmlworkflow/postgres/v6.0__DS-2701_data_workflow_migration.sql", false],
    ["scripts/migrate-users.sql", false],
    ["queries/immigration_report.sql", true],
    ["db/migrate/20240101000000_drop.rb", false],
    ["shop/migrations/0002_remove.py", false],
    ["db/migrations/001_x.up.sql", false],
    ["db/schema.rb", false],
    ["db/structure.sql", false],
    ["vendor/bundle/ruby/gems/x.rb", false],
    ["node_modules/pg/lib/client.js", false],
    ["public/assets/app.min.js", false],
    ["logo.png", false],
    ["README.md", false],
    [".github/migguard.yml", false],
    [".github/workflows/deploy.yml", false],
    [".gitlab-ci.yml", false],
    [".circleci/config.yml", false],
    ["config/sidekiq.yml", true],
    ["readthedocs/projects/migrations/0014_add-state-tracking.py", false],
    ["readthedocs/core/migrations/0001_squashed.py", false],
    ["db/post_migrate/20240101000000_drop.rb", false],
    ["alembic/versions/abc123_drop.py", false],
    ["sql/migrations/V2__x.sql", false],
    ["docs/guide/api.py", false],
    ["app/migration_helpers/backfill.rb", true],
    // tests fail before the merge, not production after the deploy
    ["spec/services/invoices/calculate_spec.rb", false],
    ["test/models/user_test.rb", false],
    ["shop/tests/test_orders.py", false],
    ["shop/tests.py", false],
    ["web/src/api.test.ts", false],
    ["internal/billing/invoice_test.go", false],
    ["app/services/testing_mode.rb", true],
    ["app/models/contest.rb", true],
    // the application beside plain SQL migrations, in any language, and its views
    ["backend/internal/model/app_config.go", true],
    ["src/main/java/com/shop/Order.java", true],
    ["src/main/resources/db/migration/V3__drop_legacy.sql", false],
    ["src/test/java/com/shop/OrderTest.java", false],
    ["Shop.Web/Views/Orders/Index.cshtml", true],
    ["templates/order/show.html.twig", true],
    ["web/templates/order.gohtml", true],
  ])("%s -> %s", (path, expected) => {
    expect(isSearchableCodePath(path, config)).toBe(expected);
  });

  it("skips configured schema dumps, binary and huge files", () => {
    const { config: custom } = resolveConfig({ schema_dumps: ["schema/current.sql"], max_file_bytes: 100 });
    expect(isSearchableCodePath("schema/current.sql", custom)).toBe(false);
    expect(isSearchableContent("a\u0000b", custom)).toBe(false);
    expect(isSearchableContent("x".repeat(101), custom)).toBe(false);
    expect(isSearchableContent("puts 1", custom)).toBe(true);
  });
});

describe("which folders a walk for the usage search enters", () => {
  const config = defaultConfig();
  /** file names of every kind the search reads somewhere */
  const files = ["user.rb", "models.py", "api.ts", "report.sql", "config.yml", "Order.java", "show.html.erb", "0002_x.py", "V2__x.sql", "001_x.up.sql"];

  it.each([
    "db/migrate",
    "shop/migrations",
    "shop/migrations/sub",
    "alembic/versions",
    "src/main/resources/db/migration",
    "spec/models",
    "shop/tests",
    "node_modules/pg",
    "vendor",
    "docs",
    ".github",
    "../db/migrate",
  ])("skips %s: no file under it is read", (folder) => {
    expect(mayHoldSearchableCode(folder)).toBe(false);
    for (const file of files) expect(isSearchableCodePath(`${folder}/${file}`, config)).toBe(false);
  });

  it.each(["app", "app/models", "src/main/java", "versions", "reports", "../app", "migration_helpers"])("enters %s: files under it may be read", (folder) => {
    expect(mayHoldSearchableCode(folder)).toBe(true);
    expect(files.some((file) => isSearchableCodePath(`${folder}/${file}`, config))).toBe(true);
  });

  // run inside db/migrate, the files of the folders above it are shown from there (`20240101_x.rb`, `../schema.rb`)
  it.each([".", "..", "../.."])("enters %s, which holds the working directory", (folder) => {
    expect(mayHoldSearchableCode(folder)).toBe(true);
  });
});
