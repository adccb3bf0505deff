/**
 * The database defaults a Django fix gives a MySQL column, read back by migguard's MySQL grammar: PostgreSQL's
 * `ALTER COLUMN ... SET DEFAULT now()` is no MySQL statement (ralph, seed 73), the MODIFY that replaces it is, on 5.7 and 8.0.
 */
import { loadMysqlGrammar, parseMysqlStatement } from "../../adapters/sql/mysql/mysql-grammar.js";
import { mysqlIdent } from "../../adapters/sql/mysql/mysql-ident.js";
import { typeRef } from "../../types.js";
import { mysqlColumnDefault } from "./mysql-column-default.js";

await loadMysqlGrammar();

const parses = (sql: string, version: string) => parseMysqlStatement(sql, version).error?.message ?? "ok";

describe("a Django column's database default on MySQL", () => {
  it("PostgreSQL's SET DEFAULT now() does not parse as MySQL, neither on 5.7 nor on 8.0", () => {
    for (const version of ["5.7.44", "8.0.30"]) expect(parses("ALTER TABLE assets_genericcomponent ALTER COLUMN created SET DEFAULT now()", version)).not.toBe("ok");
  });

  it("the current time: MODIFY with the whole column (datetime(6) NOT NULL), which both versions read, and its reverse", () => {
    const d = mysqlColumnDefault(mysqlIdent, "assets_genericcomponent", "created", typeRef("timestamptz"), true, "now()", true)!;
    expect(d).toEqual({
      set: "ALTER TABLE assets_genericcomponent MODIFY created datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)",
      drop: "ALTER TABLE assets_genericcomponent MODIFY created datetime(6) NOT NULL",
      value: "CURRENT_TIMESTAMP(6)",
      restatesColumn: true,
    });
    for (const version of ["5.7.44", "8.0.30"]) for (const sql of [d.set, d.drop]) expect({ sql, version, parse: parses(sql, version) }).toEqual({ sql, version, parse: "ok" });
  });

  it("a literal keeps ALTER COLUMN SET DEFAULT, which MySQL takes", () => {
    const d = mysqlColumnDefault(mysqlIdent, "accounts_region", "stocktaking_enabled", typeRef("boolean"), true, "false", true)!;
    expect(d.set).toBe("ALTER TABLE accounts_region ALTER COLUMN stocktaking_enabled SET DEFAULT false");
    expect(parses(d.set, "5.7.44")).toBe("ok");
  });

  it("the current date has no MySQL default before 8.0.13: none, so the caller adds the field nullable first", () => {
    expect(mysqlColumnDefault(mysqlIdent, "t", "day", typeRef("date"), true, "CURRENT_DATE", true)).toBeUndefined();
  });
});
