/**
 * What each way in costs a user, run the way test/distribution runs it: a fresh clone of this repository at
 * HEAD (the committed bundle, no node_modules) and a consumer repository with one dangerous golang-migrate
 * migration. Side by side in one run, cases in turn, with a bare `node -e 0`:
 * - CLI: `node bin/migguard.js lint` of the migration, from the clone;
 * - Action: action.yml's `runs.main` on the pull request (annotations, SARIF, step outputs), from the clone;
 * - pre-commit: `pre-commit run --all-files` once its environment is installed (the first run, which clones and
 *   runs `npm install`, is timed once on its own: it depends on the registry and the npm cache).
 * The App's figure (webhook to completed check) is the `app` section's.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { consumerRepo, DANGEROUS, freshClone, HEAD, userEnv } from "../test/distribution/support/checkout.js";

interface Case {
  name: string;
  command: string[];
  env?: Record<string, string>;
  /** exit statuses that mean it ran (1: the error finding was reported) */
  ok: number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function run(c: Case, cwd: string): number {
  const started = performance.now();
  const result = spawnSync(c.command[0], c.command.slice(1), { cwd, env: userEnv(c.env), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wall = performance.now() - started;
  if (result.error || !c.ok.includes(result.status ?? -1)) throw new Error(`${c.name} failed (${result.status}): ${result.error?.message ?? `${result.stdout}${result.stderr}`.slice(-800)}`);
  return wall;
}

export function benchWays(rounds = Number(process.env.MIGGUARD_BENCH_ROUNDS ?? 9)): string[] {
  const clone = freshClone();
  const { root, base } = consumerRepo();
  const node = process.execPath;
  const outputs = join(root, "..", "outputs");
  writeFileSync(outputs, "");
  writeFileSync(`${outputs}.summary`, "");
  writeFileSync(`${outputs}.event.json`, JSON.stringify({ pull_request: { number: 1, base: { sha: base } } }));
  const manifest = parse(readFileSync(join(clone, "action.yml"), "utf8")) as { runs: { main: string } };

  const cases: Case[] = [
    { name: "node -e 0", command: [node, "-e", "0"], ok: [0] },
    { name: "CLI: migguard lint (1 file)", command: [node, join(clone, "bin", "migguard.js"), "lint", DANGEROUS], ok: [1] },
    {
      name: "Action: runs.main on the PR",
      command: [node, join(clone, manifest.runs.main)],
      env: { GITHUB_WORKSPACE: root, GITHUB_EVENT_PATH: `${outputs}.event.json`, GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: `${outputs}.summary`, "INPUT_SARIF-FILE": "migguard.sarif", "INPUT_FAIL-ON": "error" },
      ok: [1],
    },
  ];
  const lines: string[] = [];
  const preCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
  if (preCommit) {
    writeFileSync(join(root, ".pre-commit-config.yaml"), `repos:\n  - repo: ${clone}\n    rev: ${HEAD}\n    hooks:\n      - id: migguard\n`);
    const env = { PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), "migguard-bench-pre-commit-")) };
    const hook: Case = { name: "pre-commit run --all-files", command: ["pre-commit", "run", "--all-files", "--color", "never"], env, ok: [1] };
    const first = run(hook, root);
    lines.push(`pre-commit's first run (clone, npm install, npm pack, install of the tarball): ${(first / 1000).toFixed(1)} s`);
    cases.push(hook);
  } else lines.push("pre-commit is not installed: its hook is not timed (apt-get install pre-commit)");

  for (const c of cases) run(c, root); // warm the file cache
  const wall = new Map(cases.map((c) => [c.name, [] as number[]]));
  for (let round = 0; round < rounds; round++) for (const c of cases) wall.get(c.name)!.push(run(c, root));
  const width = Math.max(...cases.map((c) => c.name.length));
  const bare = median(wall.get("node -e 0")!);
  lines.unshift(`${rounds} rounds, cases in turn, from a fresh clone of HEAD (${HEAD.slice(0, 12)}); wall ms: fastest / median, and the median over node -e 0's`);
  for (const c of cases) {
    const w = wall.get(c.name)!;
    lines.push(`  ${c.name.padEnd(width)}  ${Math.min(...w).toFixed(0).padStart(5)} / ${median(w).toFixed(0).padStart(5)}   ${(median(w) / bare).toFixed(2)}x`);
  }
  return lines;
}
