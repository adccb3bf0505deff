/**
 * Which databases a rule speaks for. A rule that does not say is PostgreSQL's: its advice (CONCURRENTLY, NOT
 * VALID, lock_timeout, ...) must never reach a MySQL, MariaDB or SQLite migration, so being left out is the
 * safe default for a new rule. Rules whose hazard is the same everywhere (data loss, irreversibility, renames)
 * list every database.
 */
import type { Database } from "../../model.js";
import type { RuleMeta } from "./rule.js";

export const ALL_DATABASES: readonly Database[] = ["postgresql", "mysql", "mariadb", "sqlite"];
export const MYSQL_FAMILY: readonly Database[] = ["mysql", "mariadb"];

export const ruleDatabases = (meta: Pick<RuleMeta, "databases">): readonly Database[] => meta.databases ?? ["postgresql"];

export const appliesToDatabase = (meta: Pick<RuleMeta, "databases">, database: Database): boolean => ruleDatabases(meta).includes(database);

export const isMysqlFamily = (database: Database): boolean => MYSQL_FAMILY.includes(database);
