/**
 * The RunSQL operations a Django fix writes to drop or build an index CONCURRENTLY, where no Django operation can
 * (RemoveIndex on a Django before 3.0, an index Django's state cannot see, a unique index of a conditional
 * UniqueConstraint): one spelling for every rule that writes them.
 */
import { pythonString } from "./embed-sql.js";
import { ident } from "./fix.js";

const dropIfExists = (name: string) => `DROP INDEX CONCURRENTLY IF EXISTS ${ident(name)}`;

/** `migrations.RunSQL("DROP INDEX CONCURRENTLY IF EXISTS name", reverse_sql=...),` with `reverse` as its reverse (a no-op by default). */
export function dropIndexRunSql(name: string, reverse = "migrations.RunSQL.noop"): string {
  return `migrations.RunSQL(${pythonString(dropIfExists(name))}, reverse_sql=${reverse}),`;
}

/**
 * The lines of a concurrent build of index `name` by `create` (a CREATE [UNIQUE] INDEX CONCURRENTLY): what a failed
 * build left (INVALID) dropped first, then the build, whose reverse drops it.
 */
export function concurrentBuildRunSql(name: string, create: string): string[] {
  return [
    `${dropIndexRunSql(name)}  # what a failed build left (INVALID)`,
    `migrations.RunSQL(`,
    `    ${pythonString(create)},`,
    `    reverse_sql=${pythonString(dropIfExists(name))},`,
    `),`,
  ];
}
