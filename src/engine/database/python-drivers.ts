/**
 * The database drivers a Python project installs: a driver package (`PyMySQL`, `mysqlclient`, `psycopg2`, `asyncpg`)
 * or a library's extra that pulls one in (`oslo.db[mysql]`, `SQLAlchemy[postgresql-psycopg2binary]`) in its
 * requirements files, pyproject.toml or setup.cfg. A project whose migrations read the URL from its own config at
 * run time (Octavia's env.py) names its database there and nowhere else. Requirements for tests, development or
 * documentation are not the installation's (oslo.db's opportunistic tests install both PyMySQL and psycopg2).
 */
import type { Database } from "../model.js";
import { manifestRequirements } from "../repository/python-requirements.js";
import { baseOf } from "../paths.js";
import { DATABASE_LABEL } from "./names.js";

const DRIVERS: Record<string, Database> = {
  pymysql: "mysql",
  mysqlclient: "mysql",
  "mysql-python": "mysql",
  "mysql-connector-python": "mysql",
  "mysql-connector": "mysql",
  aiomysql: "mysql",
  asyncmy: "mysql",
  mariadb: "mariadb",
  psycopg2: "postgresql",
  "psycopg2-binary": "postgresql",
  psycopg2cffi: "postgresql",
  psycopg: "postgresql",
  "psycopg-binary": "postgresql",
  asyncpg: "postgresql",
  pg8000: "postgresql",
  aiopg: "postgresql",
};

/** An extra named for a database (`mysql`, `pymysql`, `postgresql-psycopg2binary`, `postgres`, `mariadb-connector`). */
function extraDatabase(extra: string): Database | undefined {
  const first = extra.split("-")[0];
  if (first === "mariadb") return "mariadb";
  if (first === "mysql" || DRIVERS[extra] === "mysql" || DRIVERS[first] === "mysql") return "mysql";
  if (first === "postgresql" || first === "postgres" || first === "pg" || DRIVERS[extra] === "postgresql" || DRIVERS[first] === "postgresql") return "postgresql";
  return undefined;
}

/** A dependency file of the installation, not of tests, development, linting or the docs (test-requirements.txt, requirements/dev.txt). */
export function isInstallationManifest(path: string): boolean {
  const name = baseOf(path).toLowerCase();
  return !/(?:^|[-_./])(?:tests?|testing|dev|develop|development|docs?|lint|ci|local)(?:[-_.]|$)/.test(name) && !/(?:^|\/)(?:tests?|docs?)\//.test(path);
}

export interface DriverDatabases {
  /** databases whose drivers the installation always gets, each with the requirements that name it */
  required: Map<Database, string[]>;
  /** databases an optional extras group installs (a choice at install time) */
  optional: Map<Database, string[]>;
}

export function driverDatabases(path: string, content: string): DriverDatabases {
  const required = new Map<Database, string[]>();
  const optional = new Map<Database, string[]>();
  for (const r of manifestRequirements(path, content)) {
    const named: Array<[Database, string]> = [];
    const driver = DRIVERS[r.name];
    if (driver) named.push([driver, r.name]);
    for (const extra of r.extras) {
      const database = extraDatabase(extra);
      if (database) named.push([database, `${r.name}[${extra}]`]);
    }
    for (const [database, what] of named) {
      const into = r.optional ? optional : required;
      into.set(database, [...(into.get(database) ?? []), what]);
    }
  }
  return { required, optional };
}

/** `PyMySQL (MySQL)`, for a reason. */
export const describeDrivers = (found: ReadonlyMap<Database, string[]>): string =>
  [...found].map(([database, what]) => `${[...new Set(what)].join(", ")} (${DATABASE_LABEL[database]} driver)`).join(", ");
