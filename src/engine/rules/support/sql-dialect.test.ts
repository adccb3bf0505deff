import { sqlDialect } from "./sql-dialect.js";

describe("MySQL's dump of a table", () => {
  it("reads the database no migration names from $MYSQL_DATABASE, not a <database> placeholder", () => {
    expect(sqlDialect("mysql").dumpTable("orders")).toBe('mysqldump "$MYSQL_DATABASE" orders');
  });

  it("uses the database a qualified name gives", () => {
    expect(sqlDialect("mysql").dumpTable("shop.orders")).toBe("mysqldump shop orders");
  });
});
