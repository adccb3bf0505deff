/**
 * A throwaway MariaDB server for tests: Debian's mariadb-server binaries, `mariadb-install-db` into a temporary
 * data directory, `mariadbd` on a free localhost port and a socket in that directory, root without a password,
 * settings for speed (no binary log, no doublewrite, a small buffer pool). As root, the server runs as root
 * (`--user=root`); `stop()` shuts it down and removes everything.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LocalMariadb {
  url: string;
  version: string;
  logPath: string;
  stop(): Promise<void>;
}

const SERVER_PATHS = ["/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/sbin/mysqld"];
const INSTALL_PATHS = ["/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"];

/** The server and installer binaries, or undefined when mariadb-server is not installed. */
export function mariadbBinaries(): { server: string; install: string } | undefined {
  const server = SERVER_PATHS.find((p) => existsSync(p));
  const install = INSTALL_PATHS.find((p) => existsSync(p));
  return server && install ? { server, install } : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startLocalMariadb(): Promise<LocalMariadb> {
  const binaries = mariadbBinaries();
  if (!binaries) throw new Error("MariaDB server binaries not found (apt-get install mariadb-server)");
  const root = mkdtempSync(join(tmpdir(), "migguard-mariadb-"));
  const data = join(root, "data");
  const user = process.getuid?.() === 0 ? ["--user=root"] : [];
  execFileSync(binaries.install, ["--no-defaults", `--datadir=${data}`, ...user, "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"], { stdio: "pipe" });
  const port = await freePort();
  const logPath = join(root, "server.log");
  const socket = join(root, "mysqld.sock");
  const child: ChildProcess = spawn(
    binaries.server,
    [
      "--no-defaults",
      `--datadir=${data}`,
      ...user,
      `--port=${port}`,
      "--bind-address=127.0.0.1",
      `--socket=${socket}`,
      `--pid-file=${join(root, "mysqld.pid")}`,
      `--log-error=${logPath}`,
      "--skip-log-bin",
      "--skip-name-resolve",
      "--performance-schema=0",
      "--innodb-buffer-pool-size=32M",
      "--innodb-log-file-size=16M",
      "--innodb-flush-log-at-trx-commit=0",
      "--innodb-doublewrite=0",
    ],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const version = execFileSync(binaries.server, ["--version"], { encoding: "utf8" }).trim();
  // ready when the log says so (mariadbd has no --wait); give up after 60 s on a busy machine
  const began = Date.now();
  for (;;) {
    const log = existsSync(logPath) ? readFileSync(logPath, "utf8") : "";
    if (/ready for connections/.test(log)) break;
    if (child.exitCode !== null || Date.now() - began > 60_000) {
      child.kill("SIGKILL");
      rmSync(root, { recursive: true, force: true });
      throw new Error(`mariadbd did not start: ${log.split("\n").slice(-5).join(" | ")}`);
    }
    await sleep(100);
  }
  return {
    url: `mysql://root@127.0.0.1:${port}/`,
    version,
    logPath,
    async stop() {
      try {
        if (child.exitCode === null) {
          child.kill("SIGTERM");
          const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
          await exited;
          clearTimeout(killer);
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
