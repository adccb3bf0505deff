/**
 * The App's fetching for review mode, against a stub of the few GitHub endpoints it calls: the base tree
 * once, missing planned files, one streamed tarball only when the code must be searched, and reviews plus
 * permissions only when regulated data is waived. Tarballs are made by the system's tar, like GitHub's.
 */
import { execFileSync } from "node:child_process";
import { createReadStream, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { defaultConfig, resolveConfig } from "../../src/engine/config.js";
import { gitBlobSha } from "../../src/review/patch-content.js";
import { reviewChange } from "../../src/review/review-change.js";
import { readTarball } from "../../src/review/tarball.js";
import type { GitHub, ReviewTarget } from "../../src/github-api/target.js";

const HEAD = "h".repeat(40);
const BASE = "b".repeat(40);

function tarball(files: Record<string, string | Buffer>, format: "pax" | "gnu" = "pax", links: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "migguard-tar-"));
  const top = `octo-shop-${HEAD.slice(0, 7)}`;
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, top, path)), { recursive: true });
    writeFileSync(join(dir, top, path), content);
  }
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, top, path)), { recursive: true });
    symlinkSync(target, join(dir, top, path));
  }
  const out = join(dir, "repo.tar.gz");
  execFileSync("tar", [`--format=${format}`, "-czf", out, "-C", dir, top]);
  return out;
}

describe("readTarball", () => {
  it.each(["pax", "gnu"] as const)("streams a %s archive, keeping only what the filter accepts, long paths included", async (format) => {
    const long = `app/${"very_long_folder_name/".repeat(8)}report.rb`;
    const file = tarball({ "app/models/user.rb": "class User\nend\n", [long]: "phone_number\n", "logo.png": Buffer.alloc(2000, 1), "empty.rb": "" }, format);
    const seen: string[] = [];
    const kept = await readTarball(createReadStream(file, { highWaterMark: 700 }), (path, size) => {
      seen.push(path);
      return path.endsWith(".rb") && size < 1000;
    });
    expect(seen.sort()).toEqual(["app/models/user.rb", "empty.rb", "logo.png", long].sort());
    expect(Object.fromEntries(kept.map((f) => [f.path, f.content.toString()]))).toEqual({ "app/models/user.rb": "class User\nend\n", [long]: "phone_number\n", "empty.rb": "" });
  });

  it("never returns a symbolic link, whatever it points to", async () => {
    const file = tarball({ "app/models/user.rb": "class User\nend\n" }, "pax", { "app/settings.yml": "../../../../etc/hostname", "app/alias.rb": "models/user.rb" });
    const seen: string[] = [];
    const kept = await readTarball(createReadStream(file), (path) => (seen.push(path), true));
    expect(kept.map((f) => f.path)).toEqual(["app/models/user.rb"]);
    expect(seen).toEqual(["app/models/user.rb"]);
  });

  it("stops at the entry the filter says so, returning what it kept and closing the download", async () => {
    const file = tarball({ "a.rb": "a\n", "b.rb": "b\n", "c.rb": "c\n" });
    const stream = createReadStream(file, { highWaterMark: 700 });
    const seen: string[] = [];
    const kept = await readTarball(stream, (path) => (seen.push(path), path === "b.rb" ? "stop" : true));
    expect(seen.sort()).toEqual(["a.rb", "b.rb"]);
    expect(kept.map((f) => f.path)).toEqual(["a.rb"]);
    expect(stream.destroyed).toBe(true);
  });

  it("fails clearly on a truncated archive", async () => {
    const file = tarball({ "a.rb": "x".repeat(5000) });
    const whole = execFileSync("gzip", ["-dc", file]);
    const cut = execFileSync("gzip", ["-c"], { input: whole.subarray(0, 2000) });
    await expect(readTarball(Readable.from([cut]), () => true)).rejects.toThrow(/ended in the middle/);
  });
});

/** Just the endpoints review mode uses, counting calls. */
function stubGitHub(repo: { base: Record<string, string>; head: Record<string, string>; reviews?: Array<{ user: string; state: string; commit_id: string }>; roles?: Record<string, string> }) {
  const calls: string[] = [];
  const content = (files: Record<string, string>, path: string) => {
    if (!(path in files)) throw Object.assign(new Error("Not Found"), { status: 404 });
    const buffer = Buffer.from(files[path]);
    return { data: { type: "file", size: buffer.length, encoding: "base64", content: buffer.toString("base64"), path } };
  };
  const octokit = {
    rest: {
      git: {
        getTree: async ({ tree_sha }: { tree_sha: string }) => {
          calls.push(`tree ${tree_sha.slice(0, 1)}`);
          return { data: { truncated: false, tree: Object.entries(repo.base).map(([path, text]) => ({ path, type: "blob", sha: gitBlobSha(text), size: Buffer.byteLength(text) })) } };
        },
      },
      repos: {
        getContent: async ({ path, ref }: { path: string; ref: string }) => {
          calls.push(`content ${ref.slice(0, 1)} ${path}`);
          return content(ref === HEAD ? repo.head : repo.base, path);
        },
        getCollaboratorPermissionLevel: async ({ username }: { username: string }) => {
          calls.push(`permission ${username}`);
          return { data: { permission: "write", role_name: repo.roles?.[username] ?? "read" } };
        },
      },
      pulls: { listReviews: "listReviews" },
    },
    paginate: async (endpoint: string) => {
      calls.push(endpoint);
      return (repo.reviews ?? []).map((r) => ({ user: { login: r.user }, state: r.state, commit_id: r.commit_id }));
    },
    request: async (route: string) => {
      calls.push("tarball");
      expect(route).toBe("GET /repos/{owner}/{repo}/tarball/{ref}");
      return { data: Readable.toWeb(createReadStream(tarball(repo.head))) };
    },
  };
  return { octokit: octokit as unknown as GitHub, calls };
}

const target: ReviewTarget = { owner: "octo", repo: "shop", pullNumber: 7, headSha: HEAD, baseSha: BASE, baseRef: "main", trigger: "test", author: "octocat" };
const dropPhone = "class DropPhoneNumber < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :phone_number, :string\n  end\nend\n";

describe("reviewChange", () => {
  const base = {
    "db/migrate/20240101000000_create_users.rb": "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n      t.string :phone_number\n    end\n  end\nend\n",
    "db/schema.rb": "ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do\nend\n",
    "app/reports/legacy.rb": "class LegacyReport\n  def rows = User.pluck(:phone_number)\nend\n",
  };

  it("fetches the tree once, the dump it must read and the code as one tarball, then names the lines that still use a dropped column", async () => {
    const head = { ...base, "db/migrate/20240201000000_drop_phone_number.rb": dropPhone };
    const { octokit, calls } = stubGitHub({ base, head });
    const { result } = await reviewChange(octokit, target, {
      changedFiles: [{ path: "db/migrate/20240201000000_drop_phone_number.rb", status: "added" }],
      config: defaultConfig(),
      have: { head: [{ path: "db/migrate/20240201000000_drop_phone_number.rb", content: dropPhone }], base: [] },
    });
    // the untouched dump is read once at head, for the real column types the fixes name (9a80ad5)
    // and the base migration written a month before the added one: its tables are young (recent-on-base.ts)
    expect(calls).toEqual(["tree b", "content h db/migrate/20240101000000_create_users.rb", "content h db/schema.rb", "tarball"]);
    expect(result.findings.find((f) => f.rule === "dropped-object-still-used")?.message).toContain("app/reports/legacy.rb:2");
    expect(result.findings.find((f) => f.rule === "schema-dump-not-updated")).toBeDefined();
  });

  it("makes no extra call when nothing is dropped and no migration changed", async () => {
    const { octokit, calls } = stubGitHub({ base, head: base });
    const { result } = await reviewChange(octokit, target, { changedFiles: [{ path: "app/reports/legacy.rb", status: "modified" }], config: defaultConfig(), have: { head: [], base: [] } });
    expect(calls).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it("fetches a changed schema dump the migrations fetch did not bring", async () => {
    const head = { ...base, "db/schema.rb": "ActiveRecord::Schema[7.1].define(version: 2024_01_01_000000) do\n  create_table \"x\"\nend\n" };
    const { octokit, calls } = stubGitHub({ base, head });
    const { result } = await reviewChange(octokit, target, { changedFiles: [{ path: "db/schema.rb", status: "modified" }], config: defaultConfig(), have: { head: [], base: [] } });
    // both sides of the dump (one dumped again in another order describes the same schema), then the base branch's
    // migrations at or below the dump's version, which tell a dump catching up with them from one that drifts
    expect(calls).toEqual(["tree b", "content h db/schema.rb", "content b db/migrate/20240101000000_create_users.rb", "content b db/schema.rb"]);
    expect(result.findings.map((f) => f.rule)).toEqual(["schema-dump-without-migration"]);
  });

  it("checks who approved a waiver of regulated data", async () => {
    const waived = dropPhone.replace("    remove_column", "    # migguard:ignore regulated-data,dropped-object-still-used retention ended, LEGAL-42\n    remove_column");
    const head = { ...base, "db/migrate/20240201000000_drop_phone_number.rb": waived, "db/schema.rb": "ActiveRecord::Schema[7.1].define(version: 2024_02_01_000000) do\nend\n" };
    const { config } = resolveConfig({ sensitive: ["users.phone_number"] });
    const options = {
      changedFiles: [
        { path: "db/migrate/20240201000000_drop_phone_number.rb", status: "added" as const },
        { path: "db/schema.rb", status: "modified" as const },
      ],
      config,
      have: { head: [{ path: "db/migrate/20240201000000_drop_phone_number.rb", content: waived }], base: [] },
    };
    const writer = stubGitHub({ base, head, reviews: [{ user: "wes", state: "APPROVED", commit_id: HEAD }], roles: { wes: "write" } });
    const pending = await reviewChange(writer.octokit, target, options);
    expect(pending.result.findings.filter((f) => f.rule === "regulated-data").map((f) => f.severity)).toEqual(["error"]);
    // the dump changes with the change's migration: its newest base migrations (DUMP_DRIFT_READS) are read for drift
    expect(writer.calls).toEqual(["tree b", "content h db/schema.rb", "content b db/migrate/20240101000000_create_users.rb", "content b db/schema.rb", "content h db/migrate/20240101000000_create_users.rb", "tarball", "listReviews", "permission wes"]);

    const maintainer = stubGitHub({ base, head, reviews: [{ user: "ana", state: "APPROVED", commit_id: HEAD }], roles: { ana: "maintain" } });
    const approved = await reviewChange(maintainer.octokit, target, options);
    expect(approved.result.findings.filter((f) => f.rule === "regulated-data")).toEqual([expect.objectContaining({ severity: "info", message: expect.stringContaining("approved by @ana") })]);
    expect(approved.approval?.decision.approved).toBe(true);
  });

  it("reads the other migrations of a changed Django app for its model state: one call each when few, the tarball when many", async () => {
    const migration = (n: number) => `from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [${n > 1 ? `("shop", "${String(n - 1).padStart(4, "0")}_m")` : ""}]\n    operations = []\n`;
    const app = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`shop/migrations/${String(i + 1).padStart(4, "0")}_m.py`, migration(i + 1)]));
    const added = (count: number) => `shop/migrations/${String(count + 1).padStart(4, "0")}_m.py`;
    for (const [count, expected] of [
      [2, ["tree b", "content h shop/migrations/0001_m.py", "content h shop/migrations/0002_m.py"]],
      [12, ["tree b", "tarball"]],
    ] as const) {
      const baseFiles = app(count);
      const head = { ...baseFiles, [added(count)]: migration(count + 1) };
      const { octokit, calls } = stubGitHub({ base: baseFiles, head });
      const { result } = await reviewChange(octokit, target, { changedFiles: [{ path: added(count), status: "added" }], config: defaultConfig(), have: { head: [{ path: added(count), content: migration(count + 1) }], base: [] } });
      expect(calls.sort()).toEqual([...expected].sort());
      expect(result.errors).toEqual([]);
    }
  });
});
