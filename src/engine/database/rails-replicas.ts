/**
 * The replica databases config/database.yml declares (`replica: true` in a multi-database environment). Rails
 * neither migrates nor dumps a replica: it is the same database as the one it copies, read through another
 * connection. So a `db/<replica>_structure.sql` some task writes describes the copied database's migrations.
 *
 * Which database a replica copies, database.yml says in two ways: the same `database:` as another entry of its
 * environment (ERB compared as written), or Rails' naming, `<name>_replica` beside `<name>`. Nothing else is taken:
 * a replica whose copied database neither says has no `source`.
 */
import { isEntry, parseDatabaseYml, type Entry } from "./rails-database-yml.js";

export interface RailsReplica {
  /** the replica's database, keyed as RailsDatabases keys them: `<root>db/<name>` */
  database: string;
  /** the database it copies (`<root>db/` for the primary), when database.yml says which */
  source?: string;
  /** what database.yml says, for messages: "config/database.yml declares primary_replica a replica (`replica: true`) of primary" */
  says: string;
}

const CONNECTION_KEYS = ["adapter", "url", "database", "host"];

/** An environment with several databases: entries of connection settings, not connection settings itself. */
function databasesOf(env: unknown): Array<[string, Entry]> | undefined {
  if (!isEntry(env) || CONNECTION_KEYS.some((k) => k in env)) return undefined;
  const entries = Object.entries(env).filter((e): e is [string, Entry] => isEntry(e[1]));
  return entries.length ? entries : undefined;
}

export function railsReplicas(path: string, text: string): RailsReplica[] {
  const parsed = parseDatabaseYml(text);
  if ("problem" in parsed || !isEntry(parsed.data)) return [];
  const { data, ruby } = parsed;
  // the database name as written: an ERB placeholder stands for its Ruby, so two entries that compute it alike match
  const written = (value: unknown) =>
    typeof value === "string" ? value.replace(/__migguard_erb_(\d+)__/g, (_, i: string) => `<%= ${ruby[Number(i)]} %>`) : undefined;
  const root = path.slice(0, path.length - "config/database.yml".length);
  const replicas = new Map<string, Set<string>>(); // replica name -> names of the databases it copies
  const primaries = new Map<string, boolean>(); // database name -> it is its environment's primary
  for (const env of Object.values(data)) {
    const databases = databasesOf(env);
    if (!databases) continue;
    // Rails' primary: the entry named primary, else the environment's first (its dump is db/structure.sql)
    const primary = databases.some(([name]) => name === "primary") ? "primary" : databases[0][0];
    for (const [name] of databases) primaries.set(name, (primaries.get(name) ?? false) || name === primary);
    for (const [name, settings] of databases) {
      if (settings.replica !== true) continue;
      const sources = replicas.get(name) ?? new Set<string>();
      replicas.set(name, sources);
      const own = written(settings.database);
      const writers = databases.filter(([other, s]) => other !== name && s.replica !== true);
      const sameDatabase = own === undefined ? [] : writers.filter(([, s]) => written(s.database) === own).map(([other]) => other);
      const stem = name.endsWith("_replica") ? name.slice(0, -"_replica".length) : undefined;
      for (const source of sameDatabase.length ? sameDatabase : writers.filter(([other]) => other === stem).map(([other]) => other)) sources.add(source);
    }
  }
  const keyOf = (name: string) => `${root}db/${primaries.get(name) ? "" : name}`;
  return [...replicas].map(([name, sources]) => {
    // environments that disagree about the copied database say nothing certain
    const source = sources.size === 1 ? [...sources][0] : undefined;
    return {
      database: keyOf(name),
      source: source === undefined ? undefined : keyOf(source),
      says: `${path} declares ${name} a replica (\`replica: true\`)${source === undefined ? "" : ` of ${source}`}`,
    };
  });
}
