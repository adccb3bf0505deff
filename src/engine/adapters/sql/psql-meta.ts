/**
 * psql meta-commands (`\restrict KEY` and `\unrestrict KEY` in pg_dump output since PostgreSQL 17.6 / 15.14,
 * `\connect`, `\set`) are not SQL: PostgreSQL's scanner stops at the backslash, and the whole dump would fail
 * to parse. For schema dumps (not migrations, where such a line does fail at deploy) they are blanked, keeping
 * every byte offset and line where it was.
 */
export function withoutPsqlMetaCommands(text: string): string {
  return text.replace(/^\\[a-z]+\b[^\n]*/gm, (line) => " ".repeat(Buffer.byteLength(line)));
}
