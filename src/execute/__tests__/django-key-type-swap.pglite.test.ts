/**
 * column-type-change's plan for a Django key and the ForeignKeys that reference it, its SQL run in PGlite in the
 * order of the fix's files (each RunSQL, and the fill's UPDATE): Django's own index on the referencing column (the
 * one db_index builds for a ForeignKey, which DROP COLUMN takes with the old column) is built again, concurrently,
 * over the new column, and has Django's name after the swap.
 */
import { loadPgParser, parseStatements } from "../../engine/adapters/sql/pg-parser.js";
import { loadPythonParser, withPythonTree, type PyNode } from "../../engine/adapters/python/parser.js";
import { RULES } from "../../engine/rules/index.js";
import { loadCases, runCase } from "../../engine/testing/case-runner.js";
import { DEFAULT_LIMITS, pgFailureOf, type Session } from "../executor.js";
import { PgliteExecutor } from "../pglite/pglite-executor.js";

const executor = new PgliteExecutor();
beforeAll(() => Promise.all([executor.start(), loadPgParser(), loadPythonParser()]), 120_000);
afterAll(() => executor.close());

// library/migrations/0001_initial.py of the case as Django 3.2 creates it: serial keys, the ForeignKey's constraint and index
const SCHEMA = `
CREATE TABLE library_author (id serial PRIMARY KEY, name varchar(100) NOT NULL);
CREATE TABLE library_book (id serial PRIMARY KEY, title varchar(200) NOT NULL, author_id integer NOT NULL);
ALTER TABLE library_book ADD CONSTRAINT library_book_author_id_d9a3b67e_fk_library_author_id FOREIGN KEY (author_id) REFERENCES library_author (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX library_book_author_id_d9a3b67e ON library_book (author_id);
INSERT INTO library_author (name) VALUES ('a'), ('b');
INSERT INTO library_book (title, author_id) VALUES ('x', 1), ('y', 2);
`;

/** A Python string literal of the fix as its value: pythonString writes JSON-compatible ones and triple-quoted ones with `\\` escaped. */
function valueOf(literal: PyNode): string {
  const text = literal.text;
  return text.startsWith('"""') ? text.slice(3, -3).replace(/\\(["\\])/g, "$1") : (JSON.parse(text) as string);
}

/** The SQL of the fix in order: each RunSQL's statement and each cursor.execute of a fill function. */
function sqlOf(fix: string): string[] {
  return withPythonTree(fix, (root) =>
    root
      .descendantsOfType("call")
      .filter((call) => /(?:RunSQL|\.execute)$/.test(call.childForFieldName("function")?.text ?? ""))
      .map((call) => call.childForFieldName("arguments")!.namedChildren[0])
      .filter((arg): arg is PyNode => arg?.type === "string")
      .map(valueOf),
  );
}

async function runAll(session: Session, sql: string): Promise<void> {
  for (const statement of parseStatements(sql).statements)
    await session.query(statement.text).catch((error) => { throw new Error(`${pgFailureOf(error).message}\n${statement.text}`); });
}

describe("column-type-change: a Django key converted with the ForeignKeys that reference it", () => {
  it("rebuilds Django's index of the ForeignKey over the new column, concurrently, under Django's name", async () => {
    const rule = RULES.find((r) => r.meta.id === "column-type-change")!;
    const c = (await loadCases("column-type-change")).invalid.find((x) => x.framework === "django" && x.name.startsWith("AutoField -> BigAutoField of a key other models"))!;
    const [finding] = await runCase(rule, c);
    const statements = sqlOf(finding.fix);
    expect(statements).toContain("CREATE INDEX CONCURRENTLY library_book_author_id_d9a3b67e_new ON library_book (author_id_new)");
    const session = await executor.open(DEFAULT_LIMITS);
    try {
      await runAll(session, SCHEMA);
      for (const sql of statements) await runAll(session, sql);
      const indexes = (await session.query("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'library_book' ORDER BY indexname")) as Array<{ indexname: string; indexdef: string }>;
      expect(indexes.map((i) => i.indexdef)).toContain("CREATE INDEX library_book_author_id_d9a3b67e ON public.library_book USING btree (author_id)");
      const [type] = (await session.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'library_book' AND column_name = 'author_id'")) as Array<{ data_type: string }>;
      expect(type.data_type).toBe("bigint");
      expect(await session.query("SELECT b.title FROM library_book b JOIN library_author a ON a.id = b.author_id ORDER BY b.title")).toEqual([{ title: "x" }, { title: "y" }]);
    } finally {
      await session.release();
    }
  });

  it("an IntegerField(db_index=True) made a CharField: its index and the varchar_pattern_ops `_like` one Django adds are built over the new column and keep Django's names", async () => {
    const rule = RULES.find((r) => r.meta.id === "column-type-change")!;
    const c = (await loadCases("column-type-change")).invalid.find((x) => x.framework === "django" && x.name.startsWith("IntegerField(db_index=True)"))!;
    const [finding] = await runCase(rule, c);
    // the fix's AddField adds the new field without an index (db_index=False): what Django runs for it
    expect(finding.fix).toContain('field=models.CharField(max_length=20, db_index=False, null=True)');
    const session = await executor.open(DEFAULT_LIMITS);
    try {
      await runAll(session, "CREATE TABLE shop_item (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, code integer NOT NULL); CREATE INDEX shop_item_code_7fe3372d ON shop_item (code); INSERT INTO shop_item (code) VALUES (7), (8);");
      await runAll(session, "ALTER TABLE shop_item ADD COLUMN code_new varchar(20) NULL;");
      for (const sql of sqlOf(finding.fix)) await runAll(session, sql);
      const indexes = (await session.query("SELECT indexdef FROM pg_indexes WHERE tablename = 'shop_item' ORDER BY indexname")) as Array<{ indexdef: string }>;
      expect(indexes.map((i) => i.indexdef)).toEqual([
        "CREATE INDEX shop_item_code_7fe3372d ON public.shop_item USING btree (code)",
        "CREATE INDEX shop_item_code_7fe3372d_like ON public.shop_item USING btree (code varchar_pattern_ops)",
        "CREATE UNIQUE INDEX shop_item_pkey ON public.shop_item USING btree (id)",
      ]);
      expect(await session.query("SELECT code FROM shop_item ORDER BY code")).toEqual([{ code: "7" }, { code: "8" }]);
    } finally {
      await session.release();
    }
  });

  it("a key of a table whose name is too long for <table>_pkey_new (open-forms): id_new added in SQL, its unique index named as PostgreSQL shortens names, the swap leaves one bigint identity primary key", async () => {
    const rule = RULES.find((r) => r.meta.id === "column-type-change")!;
    const c = (await loadCases("column-type-change")).invalid.find((x) => x.framework === "django" && x.name.startsWith("AutoField -> BigAutoField of a table whose name is too long"))!;
    const [finding] = await runCase(rule, c);
    const table = "registrations_objects_api_objectsapisubmissionattachment";
    expect(finding.fix).not.toMatch(/AddField\([^)]*BigAutoField/);
    const session = await executor.open(DEFAULT_LIMITS);
    try {
      // as Django 4.1+ creates it: an identity key, PostgreSQL's own <table>_pkey
      await runAll(session, `CREATE TABLE ${table} (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, document_url varchar(1000) NOT NULL); INSERT INTO ${table} (document_url) VALUES ('a'), ('b');`);
      for (const sql of sqlOf(finding.fix)) await runAll(session, sql);
      const keys = (await session.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = '${table}'::regclass AND contype = 'p'`)) as Array<{ conname: string; def: string }>;
      expect(keys).toEqual([{ conname: `${table}_pkey`, def: "PRIMARY KEY (id)" }]);
      const [type] = (await session.query(`SELECT data_type, is_identity FROM information_schema.columns WHERE table_name = '${table}' AND column_name = 'id'`)) as Array<{ data_type: string; is_identity: string }>;
      expect(type).toEqual({ data_type: "bigint", is_identity: "YES" });
      await runAll(session, `INSERT INTO ${table} (document_url) VALUES ('c');`);
      expect(await session.query(`SELECT id::int FROM ${table} ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    } finally {
      await session.release();
    }
  });
});

describe("column-type-change: a Django key changed in RunSQL (otm-core treemap 0003), inserts after the swap", () => {
  /** treemap_audit as the Django (or South) that created it made it: `numbering` the id's, `foreignKey` the ForeignKey's name */
  const audit = (numbering: string, foreignKey: string) => `
CREATE TABLE treemap_audit (id ${numbering} PRIMARY KEY, action integer NOT NULL, ref_id integer NULL);
ALTER TABLE treemap_audit ADD CONSTRAINT ${foreignKey} FOREIGN KEY (ref_id) REFERENCES treemap_audit (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX treemap_audit_ref_id ON treemap_audit (ref_id);
INSERT INTO treemap_audit (action, ref_id) VALUES (1, NULL), (2, 1), (3, 2);
DELETE FROM treemap_audit WHERE action = 3;
`;

  it.each([
    ["a serial key and South's name for the ForeignKey", "serial NOT NULL", "ref_id_refs_id_7b3f1a2c"],
    ["an identity key (Django 4.1+) and Django's name for the ForeignKey", "integer GENERATED BY DEFAULT AS IDENTITY", "treemap_audit_ref_id_9ed37488_fk_treemap_audit_id"],
  ])("%s: the numbering goes on where it stopped, the ForeignKey is there once, validated and enforced", async (_what, numbering, foreignKey) => {
    const rule = RULES.find((r) => r.meta.id === "column-type-change")!;
    const c = (await loadCases("column-type-change")).invalid.find((x) => x.framework === "django" && x.name.startsWith("otm-core treemap 0003"))!;
    const findings = await runCase(rule, c);
    expect(findings.map((f) => f.line)).toEqual([8, 9]);
    const session = await executor.open(DEFAULT_LIMITS);
    try {
      await runAll(session, audit(numbering, foreignKey));
      for (const sql of findings.flatMap((f) => sqlOf(f.fix))) await runAll(session, sql);
      const columns = (await session.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'treemap_audit' ORDER BY column_name")) as Array<{ column_name: string; data_type: string }>;
      expect(columns).toEqual([
        { column_name: "action", data_type: "integer" },
        { column_name: "id", data_type: "bigint" },
        { column_name: "ref_id", data_type: "bigint" },
      ]);
      // the application's next insert, without an id: numbered after the last one the old sequence gave (3, deleted), not 1
      expect(await session.query("INSERT INTO treemap_audit (action, ref_id) VALUES (4, 2) RETURNING id::int AS id")).toEqual([{ id: 4 }]);
      const keys = await session.query("SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'treemap_audit'::regclass AND contype = 'f'");
      expect(keys).toEqual([{ conname: "treemap_audit_ref_id_9ed37488_fk_treemap_audit_id", convalidated: true }]);
      await expect(session.query("INSERT INTO treemap_audit (action, ref_id) VALUES (5, 99)")).rejects.toThrow(/foreign key/);
    } finally {
      await session.release();
    }
  });
});
