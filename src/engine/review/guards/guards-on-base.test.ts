/**
 * Existence checks decided on a base dump: each predicate against schema.rb and structure.sql, the checks the
 * dump cannot decide, and a check on an object the change touched before it.
 */
import { loadAdapters } from "../../adapters/index.js";
import { loadMysqlGrammar } from "../../adapters/sql/mysql/mysql-grammar.js";
import { parseRails } from "../../adapters/rails/test-helpers.js";
import type { ExistenceGuard } from "../../model.js";
import { dumpObjects, type DumpObjects } from "./dump-objects.js";
import { checkOnBase, onBaseDecision, skippedOnBase } from "./guards-on-base.js";

beforeAll(() => loadAdapters(["rails", "sql"]));

const SCHEMA_RB = `ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do
  create_table "orgs", force: :cascade do |t|
    t.string "name"
  end

  create_table "users", force: :cascade do |t|
    t.string "email", null: false
    t.bigint "org_id"
    t.index ["org_id", "email"], name: "index_users_on_org_id_and_email", unique: true
  end

  add_foreign_key "users", "orgs"
end
`;

const STRUCTURE_SQL = `SET statement_timeout = 0;
\\restrict abc123

CREATE TABLE public.users (
    id bigint NOT NULL,
    email character varying NOT NULL,
    org_id bigint
);

CREATE VIEW public.active_users AS
 SELECT users.id FROM public.users;

CREATE INDEX index_users_on_email ON public.users USING btree (email);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT fk_rails_1 FOREIGN KEY (org_id) REFERENCES public.orgs(id);
`;

const guard = (g: Partial<ExistenceGuard> & Pick<ExistenceGuard, "predicate" | "table">): ExistenceGuard => ({ columns: [], qualified: false, runsWhen: "missing", text: g.predicate, line: 1, ...g });

describe("checkOnBase: schema.rb", () => {
  let dump: DumpObjects;
  beforeAll(() => {
    dump = dumpObjects("db/schema.rb", "schema.rb", SCHEMA_RB)!;
  });

  it("tables and columns, each at its own line", () => {
    expect(checkOnBase(guard({ predicate: "table_exists?", table: "users" }), dump)).toEqual({ holds: true, line: 6 });
    expect(checkOnBase(guard({ predicate: "table_exists?", table: "accounts" }), dump)).toEqual({ holds: false });
    expect(checkOnBase(guard({ predicate: "column_exists?", table: "users", column: "org_id" }), dump)).toEqual({ holds: true, line: 8 });
    expect(checkOnBase(guard({ predicate: "column_exists?", table: "users", column: "nickname" }), dump)).toEqual({ holds: false, line: 6 });
  });

  it("indexes by columns and by name, foreign keys by table, column and Rails' computed name", () => {
    expect(checkOnBase(guard({ predicate: "index_exists?", table: "users", columns: ["org_id", "email"] }), dump)).toEqual({ holds: true, line: 9 });
    expect(checkOnBase(guard({ predicate: "index_exists?", table: "users", columns: ["email", "org_id"] }), dump)?.holds).toBe(false);
    expect(checkOnBase(guard({ predicate: "index_name_exists?", table: "users", name: "index_users_on_org_id_and_email" }), dump)?.holds).toBe(true);
    expect(checkOnBase(guard({ predicate: "foreign_key_exists?", table: "users", toTable: "orgs", columns: ["org_id"] }), dump)).toEqual({ holds: true, line: 12 });
    expect(checkOnBase(guard({ predicate: "foreign_key_exists?", table: "users", toTable: "accounts" }), dump)?.holds).toBe(false);
  });

  it("cannot tell: a check with more conditions than a name on an object that is there, a view schema.rb leaves out", () => {
    expect(checkOnBase(guard({ predicate: "column_exists?", table: "users", column: "email", qualified: true }), dump)).toBeUndefined();
    // a missing column is missing whatever its type
    expect(checkOnBase(guard({ predicate: "column_exists?", table: "users", column: "nickname", qualified: true }), dump)?.holds).toBe(false);
    expect(checkOnBase(guard({ predicate: "data_source_exists?", table: "active_users" }), dump)).toBeUndefined();
  });
});

describe("checkOnBase: structure.sql", () => {
  it("reads tables, views, indexes and foreign keys past psql's \\restrict line", () => {
    const dump = dumpObjects("db/structure.sql", "structure.sql", STRUCTURE_SQL)!;
    expect(dump.complete).toBe(true);
    expect(checkOnBase(guard({ predicate: "column_exists?", table: "users", column: "email" }), dump)).toEqual({ holds: true, line: 4 });
    expect(checkOnBase(guard({ predicate: "data_source_exists?", table: "active_users" }), dump)).toEqual({ holds: true, line: 10 });
    expect(checkOnBase(guard({ predicate: "data_source_exists?", table: "inactive_users" }), dump)?.holds).toBe(false);
    expect(checkOnBase(guard({ predicate: "index_name_exists?", table: "users", name: "index_users_on_email" }), dump)).toEqual({ holds: true, line: 13 });
    expect(checkOnBase(guard({ predicate: "foreign_key_exists?", table: "users", name: "fk_rails_1" }), dump)).toEqual({ holds: true, line: 15 });
  });

  it("a statement that does not parse: what is there still counts, what is missing proves nothing", () => {
    const dump = dumpObjects("db/structure.sql", "structure.sql", `${STRUCTURE_SQL}\nCREATE TABLE broken (;\n`)!;
    expect(dump.complete).toBe(false);
    expect(checkOnBase(guard({ predicate: "table_exists?", table: "users" }), dump)?.holds).toBe(true);
    expect(checkOnBase(guard({ predicate: "table_exists?", table: "broken" }), dump)).toBeUndefined();
  });
});

describe("checkOnBase: a MySQL project's dump", () => {
  it("is read with MySQL's grammar, as the migrations it describes", async () => {
    await loadMysqlGrammar();
    const mysqldump = "CREATE TABLE `users` (\n  `id` bigint NOT NULL AUTO_INCREMENT,\n  `email` varchar(255) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `index_users_on_email` (`email`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n";
    const dump = dumpObjects("db/structure.sql", "structure.sql", mysqldump, { name: "mysql" })!;
    expect(dump.complete).toBe(true);
    expect(checkOnBase(guard({ predicate: "column_exists?", table: "users", column: "email" }), dump)?.holds).toBe(true);
    // PostgreSQL's parser refuses it: nothing missing can be proved from what it read
    expect(dumpObjects("db/structure.sql", "structure.sql", mysqldump)?.complete ?? false).toBe(false);
  });
});

describe("skippedOnBase", () => {
  it("a guarded add_column whose column the base has is skipped, unless an earlier statement of the change touched the table", async () => {
    const dump = dumpObjects("db/schema.rb", "schema.rb", SCHEMA_RB)!;
    const guarded = await parseRails(`class AddEmail < ActiveRecord::Migration[7.1]
  def change
    add_column :users, :email, :string unless column_exists?(:users, :email)
  end
end
`, "db/migrate/20240201000000_add_email.rb");
    expect([...skippedOnBase([guarded], () => dump, onBaseDecision).values()].map((s) => [s.guard.text, s.onBase])).toEqual([["column_exists?(:users, :email)", { holds: true, line: 7 }]]);
    const dropFirst = await parseRails(`class DropEmail < ActiveRecord::Migration[7.1]
  def change
    remove_column :users, :email, :string
  end
end
`, "db/migrate/20240131000000_drop_email.rb");
    expect(skippedOnBase([dropFirst, guarded], () => dump, onBaseDecision).size).toBe(0);
  });
});
