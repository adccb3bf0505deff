import { parseRails } from "./test-helpers.js";
import { nameByDefaultColumn, nameRemovedForeignKeys, type KnownForeignKey } from "./removed-foreign-keys.js";

const drop = (table: string, referencesTable: string) => ({ kind: "drop_constraint", table, referencesTable }) as { kind: string; table: string; referencesTable: string; name?: string };
const add = (table: string, referencesTable: string, name: string) => ({ kind: "add_constraint", constraint: "foreign_key", table, referencesTable, name });
const history = (keys: Record<string, KnownForeignKey[]>) => (table: string) => keys[table] ?? [];

describe("nameRemovedForeignKeys", () => {
  it("names the one key the history has from the table to the target, whatever its column", () => {
    const up = [drop("image_assets", "image_blob_revisions")];
    nameRemovedForeignKeys(up, undefined, history({ image_assets: [{ name: "fk_rails_c0f96c68da", referencesTable: "image_blob_revisions" }, { name: "fk_rails_d67eeb994a", referencesTable: "image_assets" }] }));
    expect(up[0].name).toBe("fk_rails_c0f96c68da");
  });

  it("leaves the drop unnamed when two keys reference the target (Rails takes one of them; which is not known)", () => {
    const up = [drop("image_assets", "image_assets"), drop("image_assets", "image_assets")];
    nameRemovedForeignKeys(up, undefined, history({ image_assets: [{ name: "fk_a", referencesTable: "image_assets" }, { name: "fk_b", referencesTable: "image_assets" }] }));
    expect(up.map((o) => o.name)).toEqual([undefined, undefined]);
  });

  it("a down's drop names the key its up added; an up's drop nothing shows takes the one the down adds back", () => {
    const up = [drop("image_assets", "image_blob_revisions"), add("image_assets", "image_blob_revisions", "fk_rails_c0f96c68da")];
    const down = [drop("image_assets", "image_blob_revisions"), add("image_assets", "image_blob_revisions", "fk_rails_c0f96c68da")];
    nameRemovedForeignKeys(up, down);
    expect([up[0].name, down[0].name]).toEqual(["fk_rails_c0f96c68da", "fk_rails_c0f96c68da"]);
  });

  it("names nothing when neither the history nor the migration shows the key", () => {
    const up = [drop("orders", "customers")];
    nameRemovedForeignKeys(up, [add("orders", "accounts", "fk_other")]);
    expect(up[0].name).toBeUndefined();
  });

  it("Rails 4.2 (the bare ActiveRecord::Migration) looks on the default column: the name that column gives", () => {
    const up = [drop("image_assets", "image_blob_revisions")];
    nameByDefaultColumn(up);
    expect(up[0]).toEqual({ kind: "drop_constraint", table: "image_assets", name: "fk_rails_e042843b8d" });
  });

  it.each([
    ["ActiveRecord::Migration", { name: "fk_rails_e042843b8d" }],
    ["ActiveRecord::Migration[4.2]", { referencesTable: "image_blob_revisions" }],
    ["ActiveRecord::Migration[7.1]", { referencesTable: "image_blob_revisions" }],
  ])("the adapter: a class of %s drops %j", async (superclass, dropped) => {
    const migration = await parseRails(`class DropKey < ${superclass}\n  def up\n    remove_foreign_key :image_assets, :image_blob_revisions\n  end\n\n  def down\n  end\nend\n`);
    const op = migration.up[0] as { name?: string; referencesTable?: string };
    expect({ name: op.name, referencesTable: op.referencesTable }).toEqual({ name: undefined, referencesTable: undefined, ...dropped });
  });
});
