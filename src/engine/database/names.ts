/**
 * Database names as the repository's files spell them: Rails adapters, Django ENGINE modules, SQLAlchemy
 * and Rails URL schemes. Unknown spellings give undefined (never a guess).
 */
import type { Database } from "../model.js";

/** Rails `adapter:` (database.yml) -> database. trilogy and mysql2 speak to MySQL and MariaDB alike. */
const RAILS_ADAPTERS: Record<string, Database> = {
  mysql2: "mysql",
  trilogy: "mysql",
  mysql: "mysql",
  jdbcmysql: "mysql",
  postgresql: "postgresql",
  postgres: "postgresql",
  postgis: "postgresql",
  jdbcpostgresql: "postgresql",
  sqlite3: "sqlite",
  sqlite: "sqlite",
  jdbcsqlite3: "sqlite",
};

export const railsAdapterDatabase = (adapter: string): Database | undefined => RAILS_ADAPTERS[adapter.trim().toLowerCase()];

/** `mysql+pymysql://...`, `postgres://...`, `sqlite:///db.sqlite3`, `trilogy://...` -> database. */
export function urlDatabase(url: string): Database | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  if (!scheme) return undefined;
  const dialect = scheme.split("+")[0];
  if (dialect === "mariadb") return "mariadb";
  return RAILS_ADAPTERS[dialect] ?? (dialect === "postgresql" || dialect === "pgsql" ? "postgresql" : undefined);
}

/** Django's DATABASES[...]["ENGINE"]: the backend module's last part names the database. */
export function djangoEngineDatabase(engine: string): Database | undefined {
  const last = engine.trim().toLowerCase().split(".");
  if (last.includes("mysql") || engine.includes("mysql.connector")) return "mysql";
  if (last.some((part) => part === "postgresql" || part === "postgresql_psycopg2" || part === "postgis")) return "postgresql";
  if (last.includes("sqlite3") || last.includes("spatialite")) return "sqlite";
  return undefined;
}

export const DATABASE_LABEL: Record<Database, string> = { postgresql: "PostgreSQL", mysql: "MySQL", mariadb: "MariaDB", sqlite: "SQLite" };

/**
 * A database as a CI matrix or a setting spells it on its own (`postgres`, `postgres:16`, `sqlite3`, `mariadb-10.11`):
 * the leading word; anything else is undefined.
 */
export function databaseWord(text: string): Database | undefined {
  const word = /^[a-z]+/i.exec(text.trim())?.[0]?.toLowerCase();
  if (!word) return undefined;
  if (word === "postgres" || word === "postgresql" || word === "pg" || word === "postgis" || word === "psql") return "postgresql";
  if (word === "sqlite" || word === "sqlite3" || word === "spatialite") return "sqlite";
  if (word === "mysql") return "mysql";
  if (word === "mariadb") return "mariadb";
  return undefined;
}
