/**
 * The PostgreSQL version a repository names, for the folders decided to be PostgreSQL whose config names none: the
 * image of a compose service or of a CI workflow's service container (`postgres:9.6`, `postgis/postgis:13-3.1`,
 * `timescale/timescaledb:2.11.0-pg14`), and the header pg_dump writes into db/structure.sql ("Dumped from database
 * version 9.5.25"). The fixes must run on every server the migrations run on, and an older server's syntax still runs
 * on a newer one (EXECUTE PROCEDURE does on 17), so where the files name several versions the oldest is taken.
 * Compose files and workflows are YAML: their reader (postgres-version-yaml.ts) is loaded only when such a file is
 * given (`postgresVersionReaderToLoad`); a lint of one SQL file loads no YAML.
 */
import type { SourceFile } from "../model.js";
import { isComposePath, isWorkflowPath } from "../deploy/deploy-paths.js";
import { loadOnce } from "../load-once.js";
import { postgresMajor } from "./postgres-syntax.js";
import type * as yamlReaderModule from "./postgres-version-yaml.js";

export interface NamedPostgresVersion {
  /** as the file writes it: "9.6", "13", "9.5.25" */
  version: string;
  major: number;
  /** for the reason: `docker-compose.yml (image postgres:9.6)` */
  says: string;
}

/** examples, tests and documentation show a setup; they are not the project's own database */
const ELSEWHERE = /(?:^|\/)(?:node_modules|vendor|examples?|samples?|demos?|docs?|tests?|spec|fixtures?|testdata)\//i;

const isStructureDump = (path: string): boolean => /(?:^|\/)db\/(?:\w+_)?structure\.sql$/.test(path);

/** A file that may name the repository's PostgreSQL version. */
export const isPostgresVersionPath = (path: string): boolean => !ELSEWHERE.test(path) && (isComposePath(path) || isWorkflowPath(path) || isStructureDump(path));

const needsYaml = (path: string) => isComposePath(path) || isWorkflowPath(path);

let yamlReader: typeof yamlReaderModule | undefined;

export const loadPostgresVersionReader = loadOnce(async () => {
  yamlReader ??= await import("./postgres-version-yaml.js");
});

/** What to wait for before `namedPostgresVersion` can read these files: undefined when nothing is needed. */
export function postgresVersionReaderToLoad(files: readonly SourceFile[]): Promise<void> | undefined {
  return !yamlReader && files.some((f) => isPostgresVersionPath(f.path) && needsYaml(f.path)) ? loadPostgresVersionReader() : undefined;
}

/** Images whose tag is PostgreSQL's version (the last part of the name: docker.io/library/postgres, cimg/postgres, postgis/postgis). */
const POSTGRES_IMAGES = new Set(["postgres", "postgresql", "postgis", "postgresql-postgis", "postgres-postgis"]);
/** Images of PostgreSQL with an extension whose tag carries PostgreSQL's version after `pg` (timescaledb:2.11.0-pg14, pgvector:pg16). */
const PG_TAGGED_IMAGES = new Set(["timescaledb", "timescaledb-ha", "pgvector", "timescaledb-postgis"]);

/**
 * The PostgreSQL version of an image reference (`postgres:9.6-alpine`, `${PG_IMAGE:-postgres:13}`), or undefined when
 * the image is not PostgreSQL's or its tag names no version (`postgres`, `postgres:latest`, `postgres:${PG_VERSION}`).
 */
export function imagePostgresVersion(image: string): string | undefined {
  // Compose's ${VAR:-default} (and ${VAR-default}): the default is what runs when nothing sets the variable
  const resolved = image.trim().replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, "$1");
  if (resolved.includes("$")) return undefined;
  const withoutDigest = resolved.split("@")[0];
  const slash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.lastIndexOf(":");
  if (colon <= slash) return undefined;
  const name = withoutDigest.slice(slash + 1, colon).toLowerCase();
  const tag = withoutDigest.slice(colon + 1);
  if (POSTGRES_IMAGES.has(name)) return /^(\d+(?:\.\d+)*)/.exec(tag)?.[1];
  if (PG_TAGGED_IMAGES.has(name)) return /(?:^|-)pg(\d+(?:\.\d+)?)(?:$|[-.])/.exec(tag)?.[1];
  return undefined;
}

/** pg_dump's header: `-- Dumped from database version 9.5.25` (with a distribution's suffix: `14.9 (Ubuntu 14.9-1)`). */
function dumpedFrom(content: string): string | undefined {
  // the header is in the first lines: the rest of a large dump is not searched
  for (const line of content.slice(0, 4000).split("\n")) {
    const match = /^--\s*Dumped from database version\s+(\d+(?:\.\d+)*)/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** Every version the files name, each with the file that names it. */
function namedVersions(files: readonly SourceFile[]): NamedPostgresVersion[] {
  const out: NamedPostgresVersion[] = [];
  for (const file of files) {
    if (!isPostgresVersionPath(file.path)) continue;
    if (isStructureDump(file.path)) {
      const version = dumpedFrom(file.content);
      if (version) out.push({ version, major: postgresMajor(version)!, says: `${file.path} (dumped from PostgreSQL ${version})` });
      continue;
    }
    // a compose file or workflow given before its reader was loaded says nothing (the analysis waits for it)
    for (const image of yamlReader?.yamlImages(file.path, file.content) ?? []) {
      const version = imagePostgresVersion(image);
      const major = postgresMajor(version);
      if (version && major) out.push({ version, major, says: `${file.path} (image ${image.trim()})` });
    }
  }
  return out;
}

/** The oldest PostgreSQL the files name (see the module comment), or undefined when they name none. */
export function namedPostgresVersion(files: readonly SourceFile[]): NamedPostgresVersion | undefined {
  const named = namedVersions(files);
  if (named.length === 0) return undefined;
  const oldest = named.reduce((a, b) => (b.major < a.major ? b : a));
  const newer = named.filter((n) => n.major > oldest.major);
  return newer.length ? { ...oldest, says: `${oldest.says}, the oldest the repository names (also ${newer.map((n) => n.says).join(", ")})` } : oldest;
}
