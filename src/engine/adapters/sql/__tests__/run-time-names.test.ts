/**
 * Where PostgreSQL's parse tree places each run-time part of a SQL string (run-time-names.ts): a name's qualifier,
 * a value, a whole condition, a whole name, a column of a column list, or somewhere else. `__s__` is a plain
 * placeholder, `__p$__` one known to be a schema prefix or nothing.
 */
import { loadPgQuery } from "../pg-query.js";
import { runTimeParts, withRunTimeParts } from "../run-time-names.js";

beforeAll(() => loadPgQuery());

const prefix = (p: string) => p.includes("$");
const roles = (sql: string) => runTimeParts(sql, ["__s__", "__v__", "__p$__"], prefix)?.map((p) => p.role);

describe("runTimeParts", () => {
  it.each([
    ["UPDATE __s__.users SET a = 1", ["qualifier"]],
    ["DROP TABLE IF EXISTS __s__.legacy, other", ["qualifier"]],
    ["DROP INDEX __s__.users_email_idx", ["qualifier"]],
    ["CREATE INDEX users_email_idx ON __s__.users (email)", ["qualifier"]],
    ["ALTER TABLE __p$__users ADD COLUMN note text", ["qualifier"]],
    ["DELETE FROM users WHERE id = __v__", ["value"]],
    ["DELETE FROM users WHERE __v__", ["condition"]],
    ["DELETE FROM users WHERE id = 1 AND __v__", ["condition"]],
    ["DELETE FROM __s__ WHERE id = 1", ["name"]],
    ["UPDATE users SET __s__ = 1", ["other"]],
    ["SELECT * FROM a JOIN b USING (__s__, id)", ["other"]],
    ["UPDATE users SET a = __s__.b", ["other"]],
    ["ALTER PUBLICATION p SET TABLE notifications, documents (__s__), users (id, __v__)", ["column", "column"]],
    ["CREATE UNIQUE INDEX ix ON users (__s__)", ["column"]],
    ["ALTER TABLE users ADD CONSTRAINT uq UNIQUE (__s__) INCLUDE (__v__)", ["column", "column"]],
    ["ALTER TABLE users ADD CONSTRAINT fk FOREIGN KEY (__s__) REFERENCES orgs (__v__)", ["column", "column"]],
    ["INSERT INTO users (id, __s__) VALUES (1, 2)", ["column"]],
    ["ALTER PUBLICATION p SET TABLE __s__", ["name"]],
  ])("%s: %j", (sql, expected) => {
    expect(roles(sql)).toEqual(expected);
  });

  it("a placeholder glued to a name that is not known to be a prefix, or inside a quoted name, leaves the statement unknown", () => {
    expect(roles("UPDATE __s__users SET a = 1")).toBeUndefined();
    expect(roles('UPDATE "__s__" SET a = 1')).toBeUndefined();
  });

  it("a placeholder inside a quoted string or a comment is data, no part of the statement", () => {
    expect(roles("UPDATE users SET a = '__v__' -- __s__")).toEqual([]);
  });

  it("takes each qualifier out with its `.`, keeping the lines, and writes values as given", () => {
    const sql = "UPDATE __s__\n.users SET a = __v__\nWHERE id = 1";
    const parts = runTimeParts(sql, ["__s__", "__v__"], prefix)!;
    expect(withRunTimeParts(sql, parts, (p) => (p.role === "value" ? "$1" : undefined))).toBe("UPDATE \nusers SET a = $1\nWHERE id = 1");
  });
});
