/**
 * `npx tsx scripts/measure-mysql-parsers.ts CORPUS_DIR [--parsers DIR]`: how well each candidate MySQL parser
 * reads real MySQL migrations. The figures in the README's database section come from this script.
 *
 * CORPUS_DIR holds .sql files (Flyway / golang-migrate / goose MySQL folders of public projects, Rails
 * structure.sql dumps of MySQL apps); none is committed here. Candidates are loaded from DIR (default: this
 * repository's node_modules), so the ones that lost need not be dependencies:
 *   mkdir /tmp/parsers && cd /tmp/parsers && npm init -y && npm i @guanmingchiu/sqlparser-ts node-sql-parser \
 *     ts-mysql-parser antlr4ts@0.5.0-alpha.4 dt-sql-parser
 * (ts-mysql-parser does not load with the antlr4ts its range resolves to, 0.5.0-dev; dt-sql-parser's ESM build
 * uses directory imports Node refuses, so it is bundled with esbuild first.)
 *
 * Statements are cut by a neutral splitter here (quotes, backticks, comments, DELIMITER), each is given to
 * every parser alone, and two things are counted:
 *   - parse rate: statements the parser accepts;
 *   - DDL-form recovery: for each form the issue lists (add/drop/modify/change/rename column, add/drop index,
 *     FULLTEXT, foreign key, primary key, CONVERT TO CHARACTER SET, ALGORITHM=, LOCK=, ...), the statements whose
 *     keywords show the form (a keyword tagger, the reference) and whose parse tree carries it.
 */
import { build } from "esbuild";
import { createRequire } from "node:module";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

const args = process.argv.slice(2);
const corpus = resolve(args.find((a) => !a.startsWith("--")) ?? "/tmp/mysql-corpus");
const parsersDir = resolve(args.includes("--parsers") ? args[args.indexOf("--parsers") + 1] : join(import.meta.dirname, ".."));
const requireFrom = createRequire(join(parsersDir, "package.json"));

// ---------------------------------------------------------------- neutral statement splitter (reference only)
interface Token {
  kind: "word" | "ident" | "string" | "number" | "punct";
  text: string;
}
interface Statement {
  source: string;
  text: string;
  tokens: Token[];
}

/** MySQL client-style splitting: `;` (or the DELIMITER in force) outside quotes and comments ends a statement. */
function splitStatements(text: string): Array<{ text: string; tokens: Token[] }> {
  const out: Array<{ text: string; tokens: Token[] }> = [];
  let delimiter = ";";
  let start = 0;
  let tokens: Token[] = [];
  let i = 0;
  const push = (end: number) => {
    const body = text.slice(start, end).trim();
    if (tokens.length) out.push({ text: body, tokens });
    tokens = [];
  };
  while (i < text.length) {
    const c = text[i];
    const atLineStart = i === 0 || text[i - 1] === "\n";
    if (atLineStart && /^delimiter\s/i.test(text.slice(i, i + 10))) {
      const end = text.indexOf("\n", i);
      push(i);
      delimiter = text.slice(i + 9, end === -1 ? undefined : end).trim();
      i = end === -1 ? text.length : end + 1;
      start = i;
      continue;
    }
    if (text.startsWith(delimiter, i)) {
      push(i);
      i += delimiter.length;
      start = i;
      continue;
    }
    if (c === "-" && text[i + 1] === "-" && /\s|$/.test(text[i + 2] ?? "")) i = skipTo(text, "\n", i);
    else if (c === "#") i = skipTo(text, "\n", i);
    else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const body = text.slice(i + 2, end === -1 ? undefined : end);
      // /*!40101 ... */ is executable on MySQL: its words count
      if (body.startsWith("!")) tokens.push(...splitStatements(body.replace(/^!\d*/, "")).flatMap((s) => s.tokens));
      i = end === -1 ? text.length : end + 2;
    } else if (c === "'" || c === '"' || c === "`") {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === "\\" && c !== "`") j += 2;
        else if (text[j] === c && text[j + 1] === c) j += 2;
        else if (text[j] === c) break;
        else j++;
      }
      tokens.push({ kind: c === "`" ? "ident" : "string", text: text.slice(i + 1, j) });
      i = j + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i;
      while (j < text.length && /[\w$]/.test(text[j])) j++;
      tokens.push({ kind: "word", text: text.slice(i, j).toUpperCase() });
      i = j;
    } else if (/\d/.test(c)) {
      let j = i;
      while (j < text.length && /[\w.]/.test(text[j])) j++;
      tokens.push({ kind: "number", text: text.slice(i, j) });
      i = j;
    } else {
      if (!/\s/.test(c)) tokens.push({ kind: "punct", text: c });
      i++;
    }
  }
  push(text.length);
  return out;
}
const skipTo = (text: string, what: string, from: number) => {
  const end = text.indexOf(what, from);
  return end === -1 ? text.length : end + 1;
};

// ---------------------------------------------------------------- reference: DDL forms from keywords
const FORMS = [
  "create_table",
  "drop_table",
  "rename_table",
  "add_column",
  "drop_column",
  "modify_column",
  "change_column",
  "rename_column",
  "create_index",
  "add_index",
  "drop_index",
  "fulltext_index",
  "add_foreign_key",
  "add_primary_key",
  "drop_primary_key",
  "convert_charset",
  "algorithm",
  "lock_option",
  "dml",
  "set_variable",
] as const;
type Form = (typeof FORMS)[number];

const COLUMN_STOP = new Set(["INDEX", "KEY", "CONSTRAINT", "PRIMARY", "UNIQUE", "FULLTEXT", "SPATIAL", "FOREIGN", "PARTITION", "CHECK"]);

/** What the statement's keywords say it does. */
function referenceForms(tokens: Token[]): Set<Form> {
  const forms = new Set<Form>();
  const w = (i: number) => (tokens[i]?.kind === "word" ? tokens[i].text : "");
  const first = w(0);
  if (first === "INSERT" || first === "UPDATE" || first === "DELETE" || first === "REPLACE") forms.add("dml");
  if (first === "SET") forms.add("set_variable");
  if (first === "RENAME" && w(1) === "TABLE") forms.add("rename_table");
  if (first === "CREATE") {
    let i = 1;
    while (["TEMPORARY", "UNIQUE", "FULLTEXT", "SPATIAL", "OR", "REPLACE"].includes(w(i))) i++;
    if (w(i) === "TABLE") forms.add("create_table");
    if (w(i) === "INDEX") {
      forms.add("create_index");
      if (tokens.slice(1, i).some((t) => t.text === "FULLTEXT")) forms.add("fulltext_index");
    }
  }
  if (first === "DROP") {
    const i = w(1) === "TEMPORARY" ? 2 : 1;
    if (w(i) === "TABLE") forms.add("drop_table");
    if (w(i) === "INDEX") forms.add("drop_index");
  }
  if ((first === "CREATE" || first === "DROP") && tokens.some((t, i) => t.text === "ALGORITHM" && tokens[i + 1]?.text === "=")) forms.add("algorithm");
  if (first === "ALTER" && w(1) === "TABLE") {
    // items of the ALTER are separated by commas at depth 0 (after the table name)
    let depth = 0;
    let itemStart = 3;
    if (tokens[3]?.text === ".") itemStart = 5;
    const items: Token[][] = [];
    let current: Token[] = [];
    for (const t of tokens.slice(itemStart)) {
      if (t.text === "(") depth++;
      if (t.text === ")") depth--;
      if (t.text === "," && depth === 0) {
        items.push(current);
        current = [];
      } else current.push(t);
    }
    items.push(current);
    for (const item of items) {
      const k = (i: number) => (item[i]?.kind === "word" ? item[i].text : "");
      const verb = k(0);
      if (verb === "ADD") {
        let i = 1;
        if (k(i) === "CONSTRAINT") i += item[i + 1]?.text === "PRIMARY" || item[i + 1]?.text === "UNIQUE" || item[i + 1]?.text === "FOREIGN" || item[i + 1]?.text === "CHECK" ? 1 : 2;
        const what = k(i);
        if (what === "PRIMARY") forms.add("add_primary_key");
        else if (what === "FOREIGN") forms.add("add_foreign_key");
        else if (what === "FULLTEXT") (forms.add("fulltext_index"), forms.add("add_index"));
        else if (what === "INDEX" || what === "KEY" || what === "UNIQUE" || what === "SPATIAL") forms.add("add_index");
        else if (what !== "PARTITION" && what !== "CHECK") forms.add("add_column");
      } else if (verb === "DROP") {
        const what = k(1);
        if (what === "PRIMARY") forms.add("drop_primary_key");
        else if (what === "INDEX" || what === "KEY") forms.add("drop_index");
        else if (!COLUMN_STOP.has(what) || what === "") forms.add("drop_column");
      } else if (verb === "MODIFY") forms.add("modify_column");
      else if (verb === "CHANGE") forms.add("change_column");
      else if (verb === "RENAME") {
        if (k(1) === "COLUMN") forms.add("rename_column");
        else if (k(1) !== "INDEX" && k(1) !== "KEY") forms.add("rename_table");
      } else if (verb === "CONVERT") forms.add("convert_charset");
      else if (verb === "ALGORITHM") forms.add("algorithm");
      else if (verb === "LOCK") forms.add("lock_option");
    }
  }
  return forms;
}

// ---------------------------------------------------------------- candidates
interface Candidate {
  name: string;
  version: string;
  load(): Promise<void>;
  /** undefined: the parser refused the statement */
  forms(sql: string): Set<Form> | undefined;
}

/** The installed version, read from the package's folder (some packages do not export package.json). */
const versionOf = (pkg: string) =>
  (JSON.parse(readFileSync(join(parsersDir, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;

/** Every object key that names an AST variant (sqlparser-rs: `AddColumn`, `Drop`), and string values that do. */
function variantNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const x of node) variantNames(x, out);
  else if (node && typeof node === "object")
    for (const [key, value] of Object.entries(node)) {
      out.add(key);
      if (typeof value === "string") out.add(`=${value}`);
      if (typeof value === "boolean" && value) out.add(`${key}=true`);
      variantNames(value, out);
    }
  return out;
}

function sqlparserTs(): Candidate {
  let parse: (sql: string, dialect: string) => unknown[];
  return {
    name: "@guanmingchiu/sqlparser-ts",
    version: versionOf("@guanmingchiu/sqlparser-ts"),
    async load() {
      const module = (await import(requireFrom.resolve("@guanmingchiu/sqlparser-ts").replace(/index\.cjs$/, "index.mjs"))) as {
        init(): Promise<void>;
        parse: typeof parse;
      };
      await module.init();
      parse = module.parse;
    },
    forms(sql) {
      let ast;
      try {
        ast = parse(sql, "mysql");
      } catch {
        return undefined;
      }
      const n = variantNames(ast);
      const forms = new Set<Form>();
      const map: Record<string, Form> = {
        CreateTable: "create_table",
        RenameTable: "rename_table",
        AddColumn: "add_column",
        DropColumn: "drop_column",
        ModifyColumn: "modify_column",
        ChangeColumn: "change_column",
        RenameColumn: "rename_column",
        CreateIndex: "create_index",
        DropIndex: "drop_index",
        ForeignKey: "add_foreign_key",
        DropPrimaryKey: "drop_primary_key",
        Algorithm: "algorithm",
        Lock: "lock_option",
        Insert: "dml",
        Update: "dml",
        Delete: "dml",
        Set: "set_variable",
      };
      for (const [k, f] of Object.entries(map)) if (n.has(k)) forms.add(f);
      if (n.has("Drop") && n.has("=Table")) forms.add("drop_table");
      if (n.has("Drop") && n.has("=Index")) forms.add("drop_index");
      if (n.has("AddConstraint") && (n.has("Index") || n.has("Unique") || n.has("FulltextOrSpatial"))) forms.add("add_index");
      if (n.has("AddConstraint") && n.has("PrimaryKey")) forms.add("add_primary_key");
      if (n.has("fulltext=true")) forms.add("fulltext_index");
      if (n.has("CreateIndex") && n.has("=FULLTEXT")) forms.add("fulltext_index");
      return forms;
    },
  };
}

function nodeSqlParser(): Candidate {
  let parser: { astify(sql: string, options: object): unknown };
  return {
    name: "node-sql-parser",
    version: versionOf("node-sql-parser"),
    async load() {
      const { Parser } = requireFrom("node-sql-parser") as { Parser: new () => typeof parser };
      parser = new Parser();
    },
    forms(sql) {
      let ast;
      try {
        ast = parser.astify(sql, { database: "MySQL" });
      } catch {
        return undefined;
      }
      const forms = new Set<Form>();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      for (const s of (Array.isArray(ast) ? ast : [ast]) as any[]) {
        if (!s) continue;
        if (s.type === "create" && s.keyword === "table") forms.add("create_table");
        if (s.type === "create" && s.keyword === "index") {
          forms.add("create_index");
          if (String(s.index_type ?? "").toLowerCase() === "fulltext") forms.add("fulltext_index");
          if (s.algorithm_option) forms.add("algorithm");
        }
        if (s.type === "drop" && s.keyword === "table") forms.add("drop_table");
        if (s.type === "drop" && s.keyword === "index") forms.add("drop_index");
        if (s.type === "rename") forms.add("rename_table");
        if (s.type === "insert" || s.type === "update" || s.type === "delete" || s.type === "replace") forms.add("dml");
        if (s.type === "set") forms.add("set_variable");
        if (s.type !== "alter") continue;
        for (const e of s.expr ?? []) {
          const kw = String(e.keyword ?? "").toLowerCase();
          const ct = String(e.create_definitions?.constraint_type ?? "").toLowerCase();
          if (e.resource === "column" && e.action === "add") forms.add("add_column");
          if (e.resource === "column" && e.action === "drop") forms.add("drop_column");
          if (e.resource === "column" && e.action === "modify") forms.add("modify_column");
          if (e.resource === "column" && e.action === "change") forms.add("change_column");
          if (e.resource === "column" && e.action === "rename") forms.add("rename_column");
          if (e.resource === "table" && e.action === "rename") forms.add("rename_table");
          if (e.action === "add" && (e.resource === "index" || ct.includes("unique"))) forms.add("add_index");
          if (e.action === "add" && kw.includes("fulltext")) forms.add("fulltext_index");
          if (e.action === "drop" && (e.resource === "index" || e.resource === "key") && kw !== "primary key") forms.add("drop_index");
          if (e.action === "drop" && kw === "primary key") forms.add("drop_primary_key");
          if (e.action === "add" && ct === "primary key") forms.add("add_primary_key");
          if (e.action === "add" && ct === "foreign key") forms.add("add_foreign_key");
          if (e.resource === "algorithm") forms.add("algorithm");
          if (e.resource === "lock") forms.add("lock_option");
          if (e.resource === "character set" || kw.includes("convert")) forms.add("convert_charset");
        }
      }
      return forms;
    },
  };
}

/** Parse-tree rule names -> forms, for the two ANTLR grammars. */
function formsFromRules(rules: Set<string>, text: string, map: Record<string, Form>): Set<Form> {
  const forms = new Set<Form>();
  for (const [rule, form] of Object.entries(map)) if (rules.has(rule)) forms.add(form);
  if (forms.has("create_index") && /\bfulltext\b/i.test(text.slice(0, text.search(/\bindex\b/i)))) forms.add("fulltext_index");
  return forms;
}

function tsMysqlParser(): Candidate {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let parser: any;
  return {
    name: "ts-mysql-parser",
    version: versionOf("ts-mysql-parser"),
    async load() {
      const module = requireFrom("ts-mysql-parser") as { default: new (options: object) => unknown };
      parser = new module.default({ version: "8.0.30" });
    },
    forms(sql) {
      const result = parser.parse(sql);
      if (result.parserError || result.lexerError) return undefined;
      const rules = new Set<string>();
      const ruleNames: string[] = result.parser.ruleNames;
      const tokens: string[] = [];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const walk = (node: any, parentRule: string) => {
        if (node.ruleIndex !== undefined) {
          const name = ruleNames[node.ruleIndex];
          rules.add(name);
          if (name === "alterListItem") {
            const words: string[] = [];
            for (let i = 0; i < Math.min(node.childCount, 3); i++) words.push(String(node.getChild(i).text).toUpperCase());
            rules.add(`item:${words.join(" ")}`);
          }
          for (let i = 0; i < node.childCount; i++) walk(node.getChild(i), name);
        } else tokens.push(parentRule);
      };
      walk(result.tree, "");
      const forms = formsFromRules(rules, sql, {
        createTable: "create_table",
        dropTable: "drop_table",
        renameTableStatement: "rename_table",
        createIndex: "create_index",
        dropIndex: "drop_index",
        alterAlgorithmOption: "algorithm",
        alterLockOption: "lock_option",
        insertStatement: "dml",
        updateStatement: "dml",
        deleteStatement: "dml",
        replaceStatement: "dml",
        setStatement: "set_variable",
      });
      for (const r of rules) {
        if (!r.startsWith("item:")) continue;
        const [verb, second = "", third = ""] = r.slice(5).split(" ");
        if (verb === "ADD") {
          if (/^(PRIMARY|CONSTRAINT)/.test(second) && /PRIMARY/.test(`${second}${third}`)) forms.add("add_primary_key");
          else if (/FOREIGN/.test(`${second}${third}`)) forms.add("add_foreign_key");
          else if (/^(INDEX|KEY|UNIQUE|FULLTEXT|SPATIAL)/.test(second) || /UNIQUE/.test(third)) {
            forms.add("add_index");
            if (second.startsWith("FULLTEXT")) forms.add("fulltext_index");
          } else if (!/^(PARTITION|CHECK|CONSTRAINT)/.test(second)) forms.add("add_column");
        }
        if (verb === "DROP") {
          if (second === "PRIMARY") forms.add("drop_primary_key");
          else if (second === "INDEX" || second === "KEY") forms.add("drop_index");
          else if (!/^(FOREIGN|CONSTRAINT|CHECK|PARTITION)/.test(second)) forms.add("drop_column");
        }
        if (verb === "MODIFY") forms.add("modify_column");
        if (verb === "CHANGE") forms.add("change_column");
        if (verb === "RENAME") forms.add(second === "COLUMN" ? "rename_column" : second === "INDEX" || second === "KEY" ? "drop_index" : "rename_table");
        if (verb === "CONVERT") forms.add("convert_charset");
      }
      if (forms.has("drop_index") && [...rules].some((r) => r === "item:RENAME INDEX" || r.startsWith("item:RENAME KEY"))) forms.delete("drop_index");
      return forms;
    },
  };
}

function dtSqlParser(): Candidate {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let mysql: any;
  return {
    name: "dt-sql-parser",
    version: versionOf("dt-sql-parser"),
    async load() {
      const out = join(mkdtempSync(join(tmpdir(), "dt-sql-parser-")), "bundle.cjs");
      await build({ entryPoints: [requireFrom.resolve("dt-sql-parser")], bundle: true, platform: "node", format: "cjs", outfile: out, logLevel: "silent" });
      const { MySQL } = createRequire(out)(out) as { MySQL: new () => unknown };
      mysql = new MySQL();
    },
    forms(sql) {
      if (mysql.validate(sql).length) return undefined;
      const rules = new Set<string>();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const walk = (node: any) => {
        if (node.ruleIndex !== undefined) rules.add(node.constructor.name.replace(/Context$/, ""));
        for (const child of node.children ?? []) walk(child);
      };
      walk(mysql.parse(sql));
      const forms = formsFromRules(rules, sql, {
        ColumnCreateTable: "create_table",
        CopyCreateTable: "create_table",
        QueryCreateTable: "create_table",
        DropTable: "drop_table",
        RenameTable: "rename_table",
        AlterByRename: "rename_table",
        AlterByAddColumn: "add_column",
        AlterByAddColumns: "add_column",
        AlterByDropColumn: "drop_column",
        AlterByModifyColumn: "modify_column",
        AlterByChangeColumn: "change_column",
        AlterByRenameColumn: "rename_column",
        CreateIndex: "create_index",
        AlterByAddIndex: "add_index",
        AlterByAddUniqueKey: "add_index",
        AlterByAddSpecialIndex: "add_index",
        AlterByDropIndex: "drop_index",
        DropIndex: "drop_index",
        AlterByAddForeignKey: "add_foreign_key",
        AlterByAddPrimaryKey: "add_primary_key",
        AlterByDropPrimaryKey: "drop_primary_key",
        AlterByConvertCharset: "convert_charset",
        AlterBySetAlgorithm: "algorithm",
        AlterByLock: "lock_option",
        InsertStatement: "dml",
        UpdateStatement: "dml",
        SingleUpdateStatement: "dml",
        MultipleUpdateStatement: "dml",
        DeleteStatement: "dml",
        ReplaceStatement: "dml",
        SetVariable: "set_variable",
        SetCharset: "set_variable",
        SetNames: "set_variable",
      });
      if (rules.has("AlterByAddSpecialIndex") && /\bfulltext\b/i.test(sql)) forms.add("fulltext_index");
      if (rules.has("CreateIndex") && rules.has("IndexAlgorithm")) forms.add("algorithm");
      return forms;
    },
  };
}

// ---------------------------------------------------------------- run
function sqlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sqlFiles(path, out);
    else if (name.endsWith(".sql")) out.push(path);
  }
  return out.sort();
}

const statements: Statement[] = [];
for (const file of sqlFiles(corpus)) {
  const source = relative(corpus, file).split("/")[0];
  for (const s of splitStatements(readFileSync(file, "utf8"))) statements.push({ source, ...s });
}
const sources = [...new Set(statements.map((s) => s.source))];
console.log(`corpus: ${corpus}: ${statements.length} statements from ${sources.length} projects (${sources.join(", ")})\n`);
const reference = statements.map((s) => referenceForms(s.tokens));

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "-");
const rows: string[][] = [];
const formRows = new Map<Form, string[]>(FORMS.map((f) => [f, [f, String(reference.filter((r) => r.has(f)).length)]]));
for (const make of [sqlparserTs, nodeSqlParser, tsMysqlParser, dtSqlParser]) {
  let candidate: Candidate;
  try {
    candidate = make();
  } catch (error) {
    console.log(`${make.name}: not installed in ${parsersDir} (${error instanceof Error ? error.message.split("\n")[0] : error})`);
    continue;
  }
  const loadStart = performance.now();
  try {
    await candidate.load();
  } catch (error) {
    console.log(`${candidate.name}: does not load (${error instanceof Error ? error.message.split("\n")[0] : error})`);
    continue;
  }
  const loadMs = performance.now() - loadStart;
  let ok = 0;
  const perSource = new Map<string, [number, number]>();
  const recovered = new Map<Form, number>();
  const failures: string[] = [];
  const started = performance.now();
  statements.forEach((s, i) => {
    const forms = candidate.forms(s.text);
    const [good, all] = perSource.get(s.source) ?? [0, 0];
    perSource.set(s.source, [good + (forms ? 1 : 0), all + 1]);
    if (!forms) {
      failures.push(`${s.source}: ${s.text.replace(/\s+/g, " ").slice(0, 110)}`);
      return;
    }
    ok++;
    for (const f of reference[i]) if (forms.has(f)) recovered.set(f, (recovered.get(f) ?? 0) + 1);
  });
  const ms = performance.now() - started;
  const totalForms = [...reference].reduce((n, r) => n + r.size, 0);
  const totalRecovered = [...recovered.values()].reduce((a, b) => a + b, 0);
  rows.push([
    `${candidate.name} ${candidate.version}`,
    `${ok}/${statements.length} (${pct(ok, statements.length)})`,
    `${totalRecovered}/${totalForms} (${pct(totalRecovered, totalForms)})`,
    `${Math.round(loadMs)} ms`,
    `${Math.round((statements.length / ms) * 1000)}/s`,
    sources.map((src) => `${src} ${pct(...(perSource.get(src) ?? [0, 0]))}`).join(", "),
  ]);
  for (const f of FORMS) formRows.get(f)!.push(String(recovered.get(f) ?? 0));
  if (args.includes("--failures")) console.log(`\n${candidate.name} refused ${failures.length}:\n  ${failures.slice(0, 60).join("\n  ")}`);
}
const table = (header: string[], body: string[][]) =>
  [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...body.map((r) => `| ${r.join(" | ")} |`)].join("\n");
console.log(table(["parser", "statements parsed", "DDL forms recovered", "load", "speed", "per project"], rows));
console.log(`\nDDL forms recovered, per form (statements whose keywords show it):\n`);
console.log(table(["form", "statements", ...rows.map((r) => r[0].split(" ")[0])], [...formRows.values()]));
