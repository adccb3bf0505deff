/**
 * What a Go file says about an in-process goose migration, read with tree-sitter's Go grammar (the WASM tree-sitter-go
 * ships), loaded only when a deploy decision meets a go.mod that requires goose (deploy-readers.ts):
 * - its package name and imports (with the name each is imported under: `goose "github.com/pressly/goose/v3"`);
 * - the calls of an imported package's functions (`goose.SetBaseFS(x)`, `goose.UpContext(...)`) with their line and
 *   first argument when it is a name (`fs`, `migrationssql.FS`);
 * - the package-level variables of type `embed.FS` that a `//go:embed` directive fills: migrations in the binary.
 * self-migrating.ts decides from these; an embed FS of another package of the module (bitmagnet's
 * `migrationssql.FS`, declared in migrations/migrations.go) is found there by the import path.
 */
import type { Node } from "web-tree-sitter";
import type { SourceFile } from "../model.js";
import { literalValue, named } from "../code/go-syntax.js";
import { grammarOnDemand, oncePerFile, withTree } from "../adapters/tree-sitter-grammar.js";

const grammar = grammarOnDemand("tree-sitter-go/tree-sitter-go.wasm");

/**
 * Load the grammar once (shared with code/go-syntax.ts); later calls share the same promise. Loading it here does not
 * mark go-syntax's reading of Go code as loaded: that one stays on when a review or lint asks for it.
 */
export const loadGoStartupParser = (): Promise<void> => grammar.load();

export interface GoImport {
  path: string;
  /** the name written before the path (`goose`, `_`, `.`); absent when the package's own name is used */
  name?: string;
}

/** A name passed as an argument: a local identifier, or another package's (`migrationssql.FS`). */
export interface GoName {
  package?: string;
  name: string;
}

export interface GoPackageCall {
  /** the package name the call is qualified with (`goose` in `goose.Up(db, dir)`) */
  package: string;
  function: string;
  line: number;
  firstArgument?: GoName;
}

export interface GoStartupFacts {
  packageName?: string;
  imports: GoImport[];
  calls: GoPackageCall[];
  /** package-level `embed.FS` variables under a `//go:embed` directive */
  embedFsVars: Set<string>;
}

function nameOf(node: Node | undefined): GoName | undefined {
  if (node?.type === "identifier") return { name: node.text };
  if (node?.type !== "selector_expression") return undefined;
  const operand = node.childForFieldName("operand");
  const field = node.childForFieldName("field");
  return operand?.type === "identifier" && field ? { package: operand.text, name: field.text } : undefined;
}

/** the comment right above `node` is a `//go:embed` directive (Go reads it only there) */
const embedded = (node: Node) => node.previousNamedSibling?.type === "comment" && /^\/\/go:embed\s/.test(node.previousNamedSibling.text) && node.previousNamedSibling.endPosition.row === node.startPosition.row - 1;

function readFacts(root: Node): GoStartupFacts {
  const facts: GoStartupFacts = { imports: [], calls: [], embedFsVars: new Set() };
  for (const top of named(root)) {
    if (top.type === "package_clause") facts.packageName = named(top)[0]?.text;
    if (top.type === "import_declaration")
      for (const spec of top.descendantsOfType("import_spec").filter((s): s is Node => s !== null)) {
        const path = literalValue(spec.childForFieldName("path"));
        if (path !== undefined) facts.imports.push({ path, name: spec.childForFieldName("name")?.text });
      }
  }
  const embedName = facts.imports.find((i) => i.path === "embed")?.name ?? "embed";
  for (const declaration of named(root).filter((n) => n.type === "var_declaration")) {
    const specs = named(declaration).flatMap((n) => (n.type === "var_spec_list" ? named(n).filter((s) => s.type === "var_spec") : n.type === "var_spec" ? [n] : []));
    for (const spec of specs) {
      const type = spec.childForFieldName("type");
      const isEmbedFs = type?.type === "qualified_type" && type.childForFieldName("package")?.text === embedName && type.childForFieldName("name")?.text === "FS";
      // the directive stands above the spec in a `var ( ... )` group, above the declaration otherwise
      if (isEmbedFs && embedded(spec.parent?.type === "var_spec_list" ? spec : declaration))
        for (const name of spec.childrenForFieldName("name")) if (name) facts.embedFsVars.add(name.text);
    }
  }
  for (const call of root.descendantsOfType("call_expression")) {
    const callee = nameOf(call?.childForFieldName("function") ?? undefined);
    if (!call || !callee?.package) continue;
    facts.calls.push({ package: callee.package, function: callee.name, line: call.startPosition.row + 1, firstArgument: nameOf(named(call.childForFieldName("arguments"))[0]) });
  }
  return facts;
}

/** `read` on the file's syntax tree (freed after), or undefined when it does not parse. */
export function withGoTree<T>(file: SourceFile, read: (root: Node) => T): T | undefined {
  const parser = grammar.parser;
  if (!parser) throw new Error(`the Go grammar is not loaded (reading ${file.path}): wait for loadGoStartupParser first`);
  return withTree(parser, file.content, read);
}

/** The file's facts, read once; undefined when the file does not parse. */
export const goStartupFacts = oncePerFile((file: SourceFile): GoStartupFacts | undefined => withGoTree(file, readFacts));
