/**
 * Third-party MetaData objects an env.py passes as target_metadata whose naming convention the library fixes:
 * SQLModel's `SQLModel.metadata` is the MetaData() of its default registry (sqlmodel/main.py: `default_registry =
 * registry()`), so it has no naming convention, and an unnamed constraint gets PostgreSQL's name (Open-Assistant
 * d24b37426857). A project can still give it one before env.py configures Alembic (`SQLModel.metadata.naming_convention
 * = {...}`, or a MetaData of its own assigned to `SQLModel.metadata`) in a module env.py imports: the project modules
 * env.py imports, and theirs, are read for such a statement, and one that cannot be read leaves the convention unknown.
 */
import { lastSegment } from "./imports.js";
import { withPythonTree, type PyNode } from "./parser.js";
import type { ProjectModules } from "./project-modules.js";

/** the qualified names env.py reaches SQLModel's class-level MetaData by */
const SQLMODEL_METADATA = new Set(["sqlmodel.SQLModel.metadata", "sqlmodel.main.SQLModel.metadata"]);

export const isLibraryMetadata = (qualified: string): boolean => SQLMODEL_METADATA.has(qualified);

/** how far the imports of env.py are followed (env.py's models package, and the modules it imports) */
const IMPORT_DEPTH = 2;

/**
 * Why the library's MetaData may carry a naming convention the project set, or undefined when none of the modules
 * env.py imports (as far as IMPORT_DEPTH) sets one.
 */
export function libraryConventionChanged(env: { path: string; content: string }, modules: ProjectModules | undefined): string | undefined {
  const seen = new Set<string>([env.path]);
  let level: Array<{ path: string; content: string }> = [env];
  for (let depth = 0; depth <= IMPORT_DEPTH && level.length; depth++) {
    const next: Array<{ path: string; content: string }> = [];
    for (const file of level) {
      // one parse per file: the tree lives only inside withPythonTree
      const read = withPythonTree(file.content, (root) => ({ sets: setsConvention(root), imports: importedModules(root) }));
      if (read.sets) return `${file.path} sets the naming convention of SQLModel.metadata`;
      if (!modules || depth === IMPORT_DEPTH) continue;
      for (const dotted of read.imports) {
        const unread = modules.unreadFile(dotted, file.path);
        if (unread && !seen.has(unread.path)) return `${unread.path}, which env.py imports, was not read (${unread.unread}): it may set SQLModel.metadata's naming convention`;
        const found = modules.moduleFile(dotted, file.path);
        if (!found || seen.has(found.path)) continue;
        seen.add(found.path);
        next.push(found);
      }
    }
    level = next;
  }
  return undefined;
}

/** An assignment to `X.naming_convention` or to `SQLModel.metadata`, or a call of `X.naming_convention.update(...)`. */
function setsConvention(root: PyNode): boolean {
  for (const attribute of root.descendantsOfType("attribute")) {
    const name = attribute.childForFieldName("attribute")?.text;
    if (name === "naming_convention") return true;
    if (name === "metadata" && lastSegment(attribute.childForFieldName("object")?.text ?? "") === "SQLModel" && attribute.parent?.type === "assignment" && attribute.parent.childForFieldName("left")?.startIndex === attribute.startIndex) return true;
  }
  return false;
}

/** The dotted names of the modules a file's import statements may load: `a.b` of `import a.b`, `m` and `m.x` of `from m import x`. */
function importedModules(root: PyNode): string[] {
  const out: string[] = [];
  for (const statement of [...root.descendantsOfType("import_statement"), ...root.descendantsOfType("import_from_statement")]) {
    if (statement.type === "import_statement") {
      for (const name of statement.childrenForFieldName("name")) out.push((name.type === "aliased_import" ? name.childForFieldName("name") : name)?.text ?? "");
      continue;
    }
    const module = statement.childForFieldName("module_name")?.text ?? "";
    out.push(module);
    for (const name of statement.childrenForFieldName("name")) {
      const imported = (name.type === "aliased_import" ? name.childForFieldName("name") : name)?.text;
      if (imported) out.push(module.endsWith(".") ? `${module}${imported}` : `${module}.${imported}`);
    }
  }
  return out.filter(Boolean);
}
