/**
 * The order a migration runner applies a folder's migrations in, and so which migrations run before a given
 * one: what a database must have applied to hold the schema that migration expects. Pure: works from
 * detected files (paths, plus content where the layout needs it), so the App can plan what to fetch.
 */
import type { Config } from "./config.js";
import { detectByPath, type DetectedFile } from "./detect.js";
import { baseOf, dirOf } from "./paths.js";
import { railsMigrationsPath } from "./rails-migrations-path.js";

/** A folder per migration holding its `migration.sql` (Prisma's and drizzle-kit 1.0's `<version>_<name>/migration.sql`). */
export const migrationSqlPerFolder = (file: Pick<DetectedFile, "layout" | "path">): boolean => file.layout === "prisma" || (file.layout === "drizzle" && baseOf(file.path) === "migration.sql");

/** Layouts with one folder per migration (diesel's `<version>_<name>/up.sql`, and migrationSqlPerFolder's). */
const perMigrationFolder = (file: DetectedFile) => migrationSqlPerFolder(file) || /(?:^|\/)(?:up|down)\.sql$/.test(file.path);

/**
 * Migrations that share one history (one schema_migrations table): the same folder (for Rails, its migrations path
 * with every folder below it), or the folder above per-migration folders.
 */
export function migrationSet(file: DetectedFile): string {
  const dir = (file.layout === "rails" ? railsMigrationsPath(file.path) : undefined) ?? dirOf(file.path);
  if (file.layout === "sqitch") return `${file.layout}:${file.key.slice(0, file.key.length - (file.name?.length ?? 0))}`;
  return `${file.layout}:${perMigrationFolder(file) ? dirOf(dir) : dir}`;
}

/** Files a runner applies as a migration of its own (not a down, a verify script or a Flyway repeatable). */
export const isAppliedMigration = (file: DetectedFile): boolean => file.role === "up" || file.role === "combined";

type KeyPart = bigint | string;

const digits = (text: string | undefined): bigint | undefined => (text !== undefined && /^\d+$/.test(text) ? BigInt(text) : undefined);

/**
 * The runner's sort key. golang-migrate, goose, dbmate, Rails and Django compare numeric versions; Flyway compares
 * dotted versions part by part; diesel and Prisma sort their folder names, Atlas its file names; Liquibase `includeAll` sorts paths.
 */
export function orderKey(file: DetectedFile): KeyPart[] {
  if (perMigrationFolder(file)) return [baseOf(dirOf(file.path))];
  switch (file.layout) {
    case "flyway":
      return (file.version ?? "").split(/[._]/).map((part) => digits(part) ?? part);
    case "liquibase":
      return [file.path];
    // Atlas sorts its files by name
    case "atlas":
      return [baseOf(file.path)];
    default: {
      const version = digits(file.version);
      return version !== undefined ? [version, file.path] : [file.path];
    }
  }
}

function compareParts(a: KeyPart[], b: KeyPart[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : -1) : 1;
    if (typeof x === "bigint" && typeof y === "bigint") {
      if (x !== y) return x < y ? -1 : 1;
    } else if (typeof x !== typeof y) return typeof x === "bigint" ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Sort migrations of one set in the order the runner applies them. */
export const compareMigrations = (a: DetectedFile, b: DetectedFile): number => compareParts(orderKey(a), orderKey(b)) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The changes of a sqitch.plan in deploy order (pragmas, tags and comments skipped). */
export function sqitchPlanOrder(plan: string): string[] {
  const names: string[] = [];
  for (const raw of plan.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("%") || line.startsWith("#") || line.startsWith("@")) continue;
    const name = line.split(/\s+/)[0];
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

export type EarlierMigrations =
  | { status: "ordered"; earlier: DetectedFile[] }
  /** the runner's order cannot be known from the files (Alembic's revision graph, sqitch without its plan) */
  | { status: "unordered"; reason: string };

/**
 * The migrations of `target`'s set that the runner applies before it, in order. `candidates` may hold anything
 * (other folders, downs, the target itself); only applied migrations of the same set are kept.
 */
export function earlierMigrations(target: DetectedFile, candidates: readonly DetectedFile[], options: { sqitchPlan?: string } = {}): EarlierMigrations {
  const set = migrationSet(target);
  const same = candidates.filter((c) => c.path !== target.path && isAppliedMigration(c) && c.framework === target.framework && migrationSet(c) === set);
  if (target.layout === "alembic") {
    return same.length === 0 ? { status: "ordered", earlier: [] } : { status: "unordered", reason: "Alembic orders revisions by their down_revision graph, which migguard does not follow when running migrations" };
  }
  if (target.layout === "sqitch") {
    if (same.length === 0) return { status: "ordered", earlier: [] };
    if (options.sqitchPlan === undefined) return { status: "unordered", reason: "sqitch deploys in the order of sqitch.plan, which was not given" };
    const order = sqitchPlanOrder(options.sqitchPlan);
    const at = order.indexOf(target.name ?? "");
    if (at === -1) return { status: "unordered", reason: `sqitch.plan does not list ${target.name}` };
    const before = new Map(order.slice(0, at).map((name, i) => [name, i]));
    return { status: "ordered", earlier: same.filter((c) => before.has(c.name ?? "")).sort((a, b) => before.get(a.name ?? "")! - before.get(b.name ?? "")!) };
  }
  const key = orderKey(target);
  return { status: "ordered", earlier: same.filter((c) => compareParts(orderKey(c), key) < 0).sort(compareMigrations) };
}

/**
 * From a listing of paths (a repository tree), the files to read to run `target` for real: the earlier
 * migrations of its set. Layouts told apart only by content (dbmate, goose, plain SQL share `NNN_name.sql`)
 * come back as every numbered .sql file of the folder; `earlierMigrations` sorts them out once they are read.
 */
export function pathsToRead(target: DetectedFile, listing: readonly string[], config?: Pick<Config, "paths">): string[] {
  const byPath: DetectedFile[] = [];
  const contentDecides = target.layout === "dbmate" || target.layout === "goose" || target.layout === "sql-migrate" || target.layout === "tern" || target.layout === "plain-sql" || target.layout === "liquibase";
  for (const path of listing) {
    if (path === target.path) continue;
    const detected = detectByPath(path, config);
    if (detected === undefined) continue;
    if (detected === "sql-candidate") {
      if (contentDecides && dirOf(path) === dirOf(target.path)) byPath.push({ ...target, path, key: path, version: /^(\d+)/.exec(baseOf(path))?.[1], name: baseOf(path) });
      continue;
    }
    byPath.push(detected);
  }
  const plan = earlierMigrations(target, byPath);
  const paths = plan.status === "ordered" ? plan.earlier.map((f) => f.path) : [];
  if (target.layout === "sqitch") {
    const planPath = `${target.key.slice(0, target.key.length - (target.name?.length ?? 0))}sqitch.plan`;
    const sameSet = byPath.filter((f) => isAppliedMigration(f) && migrationSet(f) === migrationSet(target)).map((f) => f.path);
    return listing.includes(planPath) ? [planPath, ...sameSet] : sameSet;
  }
  return paths;
}
