/**
 * A Jakarta EE (or Java EE) application that applies its migrations when the application server deploys it
 * (Dataverse's StartupFlywayMigrator): a `@Startup` `@Singleton` EJB whose `@PostConstruct` method runs Flyway's
 * `migrate()` or Liquibase's `update(...)`. The container initialises startup singletons while it deploys the
 * application, before it delivers any request to it, so the new code serves only after the migration. Read with
 * tree-sitter's Java grammar (the WASM that tree-sitter-java ships), loaded only when a deploy decision meets a Java
 * file named for migrating (deploy-readers.ts).
 */
import type { Node } from "web-tree-sitter";
import type { SourceFile } from "../model.js";
import { grammarOnDemand } from "../adapters/tree-sitter-grammar.js";

const grammar = grammarOnDemand("tree-sitter-java/tree-sitter-java.wasm");

/** Load the grammar once; later calls share the same promise. */
export const loadJavaParser = (): Promise<void> => grammar.load();

/** The migration tools, by the class that runs them, its package and the method that applies the migrations. */
const TOOLS = [
  { name: "Flyway", className: "Flyway", packageName: "org.flywaydb.core", method: "migrate" },
  { name: "Liquibase", className: "Liquibase", packageName: "liquibase", method: "update" },
] as const;
type Tool = (typeof TOOLS)[number];

/** The EJB annotations, imported from jakarta.ejb or the older javax.ejb (or written with their package). */
const EJB_PACKAGES = ["jakarta.ejb", "javax.ejb"];
const LIFECYCLE_PACKAGES = ["jakarta.annotation", "javax.annotation"];

export interface JavaStartupMigration {
  /** 1-based line of the call that migrates */
  line: number;
  tool: Tool["name"];
  /** the class and method, `StartupFlywayMigrator.migrateDatabase` */
  method: string;
}

const children = (node: Node | null | undefined): Node[] => (node ? node.namedChildren.filter((c): c is Node => c !== null) : []);

/** `import a.b.C;` declarations as their full names (`a.b.C`); `a.b.*` as `a.b.*`. */
function importsOf(root: Node): string[] {
  return children(root)
    .filter((n) => n.type === "import_declaration")
    .map((n) => children(n).map((c) => c.text).join("."));
}

/** Whether `simple` written in this file means the class `packageName.simple` (imported by name or by `.*`, or written in full). */
function resolves(written: string, simple: string, packages: readonly string[], imports: readonly string[]): boolean {
  if (packages.some((p) => written === `${p}.${simple}`)) return true;
  return written === simple && packages.some((p) => imports.includes(`${p}.${simple}`) || imports.includes(`${p}.*`));
}

/** The annotation names on a declaration's modifiers (`Startup`, `jakarta.ejb.Singleton`). */
function annotations(declaration: Node): string[] {
  const modifiers = children(declaration).find((c) => c.type === "modifiers");
  return children(modifiers)
    .filter((c) => c.type === "marker_annotation" || c.type === "annotation")
    .map((a) => a.childForFieldName("name")?.text ?? "");
}

/** Names declared with the tool's class as their type (fields, locals, parameters) in `scope`. */
function typedNames(scope: Node, tool: Tool, imports: readonly string[]): Set<string> {
  const names = new Set<string>();
  const visit = (node: Node): void => {
    if (["field_declaration", "local_variable_declaration", "formal_parameter"].includes(node.type)) {
      const type = node.childForFieldName("type")?.text ?? "";
      if (resolves(type, tool.className, [tool.packageName], imports))
        for (const c of node.type === "formal_parameter" ? [node] : children(node).filter((d) => d.type === "variable_declarator")) {
          const name = c.childForFieldName("name")?.text;
          if (name) names.add(name);
        }
    }
    for (const c of children(node)) visit(c);
  };
  visit(scope);
  return names;
}

/** The innermost object of a call chain (`Flyway` in `Flyway.configure().load().migrate()`). */
function chainRoot(node: Node | null): Node | null {
  let at = node;
  while (at?.type === "method_invocation" || at?.type === "field_access") at = at.childForFieldName("object");
  return at;
}

/** The first call of the tool's migrating method in `body`, on a name of the tool's type or a chain built from its class. */
function migratingCall(body: Node, tool: Tool, names: ReadonlySet<string>, imports: readonly string[]): Node | undefined {
  const visit = (node: Node): Node | undefined => {
    if (node.type === "method_invocation" && node.childForFieldName("name")?.text === tool.method) {
      const object = node.childForFieldName("object");
      if (object?.type === "identifier" && names.has(object.text)) return node;
      const root = chainRoot(object);
      if (object?.type === "method_invocation" && root && resolves(root.text, tool.className, [tool.packageName], imports)) return node;
    }
    for (const c of children(node)) {
      const found = visit(c);
      if (found) return found;
    }
    return undefined;
  };
  return visit(body);
}

/** The `@PostConstruct` method of a `@Startup @Singleton` class that runs Flyway's migrate() or Liquibase's update(), if any. */
export function javaStartupMigration(file: SourceFile): JavaStartupMigration | undefined {
  const parser = grammar.parser;
  if (!parser) throw new Error(`the Java grammar is not loaded (reading ${file.path}): wait for loadJavaParser first`);
  const tree = parser.parse(file.content);
  if (!tree) return undefined;
  try {
    const root = tree.rootNode;
    const imports = importsOf(root);
    for (const type of children(root).filter((n) => n.type === "class_declaration")) {
      const marks = annotations(type);
      if (!marks.some((a) => resolves(a, "Startup", EJB_PACKAGES, imports)) || !marks.some((a) => resolves(a, "Singleton", EJB_PACKAGES, imports))) continue;
      const body = type.childForFieldName("body");
      for (const method of children(body).filter((m) => m.type === "method_declaration")) {
        if (!annotations(method).some((a) => resolves(a, "PostConstruct", LIFECYCLE_PACKAGES, imports))) continue;
        const block = method.childForFieldName("body");
        if (!block || !body) continue;
        for (const tool of TOOLS) {
          const call = migratingCall(block, tool, typedNames(body, tool, imports), imports);
          if (call) return { line: call.startPosition.row + 1, tool: tool.name, method: `${type.childForFieldName("name")?.text ?? "?"}.${method.childForFieldName("name")?.text ?? "?"}` };
        }
      }
    }
    return undefined;
  } finally {
    tree.delete();
  }
}
