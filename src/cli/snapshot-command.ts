/**
 * `migguard snapshot --database-url URL --out FILE`: the production snapshot (schema, sizes, row estimates,
 * the share of NULLs and distinct values per column; never a row's value), written as JSON that `lint`,
 * `review`, `drift` and the executor read with `--snapshot FILE` or config `snapshot: PATH`.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { takeProductionSnapshot } from "../execute/production-snapshot.js";
import { CommandFailure, UsageError } from "./usage-error.js";
import type { CommandResult } from "./lint-command.js";

export interface SnapshotCommandOptions {
  /** default: MIGGUARD_SNAPSHOT_DATABASE_URL, so the password stays out of the process list */
  databaseUrl?: string;
  out?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export async function snapshotCommand(options: SnapshotCommandOptions): Promise<CommandResult> {
  const url = options.databaseUrl ?? (options.env ?? process.env).MIGGUARD_SNAPSHOT_DATABASE_URL;
  if (!url) throw new UsageError("snapshot needs --database-url URL (or MIGGUARD_SNAPSHOT_DATABASE_URL): a read-only connection to the production database");
  if (!options.out) throw new UsageError("snapshot needs --out FILE: where to write the snapshot");
  // The snapshot reads PostgreSQL's catalogs and pg_stats; a MySQL URL would only fail later as a connection error.
  const scheme = URL.canParse(url) ? new URL(url).protocol.replace(/:$/, "") : undefined;
  if (scheme !== "postgres" && scheme !== "postgresql")
    throw new UsageError(`snapshot reads PostgreSQL only (postgres:// or postgresql:// URLs); got ${scheme ? `a ${scheme}:// URL` : "something that is not a URL"}`);
  let snapshot;
  try {
    snapshot = await takeProductionSnapshot(url);
  } catch (error) {
    throw new CommandFailure(`snapshot failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  writeFileSync(resolve(options.cwd ?? process.cwd(), options.out), `${JSON.stringify(snapshot, null, 2)}\n`);
  const hidden = snapshot.tables.filter((t) => t.statistics === "not visible").map((t) => t.name);
  const unanalyzed = snapshot.tables.filter((t) => t.statistics === "not analyzed").map((t) => t.name);
  const lines = [
    `migguard: wrote ${options.out}: PostgreSQL ${snapshot.server.version}, database ${snapshot.database}, ${snapshot.tables.length} table(s), ${snapshot.schema.length} schema object(s)`,
  ];
  if (hidden.length)
    lines.push(
      `  pg_stats did not show ${hidden.length} table(s) to this role (it shows a column only to roles that may SELECT it): ${hidden.slice(0, 10).join(", ")}${hidden.length > 10 ? ", ..." : ""}; NULL and duplicate predictions are off for them`,
    );
  if (unanalyzed.length) lines.push(`  never analyzed, so no row estimate or statistics: ${unanalyzed.slice(0, 10).join(", ")}${unanalyzed.length > 10 ? ", ..." : ""}`);
  return { output: `${lines.join("\n")}\n`, exitCode: 0 };
}
