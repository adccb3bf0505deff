import { migrationDialect, sqlDialect } from "./sql-dialect.js";
import { loadPgParser } from "../../adapters/sql/pg-parser.js";
import { loadMysqlGrammar } from "../../adapters/sql/mysql/mysql-grammar.js";

describe("MySQL's dump of a table", () => {
  it("reads the database no migration names from $MYSQL_DATABASE, not a <database> placeholder", () => {
    expect(sqlDialect("mysql").dumpTable("orders")).toBe('mysqldump "$MYSQL_DATABASE" orders');
  });

  it("uses the database a qualified name gives", () => {
    expect(sqlDialect("mysql").dumpTable("shop.orders")).toBe("mysqldump shop orders");
  });
});

describe("a column restored from its copy", () => {
  beforeAll(async () => {
    await loadPgParser();
    await loadMysqlGrammar();
  });

  it("beside MySQL and SQLite: a correlated subquery (UPDATE ... FROM is PostgreSQL's), names bare where PostgreSQL reads them bare", () => {
    const portable = migrationDialect({ database: "postgresql", alsoRunsOn: ["mysql", "sqlite"] });
    expect(portable.restoreFrom("spree_taxons", ["position"], "spree_taxons_backup", ["id"])).toBe(
      "UPDATE spree_taxons SET position = (SELECT b.position FROM spree_taxons_backup b WHERE spree_taxons.id = b.id) WHERE EXISTS (SELECT 1 FROM spree_taxons_backup b WHERE spree_taxons.id = b.id)",
    );
    // a reserved word has no spelling every database reads: PostgreSQL's quotes
    expect(portable.ident("order")).toBe('"order"');
  });

  it("PostgreSQL alone: UPDATE ... FROM; MySQL: UPDATE ... JOIN", () => {
    expect(sqlDialect("postgresql").restoreFrom("t", ["c"], "t_backup", ["id"])).toBe("UPDATE t SET c = b.c FROM t_backup b WHERE t.id = b.id");
    expect(sqlDialect("mysql").restoreFrom("t", ["c"], "t_backup", ["id"])).toBe("UPDATE t JOIN t_backup b ON t.id = b.id SET t.c = b.c");
  });
});
