/**
 * The App as `npm start` runs it: `probot run` in its own process, configured only by Probot's standard
 * environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, HOST, LOG_FORMAT, GHE_HOST / GHE_PROTOCOL),
 * with Octokit's real throttling and retries. `npm start` loads the compiled dist/github/index.js; here the
 * same module is loaded from source through tsx so the test does not depend on a build.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { FakeGitHub } from "./support/fake-github.js";
import { DANGEROUS_INDEX, DANGEROUS_INDEX_PATH } from "./support/scenario.js";
import { deliver, pullRequestPayload } from "./support/webhooks.js";

const SECRET = "process-test-secret";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const logLines = (chunks: string[]) =>
  chunks
    .join("")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("probot run", () => {
  let fake: FakeGitHub;
  let child: ChildProcess;
  let origin: string;
  const stdout: string[] = [];

  beforeAll(async () => {
    fake = new FakeGitHub();
    await fake.start();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
    child = spawn(process.execPath, ["--import", "tsx", "node_modules/probot/bin/probot.js", "run", "./src/github/index.ts"], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        APP_ID: "1",
        PRIVATE_KEY: privateKey,
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
        LOG_FORMAT: "json",
        GHE_HOST: new URL(fake.url).host,
        GHE_PROTOCOL: "http",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => stdout.push(chunk.toString()));
    await waitFor(async () => ((await (await fetch(`${origin}/ping`)).text()) === "PONG" ? true : undefined), 30_000);
    // warm (parsers loaded, test database started): what a load balancer waits for before sending webhooks
    await waitFor(async () => ((await fetch(`${origin}/readyz`)).status === 200 ? true : undefined), 60_000);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await fake?.stop();
  });

  it("answers /ping and reviews a pull request delivered to the default webhook path", async () => {
    const base = fake.commit({ "README.md": "# Hello\n" });
    fake.setBranch("master", base);
    const head = fake.commit(DANGEROUS_INDEX, base);
    fake.openPull({ number: 40, baseRef: "master", head });
    const delivery = await deliver(`${origin}/api/github/webhooks`, "pull_request", pullRequestPayload(fake, "opened", fake.pulls.get(40)!), { secret: SECRET });
    // @octokit/webhooks answers 202 ("still processing") when a handler runs past 9 s, as on a loaded
    // machine; GitHub counts both as delivered, and the review goes on either way
    expect([200, 202]).toContain(delivery.status);
    const done = await waitFor(async () => logLines(stdout).find((l) => l.msg === "review done"), 60_000);
    expect(done).toMatchObject({ delivery: delivery.id, repo: "Codertocat/Hello-World", pr: 40, conclusion: "failure" });

    const [run] = fake.checkRunsFor(head);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run.annotations.some((a) => a.path === DANGEROUS_INDEX_PATH && a.start_line === 1)).toBe(true);
    expect(fake.reviews).toHaveLength(1);
    expect(fake.violations).toEqual([]);
    // every request went through the GitHub Enterprise base URL
    expect(fake.requests.length).toBeGreaterThan(0);

  });
});
