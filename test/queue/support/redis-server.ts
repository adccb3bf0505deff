/**
 * A real Redis for the queue tests and the bench: the Debian package's `redis-server` binary, started on a
 * free localhost port with a temporary directory and no persistence, stopped (and the directory removed)
 * afterwards. `npm test` installs the package when it is missing and it can (scripts/test-services.sh, as
 * .ci/run does); where it cannot (no root, no sudo), the queue suites are skipped with a warning.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export function redisServerBinary(): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // refused connections while Redis starts are expected: handled by the catch below
  client.on("error", () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A child that must not outlive this process, even when a test or the bench fails before stopping it. */
export function killOnExit(child: ChildProcess): void {
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  child.once("exit", () => process.removeListener("exit", kill));
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

export async function startRedis(): Promise<RunningRedis> {
  const binary = redisServerBinary();
  if (!binary) throw new Error("redis-server is not installed: apt-get install -y redis-server (CI installs it in .ci/run)");
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), "migguard-redis-"));
    const port = await freePort();
    const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"], { stdio: ["ignore", "pipe", "pipe"] });
    killOnExit(child);
    const output: string[] = [];
    child.stdout!.on("data", (chunk) => output.push(String(chunk)));
    child.stderr!.on("data", (chunk) => output.push(String(chunk)));
    const url = `redis://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    let up = false;
    while (!up && child.exitCode === null && Date.now() < deadline) {
      up = await answersPing(url);
      if (!up) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited(child);
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    };
    if (up) return { url, port, stop };
    await stop();
    // another process took the port between our probe and Redis' bind: try another one
    if (attempt >= 3) throw new Error(`redis-server did not start on port ${port}: ${output.join("").trim().slice(0, 500)}`);
  }
}
