/**
 * The repository's own conventions, read from its other migrations. A team that rolls forward by policy never
 * writes a down (golang-migrate folders of ups alone) or always leaves it empty: its missing or empty down on a
 * new migration is still reported with its severity, but the finding says that this is the project's habit and
 * which config line turns the rule off, so the team can decide in one step.
 */
import type { Config } from "./config.js";
import { companionPaths, detectByPath } from "./detect.js";
import type { Migration } from "./model.js";

export interface DownConvention {
  /** `never`: no earlier migration has a down; `empty`: every earlier down is missing or empty, some empty */
  kind: "never" | "empty";
  /** how many earlier migrations of the folder say so */
  earlier: number;
  folder: string;
}

export interface Conventions {
  downs?: DownConvention;
}

/** Fewer earlier migrations than this say nothing about a habit. */
const MIN_EARLIER = 3;

type DownState = "missing" | "empty" | "present";

interface Sibling {
  path: string;
  version?: string;
  down: DownState;
}

const dirOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");

function stateOf(down: Migration["down"]): DownState | undefined {
  if (down.status === "missing") return "missing";
  if (down.status === "empty") return "empty";
  // a down written, derived by the framework (Rails' change, Django) or raising on purpose: the team thinks of rollbacks
  if (down.status === "present" || down.status === "irreversible") return "present";
  return undefined; // a layout without downs (Flyway without U files, Prisma) has no habit to read
}

/** Earlier by version when both have one that is a number (timestamps, 0001, 000042), else every other one counts. */
function isEarlier(sibling: Sibling, migration: Migration): boolean {
  const a = sibling.version;
  const b = migration.version;
  if (!a || !b || !/^\d+$/.test(a) || !/^\d+$/.test(b)) return true;
  return BigInt(a) < BigInt(b);
}

/**
 * For each migration, the down habit of the earlier migrations in its folder (same layout): from the migrations
 * analysed, and for golang-migrate folders from the repository's paths alone (an up without a .down.sql beside it).
 */
export function downConventions(migrations: readonly Migration[], repositoryPaths: readonly string[], config: Config): Map<Migration, Conventions> {
  const groups = new Map<string, Map<string, Sibling>>();
  const groupOf = (dir: string, layout: string) => {
    const key = `${layout}\u0000${dir}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Map()));
    return group;
  };
  const paths = new Set(repositoryPaths);
  for (const path of paths) {
    const file = detectByPath(path, config);
    if (!file || file === "sql-candidate" || file.layout !== "golang-migrate" || file.role !== "up") continue;
    const hasDown = companionPaths(file).some((p) => paths.has(p));
    // a .down.sql we have not read may be empty: only its absence is certain
    groupOf(dirOf(path), file.layout).set(path, { path, version: file.version, down: hasDown ? "present" : "missing" });
  }
  for (const m of migrations) {
    const down = stateOf(m.down);
    if (down) groupOf(dirOf(m.path), m.layout).set(m.path, { path: m.path, version: m.version, down });
  }
  const out = new Map<Migration, Conventions>();
  for (const m of migrations) {
    const folder = dirOf(m.path);
    const earlier = [...(groups.get(`${m.layout}\u0000${folder}`)?.values() ?? [])].filter((s) => s.path !== m.path && isEarlier(s, m));
    if (earlier.length < MIN_EARLIER || earlier.some((s) => s.down === "present")) continue;
    const kind = earlier.every((s) => s.down === "missing") ? "never" : "empty";
    out.set(m, { downs: { kind, earlier: earlier.length, folder: folder || "." } });
  }
  return out;
}
