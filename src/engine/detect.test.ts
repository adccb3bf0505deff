import { defaultConfig } from "./config.js";
import { detectByPath } from "./detect.js";

describe("Rails migration folders", () => {
  it.each([
    ["db/migrate/20240101000000_add_users.rb", "rails"],
    ["db/post_migrate/20240101000000_backfill_users.rb", "rails"],
    ["db/cache_migrate/20240101000000_create_entries.rb", "rails"],
    // clickhouse-activerecord's folder (Lago): ClickHouse SQL with its own version table, not a database migguard reviews
    ["db/clickhouse_migrate/20240101000000_create_events_raw.rb", undefined],
    ["engines/billing/db/clickhouse_migrate/20240101000000_create_events_raw.rb", undefined],
    ["db/clickhouse_migrate/cloud/02_events_enriched.sql", undefined],
  ])("%s: %s", (path, framework) => {
    const file = detectByPath(path, defaultConfig());
    expect(file === undefined ? undefined : file === "sql-candidate" ? "sql" : file.framework).toBe(framework);
  });

  it("reads a ClickHouse folder the config names under paths.rails", () => {
    const config = { ...defaultConfig(), paths: { ...defaultConfig().paths, rails: ["db/clickhouse_migrate/**"] } };
    const file = detectByPath("db/clickhouse_migrate/20240101000000_create_events_raw.rb", config);
    expect(file !== undefined && file !== "sql-candidate" && file.framework).toBe("rails");
  });
});

describe("Django migration names", () => {
  it.each([
    ["app/migrations/0002_add_field.py", "django"],
    // Django's loader takes any module name without a dot: kerrokantasi's 0029 holds spaces
    ["democracy/migrations/0029_add django-parler fields.py", "django"],
    ["app/migrations/0003_rename.orig.py", undefined],
  ])("%s: %s", (path, framework) => {
    const file = detectByPath(path, defaultConfig());
    expect(file === undefined ? undefined : file === "sql-candidate" ? "sql" : file.framework).toBe(framework);
  });
});

describe("migrations folders of test fixtures", () => {
  it.each([
    ["oryx/popx/stub/migrations/transactional/20190100000001000000_identities.up.sql", undefined],
    ["internal/store/testdata/migrations/001_users.up.sql", undefined],
    ["spec/fixtures/db/migrate/20240101000000_add_users.rb", undefined],
    ["persistence/sql/migrations/sql/20190100000001000000_identities.up.sql", "sql"],
  ])("%s: %s", (path, framework) => {
    const file = detectByPath(path, defaultConfig());
    expect(file === undefined ? undefined : file === "sql-candidate" ? "sql" : file.framework).toBe(framework);
  });

  it("reads one the config names, or the command line", () => {
    const path = "oryx/popx/stub/migrations/transactional/20190100000001000000_identities.up.sql";
    const config = { ...defaultConfig(), paths: { ...defaultConfig().paths, sql: ["oryx/popx/stub/migrations/transactional"] } };
    expect(detectByPath(path, config)).toMatchObject({ framework: "sql", version: "20190100000001000000" });
    expect(detectByPath(path, defaultConfig(), { explicit: true })).toMatchObject({ framework: "sql" });
  });
});
