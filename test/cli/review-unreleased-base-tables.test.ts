/**
 * `migguard review` with release tags: a drop of a table, or of its column, that a base-branch migration created
 * after the newest version tag (joanie's 0068 drops the tables 0066 created, 0072 a column of 0071's table, all
 * before v3.0.0) loses nothing production has: no release had the table. The finding is a note that names the
 * creator and the tag, and keeps the safe fix; a table a tagged release holds keeps its severity.
 */
import { djangoApp, featureBranchOn, reviewJson } from "./support/review-repo.js";

const dir = "prisma/migrations";
const accounts = `CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);\n`;
// created, then renamed by a later base migration: its birth is followed through the rename
const drafts = `CREATE TABLE draft (id bigint PRIMARY KEY, body text NOT NULL, title text);\n`;
const renameDrafts = `ALTER TABLE draft RENAME TO drafts;\n`;
const drops = `ALTER TABLE drafts DROP COLUMN title;\nALTER TABLE accounts DROP COLUMN email;\n`;

/**
 * main: accounts (tagged v1.0.0), then drafts (`released`: and v1.1.0 after it); the branch drops a column of each, then
 * drafts. `packageTag`: a monorepo's package tag on accounts too (conbench's benchclients-2023.4.13).
 */
function repoWith(released: boolean, packageTag?: string) {
  const repo = featureBranchOn({ "README.md": "app\n", [`${dir}/migration_lock.toml`]: 'provider = "postgresql"\n', [`${dir}/20240101000000_accounts/migration.sql`]: accounts });
  repo.git("checkout", "-q", "main");
  repo.git("tag", "v1.0.0");
  if (packageTag) repo.git("tag", packageTag);
  repo.write({ [`${dir}/20240301000000_draft/migration.sql`]: drafts, [`${dir}/20240302000000_rename_draft/migration.sql`]: renameDrafts }).commit("drafts");
  if (released) repo.git("tag", "v1.1.0");
  repo.git("checkout", "-q", "-B", "feature");
  repo.write({ [`${dir}/20240305000000_drop_drafts/migration.sql`]: drops, [`${dir}/20240306000000_drop_table/migration.sql`]: "DROP TABLE drafts;\n" }).commit("drop drafts");
  return repo;
}

const dropFindings = async (released: boolean, packageTag?: string) =>
  (await reviewJson(repoWith(released, packageTag))).findings.filter((f) => f.path.startsWith(`${dir}/2024030`) && (f.rule === "drop-table" || f.rule === "drop-column"));

describe("review: a drop of a table an unreleased base migration created", () => {
  it("no version tag holds its creator: the drops of drafts' column and of drafts are notes naming it and the newest tag, the released accounts keeps its finding", async () => {
    const findings = await dropFindings(false);
    const drafts = findings.filter((f) => f.line === 1);
    expect(drafts.map((f) => [f.rule, f.line, f.severity])).toEqual([["drop-column", 1, "info"], ["drop-table", 1, "info"]]);
    for (const f of drafts) {
      expect(f.message).toContain("drafts was created by 20240301000000_draft/migration.sql after v1.0.0, the newest version tag, and no release has it yet");
      expect(f.message).toContain("If you deploy the base branch itself");
    }
    const accounts = findings.filter((f) => f.line === 2);
    expect(accounts.map((f) => f.rule)).toEqual(["drop-column"]);
    expect(accounts[0].severity).not.toBe("info");
    expect(accounts[0].message).not.toContain("newest version tag");
  });

  it("tags of several packages (a monorepo's clients-1.2.0 beside v1.0.0) say nothing of the application's releases: the drops keep their severity", async () => {
    const findings = await dropFindings(false, "clients-1.2.0");
    expect(findings.map((f) => [f.rule, f.line])).toEqual([["drop-column", 1], ["drop-column", 2], ["drop-table", 1]]);
    expect(findings.every((f) => f.severity !== "info")).toBe(true);
  });

  it("a version tag holds its creator: production may have rows, the drops keep their severity", async () => {
    const findings = await dropFindings(true);
    expect(findings.map((f) => [f.rule, f.line])).toEqual([["drop-column", 1], ["drop-column", 2], ["drop-table", 1]]);
    expect(findings.every((f) => f.severity !== "info")).toBe(true);
  });
});

const djangoInitial = `from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(name="Account", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("email", models.TextField())]),
    ]
`;
// no makemigrations header: undated, so only the release tags say the table is new
const djangoVoucher = `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]
    operations = [
        migrations.CreateModel(name="Voucher", fields=[("id", models.BigAutoField(primary_key=True, serialize=False)), ("code", models.TextField())], options={"db_table": "shop_voucher"}),
    ]
`;
const djangoRemovals = `from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0002_voucher")]
    operations = [
        migrations.RemoveField(model_name="voucher", name="code"),
        migrations.RemoveField(model_name="account", name="email"),
    ]
`;

/** Django: Account tagged v1.0.0, Voucher after it (`released`: v1.1.0 after it too); the branch removes a field of each. */
function djangoRepoWith(released: boolean) {
  const repo = featureBranchOn(djangoApp("shop", { "shop/migrations/0001_initial.py": djangoInitial }));
  repo.git("checkout", "-q", "main");
  repo.git("tag", "v1.0.0");
  repo.write({ "shop/migrations/0002_voucher.py": djangoVoucher }).commit("vouchers");
  if (released) repo.git("tag", "v1.1.0");
  repo.git("checkout", "-q", "-B", "feature");
  repo.write({ "shop/migrations/0003_remove_fields.py": djangoRemovals }).commit("remove fields");
  return repo;
}

const djangoDrops = async (released: boolean) => (await reviewJson(djangoRepoWith(released))).findings.filter((f) => f.rule === "drop-column").map((f) => [f.line, f.severity, f.message.includes("after v1.0.0, the newest version tag")]);

describe("review, Django: a removed field of a model an unreleased base migration created (joanie 0068 on 0059's joanie_voucher)", () => {
  it("no version tag holds the creator, however long ago it was written: a note; the released model's field keeps its finding", async () => {
    const [voucher, account] = await djangoDrops(false);
    expect(voucher).toEqual([7, "info", true]);
    expect(account[1]).not.toBe("info");
  });

  it("a version tag holds it: both keep their severity", async () => {
    expect((await djangoDrops(true)).every(([, severity]) => severity !== "info")).toBe(true);
  });
});
