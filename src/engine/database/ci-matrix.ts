/**
 * GitHub Actions workflows (.github/workflows/*.yml) whose job matrix runs the tests on several databases
 * (pretalx: `matrix: {database: [sqlite, postgres]}`): the project supports each of them. Read as YAML data;
 * only a matrix key that names databases (database, db, db-engine, backend, ...) counts, and only values that
 * spell a database migguard knows.
 */
import { parse } from "yaml";
import type { Database } from "../model.js";
import { isEntry } from "./rails-database-yml.js";
import { databaseWord } from "./names.js";

const DATABASE_KEY = /^(?:db|dbs|database|databases|db[-_]?(?:engine|backend|type|vendor|kind|flavou?r)|database[-_]?(?:engine|backend|type|vendor|kind|flavou?r)|backend)$/i;

export interface MatrixDatabases {
  databases: Database[];
  /** for the reason: `database: [sqlite, postgres]` */
  says: string;
}

/** The databases one workflow's job matrices run on, when a matrix key names them; undefined otherwise. */
export function readWorkflowDatabases(content: string): MatrixDatabases | undefined {
  let data: unknown;
  try {
    data = parse(content, { maxAliasCount: 100 });
  } catch {
    return undefined; // not YAML: it says nothing
  }
  if (!isEntry(data) || !isEntry(data.jobs)) return undefined;
  const rows: Array<Record<string, unknown>> = [];
  for (const job of Object.values(data.jobs)) {
    const matrix = isEntry(job) && isEntry(job.strategy) ? job.strategy.matrix : undefined;
    if (!isEntry(matrix)) continue;
    // the values of a key, and those `include:` entries add under the same key
    rows.push(matrix, ...(Array.isArray(matrix.include) ? matrix.include.filter(isEntry) : []));
  }
  return matrixDatabases(rows);
}

/**
 * CircleCI (.circleci/config.yml): a workflow's job entry runs over `matrix: {parameters: {database: [mysql, postgres]}}`
 * (solidus before its move to GitHub Actions), read as a GitHub job matrix is.
 */
export function readCircleciDatabases(content: string): MatrixDatabases | undefined {
  let data: unknown;
  try {
    data = parse(content, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (!isEntry(data) || !isEntry(data.workflows)) return undefined;
  const rows: Array<Record<string, unknown>> = [];
  for (const workflow of Object.values(data.workflows)) {
    const jobs = isEntry(workflow) && Array.isArray(workflow.jobs) ? workflow.jobs : [];
    // a job entry is a name, or `{name: {matrix: ..., requires: ...}}`
    for (const entry of jobs.filter(isEntry))
      for (const options of Object.values(entry)) {
        const matrix = isEntry(options) && isEntry(options.matrix) ? options.matrix.parameters : undefined;
        if (isEntry(matrix)) rows.push(matrix);
      }
  }
  return matrixDatabases(rows);
}

/** The databases the rows of matrices spell under a key that names databases. */
function matrixDatabases(rows: ReadonlyArray<Record<string, unknown>>): MatrixDatabases | undefined {
  const found = new Set<Database>();
  const says: string[] = [];
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (!DATABASE_KEY.test(key)) continue;
      const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
      const named = values.flatMap((v) => databaseWord(v) ?? []);
      if (named.length === 0) continue;
      named.forEach((d) => found.add(d));
      says.push(`${key}: [${values.join(", ")}]`);
    }
  }
  return found.size ? { databases: [...found], says: [...new Set(says)].join(", ") } : undefined;
}
