/**
 * Hostile `.github/migguard.yml` (a pull request may propose one, and the App parses it on its main thread):
 * every bomb is one `invalid-config` finding, the defaults apply, and the migrations are still linted.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CommandFailure } from "../../src/cli/usage-error.js";
import { run } from "../../src/cli/main.js";
import { loadConfig } from "../../src/engine/config.js";
import { CONFIG_LIMITS } from "../../src/engine/limits.js";
import { cliProcess, lintJson, repo } from "./support/repo.js";

const MIGRATION = { "db/migrations/001_drop.sql": "DROP TABLE users;\n" };

/** The repository's config findings, and whether the migration was still linted with the defaults. */
async function lintWithConfig(config: string | Buffer) {
  const report = await lintJson(repo({ ...MIGRATION, ".github/migguard.yml": config }));
  return {
    config: report.findings.filter((f) => f.rule === "invalid-config").map((f) => f.message),
    linted: report.findings.some((f) => f.path === "db/migrations/001_drop.sql" && f.rule === "drop-table" && f.severity === "error"),
    errors: report.errors,
    exitCode: report.exitCode,
  };
}

const aliasBomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e", "f", "g", "h", "i"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`)].join("\n");

describe("config bombs", () => {
  it("an alias bomb (anchors nested 9 x 9) is an invalid-config finding; the defaults apply and the migrations are linted", async () => {
    const result = await lintWithConfig(`${aliasBomb}\nrules:\n  drop-table: off\n`);
    expect(result.config).toEqual([expect.stringContaining("a YAML alias bomb")]);
    expect(result.linted).toBe(true);
    expect(result.exitCode).toBe(1);
  });

  it("110,000 keys (a 1.3 MB config) are refused by size, not parsed", async () => {
    const result = await lintWithConfig(Array.from({ length: 110_000 }, (_, i) => `r${i}: off`).join("\n"));
    expect(result.config).toEqual([expect.stringContaining(`migguard reads configs up to ${CONFIG_LIMITS.bytes} bytes`)]);
    expect(result.linted).toBe(true);
  });

  it(`more than ${CONFIG_LIMITS.values} keys and values within the size limit are refused before the document is built`, () => {
    const text = `rules:\n${Array.from({ length: 2500 }, (_, i) => `  r${i}: off`).join("\n")}\n`;
    expect(Buffer.byteLength(text)).toBeLessThan(CONFIG_LIMITS.bytes);
    expect(loadConfig(text).problems.map((p) => p.message)).toEqual([expect.stringContaining(`more than ${CONFIG_LIMITS.values} keys and values`)]);
  });

  it("flow collections nested 10,000 deep are refused before the yaml library recurses into them", async () => {
    const result = await lintWithConfig(`rules: ${"[".repeat(10_000)}${"]".repeat(10_000)}\n`);
    expect(result.config).toEqual([expect.stringContaining(`nests more than ${CONFIG_LIMITS.depth} levels`)]);
    expect(result.linted).toBe(true);
  });

  it("a key written twice is reported on its line (one pass, not the library's pairwise check)", async () => {
    const result = await lintWithConfig("rules:\n  drop-table: off\n  drop-table: error\n");
    expect(result.config).toEqual(["Invalid config key `rules.drop-table`: the key is written twice. The whole config is set aside: every key has its default."]);
    expect(result.linted).toBe(true);
  });

  it("900 rule keys, under the limits, are read (and each unknown one reported on its line)", () => {
    const text = `rules:\n${Array.from({ length: 900 }, (_, i) => `  r${i}: off`).join("\n")}\n`;
    const { problems } = loadConfig(text, new Set(["drop-table"]));
    expect(problems).toHaveLength(900);
    expect(problems[0]).toMatchObject({ key: "rules.r0", line: 2 });
  });

  it("`__proto__` and `constructor` keys neither pollute objects nor switch rules off", async () => {
    const result = await lintWithConfig("rules:\n  __proto__:\n    drop-table: off\n  constructor: off\n");
    expect(result.linted).toBe(true);
    expect(({} as Record<string, unknown>)["drop-table"]).toBeUndefined();
  });

  it("a config that is not UTF-8 text (NUL bytes) is invalid YAML, reported, and the defaults apply", async () => {
    const result = await lintWithConfig(Buffer.from([0xff, 0xfe, 0x72, 0x00, 0x3a, 0x00]));
    expect(result.config).toHaveLength(1);
    expect(result.linted).toBe(true);
  });
});

describe("--config", () => {
  it("naming a directory is exit 2 with one clear line, no stack trace", () => {
    const root = repo(MIGRATION);
    const cli = cliProcess(["lint", "--config", "db", "db"], { cwd: root });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toBe("migguard: --config names a directory, not a file: db\n");
  });

  it("a missing file is a command failure (exit 2, one line, no usage text)", async () => {
    await expect(run(["lint", "--config", "nope.yml", "db"], { cwd: repo(MIGRATION) })).rejects.toThrow(new CommandFailure("config file not found: nope.yml"));
  });

  it("a .github/migguard.yml that is a directory is not taken for the config", async () => {
    const root = repo({ ...MIGRATION, ".github/migguard.yml/readme": "not a config" });
    const report = await lintJson(root);
    expect(report.findings.filter((f) => f.rule === "invalid-config")).toEqual([]);
    expect(report.findings.some((f) => f.rule === "drop-table")).toBe(true);
  });

  it("a config file larger than the limit is reported without being read whole", async () => {
    const root = repo(MIGRATION);
    writeFileSync(join(root, "big.yml"), Buffer.alloc(8 * 1024 * 1024, 0x20));
    const report = await lintJson(root, ["--config", "big.yml", "."]);
    expect(report.findings.filter((f) => f.rule === "invalid-config").map((f) => f.message)).toEqual([expect.stringContaining("the file is 8388608 bytes")]);
  });
});
