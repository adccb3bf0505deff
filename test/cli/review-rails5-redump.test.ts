/**
 * A structure.sql dumped again after a Rails upgrade, with no migration (panoptes 2357a864d0, "update sql schema post
 * rails 5 upgrade"): Rails 5 adds its own ar_internal_metadata table and writes the schema_migrations rows as one
 * INSERT, a newer pg_dump its own session settings. The dump still defines what the migrations build: a note, not
 * a dump out of line with the migrations, through `migguard review`.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const MIGRATIONS = {
  "db/migrate/20150210025312_create_users.rb": "class CreateUsers < ActiveRecord::Migration\n  def change\n    create_table :users do |t|\n      t.string :email\n    end\n  end\nend\n",
  "db/migrate/20150216192914_add_index_to_users_email.rb": "class AddIndexToUsersEmail < ActiveRecord::Migration\n  def change\n    add_index :users, :email\n  end\nend\n",
};
const TABLES = "CREATE TABLE public.users (\n    id integer NOT NULL,\n    email character varying\n);\n\n";
const INDEX = "CREATE INDEX index_users_on_email ON public.users USING btree (email);\n\n";
const RAILS4 = `SET statement_timeout = 0;\nSET default_with_oids = false;\n\n${TABLES}${INDEX}SET search_path TO "$user", public;\n\nINSERT INTO schema_migrations (version) VALUES ('20150210025312');\n\nINSERT INTO schema_migrations (version) VALUES ('20150216192914');\n\n`;
const rails5 = (versions: string[]) =>
  `SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\n\nCREATE TABLE public.ar_internal_metadata (\n    key character varying NOT NULL,\n    value character varying,\n    created_at timestamp without time zone NOT NULL,\n    updated_at timestamp without time zone NOT NULL\n);\n\n${TABLES}ALTER TABLE ONLY public.ar_internal_metadata\n    ADD CONSTRAINT ar_internal_metadata_pkey PRIMARY KEY (key);\n\n${INDEX}SET search_path TO "$user", public;\n\nINSERT INTO "schema_migrations" (version) VALUES\n${versions.map((v) => `('${v}')`).join(",\n")};\n\n`;
const BASE = {
  Gemfile: 'source "https://rubygems.org"\ngem "rails", "~> 5.0"\ngem "pg"\n',
  "config/database.yml": "production:\n  adapter: postgresql\n",
  ...MIGRATIONS,
  "db/structure.sql": RAILS4,
};

describe("review: structure.sql dumped again by Rails 5 without a migration (panoptes 2357a864d0)", () => {
  it("ar_internal_metadata added, the versions in one INSERT, newer pg_dump settings: a note naming what changed, and the check passes", async () => {
    const repo = featureBranchOn(BASE);
    repo.write({ "db/structure.sql": rails5(["20150210025312", "20150216192914"]) }).commit("update sql schema post rails 5 upgrade");
    const { findings, exitCode } = await reviewJson(repo);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    const notes = findings.filter((f) => f.rule === "schema-dump-without-migration");
    expect(notes.map((f) => f.severity)).toEqual(["info"]);
    expect(notes[0].message).toContain("ar_internal_metadata");
    expect(notes[0].message).toContain("the way the schema_migrations rows are written");
    expect(exitCode).toBe(0);
  });

  it("the same re-dump with an index no migration makes: still a dump without its migration", async () => {
    const repo = featureBranchOn(BASE);
    const extra = "CREATE INDEX index_users_on_id ON public.users USING btree (id);\n\n";
    repo.write({ "db/structure.sql": rails5(["20150210025312", "20150216192914"]).replace(INDEX, `${INDEX}${extra}`) }).commit("re-dump");
    const { findings } = await reviewJson(repo);
    expect(findings.filter((f) => f.rule === "schema-dump-without-migration").map((f) => f.severity)).toEqual(["warning"]);
  });
});
