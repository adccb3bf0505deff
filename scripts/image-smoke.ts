/**
 * `npm run test:image`: what the Dockerfile does, without Docker, then the result serving for real. Catches a
 * runtime dependency left in devDependencies, a file the image forgets, a start command that breaks.
 *   1. build dist/ (the image's build stage);
 *   2. in a temporary directory: package.json + package-lock.json, `npm ci --omit=dev --ignore-scripts`, then
 *      dist/, bin/ and app.yml copied in (the image's runtime stage);
 *   3. `npm start` there (in-process reviews) against the tests' local GitHub API: /readyz, then one signed
 *      webhook for a pull request whose migrations run for real, and its check with the measured lock table;
 *      no ExperimentalWarning on stderr;
 *   4. `npm run worker` there with a throwaway Redis (when redis-server is installed): it starts, warms its
 *      test database, says it is ready, prints no ExperimentalWarning, and stops on SIGTERM;
 *   5. `node bin/migguard.js lint --execute` there on the same migrations.
 * Exit status 0 when everything holds; the first failure is printed with the process's output.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FakeGitHub } from "../test/github/support/fake-github.js";
import { deliver, pullRequestPayload } from "../test/github/support/webhooks.js";
import { freePort, redisServerBinary, startRedis } from "../test/queue/support/redis-server.js";
import { BASE, LOCKS, LOCKS_UP, lockRows } from "../test/support/readme-prs.js";

const ROOT = join(import.meta.dirname, "..");
const SECRET = "image-smoke-secret";

class SmokeFailure extends Error {}

function check(condition: unknown, what: string, output = ""): asserts condition {
  if (!condition) throw new SmokeFailure(`${what}${output ? `\n--- output ---\n${output.slice(-4000)}` : ""}`);
}

function step(title: string): () => void {
  const began = performance.now();
  process.stdout.write(`- ${title} ... `);
  return () => process.stdout.write(`ok (${((performance.now() - began) / 1000).toFixed(1)} s)\n`);
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" }, maxBuffer: 1 << 28 });
  check(result.status === 0, `${command} ${args.join(" ")} failed (exit ${result.status})`, `${result.stdout}\n${result.stderr}`);
}

interface Started {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
}

/** npm in its own process group: npm does not pass signals on, so the group is signalled. */
function startNpm(args: string[], cwd: string, env: Record<string, string>): Started {
  const child = spawn("npm", args, { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const started: Started = { child, stdout: [], stderr: [] };
  child.stdout!.on("data", (chunk) => started.stdout.push(String(chunk)));
  child.stderr!.on("data", (chunk) => started.stderr.push(String(chunk)));
  process.once("exit", () => stopGroup(child, "SIGKILL"));
  return started;
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stop(started: Started): Promise<void> {
  const { child } = started;
  const exited = new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once("close", resolve)));
  stopGroup(child, "SIGTERM");
  const killer = setTimeout(() => stopGroup(child, "SIGKILL"), 30_000);
  await exited;
  clearTimeout(killer);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, started?: Started): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined) return value;
    check(!started || started.child.exitCode === null, `the process exited while waiting for ${what}`, started ? started.stdout.join("") + started.stderr.join("") : "");
    check(Date.now() < deadline, `timed out after ${timeoutMs} ms waiting for ${what}`, started ? started.stdout.join("") + started.stderr.join("") : "");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const jsonLines = (chunks: string[]) =>
  chunks
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "migguard-image-"));
  const fake = new FakeGitHub();
  const cleanups: Array<() => Promise<void> | void> = [() => rmSync(dir, { recursive: true, force: true }), () => fake.stop()];
  try {
    let done = step("build dist/ (npm run build)");
    run("npm", ["run", "build", "--silent"], ROOT);
    done();

    done = step(`production install in ${dir} (npm ci --omit=dev --ignore-scripts)`);
    for (const file of ["package.json", "package-lock.json"]) cpSync(join(ROOT, file), join(dir, file));
    run("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], dir);
    for (const path of ["dist", "bin", "app.yml"]) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
    done();

    done = step("npm start, one review through the local GitHub API");
    await fake.start();
    const base = fake.commit(BASE);
    fake.setBranch("master", base);
    const head = fake.commit(LOCKS, base);
    fake.openPull({ number: 1, baseRef: "master", head });
    const port = await freePort();
    const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    const identity = { APP_ID: "1", PRIVATE_KEY: privateKey, GHE_HOST: new URL(fake.url).host, GHE_PROTOCOL: "http", LOG_FORMAT: "json", NODE_ENV: "production" };
    const web = startNpm(["start"], dir, { ...identity, WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: "127.0.0.1" });
    cleanups.push(() => stop(web));
    const origin = `http://127.0.0.1:${port}`;
    await waitFor("/readyz", async () => ((await fetch(`${origin}/readyz`)).status === 200 ? true : undefined), 120_000, web);
    const delivery = await deliver(`${origin}/api/github/webhooks`, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(1)!), { secret: SECRET });
    check(delivery.status === 200, `the webhook was answered ${delivery.status}`, web.stdout.join("") + web.stderr.join(""));
    const [checkRun] = fake.checkRunsFor(head);
    check(checkRun?.status === "completed" && checkRun.conclusion === "failure", `the check is ${checkRun?.status}/${checkRun?.conclusion}`, web.stdout.join(""));
    const locks = lockRows(checkRun.output.summary ?? "").map(([line, , lock]) => `${line}:${lock}`);
    check(locks.join(",") === "1:SHARE,2:ACCESS EXCLUSIVE", `the check summary's lock table is [${locks.join(", ")}]`, checkRun.output.summary);
    check(fake.violations.length === 0, `requests GitHub would refuse: ${fake.violations.join("; ")}`);
    check(!web.stderr.join("").includes("ExperimentalWarning"), "npm start printed an ExperimentalWarning", web.stderr.join(""));
    await stop(web);
    done();

    if (redisServerBinary()) {
      done = step("npm run worker with a Redis: ready, warm, stops on SIGTERM");
      const redis = await startRedis();
      cleanups.push(() => redis.stop());
      const worker = startNpm(["run", "worker"], dir, { ...identity, REDIS_URL: redis.url, METRICS_PORT: "0", HOST: "127.0.0.1" });
      const ready = await waitFor("the worker's ready line", () => jsonLines(worker.stdout).find((l) => l.msg === "worker ready"), 120_000, worker);
      check(typeof ready.database === "string" && ready.database.startsWith("PGlite"), `the worker's test database: ${String(ready.database)}`);
      await stop(worker);
      check(jsonLines(worker.stdout).some((l) => l.msg === "worker stopped"), "the worker did not stop gracefully", worker.stdout.join(""));
      check(!worker.stderr.join("").includes("ExperimentalWarning"), "npm run worker printed an ExperimentalWarning", worker.stderr.join(""));
      done();
    } else {
      process.stdout.write("- npm run worker: skipped, redis-server is not installed\n");
    }

    done = step("bin/migguard.js lint --execute");
    const project = join(dir, "project");
    for (const [path, content] of Object.entries({ ...BASE, ...LOCKS })) {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), content);
    }
    const cli = spawnSync(process.execPath, [join(dir, "bin", "migguard.js"), "lint", "--execute", LOCKS_UP], { cwd: project, encoding: "utf8", env: { PATH: process.env.PATH } });
    check(cli.status === 1, `the CLI exited ${cli.status}`, `${cli.stdout}\n${cli.stderr}`);
    check(cli.stdout.includes(`locks taken by ${LOCKS_UP}:`) && /ACCESS EXCLUSIVE/.test(cli.stdout), "the CLI printed no lock table", cli.stdout);
    check(!cli.stderr.includes("ExperimentalWarning"), "the CLI printed an ExperimentalWarning", cli.stderr);
    done();
    process.stdout.write("image smoke test passed\n");
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write("FAILED\n");
    process.stderr.write(`${error instanceof SmokeFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
