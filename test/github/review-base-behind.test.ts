/**
 * A pull request whose branch is many migrations behind its base (Lago's branches lag 48-61 migrations): the
 * App reads every base migration newer than the one it adds, so migration-version-order can tell whether the
 * order matters, and takes them from ONE tarball of the base commit rather than a call each. Signed webhooks
 * over HTTP, the local GitHub API checking every request against GitHub's OpenAPI description; the pull
 * request's files are computed from where the branch left the base, as GitHub does.
 */
import { describe, expect, it } from "@jest/globals";
import { startScenario, type Scenario, useScenario } from "./support/scenario.js";

const rails = (klass: string, body: string) => `class ${klass} < ActiveRecord::Migration[7.1]\n  def change\n    ${body}\n  end\nend\n`;
const ADDED = "db/migrate/20240115000000_add_locale_to_users.rb";

/** 15 migrations merged into the base after the branch left it, each creating its own table */
const merged = (count: number): Record<string, string> =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => {
      const day = String(i + 1).padStart(2, "0");
      return [`db/migrate/202402${day}000000_create_ledger_${i}.rb`, rails(`CreateLedger${i}`, `create_table :ledger_${i} do |t|\n      t.bigint :amount\n    end`)];
    }),
  );

let s: Scenario | undefined;
useScenario();

/** The base: users; a branch that adds a column to users; then the base merges `later` on top. */
async function behind(later: Record<string, string>, options: { treeListingLimit?: number; more?: Record<string, string> } = {}) {
  s = await startScenario({ baseFiles: { "README.md": "# Billing\n", ...options.more, "db/migrate/20240101000000_create_users.rb": rails("CreateUsers", "create_table :users do |t|\n      t.string :email\n    end") } });
  if (options.treeListingLimit) s.fake.treeListingLimit = options.treeListingLimit;
  const left = s.base;
  const tip = s.fake.commit(later, left);
  s.fake.setBranch("master", tip);
  const head = s.openPull(70, { [ADDED]: rails("AddLocaleToUsers", "add_column :users, :locale, :string") }, { parent: left });
  const from = s.fake.requests.length;
  expect((await s.pullRequest("opened", 70)).status).toBe(200);
  const run = s.fake.checkRunsFor(head).at(-1)!;
  const calls = s.fake.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "")}`);
  return { run, calls, tip };
}

describe("a branch behind its base", () => {
  it("reads all 15 newer migrations from one base tarball: none touches users, so the order is a note", async () => {
    const { run, calls, tip } = await behind(merged(15));
    const order = run.annotations.find((a) => a.title.startsWith("migration-version-order"));
    expect(order).toMatchObject({ path: ADDED, annotation_level: "notice" });
    expect(order?.message).toContain("so the order makes no difference here");
    // the newer migrations are not the pull request's change: nothing else is reported about them
    expect(run.annotations.filter((a) => a.path !== ADDED)).toEqual([]);
    expect(calls.filter((c) => c.includes("/tarball/"))).toEqual([`GET /tarball/${tip}`]);
    // only the base migration written 14 days before the added one, at head (its tables are young: recent-on-base.ts)
    expect(calls.filter((c) => c.includes("/contents/db%2Fmigrate"))).toEqual(["GET /contents/db%2Fmigrate%2F20240101000000_create_users.rb"]);
  });

  it("warns when the 16th newer migration, past what one call each would read, touches users", async () => {
    const later = { ...merged(15), "db/migrate/20240220000000_add_phone_to_users.rb": rails("AddPhoneToUsers", 'add_column :users, :phone, :string\n    execute "UPDATE users SET phone = \'\'"') };
    const { run } = await behind(later);
    const order = run.annotations.find((a) => a.title.startsWith("migration-version-order"));
    expect(order).toMatchObject({ path: ADDED, annotation_level: "warning" });
    expect(order?.message).toContain("Both touch users");
    expect(order?.message).toContain("20240220000000");
  });

  it("lists db/migrate in full when GitHub truncates the base tree, so the newest migration is still known", async () => {
    // 40 files of app/ come first in the listing; cut at 30 entries, it holds no migration at all
    const app = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`app/models/model_${String(i).padStart(2, "0")}.rb`, "class Model < ApplicationRecord\nend\n"]));
    const later = { "db/migrate/20240220000000_add_phone_to_users.rb": rails("AddPhoneToUsers", 'add_column :users, :phone, :string\n    execute "UPDATE users SET phone = \'\'"') };
    const { run, calls, tip } = await behind(later, { treeListingLimit: 30, more: app });
    const order = run.annotations.find((a) => a.title.startsWith("migration-version-order"));
    expect(order).toMatchObject({ path: ADDED, annotation_level: "warning" });
    expect(order?.message).toContain("20240220000000");
    expect(run.output.summary).toContain("were listed in full");
    // the recursive listing, then the root, db/ and db/migrate one level at a time
    const trees = calls.filter((c) => c.startsWith("GET /git/trees/"));
    expect(trees).toContain(`GET /git/trees/${tip}`);
    expect(trees.length).toBeGreaterThanOrEqual(4);
  });

  it("asks the contents API, not a tarball, for a few newer migrations", async () => {
    const { run, calls } = await behind(merged(2));
    expect(run.annotations.find((a) => a.title.startsWith("migration-version-order"))).toMatchObject({ annotation_level: "notice" });
    expect(calls.filter((c) => c.includes("/tarball/"))).toEqual([]);
    // and the base migration written 14 days before the added one (recent-on-base.ts)
    expect(calls.filter((c) => c.includes("/contents/db%2Fmigrate"))).toHaveLength(3);
  });
});
