/**
 * Which keys count the application's instances (`aks_web_app_instances`, `desiredCount`, `min_machines_running`),
 * by their words, whatever file writes them (instance-counts.ts, terraform-hcl.ts): a data store's node or replica
 * count says nothing of how many instances of the code run.
 */
/** key names (as lower-case words) that count the instances of something */
const COUNT_NAMES = [["instances"], ["instance", "count"], ["replicas"], ["replica", "count"], ["desired", "count"], ["min", "replicas"], ["min", "machines", "running"]];
/** words that say the count is of a data store's nodes or replicas (a database's read replicas), not of the application */
const DATA_STORE_WORDS = new Set(["db", "database", "databases", "postgres", "postgresql", "pg", "psql", "mysql", "mariadb", "redis", "cache", "memcached", "elasticsearch", "opensearch", "rds", "aurora", "kafka", "rabbitmq", "mongo", "mongodb", "clickhouse", "read", "standby", "replication"]);

/** `aks_web_app_instances`, `desiredCount`, `min-replicas` as lower-case words */
const wordsOf = (key: string): string[] =>
  key
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z\d]+/)
    .filter(Boolean);

/** A key that counts the application's instances (not a data store's). */
export function isInstanceCountKey(key: string): boolean {
  const words = wordsOf(key);
  if (words.some((w) => DATA_STORE_WORDS.has(w))) return false;
  return COUNT_NAMES.some((name) => name.length <= words.length && name.every((w, i) => words[words.length - name.length + i] === w));
}
