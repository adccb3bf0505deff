/** Django migrations packages from paths alone, and the .sql files in them that are not migrations. */
import { describe, expect, it } from "@jest/globals";
import { djangoMigrationPackages, withDjangoSqlCopies } from "./django-sql-copies.js";
import { resolveConfig } from "../config.js";
import { detectByPath } from "../detect.js";

const listing = [
  "cl/search/migrations/__init__.py",
  "cl/search/migrations/0060_x.py",
  "cl/search/migrations/0060_x.sql",
  "cl/search/migrations/0060_x_customers.sql",
  "db/migrations/001_init.sql", // a SQL layout: no Django module beside it
  "legacy/migrations/0001_initial.py", // no __init__.py: Django does not load it as a migrations package
  "legacy/migrations/0001_initial.sql",
  "cl/oauth/apps.py", // a Django app whose migrations package keeps only SQL copies (of a third-party app's migrations)
  "cl/oauth/migrations/__init__.py",
  "cl/oauth/migrations/0012_add_token_checksum.sql",
  "tools/sql/__init__.py", // a Python package of SQL beside no Django app: not Django's
  "tools/sql/0001_seed.sql",
];

describe("withDjangoSqlCopies", () => {
  it("finds the folders holding __init__.py and a Django migration module, and a Django app's migrations package", () => {
    expect(djangoMigrationPackages(listing, resolveConfig({}).config)).toEqual(["cl/oauth/migrations", "cl/search/migrations"]);
  });

  it("leaves the copies out of the migrations and every other .sql file in", () => {
    const config = withDjangoSqlCopies(resolveConfig({}).config, listing);
    expect(detectByPath("cl/search/migrations/0060_x_customers.sql", config)).toBeUndefined();
    expect(detectByPath("cl/search/migrations/0060_x.py", config)).toMatchObject({ framework: "django" });
    expect(detectByPath("db/migrations/001_init.sql", config)).toBe("sql-candidate");
    expect(detectByPath("legacy/migrations/0001_initial.sql", config)).toBe("sql-candidate");
    expect(detectByPath("cl/oauth/migrations/0012_add_token_checksum.sql", config)).toBeUndefined();
  });

  it("keeps a folder `paths.sql` names a SQL layout", () => {
    const given = resolveConfig({ paths: { sql: ["cl/search/migrations/*.sql"] } }).config;
    expect(withDjangoSqlCopies(given, listing).paths.exclude).toEqual(["cl/oauth/migrations/*.sql"]);
  });
});
