/**
 * Which files are migrations, of which framework and layout, and which files belong together
 * (an up and its down). Decided from the path first (so the App can pick files from a PR's file list
 * before fetching them) and confirmed from the content where layouts share a file name shape
 * (dbmate, goose, sql-migrate, tern and Liquibase files are told apart by their marker comments; a tern folder is also
 * marked by its tern.conf, an Atlas folder by its atlas.sum, a Drizzle folder by its meta/_journal.json:
 * migration-folders/marked-sql-folders.ts).
 */
import picomatch from "picomatch";
import type { Config } from "./config.js";
import type { Framework, Layout } from "./model.js";
import { RIVER_MIGRATION_PATH, RIVER_TEMPLATE_MARKER } from "./adapters/sql/layouts/rivermigrate.js";
import { baseOf, dirOf } from "./paths.js";
import { isSqlPath } from "./sql-file-names.js";
import { RAILS_MIGRATION_PATH } from "./rails-migrations-path.js";

export type FileRole = "up" | "down" | "combined" | "repeatable" | "verify";

export interface DetectedFile {
  path: string;
  framework: Framework;
  layout: Layout;
  role: FileRole;
  version?: string;
  name?: string;
  /** files of one migration share this key (an up and its down) */
  key: string;
}

/**
 * The migrations of a store that is not a SQL database migguard reviews, in the folder its Rails gem names:
 * clickhouse-activerecord's db/clickhouse_migrate (Lago: ClickHouse's own SQL, its own version table). Read as
 * PostgreSQL they were syntax errors and out-of-order versions (sixth replay: 32 of Lago's 42 false findings).
 * Its .rb and .sql files are not migrations here; a folder configured under `paths` is still read.
 */
const OTHER_STORE_FOLDER = /(?:^|\/)db\/(?:clickhouse|cassandra|scylla|mongo|mongodb|elasticsearch|opensearch|influx|influxdb|neo4j)_migrate\//;
// Django's loader takes every module of the folder whose name holds no dot, spaces included (kerrokantasi's
// `0029_add django-parler fields.py`, which 0030 depends on)
const DJANGO = /(?:^|\/)migrations\/(\d{4})_([^/.]+)\.py$/;
// Alembic's versions folder sits in its script_location, which projects name freely (alembic/, migrations/,
// _migrations/ in Prefect, db_migrations/ in MLflow); a dialect subfolder may follow (versions/postgresql/).
// The versions folder may carry a prefix when alembic.ini's version_locations names it (fief before 2024:
// alembic/main_versions and alembic/workspace_versions, one per ini section).
const ALEMBIC = /(?:^|\/)[^/]*(?:alembic|migrat)[^/]*\/(?:\w+_)?versions\/(?:[^/]+\/)*([^/]+)\.py$/i;
// golang-migrate takes any extension after `.up.`/`.down.`: PostgreSQL's own (`.pgsql`) are SQL too (sql-file-names.ts)
const GOLANG_MIGRATE = /^(\d+)_(.+)\.(up|down)\.(?:sql|pgsql|psql|postgresql)$/;
const GOLANG_MIGRATE_UP = /\.up(\.(?:sql|pgsql|psql|postgresql))$/;
const DIESEL = /(?:^|\/)(?:migrations)\/([^/]+)\/(up|down)\.sql$/;
// diesel's own folder names (`diesel migration generate`: 2025-08-01-000027_x, or 14 digits), under any folder
// diesel.toml's migrations_directory names
const DIESEL_STRUCTURE = /(?:^|\/)((?:\d{4}-\d{2}-\d{2}-\d{6}|\d{14})_[^/]+)\/(up|down)\.sql$/;
const FLYWAY = /^([VU])(\d+(?:[._]\d+)*)(?:__(.+))?\.sql$/;
/**
 * Flyway's description is optional (`V6.1.0.6.sql` runs as version 6.1.0.6): a name without one is read as Flyway's
 * only in Flyway's own default location, db/migration, where a `V1.sql` means nothing else.
 */
const FLYWAY_LOCATION = /(?:^|\/)db\/migration\//;
const FLYWAY_REPEATABLE = /^R__(.+)\.sql$/;
const SQITCH = /(?:^|\/)(deploy|revert|verify)\/(.+)\.sql$/;
const PRISMA = /(?:^|\/)migrations\/((\d+)_?[^/]*)\/migration\.sql$/;
/**
 * Prisma Migrate's own structure, whatever the folder holding it is called (`prisma migrate dev --schema` puts the
 * migrations beside the schema: formbricks' packages/database/migration/, singular): a folder named
 * `<14-digit timestamp>_<name>` holding `migration.sql`. The name `migration.sql` alone stays ambiguous.
 */
const PRISMA_STRUCTURE = /(?:^|\/)((\d{14})_[^/]+)\/migration\.sql$/;
const NUMBERED_SQL = /^(\d+)[_-]?(.*)\.sql$/;
/** Atlas's migration names: a version, then `_` and a name (optional) */
const ATLAS_NAME = /^([^_]+)(?:_(.*))?\.sql$/;
/** drizzle-kit's tags: a number (the journal's idx by default, or a timestamp), then `_` and a name; or a name alone (`prefix: "none"`) */
const DRIZZLE_TAG = /^(?:(\d+)_)?(.+)\.sql$/;
/** tern's migration names (its FindMigrations): a number, an underscore, a name */
const TERN_NAME = /^(\d+)_(.+)\.sql$/;
const MIGRATION_DIR = /(?:^|\/)[^/]*migrat[^/]*\//i;


function dieselVersion(folder: string): string | undefined {
  const stamp = folder.split("_")[0].replace(/-/g, "");
  return /^\d+$/.test(stamp) ? stamp : /^\d+/.exec(folder)?.[0];
}

/** Marker comments that name a SQL layout whatever the file is called. */
export function sniffSqlLayout(content: string): Layout | undefined {
  const head = content.slice(0, 4000);
  if (/^\s*--\s*liquibase formatted sql/im.test(head)) return "liquibase";
  if (/^\s*--\s*\+goose\s+(up|down)\b/im.test(content)) return "goose";
  if (/^\s*--\s*migrate:(up|down)\b/im.test(content)) return "dbmate";
  // rubenv/sql-migrate reads `-- +migrate Up` only at a line's start, and its commands are case-sensitive
  if (/^--\s*\+migrate\s+(Up|Down)\b/m.test(content)) return "sql-migrate";
  // tern's separator between the up and the down, or its line that runs a direction outside a transaction
  if (/^---- (?:create above \/ drop below|tern: disable-tx) ----\s*$/m.test(content)) return "tern";
  // Atlas's transaction directive names its runner (a folder atlas.sum marks needs none: detectByPath)
  if (/^--\s*atlas:txmode\b/m.test(head)) return "atlas";
  // drizzle-kit's separator between statements (a folder its meta/_journal.json marks needs none: detectByPath)
  if (/--> statement-breakpoint\s*$/m.test(content)) return "drizzle";
  return undefined;
}

const matchers = new Map<string, (path: string) => boolean>();
/** Whether `path` matches one of the config's `paths` globs (a folder given without a glob means everything below it). */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => {
    let matcher = matchers.get(glob);
    if (!matcher) {
      // a folder given without a glob means everything below it
      const pattern = /[*?{[]/.test(glob) ? glob : `${glob.replace(/\/$/, "")}/**`;
      matcher = picomatch(pattern, { dot: true });
      matchers.set(glob, matcher);
    }
    return matcher(path);
  });
}

/**
 * Folders of test data: a migrations folder below one is a fixture of some test (ory/x's popx/stub/migrations,
 * merged into ory/kratos as oryx/), not migrations the project runs. Go's build skips testdata/ for the same reason.
 */
const FIXTURE_FOLDERS = new Set(["testdata", "test_data", "test-data", "fixtures", "fixture", "stub", "stubs"]);
export const inFixtureFolder = (path: string) => path.split("/").slice(0, -1).some((dir) => FIXTURE_FOLDERS.has(dir));

const ignoredPath = (path: string) => /(?:^|\/)(?:node_modules|vendor|\.git)\//.test(path) || baseOf(path) === "__init__.py";

/**
 * Path-only verdict: a migration (with its layout) or `sql-candidate` (a .sql file whose layout only its
 * content can tell). Files that are not migrations give undefined.
 */
export function detectByPath(path: string, config?: Pick<Config, "paths">, options: { explicit?: boolean } = {}): DetectedFile | "sql-candidate" | undefined {
  // a pure function of the path, the config's paths and `explicit`, asked about each file by several steps of a
  // lint (collecting, grouping, conventions, databases, code search): worked out once (issue #18); a copy is given
  // out, as each call made its own object
  let known = verdicts.get(config?.paths ?? NO_PATHS);
  if (!known) verdicts.set(config?.paths ?? NO_PATHS, (known = new Map()));
  const key = options.explicit ? `1${path}` : `0${path}`;
  let verdict = known.get(key);
  if (verdict === undefined && !known.has(key)) {
    verdict = detectByPathNow(path, config?.paths, options);
    if (known.size >= 50_000) known.clear(); // bounded: a lint asks about its own files, not forever
    known.set(key, verdict);
  }
  return verdict === undefined || verdict === "sql-candidate" ? verdict : { ...verdict };
}

/** The config's paths (or NO_PATHS) -> `explicit` and the path -> detectByPath's verdict. */
const NO_PATHS = {};
const verdicts = new WeakMap<object, Map<string, DetectedFile | "sql-candidate" | undefined>>();

function detectByPathNow(path: string, paths: Config["paths"] | undefined, options: { explicit?: boolean }): DetectedFile | "sql-candidate" | undefined {
  if (ignoredPath(path)) return undefined;
  if (paths && matchesAny(path, paths.exclude)) return undefined;
  // test fixtures' migrations count only where the config's paths or the command line name them
  if (inFixtureFolder(path) && !options.explicit && !(paths && [paths.rails, paths.sql, paths.django, paths.alembic, paths.fixtures ?? []].some((globs) => matchesAny(path, globs)))) return undefined;
  // the literal first: the pattern, tried at every position of every path, was 1% of the 800-file bench
  if (path.includes("_migrate/") && OTHER_STORE_FOLDER.test(path) && !(paths && [paths.rails, paths.sql, paths.django, paths.alembic].some((globs) => matchesAny(path, globs)))) return undefined;
  const base = baseOf(path);
  const dir = dirOf(path);

  if (path.endsWith(".rb")) {
    const m = RAILS_MIGRATION_PATH.exec(path);
    if (m) return { path, framework: "rails", layout: "rails", role: "combined", version: m[1], name: m[2], key: path };
    if (paths && matchesAny(path, paths.rails)) {
      const n = /^(\d+)_(\w+)(?:\.\w+)?\.rb$/.exec(base);
      return { path, framework: "rails", layout: "rails", role: "combined", version: n?.[1], name: n?.[2] ?? base, key: path };
    }
    return undefined;
  }
  if (path.endsWith(".py")) {
    const a = ALEMBIC.exec(path);
    if (a) return { path, framework: "alembic", layout: "alembic", role: "combined", name: a[1], key: path };
    const d = DJANGO.exec(path);
    if (d) return { path, framework: "django", layout: "django", role: "combined", version: d[1], name: d[2], key: path };
    if (paths && matchesAny(path, paths.alembic)) return { path, framework: "alembic", layout: "alembic", role: "combined", name: base, key: path };
    if (paths && matchesAny(path, paths.django)) {
      const n = /^(\d+)_(\w+)\.py$/.exec(base);
      return { path, framework: "django", layout: "django", role: "combined", version: n?.[1], name: n?.[2] ?? base, key: path };
    }
    return undefined;
  }
  if (!isSqlPath(path)) return undefined;

  const g = GOLANG_MIGRATE.exec(base);
  // River's own migration lines run through rivermigrate (a transaction per version), not golang-migrate
  if (g && RIVER_MIGRATION_PATH.test(path)) return { path, framework: "sql", layout: "rivermigrate", role: g[3] === "up" ? "up" : "down", version: g[1], name: g[2], key: `${dir}/${g[1]}_${g[2]}` };
  // pop/popx: an up and its down pair whether or not either runs outside a transaction (`.autocommit`)
  if (g) return { path, framework: "sql", layout: "golang-migrate", role: g[3] === "up" ? "up" : "down", version: g[1], name: g[2], key: `${dir}/${g[1]}_${g[2].replace(/\.autocommit$/, "")}` };
  // every other layout's runner reads `.sql` alone
  if (!path.endsWith(".sql")) return undefined;
  const diesel = DIESEL.exec(path) ?? DIESEL_STRUCTURE.exec(path);
  // diesel's version is the folder name before its first underscore, dashes dropped (2025-08-01-000027_x -> 20250801000027)
  if (diesel) return { path, framework: "sql", layout: "diesel", role: diesel[2] === "up" ? "up" : "down", version: dieselVersion(diesel[1]), name: diesel[1], key: dir };
  const f = FLYWAY.exec(base);
  if (f && (f[3] !== undefined || FLYWAY_LOCATION.test(path)))
    return { path, framework: "sql", layout: "flyway", role: f[1] === "V" ? "up" : "down", version: f[2], name: f[3] ?? "", key: `${dir}/${f[2].replace(/_/g, ".")}` };
  const r = FLYWAY_REPEATABLE.exec(base);
  if (r) return { path, framework: "sql", layout: "flyway", role: "repeatable", name: r[1], key: path };
  const p = PRISMA.exec(path) ?? PRISMA_STRUCTURE.exec(path);
  // drizzle-kit 1.0 uses Prisma's shape, a `<timestamp>_<name>/migration.sql` per migration; its snapshot.json marks
  // the folder (marked-sql-folders.ts), and its migrator, not Prisma's, runs them
  if (p && paths?.drizzle?.length && matchesAny(path, paths.drizzle)) return { path, framework: "sql", layout: "drizzle", role: "combined", version: p[2], name: p[1], key: path };
  if (p) return { path, framework: "sql", layout: "prisma", role: "combined", version: p[2], name: p[1], key: path };
  // a folder atlas.sum marks (or `paths.atlas` names): its .sql files are Atlas's versioned migrations
  const atlas = paths?.atlas?.length ? ATLAS_NAME.exec(base) : null;
  if (atlas && matchesAny(path, paths!.atlas!)) return { path, framework: "sql", layout: "atlas", role: "combined", version: atlas[1], name: atlas[2] ?? "", key: path };
  // a folder drizzle-kit's meta/_journal.json marks (or `paths.drizzle` names): its .sql files are Drizzle's migrations
  const drizzle = paths?.drizzle?.length ? DRIZZLE_TAG.exec(base) : null;
  if (drizzle && matchesAny(path, paths!.drizzle!)) return { path, framework: "sql", layout: "drizzle", role: "combined", version: drizzle[1], name: drizzle[2], key: path };
  // a folder tern.conf marks (or `paths.tern` names): its numbered files are tern's, with or without a separator
  const tern = paths?.tern?.length ? TERN_NAME.exec(base) : null;
  if (tern && matchesAny(path, paths!.tern!)) return { path, framework: "sql", layout: "tern", role: "combined", version: tern[1], name: tern[2], key: path };
  const s = SQITCH.exec(path);
  if (s) {
    const root = path.slice(0, s.index + (path[s.index] === "/" ? 1 : 0));
    const role: FileRole = s[1] === "deploy" ? "up" : s[1] === "revert" ? "down" : "verify";
    return { path, framework: "sql", layout: "sqitch", role, name: s[2], key: `${root}${s[2]}` };
  }
  return "sql-candidate";
}

/**
 * Full verdict with the content at hand. `explicit`: the user named this file (a CLI argument), so a .sql
 * file is linted as plain SQL even outside a migrations folder.
 */
export function detectFile(
  path: string,
  content: string,
  config?: Pick<Config, "paths">,
  options: { explicit?: boolean } = {},
): DetectedFile | undefined {
  const byPath = detectByPath(path, config, options);
  // a Python file named on the command line is linted when its content is an Alembic revision, wherever it lives
  if (byPath === undefined && options.explicit && path.endsWith(".py") && !ignoredPath(path) && isAlembicSource(content))
    return { path, framework: "alembic", layout: "alembic", role: "combined", name: baseOf(path).replace(/\.py$/, ""), key: path };
  if (byPath === undefined) return undefined;
  if (byPath !== "sql-candidate") {
    if (byPath.framework === "django" && isAlembicSource(content)) return { ...byPath, framework: "alembic", layout: "alembic" };
    // golang-migrate's file names with rivermigrate's `/* TEMPLATE: schema */` markers: River's migrations copied elsewhere
    if (byPath.layout === "golang-migrate" && RIVER_TEMPLATE_MARKER.test(content)) return { ...byPath, layout: "rivermigrate" };
    return byPath;
  }
  const base = baseOf(path);
  const numbered = NUMBERED_SQL.exec(base);
  const sniffed = sniffSqlLayout(content);
  if (sniffed) return { path, framework: "sql", layout: sniffed, role: "combined", version: numbered?.[1], name: numbered?.[2] || base, key: path };
  const configured = config?.paths ? matchesAny(path, config.paths.sql) : false;
  if (configured || options.explicit || (numbered && MIGRATION_DIR.test(path)))
    return { path, framework: "sql", layout: "plain-sql", role: "combined", version: numbered?.[1], name: numbered?.[2] || base, key: path };
  return undefined;
}

/** A Python file under migrations/ that is Alembic's (revision identifiers), not Django's. */
function isAlembicSource(content: string): boolean {
  return /^revision\s*(?::\s*\w+\s*)?=/m.test(content) && /^def upgrade\(/m.test(content);
}

/**
 * Paths that may hold the other half of a migration (the down of an up), so a caller that has only the
 * up can fetch them. `siblings` lists the files of the up's folder when known (Flyway undo names vary).
 */
export function companionPaths(file: DetectedFile, siblings: readonly string[] = []): string[] {
  const dir = dirOf(file.path);
  const prefix = dir ? `${dir}/` : "";
  switch (file.layout) {
    case "golang-migrate":
    case "rivermigrate":
      // the down keeps the up's extension (`x.up.pgsql` -> `x.down.pgsql`)
      return GOLANG_MIGRATE_UP.test(file.path) ? [file.path.replace(GOLANG_MIGRATE_UP, ".down$1")] : [];
    case "diesel":
      return file.role === "up" ? [`${prefix}down.sql`] : [];
    case "flyway": {
      if (file.role !== "up" || !file.version) return [];
      const wanted = file.version.replace(/_/g, ".");
      const fromSiblings = siblings.filter((p) => {
        const m = FLYWAY.exec(baseOf(p));
        return m?.[1] === "U" && m[2].replace(/_/g, ".") === wanted && dirOf(p) === dir;
      });
      return fromSiblings.length ? fromSiblings : [`${prefix}U${file.version}${file.name ? `__${file.name}` : ""}.sql`];
    }
    case "sqitch":
      if (file.role !== "up") return [];
      return [file.path.replace(/(^|\/)deploy\//, "$1revert/")];
    default:
      return [];
  }
}
