/** What drift compares and what it leaves out, on schema models (no database). */
import { compareWithProduction } from "../drift.js";
import type { SchemaObject } from "../snapshot.js";

const table = (name: string, definition = ""): SchemaObject => ({ kind: "table", name: `public.${name}`, definition });
const column = (t: string, name: string, definition: string): SchemaObject => ({ kind: "column", name: `public.${t}.${name}`, parent: `public.${t}`, definition });

const MIGRATIONS: SchemaObject[] = [
  table("users"),
  column("users", "email", "text not null"),
  { kind: "extension", name: "citext", definition: "version 1.6 in schema public" },
  table("schema_migrations"),
  column("schema_migrations", "version", "bigint not null"),
];

it("leaves out the runners' bookkeeping, privileges, owners and extension versions", () => {
  const production: SchemaObject[] = [
    table("users", "privileges {app=arwdDxt/app,readonly=r/app}"),
    column("users", "email", "text not null"),
    { kind: "extension", name: "citext", definition: "version 1.5 in schema public" },
    table("schema_migrations", "privileges {app=arwdDxt/app}"),
    column("schema_migrations", "version", "character varying not null"),
    { kind: "index", name: "public.schema_migrations_pkey", parent: "public.schema_migrations", definition: "CREATE UNIQUE INDEX schema_migrations_pkey ON public.schema_migrations USING btree (version)" },
    table("ar_internal_metadata"),
  ];
  expect(compareWithProduction(production, MIGRATIONS)).toEqual([]);
});

it("reports each difference once: a whole table stands for its columns", () => {
  const production: SchemaObject[] = [
    table("users"),
    column("users", "email", "character varying(320) not null"),
    { kind: "extension", name: "citext", definition: "version 1.6 in schema public" },
    table("audit_log"),
    column("audit_log", "id", "bigint not null"),
    { kind: "extension", name: "pg_stat_statements", definition: "version 1.10 in schema public" },
  ];
  expect(compareWithProduction(production, MIGRATIONS).map((d) => [d.change, d.object.kind, d.object.name, d.production, d.migrations])).toEqual([
    ["differs", "column", "public.users.email", "character varying(320) not null", "text not null"],
    ["only in production", "extension", "pg_stat_statements", "in schema public", undefined],
    ["only in production", "table", "public.audit_log", "", undefined],
  ]);
});

it("ignores what config drift_ignore names, by name or by kind and name", () => {
  const production: SchemaObject[] = [
    ...MIGRATIONS,
    table("audit_log"),
    { kind: "extension", name: "pg_stat_statements", definition: "version 1.10 in schema public" },
    { kind: "index", name: "public.users_tmp_idx", parent: "public.users", definition: "CREATE INDEX users_tmp_idx ON public.users USING btree (email)" },
  ];
  expect(compareWithProduction(production, MIGRATIONS, ["extension pg_stat_statements", "audit_*"]).map((d) => d.object.name)).toEqual(["public.users_tmp_idx"]);
});
