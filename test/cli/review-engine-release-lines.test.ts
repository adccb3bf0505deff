/**
 * solidus (a Rails engine gem; an independent replay of issue #19) at 34b20d889f: main tags the product's releases
 * (`v4.4.0`), maintenance branches tag their patch releases (`v4.4.1` on a v4.4 branch cut at main's v4.4.0), and
 * one package of the repository tags its own (`solidus_admin/v0.3.2`, no version tag of the product). A migration main added after v4.4.0 is in no
 * release: editing it before v4.5.0 ships it is the right practice for an engine whose installations copy its
 * migrations from a released gem, so the edit is a note. Reviewed through the CLI on a small git repository.
 */
import { featureBranchOn, reviewJson } from "./support/review-repo.js";

const create = "class CreateProducts < ActiveRecord::Migration[7.0]\n  def change\n    create_table :spree_products\n  end\nend\n";
const primaryTaxon = (type: string) =>
  `class AddPrimaryTaxonToProducts < ActiveRecord::Migration[7.0]\n  def change\n    add_column :spree_products, :primary_taxon_id, :${type}\n  end\nend\n`;
const path = "core/db/migrate/20250207104016_add_primary_taxon_to_products.rb";

/** main tagged v4.4.0, a v4.4 branch tagged v4.4.1 (`maintenance`), a package tag on main (`packageTag`), then the migration on main; the pull request edits it. */
function solidusLike(options: { maintenance: string; packageTag?: string }) {
  const repo = featureBranchOn({ "core/db/migrate/20240101000000_create_products.rb": create, "solidus.gemspec": "Gem::Specification.new\n" });
  repo.git("checkout", "-q", "main");
  repo.git("tag", "v4.4.0");
  repo.git("checkout", "-q", "-b", "v4.4");
  repo.write({ "CHANGELOG.md": "4.4.1\n" }).commit("release");
  repo.git("tag", options.maintenance);
  repo.git("checkout", "-q", "main");
  if (options.packageTag) {
    repo.write({ "admin/CHANGELOG.md": "0.3.2\n" }).commit("admin release");
    repo.git("tag", options.packageTag);
  }
  repo.write({ [path]: primaryTaxon("bigint") }).commit("primary taxon");
  repo.git("checkout", "-q", "-B", "feature", "main");
  repo.write({ [path]: primaryTaxon("integer") }).commit("primary taxon: integer, as spree_taxons.id");
  return repo;
}

const edited = async (repo: ReturnType<typeof solidusLike>) => (await reviewJson(repo)).findings.filter((f) => f.rule === "edited-migration");

describe("edited-migration: release tags of an engine with maintenance branches and a package's own tags", () => {
  it("a patch release on a maintenance branch and a package's tag: the migration is in no release, a note", async () => {
    const findings = await edited(solidusLike({ maintenance: "v4.4.1", packageTag: "solidus_admin/v0.3.2" }));
    expect(findings.map((f) => [f.severity, f.message.includes("edited before any release") && f.message.includes("v4.4.0")])).toEqual([["info", true]]);
  });

  it("a higher release cut on another branch (v4.5.0 off main's v4.4.0): releases are made there, the edit is judged as released", async () => {
    const findings = await edited(solidusLike({ maintenance: "v4.5.0" }));
    expect(findings.map((f) => [f.severity, f.message.includes("before any release")])).toEqual([["error", false]]);
  });
});
