/** RuboCop's directives for its Rails migration cops: the lines each form disables, and only the cops migguard maps. */
import { RUBOCOP_RULES, rubocopWaivers, type RubyComment } from "./rubocop-waivers.js";
import { RULES } from "../rules/index.js";

const c = (line: number, text: string, trailing = false): RubyComment => ({ line, text, trailing });

describe("RuboCop waivers", () => {
  it("maps every cop to migguard rules that exist", () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    expect(Object.values(RUBOCOP_RULES).flat().filter((id) => !ids.has(id))).toEqual([]);
  });

  it("a trailing disable covers its own line; todo is disable; a remark after -- is not a cop", () => {
    expect(rubocopWaivers([c(3, "# rubocop:disable Rails/ReversibleMigration", true)], 5)).toEqual([
      { line: 3, endLine: 3, rules: ["irreversible-migration"], reason: "", wholeFile: false, peer: "rubocop:disable Rails/ReversibleMigration" },
    ]);
    expect(rubocopWaivers([c(4, "# rubocop:todo Rails/ReversibleMigration -- retired table", true)], 9)).toMatchObject([{ line: 4, endLine: 4, peer: "rubocop:todo Rails/ReversibleMigration" }]);
  });

  it("an own-line disable lasts to its enable (or the file's end); all and the Rails department cover every mapped cop", () => {
    const block = rubocopWaivers([c(3, "# rubocop:disable Rails/ReversibleMigration, Rails/BulkChangeTable"), c(7, "# rubocop:enable Rails/ReversibleMigration")], 20);
    expect(block).toMatchObject([{ line: 3, endLine: 7, rules: ["irreversible-migration"] }]);
    expect(rubocopWaivers([c(2, "# rubocop:disable Rails")], 12)).toMatchObject([{ line: 2, endLine: 12, rules: ["irreversible-migration", "required-column-without-default"] }]);
    expect(rubocopWaivers([c(2, "# rubocop:disable all"), c(5, "# rubocop:enable all")], 12)).toMatchObject([{ line: 2, endLine: 5 }]);
  });

  it("cops of other hazards, and comments that only mention a directive, cover nothing", () => {
    expect(rubocopWaivers([c(3, "# rubocop:disable Rails/BulkChangeTable, Layout/LineLength", true)], 5)).toEqual([]);
    expect(rubocopWaivers([c(3, "# see rubocop:disable Rails/ReversibleMigration in the wiki")], 5)).toEqual([]);
  });
});
