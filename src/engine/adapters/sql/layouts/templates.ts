/**
 * Runner-side templating that is not SQL: Flyway/Liquibase `${placeholder}`, goose ENVSUB `${VAR}`, and
 * psql meta-commands and variables in sqitch scripts (sqitch deploys through psql). Each is masked with
 * text of the same byte length, so PostgreSQL's parser sees valid SQL and every offset and line stays put.
 */

/** `${schema}.users` -> `p_______.users` (an identifier of the same length). */
export function maskPlaceholders(sql: string): string {
  if (!sql.includes("${")) return sql;
  return sql.replace(/\$\{[^}\n]*\}/g, (m) => `p${"_".repeat(Buffer.byteLength(m) - 1)}`);
}

/** psql: `\set ON_ERROR_STOP on` lines are blanked; `:'v'`, `:"v"`, `:v` become a literal / identifier. */
export function maskPsql(sql: string): string {
  if (!sql.includes("\\") && !sql.includes(":")) return sql;
  return sql
    .split("\n")
    .map((line) => (/^\s*\\/.test(line) ? " ".repeat(Buffer.byteLength(line)) : line))
    .join("\n")
    .replace(/(?<![:\w]):(['"])([A-Za-z_]\w*)\1/g, (_m, quote: string, name: string) => ` ${quote}${name}${quote}`)
    .replace(/(?<![:\w\]]):([A-Za-z_]\w*)/g, (_m, name: string) => ` ${name}`);
}
