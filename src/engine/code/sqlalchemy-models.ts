/**
 * SQLAlchemy models as the application code declares them (read with tree-sitter's Python grammar): the tables
 * its declarative classes (`__tablename__`) and `Table("name", metadata, Column("c"), ...)` calls map, and the
 * columns each still has. An Alembic drop_table / drop_column of what the models no longer map was written after
 * the code stopped using it (the planned last step of a removal, planned-removal.ts).
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import type { SourceFile } from "../model.js";
import { escapeRegExp } from "../regexp.js";
import { plainString } from "../adapters/python/nodes.js";

export interface SqlAlchemyClass {
  path: string;
  className: string;
  /** `__tablename__ = "..."`; undefined for a mixin or abstract base */
  table?: string;
  /** the last name of each base (`db.Model` -> `model`), lowercased */
  bases: string[];
  /** attribute names and explicit column names (`Column("name", ...)`) of its columns */
  columns: Set<string>;
  /** the same names of its columns declared `primary_key=True` */
  primaryKey: Set<string>;
}

export interface SqlAlchemyModels {
  classes: SqlAlchemyClass[];
  /** `Table("name", metadata, Column("c", ...))`: table -> its columns */
  tables: Map<string, Set<string>>;
}

/** A file that may declare models or their mixins: a declarative class, an imperative table, or column declarations. */
export const mayDeclareSqlAlchemyModels = (f: SourceFile): boolean =>
  f.path.endsWith(".py") && (/__tablename__\s*=/.test(f.content) || /\bTable\(\s*["']/.test(f.content) || /\b(?:Column|mapped_column)\(/.test(f.content));

const COLUMN_CALL = /(?:^|\.)(?:Column|mapped_column|column_property|deferred|Computed)$/;

const firstString = (call: PyNode): string | undefined => plainString(call.childForFieldName("arguments")?.namedChildren[0]);

function readClass(path: string, node: PyNode): SqlAlchemyClass | undefined {
  const className = node.childForFieldName("name")?.text;
  if (!className) return undefined;
  const bases = (node.childForFieldName("superclasses")?.namedChildren ?? []).filter((b) => b.type !== "keyword_argument").map((b) => b.text.split(".").pop()!.toLowerCase());
  const model: SqlAlchemyClass = { path, className, bases, columns: new Set(), primaryKey: new Set() };
  for (const statement of node.childForFieldName("body")?.namedChildren ?? []) {
    const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    if (assignment?.type !== "assignment") continue;
    const name = assignment.childForFieldName("left");
    if (name?.type !== "identifier") continue;
    const right = assignment.childForFieldName("right");
    const type = assignment.childForFieldName("type");
    if (name.text === "__tablename__") {
      model.table = plainString(right);
      continue;
    }
    // `x = Column(...)`, `x = mapped_column(...)`, or a `Mapped[...]` annotation (with or without a value)
    const callee = right?.type === "call" ? (right.childForFieldName("function")?.text ?? "") : "";
    if (COLUMN_CALL.test(callee) || /^(?:\w+\.)?Mapped\[/.test(type?.text ?? "")) {
      model.columns.add(name.text);
      const explicit = right?.type === "call" ? firstString(right) : undefined;
      if (explicit) model.columns.add(explicit);
      if (right?.type === "call" && declaresPrimaryKey(right)) for (const n of [name.text, explicit]) if (n) model.primaryKey.add(n);
    }
  }
  return model;
}

/** `Column(..., primary_key=True)`: the keyword written True. */
const declaresPrimaryKey = (call: PyNode): boolean =>
  (call.childForFieldName("arguments")?.namedChildren ?? []).some((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === "primary_key" && a.childForFieldName("value")?.text === "True");

/** One file's models (empty when it cannot declare any, or has a syntax error). */
function readModelFile(file: SourceFile): SqlAlchemyModels {
  const out: SqlAlchemyModels = { classes: [], tables: new Map() };
  if (!mayDeclareSqlAlchemyModels(file)) return out;
  // a file nested too deep for the walkers is left out: its models are then unknown, as with a syntax error
  try {
    readFile(file, out);
  } catch {
    // what was read before the error stays, as when the files were read into one result
  }
  return out;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The models of `files`, as if every file were read, but each file is parsed only when a question may concern
 * it, and once: lint hands over every module of the application (indico: about a thousand model files) and its
 * drops ask about a few tables. A file is skipped only when its text cannot hold the answer (the table's name as
 * written, in any case; `class <Name>`); a name outside ASCII, where lowercasing may not go character by
 * character, parses every file.
 */
export class SqlAlchemyModelIndex {
  private readonly read: (SqlAlchemyModels | undefined)[];
  private readonly lowered: (string | undefined)[];

  /**
   * `files`: the application's files, in the order a later class of the same name wins; `tableKey`: how a table
   * is compared (nameKey's last part), which lowercases and drops double quotes at most (the text filter relies on it).
   */
  constructor(
    private readonly files: readonly SourceFile[],
    private readonly tableKey: (table: string) => string,
  ) {
    this.read = new Array(files.length);
    this.lowered = new Array(files.length);
  }

  /** The classes and Table() calls that map `table` (compared by tableKey), in the files' order. */
  mapping(table: string): { classes: SqlAlchemyClass[]; tables: Map<string, Set<string>> } {
    const name = this.tableKey(table);
    const classes: SqlAlchemyClass[] = [];
    const tables = new Map<string, Set<string>>();
    // tableKey lowercases and drops double quotes at most, and a table is a string's whole text: the file's text,
    // lowercased, holds the name (double quotes allowed between its letters) right before a closing quote
    const written = NON_ASCII.test(name) ? undefined : new RegExp(`${[...name].map(escapeRegExp).join('"*')}"*['"]`);
    const may = (i: number) => written === undefined || written.test(this.lower(i));
    for (let i = 0; i < this.files.length; i++) {
      if (!may(i)) continue;
      const read = this.models(i);
      for (const c of read.classes) if (c.table !== undefined && this.tableKey(c.table) === name) classes.push(c);
      for (const [t, columns] of read.tables) if (this.tableKey(t) === name) tables.set(t, columns);
    }
    return { classes, tables };
  }

  /** `column` among the columns `model` or a class it inherits from declares (a base is the last class of its name among every file). */
  declaresColumn(model: SqlAlchemyClass, column: string): boolean {
    return this.inherits(model, (c) => c.columns.has(column));
  }

  /** Whether a class mapping `table` declares `column` with primary_key=True (itself or a class it inherits from). */
  declaresPrimaryKey(table: string, column: string): boolean {
    return this.mapping(table).classes.some((c) => this.inherits(c, (k) => k.primaryKey.has(column)));
  }

  /** Whether `model` or a class it inherits from (a base is the last class of its name among every file) `has` it. */
  private inherits(model: SqlAlchemyClass, has: (c: SqlAlchemyClass) => boolean): boolean {
    const seen = new Set<string>();
    const visit = (c: SqlAlchemyClass): boolean => {
      if (seen.has(c.className)) return false;
      seen.add(c.className);
      return has(c) || c.bases.some((b) => {
        const base = this.lastClassNamed(b);
        return base !== undefined && visit(base);
      });
    };
    return visit(model);
  }

  /** The last class, in the files' order, whose lowercased name is `lower` (a later class of that name wins). */
  private lastClassNamed(lower: string): SqlAlchemyClass | undefined {
    const declared = NON_ASCII.test(lower) ? undefined : new RegExp(`class[\\s\\\\]+${escapeRegExp(lower)}(?!\\w)`);
    let last: SqlAlchemyClass | undefined;
    for (let i = 0; i < this.files.length; i++) {
      if (declared && !declared.test(this.lower(i))) continue;
      for (const c of this.models(i).classes) if (c.className.toLowerCase() === lower) last = c;
    }
    return last;
  }

  private lower(i: number): string {
    return (this.lowered[i] ??= this.files[i].content.toLowerCase());
  }

  private models(i: number): SqlAlchemyModels {
    return (this.read[i] ??= readModelFile(this.files[i]));
  }
}

function readFile(file: SourceFile, out: SqlAlchemyModels): void {
    withPythonTree(file.content, (root) => {
      if (root.hasError) return;
      for (const node of root.descendantsOfType("class_definition")) {
        if (!node) continue;
        const model = readClass(file.path, node);
        if (model) out.classes.push(model);
      }
      for (const call of root.descendantsOfType("call")) {
        if (!call || !/(?:^|\.)Table$/.test(call.childForFieldName("function")?.text ?? "")) continue;
        const table = firstString(call);
        if (!table) continue;
        const columns = new Set<string>();
        for (const inner of call.descendantsOfType("call"))
          if (inner && /(?:^|\.)Column$/.test(inner.childForFieldName("function")?.text ?? "")) {
            const name = firstString(inner);
            if (name) columns.add(name);
          }
        out.tables.set(table, columns);
      }
    });
}
