/**
 * `npm run test:image`: what the Dockerfile does, without Docker, then the result serving for real. Catches a
 * runtime dependency left in devDependencies, a file the image forgets, a start command that breaks. The
 * Dockerfile itself is read (dockerfile-ast), so this follows it as it changes:
 *   1. the build stage in a temporary directory: its COPYs from the repository, its RUNs (its `npm ci` is
 *      the repository's node_modules, installed from the same lockfile);
 *   2. the runtime stage in another: its COPYs (from the build stage or the repository), its `npm ci`
 *      (`--omit=dev --ignore-scripts`; the cache clean after it is skipped, the npm cache is the machine's);
 *   3. its CMD with its ENV against the tests' local GitHub API: /readyz, one signed webhook for a pull
 *      request whose migrations run for real, its check with the measured lock table, the HEALTHCHECK
 *      command passing, no ExperimentalWarning on stderr;
 *   4. `npm start` there: ready, no ExperimentalWarning;
 *   5. `npm run worker` there with a throwaway Redis (when redis-server is installed): it warms its test
 *      database, says it is ready, prints no ExperimentalWarning, and stops on SIGTERM;
 *   6. `node bin/migguard.js lint --execute` there on the same migrations.
 * Exit status 0 when everything holds; the first failure is printed with the process's output.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DockerfileParser, type Copy, type Env, type Healthcheck, type Instruction, type JSONInstruction } from "dockerfile-ast";
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

function shell(command: string, cwd: string): void {
  const result = spawnSync("sh", ["-c", command], { cwd, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" }, maxBuffer: 1 << 28 });
  check(result.status === 0, `\`${command}\` failed (exit ${result.status}) in ${cwd}`, `${result.stdout}\n${result.stderr}`);
}

interface Started {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
}

/** A process in its own group (npm does not pass signals on, so the group is signalled). */
function start(argv: string[], cwd: string, env: Record<string, string>): Started {
  const child = spawn(argv[0], argv.slice(1), { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const started: Started = { child, stdout: [], stderr: [] };
  child.stdout!.on("data", (chunk) => started.stdout.push(String(chunk)));
  child.stderr!.on("data", (chunk) => started.stderr.push(String(chunk)));
  process.once("exit", () => signalGroup(child, "SIGKILL"));
  return started;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stop(started: Started): Promise<void> {
  const { child } = started;
  const exited = new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once("close", resolve)));
  signalGroup(child, "SIGTERM");
  const killer = setTimeout(() => signalGroup(child, "SIGKILL"), 30_000);
  await exited;
  clearTimeout(killer);
}

const outputOf = (started: Started) => started.stdout.join("") + started.stderr.join("");

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, started: Started): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined) return value;
    check(started.child.exitCode === null, `the process exited while waiting for ${what}`, outputOf(started));
    check(Date.now() < deadline, `timed out after ${timeoutMs} ms waiting for ${what}`, outputOf(started));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const jsonLines = (chunks: string[]) =>
  chunks
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** A stage's WORKDIR-relative paths: `/app/dist` (the build stage's WORKDIR) is `dist` in its directory. */
const inStage = (path: string) => path.replace(/^\/app\/?/, "") || ".";

interface Image {
  dir: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck?: string;
}

/** Follow the Dockerfile's two stages in temporary directories. */
function buildImage(root: string): Image {
  const [build, runtime] = splitStages(DockerfileParser.parse(readFileSync(join(ROOT, "Dockerfile"), "utf8")).getInstructions());
  const buildDir = join(root, "build");
  const dir = join(root, "app");
  for (const stageDir of [buildDir, dir]) mkdirSync(stageDir, { recursive: true });
  const copy = (instruction: Copy, into: string) => {
    const args = instruction.getArguments().map((a) => a.getValue());
    const from = instruction.getFromFlag()?.getValue();
    const destination = join(into, inStage(args.at(-1)!));
    for (const source of args.slice(0, -1)) {
      const origin = from ? join(buildDir, inStage(source)) : join(ROOT, source);
      const target = args.at(-1)!.endsWith("/") ? join(destination, source.split("/").at(-1)!) : destination;
      cpSync(origin, target, { recursive: true });
    }
  };

  let done = step("the Dockerfile's build stage");
  for (const instruction of build) {
    if (instruction.getKeyword() === "COPY") copy(instruction as Copy, buildDir);
    if (instruction.getKeyword() !== "RUN") continue;
    const command = instruction.getArgumentsContent() ?? "";
    // the same lockfile, already installed: the repository's node_modules stand in for the stage's npm ci
    if (command.startsWith("npm ci")) symlinkSync(join(ROOT, "node_modules"), join(buildDir, "node_modules"));
    else shell(command, buildDir);
  }
  done();

  done = step("the runtime stage (npm ci --omit=dev --ignore-scripts)");
  const image: Image = { dir, env: {}, cmd: [] };
  for (const instruction of runtime) {
    switch (instruction.getKeyword()) {
      case "COPY":
        copy(instruction as Copy, dir);
        break;
      case "ENV":
        for (const property of (instruction as Env).getProperties()) image.env[property.getName()] = property.getValue() ?? "";
        break;
      case "RUN": {
        // its npm ci; the cache clean after it would empty this machine's npm cache
        const command = (instruction.getArgumentsContent() ?? "").split("&&")[0].trim();
        if (command.startsWith("npm ci")) shell(`${command} --no-audit --no-fund`, dir);
        break;
      }
      case "CMD":
        image.cmd = (instruction as JSONInstruction).getJSONStrings().map((s) => s.getJSONValue());
        break;
      case "HEALTHCHECK": {
        const content = (instruction as Healthcheck).getArgumentsContent() ?? "";
        image.healthcheck = content.slice(content.indexOf("CMD ") + "CMD ".length);
        break;
      }
    }
  }
  done();
  check(image.cmd.length > 0, "the Dockerfile has no JSON-form CMD");
  return image;
}

function splitStages(instructions: Instruction[]): [Instruction[], Instruction[]] {
  const froms = instructions.flatMap((instruction, i) => (instruction.getKeyword() === "FROM" ? [i] : []));
  check(froms.length === 2, `expected a build stage and a runtime stage, the Dockerfile has ${froms.length} FROM lines`);
  return [instructions.slice(froms[0] + 1, froms[1]), instructions.slice(froms[1] + 1)];
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "migguard-image-"));
  const fake = new FakeGitHub();
  const cleanups: Array<() => Promise<void> | void> = [() => rmSync(root, { recursive: true, force: true }), () => fake.stop()];
  try {
    const image = buildImage(root);
    const { dir } = image;

    let done = step("the image's CMD: one review through the local GitHub API");
    await fake.start();
    const base = fake.commit(BASE);
    fake.setBranch("master", base);
    const head = fake.commit(LOCKS, base);
    fake.openPull({ number: 1, baseRef: "master", head });
    const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    const identity = { APP_ID: "1", PRIVATE_KEY: privateKey, GHE_HOST: new URL(fake.url).host, GHE_PROTOCOL: "http" };
    const port = await freePort();
    const web = start(image.cmd, dir, { ...image.env, ...identity, WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: "127.0.0.1", METRICS_PORT: "0" });
    cleanups.push(() => stop(web));
    const origin = `http://127.0.0.1:${port}`;
    await waitFor("/readyz", async () => ((await fetch(`${origin}/readyz`)).status === 200 ? true : undefined), 120_000, web);
    const delivery = await deliver(`${origin}/api/github/webhooks`, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(1)!), { secret: SECRET });
    check(delivery.status === 200, `the webhook was answered ${delivery.status}`, outputOf(web));
    const [checkRun] = fake.checkRunsFor(head);
    check(checkRun?.status === "completed" && checkRun.conclusion === "failure", `the check is ${checkRun?.status}/${checkRun?.conclusion}`, outputOf(web));
    const locks = lockRows(checkRun.output.summary ?? "").map(([line, , lock]) => `${line}:${lock}`);
    check(locks.join(",") === "1:SHARE,2:ACCESS EXCLUSIVE", `the check summary's lock table is [${locks.join(", ")}]`, checkRun.output.summary);
    check(fake.violations.length === 0, `requests GitHub would refuse: ${fake.violations.join("; ")}`);
    if (image.healthcheck) {
      const health = spawnSync("sh", ["-c", image.healthcheck], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH, ...image.env, PORT: String(port), METRICS_PORT: "1" } });
      check(health.status === 0, `the HEALTHCHECK command exited ${health.status}`, `${health.stdout}${health.stderr}`);
    }
    check(!web.stderr.join("").includes("ExperimentalWarning"), "the image's CMD printed an ExperimentalWarning", web.stderr.join(""));
    await stop(web);
    done();

    done = step("npm start");
    const npmPort = await freePort();
    const npmStart = start(["npm", "start"], dir, { ...identity, NODE_ENV: "production", LOG_FORMAT: "json", WEBHOOK_SECRET: SECRET, PORT: String(npmPort), HOST: "127.0.0.1" });
    cleanups.push(() => stop(npmStart));
    await waitFor("/readyz of npm start", async () => ((await fetch(`http://127.0.0.1:${npmPort}/readyz`)).status === 200 ? true : undefined), 120_000, npmStart);
    check(!npmStart.stderr.join("").includes("ExperimentalWarning"), "npm start printed an ExperimentalWarning", npmStart.stderr.join(""));
    await stop(npmStart);
    done();

    if (redisServerBinary()) {
      done = step("npm run worker with a Redis: ready, warm, stops on SIGTERM");
      const redis = await startRedis();
      cleanups.push(() => redis.stop());
      const worker = start(["npm", "run", "worker"], dir, { ...identity, LOG_FORMAT: "json", REDIS_URL: redis.url, METRICS_PORT: "0", HOST: "127.0.0.1" });
      const ready = await waitFor("the worker's ready line", () => jsonLines(worker.stdout).find((l) => l.msg === "worker ready"), 120_000, worker);
      check(typeof ready.database === "string" && ready.database.startsWith("PGlite"), `the worker's test database: ${String(ready.database)}`);
      await stop(worker);
      check(jsonLines(worker.stdout).some((l) => l.msg === "worker stopped"), "the worker did not stop gracefully", outputOf(worker));
      check(!worker.stderr.join("").includes("ExperimentalWarning"), "npm run worker printed an ExperimentalWarning", worker.stderr.join(""));
      done();
    } else {
      process.stdout.write("- npm run worker: skipped, redis-server is not installed\n");
    }

    done = step("bin/migguard.js lint --execute");
    const project = join(root, "project");
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
