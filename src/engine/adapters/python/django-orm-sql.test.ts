/** A GeneratedField's ORM expression as the SQL Django writes for it, or nothing when a part is not translated. */
import { readModule } from "./module.js";
import { loadPythonParser, withPythonTree } from "./parser.js";
import { evaluate } from "./values.js";
import { ormExpressionSql, type OrmSqlPart } from "./django-orm-sql.js";
import { loadPgQuery } from "../sql/pg-query.js";

beforeAll(() => Promise.all([loadPythonParser(), loadPgQuery()]));

/** The translation of `x = <expression>`, fields written as {name}. */
function sqlOf(expression: string): string | undefined {
  const source = `from django.db import models\nfrom django.db.models import F, Value\nfrom django.db.models.functions import Coalesce, Concat, Lower\nx = ${expression}\n`;
  const parts = withPythonTree(source, (root) => {
    const module = readModule(root, source);
    const statements = root.namedChildren.filter((n) => n.type === "expression_statement");
    const right = statements[statements.length - 1].namedChildren[0].childForFieldName("right")!;
    return ormExpressionSql(evaluate(right, { imports: module.imports, bindings: new Map() }));
  });
  return parts?.map((p: OrmSqlPart) => (typeof p === "string" ? p : `{${p.field}}`)).join("");
}

describe("ormExpressionSql", () => {
  it.each([
    ['models.F("total") * 2', "({total} * 2)"],
    ['(F("a") + F("b")) / Value(2)', "(({a} + {b}) / 2)"],
    ['-F("price")', "(-{price})"],
    ['Lower("email")', "LOWER({email})"],
    ['Coalesce(F("a"), F("b"), 0)', "COALESCE({a}, {b}, 0)"],
    ['models.ExpressionWrapper(F("a") * F("b"), output_field=models.IntegerField())', "({a} * {b})"],
  ])("%s is %s", (expression, sql) => {
    expect(sqlOf(expression)).toBe(sql);
  });

  it.each([
    ['F("author__name")', "a reference across a relation reads another table"],
    ['Concat("first", Value(" "), "last")', "Concat, whose SQL Django builds with casts, is not translated"],
    ['F("a") ** 2', "an operator Django writes differently"],
    ["Value(1)", "a constant reads no field"],
    ["some_expression", "a name bound elsewhere"],
  ])("%s: nothing (%s)", (expression) => {
    expect(sqlOf(expression)).toBeUndefined();
  });
});
