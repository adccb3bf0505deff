/**
 * The names Alembic's op.create_table / op.add_column give the constraints and indexes they define without naming
 * them, or name through a template. Alembic builds each table on a fresh MetaData carrying env.py's
 * `target_metadata.naming_convention` (alembic/operations/schemaobj.py: only when target_metadata has the attribute,
 * so a list of MetaData, or none, gives SQLAlchemy's default `{"ix": "ix_%(column_0_label)s"}`). SQLAlchemy keeps a
 * written name unless the template for its kind holds `%(constraint_name)s`; an unnamed UNIQUE without a `uq`
 * template gets PostgreSQL's own name. The convention is read from env.py's `target_metadata=`: a MetaData(...) call,
 * or `X.metadata` of a `declarative_base(metadata=...)` / `MetaData(...)` found in env.py or the project's modules, or a
 * library's own MetaData (SQLModel.metadata: library-metadata.ts).
 * What is not read that way (a declarative class, a computed dict) leaves every name a template could give unknown.
 */
import { lastSegment } from "./imports.js";
import { isLibraryMetadata, libraryConventionChanged } from "./library-metadata.js";
import { readModule } from "./module.js";
import { withPythonTree, type PyNode } from "./parser.js";
import type { ProjectModules } from "./project-modules.js";
import { evaluate, type PyValue } from "./values.js";

/** A naming convention by kind (`ix`, `uq`, ...), or unknown. */
export type NamingConvention = { templates: ReadonlyMap<string, string> } | { unknown: string };

export const DEFAULT_CONVENTION: NamingConvention = { templates: new Map([["ix", "ix_%(column_0_label)s"]]) };

/** PostgreSQL's identifier limit: SQLAlchemy shortens a longer conventional name with a hash of its own */
const MAX_IDENTIFIER = 63;

/** The calls whose `metadata=` is the MetaData of `X.metadata` (SQLAlchemy's declarative bases, Flask-SQLAlchemy). */
const METADATA_OWNERS = new Set(["declarative_base", "registry", "SQLAlchemy"]);

/** The convention of a `MetaData(...)`, a base built on one, or a list of them (no naming_convention attribute). */
function conventionOf(
  value: PyValue | undefined,
  lookup: (qualified: string) => PyValue | undefined,
  depth = 0,
  /** `X.metadata` of a project class X whose body binds `metadata = some_metadata` */
  classMetadata: (qualified: string) => PyValue | undefined = () => undefined,
  /** the convention of a library's MetaData (SQLModel's), unless the project changed it */
  library: () => NamingConvention = () => DEFAULT_CONVENTION,
): NamingConvention {
  if (!value || depth > 4) return { unknown: "env.py's target_metadata could not be read" };
  if (value.kind === "name" && isLibraryMetadata(value.name)) return library();
  if (value.kind === "none" || value.kind === "list") return DEFAULT_CONVENTION;
  if (value.kind === "call" && lastSegment(value.callee) === "MetaData") {
    const convention = value.kwargs.get("naming_convention");
    if (!convention || convention.kind === "none") return DEFAULT_CONVENTION;
    if (convention.kind !== "dict") return { unknown: "the naming_convention of env.py's target_metadata is not a dict migguard can read" };
    const templates = new Map<string, string>();
    for (const { key, value: template } of convention.entries) {
      if (key.kind !== "str" || template.kind !== "str" || key.unresolved || template.unresolved) return { unknown: "the naming_convention of env.py's target_metadata holds keys or templates migguard cannot read" };
      templates.set(key.value, template.value);
    }
    return { templates };
  }
  if (value.kind === "call" && METADATA_OWNERS.has(lastSegment(value.callee))) {
    const metadata = value.kwargs.get("metadata");
    return metadata ? conventionOf(metadata, lookup, depth + 1, classMetadata, library) : DEFAULT_CONVENTION;
  }
  if (value.kind === "name" && value.name.endsWith(".metadata")) {
    const owner = value.name.slice(0, -".metadata".length);
    const base = lookup(owner);
    return conventionOf(base ?? classMetadata(owner), lookup, depth + 1, classMetadata, library);
  }
  if (value.kind === "name") return conventionOf(lookup(value.name), lookup, depth + 1, classMetadata, library);
  return { unknown: "env.py's target_metadata is not a MetaData migguard can follow" };
}

/** The `target_metadata=` argument of env.py's context.configure calls (the last one written), or null when none passes one. */
function targetMetadataNode(root: PyNode): PyNode | null {
  let found: PyNode | null = null;
  for (const call of root.descendantsOfType("call")) {
    if (!/(?:^|\.)configure$/.test(call.childForFieldName("function")?.text ?? "")) continue;
    for (const arg of call.childForFieldName("arguments")?.namedChildren ?? [])
      if (arg.type === "keyword_argument" && arg.childForFieldName("name")?.text === "target_metadata") found = arg.childForFieldName("value");
  }
  return found;
}

/** per analysis (its project modules), each env.py's convention, read once for all its revisions */
const perModules = new WeakMap<ProjectModules, Map<string, NamingConvention>>();

/** The naming convention env.py gives the revisions' op.* calls; without env.py, SQLAlchemy's default. */
export function namingConventionFor(env: { path: string; content: string } | undefined, modules: ProjectModules | undefined): NamingConvention {
  if (!env) return DEFAULT_CONVENTION;
  if (!modules) return readConvention(env, undefined);
  let known = perModules.get(modules);
  if (!known) perModules.set(modules, (known = new Map()));
  let convention = known.get(env.path);
  if (!convention) known.set(env.path, (convention = readConvention(env, modules)));
  return convention;
}

function readConvention(env: { path: string; content: string }, modules: ProjectModules | undefined): NamingConvention {
  try {
    return withPythonTree(env.content, (root) => {
      const project = modules?.codeFor(env.path);
      const module = readModule(root, env.content, project);
      const node = targetMetadataNode(root);
      if (!node) return DEFAULT_CONVENTION;
      const ctx = { imports: module.imports, bindings: module.bindings, ...(project ? { project } : {}) };
      const lookup = (qualified: string) => module.bindings.get(qualified) ?? project?.constant(qualified, { line: 1, endLine: 1 });
      const classMetadata = (qualified: string) => project?.classAttributeValue?.(qualified, "metadata", { line: 1, endLine: 1 });
      const library = (): NamingConvention => {
        const changed = libraryConventionChanged(env, modules);
        return changed ? { unknown: changed } : DEFAULT_CONVENTION;
      };
      return conventionOf(evaluate(node, ctx), lookup, 0, classMetadata, library);
    });
  } catch {
    return { unknown: "env.py could not be read" };
  }
}

/**
 * The name SQLAlchemy gives a constraint or index of kind `kind` (`uq`, `ix`) over `columns` of `table`, `given` its
 * written name: `{ name }` (undefined: PostgreSQL names it), or `{ unknown }` when the convention or a template's
 * token is not known, or the name would be shortened.
 */
export function conventionalName(
  convention: NamingConvention,
  kind: string,
  table: string,
  columns: readonly string[],
  given?: string,
  /** a foreign key's referred table and columns, for the `%(referred_...)s` tokens */
  referred?: { table: string; columns: readonly string[] },
): { name: string | undefined } | { unknown: string } {
  if ("unknown" in convention) return convention;
  const template = convention.templates.get(kind);
  if (given !== undefined && (template === undefined || !template.includes("%(constraint_name)s"))) return { name: given };
  if (template === undefined) return kind === "ix" ? { unknown: "the naming convention names no index" } : { name: undefined };
  const [schema, bare] = table.includes(".") ? [table.slice(0, table.lastIndexOf(".")), table.slice(table.lastIndexOf(".") + 1)] : [undefined, table];
  const label = (column: string) => `${schema ? `${schema.replace(/\./g, "_")}_` : ""}${bare}_${column}`;
  const tokens: Record<string, string | undefined> = {
    table_name: bare,
    constraint_name: given,
    column_0_name: columns[0],
    column_0_key: columns[0],
    column_0_label: columns[0] === undefined ? undefined : label(columns[0]),
    column_0N_name: columns.join(""),
    column_0_N_name: columns.join("_"),
    column_0N_key: columns.join(""),
    column_0_N_key: columns.join("_"),
    column_0N_label: columns.map(label).join(""),
    column_0_N_label: columns.map(label).join("_"),
    referred_table_name: referred && referred.table.slice(referred.table.lastIndexOf(".") + 1),
    referred_column_0_name: referred?.columns[0],
    referred_column_0N_name: referred?.columns.join(""),
    referred_column_0_N_name: referred?.columns.join("_"),
  };
  let missing: string | undefined;
  const name = template.replace(/%\((\w+)\)s/g, (_, token: string) => {
    const value = tokens[token];
    if (value === undefined) missing ??= token;
    return value ?? "";
  });
  if (missing !== undefined || /%/.test(name)) return { unknown: `the naming convention's ${kind} template (${template}) uses ${missing ?? "a token"} migguard does not fill` };
  if (name.length > MAX_IDENTIFIER) return { unknown: `the naming convention makes a name longer than ${MAX_IDENTIFIER} characters, which SQLAlchemy shortens with a hash` };
  return { name };
}
