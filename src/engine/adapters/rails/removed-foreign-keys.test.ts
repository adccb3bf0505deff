import { nameRemovedForeignKeys, type KnownForeignKey } from "./removed-foreign-keys.js";

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
});
