/**
 * Names bound by imports, so `migrations.AddField`, `AddField` (from django.db.migrations) and
 * `AddIndexConcurrently` (from django.contrib.postgres.operations) all resolve to one qualified name.
 * `alias.attr` chains resolve through the alias: `sa.Column` -> `sqlalchemy.Column`.
 */
import { unparen } from "./nodes.js";
import type { PyNode } from "./parser.js";

export class Imports {
  private readonly bound = new Map<string, string>();

  /** Every import statement of a block and of the if/try blocks nested in it (not of functions or classes). */
  static of(block: PyNode): Imports {
    const imports = new Imports();
    imports.addFrom(block);
    return imports;
  }

  /** A copy with the imports of a nested block (a function body) added on top. */
  withBlock(block: PyNode): Imports {
    const copy = this.copy();
    copy.addFrom(block);
    return copy;
  }

  private addFrom(block: PyNode): void {
    for (const statement of block.namedChildren) {
      switch (statement.type) {
        case "import_statement":
        case "import_from_statement":
          this.add(statement);
          break;
        case "if_statement":
        case "try_statement":
        case "else_clause":
        case "elif_clause":
        case "except_clause":
        case "finally_clause":
        case "block":
          this.addFrom(statement);
          break;
        default:
          break;
      }
    }
  }

  add(statement: PyNode): void {
    if (statement.type === "import_statement") {
      for (const name of statement.childrenForFieldName("name")) {
        if (name.type === "aliased_import") {
          const target = name.childForFieldName("name")?.text;
          const alias = name.childForFieldName("alias")?.text;
          if (target && alias) this.bound.set(alias, target);
        } else {
          // `import a.b.c` binds `a`, through which a.b.c is reached
          const first = name.text.split(".")[0];
          this.bound.set(first, first);
        }
      }
      return;
    }
    if (statement.type !== "import_from_statement") return;
    const module = statement.childForFieldName("module_name")?.text ?? "";
    for (const name of statement.childrenForFieldName("name")) {
      if (name.type === "aliased_import") {
        const target = name.childForFieldName("name")?.text;
        const alias = name.childForFieldName("alias")?.text;
        if (target && alias) this.bound.set(alias, join(module, target));
      } else this.bound.set(name.text, join(module, name.text));
    }
  }

  /** A copy where `local` also stands for `qualified` (a parameter the caller fills with a known object). */
  withBinding(local: string, qualified: string): Imports {
    const copy = this.copy();
    copy.bound.set(local, qualified);
    return copy;
  }

  private copy(): Imports {
    const copy = new Imports();
    for (const [k, v] of this.bound) copy.bound.set(k, v);
    return copy;
  }

  /** The qualified name a local name stands for, when an import bound it. */
  lookup(local: string): string | undefined {
    return this.bound.get(local);
  }

  /** Qualify a dotted name written in the file: its first segment goes through the imports. */
  qualify(dotted: string): string {
    const dot = dotted.indexOf(".");
    const head = dot === -1 ? dotted : dotted.slice(0, dot);
    const bound = this.bound.get(head);
    if (bound === undefined) return dotted;
    return dot === -1 ? bound : `${bound}${dotted.slice(dot)}`;
  }

  /** Local names bound to something imported from a module matching `test` (e.g. `*.models`). */
  namesFrom(test: (qualified: string) => boolean): string[] {
    return [...this.bound.entries()].filter(([, q]) => test(q)).map(([local]) => local);
  }
}

const join = (module: string, name: string) => (module.endsWith(".") ? `${module}${name}` : `${module}.${name}`);

/**
 * The qualified dotted name of an expression made of names, attributes and calls:
 * `migrations.AddField` -> `django.db.migrations.AddField`, `op.get_context().autocommit_block` ->
 * `alembic.op.get_context().autocommit_block`. Undefined for anything else (subscripts, literals...).
 */
export function qualifiedName(node: PyNode, imports: Imports): string | undefined {
  const n = unparen(node);
  if (n.type === "identifier") return imports.qualify(n.text);
  if (n.type === "attribute") {
    const object = n.childForFieldName("object");
    const attribute = n.childForFieldName("attribute");
    if (!object || !attribute) return undefined;
    const base = qualifiedName(object, imports);
    return base === undefined ? undefined : `${base}.${attribute.text}`;
  }
  if (n.type === "call") {
    const fn = n.childForFieldName("function");
    const base = fn ? qualifiedName(fn, imports) : undefined;
    return base === undefined ? undefined : `${base}()`;
  }
  return undefined;
}

/** Last segment of a qualified name: `django.db.migrations.AddField` -> `AddField`. */
export const lastSegment = (qualified: string): string => qualified.slice(qualified.lastIndexOf(".") + 1);
