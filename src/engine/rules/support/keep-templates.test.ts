import { beforeAll, describe, expect, it } from "@jest/globals";
import { loadPgParser } from "../../adapters/sql/pg-parser.js";
import { detectFile } from "../../detect.js";
import { keepTemplates, templatedNames } from "./keep-templates.js";

beforeAll(() => loadPgParser());

const RIVER = "ALTER TABLE /* TEMPLATE: schema */river_job ALTER COLUMN tags SET DEFAULT '{}';\nDROP TABLE /* TEMPLATE: schema */river_client;\nSELECT public.other;";

describe("rivermigrate's schema markers in fixes", () => {
  it("collects the names written behind a marker, not the qualified or bare ones", () => {
    expect([...templatedNames([RIVER])]).toEqual([
      ["river_job", "/* TEMPLATE: schema */"],
      ["river_client", "/* TEMPLATE: schema */"],
    ]);
  });

  it("puts the marker back before bare names, in statements and in statements a comment shows to run by hand", () => {
    const names = templatedNames([RIVER]);
    expect(keepTemplates("ALTER TABLE river_job VALIDATE CONSTRAINT c;\n--   CREATE INDEX CONCURRENTLY i ON river_job (kind);", names)).toBe(
      "ALTER TABLE /* TEMPLATE: schema */river_job VALIDATE CONSTRAINT c;\n--   CREATE INDEX CONCURRENTLY i ON /* TEMPLATE: schema */river_job (kind);",
    );
  });

  it("leaves names already marked or qualified, a RENAME TO's new name, strings and prose comments alone", () => {
    const names = templatedNames([RIVER]);
    const fix = [
      "ALTER TABLE /* TEMPLATE: schema */river_job ADD COLUMN x int;",
      "ALTER TABLE river_client RENAME TO river_job;",
      "SELECT 'river_job', s.river_job FROM s;",
      "-- 1. Remove every use of river_client from the application and deploy.",
    ].join("\n");
    expect(keepTemplates(fix, names)).toBe(fix.replace("ALTER TABLE river_client", "ALTER TABLE /* TEMPLATE: schema */river_client"));
  });

  it("never qualifies a name PostgreSQL refuses qualified: the new index of a CREATE INDEX, a constraint, USING INDEX's index (River's 006 drops river_job_unique_idx through the marker)", () => {
    const names = templatedNames(["DROP INDEX /* TEMPLATE: schema */river_job_unique_idx;\nALTER TABLE /* TEMPLATE: schema */river_job DROP CONSTRAINT /* TEMPLATE: schema */river_job_unique_idx;"]);
    const fix = "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS river_job_unique_idx ON river_job (unique_key);\nALTER TABLE river_job ADD CONSTRAINT river_job_unique_idx UNIQUE USING INDEX river_job_unique_idx;";
    expect(keepTemplates(fix, names)).toBe(
      "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS river_job_unique_idx ON /* TEMPLATE: schema */river_job (unique_key);\nALTER TABLE /* TEMPLATE: schema */river_job ADD CONSTRAINT river_job_unique_idx UNIQUE USING INDEX river_job_unique_idx;",
    );
  });

  it("changes nothing without markers in the migration", () => {
    expect(keepTemplates("ALTER TABLE river_job ADD COLUMN x int;", templatedNames(["ALTER TABLE river_job ADD x int;"]))).toBe("ALTER TABLE river_job ADD COLUMN x int;");
  });
});

describe("rivermigrate detection", () => {
  it("River's own migration lines by their folder, its copies elsewhere by the markers", () => {
    expect(detectFile("riverdriver/riverpgxv5/migration/main/002_initial_schema.up.sql", "CREATE TABLE t (id int);")?.layout).toBe("rivermigrate");
    expect(detectFile("db/migration/main/005_x.up.sql", "ALTER TABLE /* TEMPLATE: schema */river_job ADD x int;")?.layout).toBe("rivermigrate");
  });

  it("golang-migrate files without River's markers stay golang-migrate (a project that requires river runs its own migrations with its own tool)", () => {
    expect(detectFile("db/migrations/000005_x.up.sql", "ALTER TABLE river_job ADD x int; /* TEMPLATE is a word here */")?.layout).toBe("golang-migrate");
  });
});
