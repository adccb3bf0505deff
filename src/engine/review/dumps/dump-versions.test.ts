import { loadReviewEngine } from "../review.js";
import { dumpVersions } from "./dump-versions.js";

beforeAll(() => loadReviewEngine());

describe("schema dump versions", () => {
  it("reads schema.rb's define(version:) as written, underscores and all", () => {
    const read = dumpVersions("schema.rb", "# auto-generated\n\nActiveRecord::Schema[7.1].define(version: 2024_01_01_123456) do\n  enable_extension \"plpgsql\"\nend\n");
    expect(read).toMatchObject({ newest: "20240101123456", line: 3 });
  });

  it("reads the older ActiveRecord::Schema.define form", () => {
    expect(dumpVersions("schema.rb", "ActiveRecord::Schema.define(version: 20190101000000) do\nend\n").newest).toBe("20190101000000");
  });

  it("says why when there is no version", () => {
    expect(dumpVersions("schema.rb", "puts 'hello'\n")).toMatchObject({ versions: [], problem: expect.stringContaining("define") });
    expect(dumpVersions("schema.rb", "ActiveRecord::Schema.define(version: ").problem).toBeDefined();
  });

  it("reads structure.sql's schema_migrations rows, even around lines psql would not parse", () => {
    const dump = [
      "\\restrict abc123",
      "SET statement_timeout = 0;",
      "CREATE TABLE public.users (id bigint NOT NULL);",
      "",
      'INSERT INTO "schema_migrations" (version) VALUES',
      "('20240101000000'),",
      "('20240301000000'),",
      "('20240201000000');",
      "",
      "\\unrestrict abc123",
      "",
    ].join("\n");
    expect(dumpVersions("structure.sql", dump)).toMatchObject({ versions: ["20240101000000", "20240301000000", "20240201000000"], newest: "20240301000000", line: 5 });
  });

  it("reads a structure.sql as pg_dump writes it: header comments, then \\restrict", () => {
    const dump = ["--", "-- PostgreSQL database dump", "--", "", "\\restrict 9tsaNEuyep5f0yVRZ", "", "SET statement_timeout = 0;", 'INSERT INTO "schema_migrations" (version) VALUES', "('20240101000000');", "", "\\unrestrict 9tsaNEuyep5f0yVRZ", ""].join("\n");
    expect(dumpVersions("structure.sql", dump)).toMatchObject({ versions: ["20240101000000"], line: 8 });
  });

  it("reads dbmate's schema.sql", () => {
    const dump = "CREATE TABLE public.schema_migrations (version character varying(128) NOT NULL);\n\n--\n-- Dbmate schema migrations\n--\n\nINSERT INTO public.schema_migrations (version) VALUES\n    ('20151129054053'),\n    ('20151129054054');\n";
    expect(dumpVersions("structure.sql", dump)).toMatchObject({ newest: "20151129054054", line: 7 });
  });
});
