/** Python literals, names and imports read statically from tree-sitter's tree. */
import { Imports, qualifiedName } from "./imports.js";
import { readModule } from "./module.js";
import { loadPythonParser, withPythonTree } from "./parser.js";
import { evaluate, isPrefixPlaceholder, textWithLines, truthy, type PyValue } from "./values.js";
import { loadPgQuery } from "../sql/pg-query.js";

// PostgreSQL's scanner too: a schema prefix is told by its tokens
beforeAll(() => Promise.all([loadPythonParser(), loadPgQuery()]));

/** The value bound to `x` at the end of a module (earlier constants are visible to it). */
function valueOf(source: string): PyValue {
  return withPythonTree(source, (root) => {
    const module = readModule(root, source);
    const statements = root.namedChildren.filter((n) => n.type === "expression_statement");
    const assignment = statements[statements.length - 1].namedChildren[0];
    const bindings = new Map(module.bindings);
    bindings.delete("x");
    return evaluate(assignment.childForFieldName("right")!, { imports: module.imports, bindings });
  });
}

/** Plain JS data of a value, for comparisons. */
function plain(v: PyValue): unknown {
  switch (v.kind) {
    case "str":
    case "num":
    case "bool":
      return v.value;
    case "none":
      return null;
    case "list":
      return v.items.map(plain);
    case "dict":
      return Object.fromEntries(v.entries.map((e) => [String(plain(e.key)), plain(e.value)]));
    case "call":
      return { call: v.callee, args: v.args.map(plain), kwargs: Object.fromEntries([...v.kwargs].map(([k, x]) => [k, plain(x)])) };
    case "name":
      return { name: v.name };
    case "unknown":
      return { unknown: v.text };
  }
}

describe("literals", () => {
  it("reads strings with escapes, raw strings, byte and unicode prefixes", () => {
    expect(plain(valueOf(String.raw`x = "a\tb\n\x41\u00e9\\"`))).toBe("a\tb\nAé\\");
    expect(plain(valueOf(String.raw`x = r"a\tb"`))).toBe(String.raw`a\tb`);
    expect(plain(valueOf(`x = u'it''s'`))).toBe("its");
    expect(plain(valueOf(`x = b"bytes"`))).toBe("bytes");
  });

  it("joins implicit concatenation, parenthesised, across lines, and `+`", () => {
    expect(plain(valueOf(`x = ("ALTER TABLE t "\n     'ADD COLUMN c int')`))).toBe("ALTER TABLE t ADD COLUMN c int");
    expect(plain(valueOf(`x = "a" + "b" + 'c'`))).toBe("abc");
  });

  it("keeps triple-quoted strings whole", () => {
    expect(plain(valueOf(`x = """\nUPDATE t\nSET a = 1;\n"""`))).toBe("\nUPDATE t\nSET a = 1;\n");
  });

  it("reads f-strings whose parts are bound, and marks the others unresolved", () => {
    const v = valueOf(`table = "users"\nx = f"DROP TABLE {table} -- {{kept}}"`);
    expect(v).toMatchObject({ kind: "str", value: "DROP TABLE users -- {kept}", unresolved: false });
    const u = valueOf(`x = f"DROP TABLE {name}"`);
    expect(u).toMatchObject({ kind: "str", unresolved: true });
  });

  it("reads numbers, booleans, None, lists, tuples and dicts", () => {
    expect(plain(valueOf(`x = [1, -2.5, 1_000, True, False, None, (1,), {"a": [2]}]`))).toEqual([1, -2.5, 1000, true, false, null, [1], { a: [2] }]);
  });

  it("reads calls with positional and keyword arguments, and leaves the rest unknown", () => {
    expect(plain(valueOf(`from django.db import models\nx = models.CharField("Name", max_length=10, null=True)`))).toEqual({
      call: "django.db.models.CharField",
      args: ["Name"],
      kwargs: { max_length: 10, null: true },
    });
    expect(valueOf(`x = lambda a: a`).kind).toBe("unknown");
    expect(valueOf(`x = y[0]`).kind).toBe("unknown");
  });

  it("tests truth as Python does: 'False' is a non-empty string; an f-string with unknown parts is not known", () => {
    const truth = (expr: string) => truthy(valueOf(`x = ${expr}`));
    expect(["True", "'True'", "'False'", "1", "[0]", "{'a': 1}"].map(truth)).toEqual([true, true, true, true, true, true]);
    expect(["False", "None", "0", "''", "[]", "{}"].map(truth)).toEqual([false, false, false, false, false, false]);
    expect([truth(`f"{name}"`), truth("settings.NULLABLE"), truth(`f"{''}"`)]).toEqual([undefined, undefined, false]);
  });
});

describe("imports", () => {
  const qualify = (source: string, expr: string) =>
    withPythonTree(`${source}\n${expr}\n`, (root) => {
      const imports = Imports.of(root);
      const last = root.namedChildren[root.namedChildren.length - 1].namedChildren[0];
      return qualifiedName(last.type === "call" ? last.childForFieldName("function")! : last, imports);
    });

  it("follows module aliases, from-imports and their aliases", () => {
    expect(qualify("from django.db import migrations, models", "migrations.AddField")).toBe("django.db.migrations.AddField");
    expect(qualify("from django.db.migrations import RemoveField", "RemoveField")).toBe("django.db.migrations.RemoveField");
    expect(qualify("from django.contrib.postgres.operations import AddIndexConcurrently as AIC", "AIC")).toBe("django.contrib.postgres.operations.AddIndexConcurrently");
    expect(qualify("import sqlalchemy as sa", "sa.Column")).toBe("sqlalchemy.Column");
    expect(qualify("import django.contrib.postgres.fields.jsonb", "django.contrib.postgres.fields.jsonb.JSONField")).toBe("django.contrib.postgres.fields.jsonb.JSONField");
  });

  it("marks calls in a chain and leaves local names alone", () => {
    expect(qualify("from alembic import op", "op.get_context().autocommit_block()")).toBe("alembic.op.get_context().autocommit_block");
    expect(qualify("", "helper")).toBe("helper");
  });

  it("sees imports inside try/except at module level", () => {
    expect(qualify("try:\n    from alembic import op\nexcept ImportError:\n    pass", "op.add_column")).toBe("alembic.op.add_column");
  });
});

describe("lines of embedded text", () => {
  it("keeps the lines of concatenated pieces written on several lines", () => {
    const v = valueOf(`x = (\n    "UPDATE a SET b = 1; "\n    "UPDATE c SET d = 2;"\n)`);
    if (v.kind !== "str") throw new Error("not a string");
    const { text, line } = textWithLines(v);
    expect(line).toBe(2);
    expect(text.split("\n")).toHaveLength(2);
  });
});

describe("repr of a known string", () => {
  it("repr(name) and {name!r} in an f-string give Python's quoted text; str(name) the text itself", () => {
    expect(plain(valueOf('key = "email"\nx = f"->>{repr(key)}"'))).toBe("->>'email'");
    expect(plain(valueOf('key = "email"\nx = f"->>{key!r}"'))).toBe("->>'email'");
    expect(plain(valueOf("key = \"it's\"\nx = repr(key)"))).toBe('"it\'s"');
    expect(plain(valueOf('key = "a\\nb"\nx = str(key)'))).toBe("a\nb");
  });
});

describe("nested calls", () => {
  // each call's arguments are read once: read twice per level, 30 levels would be 2^30 readings (hours, not milliseconds)
  it("reads calls nested 30 deep, each argument once", () => {
    const depth = 30;
    const v = valueOf(`x = ${"f(".repeat(depth)}"a"${")".repeat(depth)}`);
    let level = 0;
    for (let at = v; at.kind === "call"; at = at.args[0]) level++;
    expect(level).toBe(depth);
  });

  it("reads a chain of 30 .format calls it cannot reproduce (a format spec), each object once", () => {
    const depth = 30;
    const v = valueOf(`x = "{:>5}"${".format(name)".repeat(depth)}`);
    let level = 0;
    for (let at: PyValue | undefined = v; at?.kind === "call"; at = at.receiver) level++;
    expect(level).toBe(depth);
  });
});

describe("a schema prefix or nothing", () => {
  it("a conditional of a name with its `.` (written, or a run-time name joined to a written `.`) and \"\" is a prefix placeholder; of other text, a plain one", () => {
    const placeholderOf = (source: string) => {
      const v = valueOf(source);
      return v.kind === "str" ? v.runTime?.placeholders : undefined;
    };
    const [runTimeName] = placeholderOf('x = ctx.schema + "." if ctx.schema else ""')!;
    expect(isPrefixPlaceholder(runTimeName)).toBe(true);
    expect(isPrefixPlaceholder(placeholderOf('x = "" if plain else "audit."')![0])).toBe(true);
    // not a name and its dot: text that may be anything, or a statement
    expect(isPrefixPlaceholder(placeholderOf('x = "tmp_" if t else ""')![0])).toBe(false);
    expect(isPrefixPlaceholder(placeholderOf('x = "DROP TABLE t; ." if t else ""')![0])).toBe(false);
  });
});

describe("str.format and % formatting", () => {
  it("fills fields with known strings, numbers, booleans and None, as Python writes them", () => {
    expect(valueOf(`T = "users"\nx = "UPDATE {} SET n = {n}, ok = {!r}".format(T, repr("y"), n=3)`)).toMatchObject({ value: "UPDATE users SET n = 3, ok = \"'y'\"", unresolved: false });
    expect(valueOf(`T = "users"\nx = "UPDATE %s SET n = %d, a = '%%x', b = %s" % (T, 3, None)`)).toMatchObject({ value: "UPDATE users SET n = 3, a = '%x', b = None", unresolved: false });
    expect(valueOf(`x = "DELETE FROM %(t)s WHERE ok = %(ok)s" % {"t": "jobs", "ok": True}`)).toMatchObject({ value: "DELETE FROM jobs WHERE ok = True", unresolved: false });
    expect(valueOf(`x = "DROP TABLE %s" % "old"`)).toMatchObject({ value: "DROP TABLE old", unresolved: false });
  });

  it("puts a placeholder where a value is known only at run time, and names it with the expression", () => {
    const v = valueOf(`x = "INSERT INTO t VALUES ('{}', '{}')".format(uuid.uuid4(), "a")`);
    expect(v).toMatchObject({ kind: "str", value: "INSERT INTO t VALUES ('__uuid_uuid4____', 'a')", unresolved: true, runTime: { placeholders: ["__uuid_uuid4____"] } });
    const p = valueOf(`x = "INSERT INTO t VALUES ('%s')" % now()`);
    expect(p).toMatchObject({ kind: "str", value: "INSERT INTO t VALUES ('__now____')", runTime: { text: `"INSERT INTO t VALUES ('%s')" % now()` } });
  });

  it("joins a string with + to a value known only at run time: a placeholder for it, named after the expression, whose side the + text records", () => {
    const v = valueOf(`x = "DELETE FROM t WHERE id = " + str(row.id) + " AND k = '" + key + "'"`);
    expect(v).toMatchObject({ kind: "str", value: "DELETE FROM t WHERE id = __str_row_id___ AND k = '__key__'", unresolved: true, runTime: { placeholders: ["__str_row_id___", "__key__"] } });
    // an f-string with a part not known has no placeholders a reader could find: the join stays unknown
    expect(valueOf(`x = f"UPDATE {t} SET n = 1 WHERE id = " + str(i)`).kind).not.toBe("str");
    expect(valueOf(`x = a + b`).kind).not.toBe("str");
  });

  it("joins with a known separator items only running tells as one run-time value, and strings with run-time values keeping their placeholders", () => {
    const v = valueOf(`COLS = ["id", "title"]\nx = f"documents ({', '.join(COLS + (['v'] if flag else []))})"`);
    expect(v).toMatchObject({ kind: "str", unresolved: true, runTime: { placeholders: [expect.stringMatching(/^__.*join_COLS.*__$/)] } });
    expect(plain(v)).toMatch(/^documents \(__\w+__\)$/);
    const tables = valueOf(`COLS = ["id"]\nx = ", ".join(["a", f"b ({', '.join(cols)})", f"c ({', '.join(COLS)})"])`);
    expect(tables).toMatchObject({ kind: "str", value: "a, b (_______join_cols___), c (id)", runTime: { placeholders: ["_______join_cols___"] } });
    expect(valueOf(`x = ", ".join(["a", "b"])`)).toMatchObject({ kind: "str", value: "a, b", unresolved: false });
  });

  it("leaves formats it cannot reproduce to run time: a width or flag, a missing or extra value, %d of a string, a format spec", () => {
    for (const expression of [`"%5s" % ("a",)`, `"%s %s" % ("a",)`, `"%s" % ("a", "b")`, `"%d" % ("a",)`, `"{:>5}".format("a")`, `"{}".format(*names)`])
      expect(valueOf(`x = ${expression}`).kind).not.toBe("str");
  });
});
