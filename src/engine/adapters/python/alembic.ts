/**
 * The Alembic adapter: `upgrade()` is the up, `downgrade()` the down. Alembic runs a revision inside one
 * transaction on PostgreSQL (transactional DDL) except inside `op.get_context().autocommit_block()`.
 * A missing downgrade, one that only passes, or one that raises first cannot roll the revision back.
 */
import { projectModulesFor } from "./project-modules.js";
import type { AdapterInput } from "../index.js";
import type { Down, HiddenOperation, MigrationInput, OperationInput, ParseProblem } from "../../model.js";
import { AlembicWalker } from "./alembic-walk.js";
import { readModule } from "./module.js";
import { isEmptyBody, locOf, statementsOf } from "./nodes.js";
import { withPythonTree, type PyNode } from "./parser.js";
import { functionInError } from "./recovery.js";
import { append } from "../../append.js";
import { authorsWords, deliberateReason, oneWayMark, type DownComment } from "../deliberate-down.js";
import { revisionLink } from "./alembic-revision.js";
import { namingConventionFor } from "./alembic-naming-convention.js";
import { settingsDialectFor } from "./alembic-settings-dialect.js";

/** The comments and docstrings of an empty downgrade(), where its author may say why it is empty. */
function downComments(root: PyNode, def: PyNode): DownComment[] {
  const { line, endLine } = locOf(def);
  const comments = root.descendantsOfType("comment").filter((c) => c.startPosition.row + 1 > line && c.startPosition.row + 1 <= endLine);
  const docstrings = statementsOf(def.childForFieldName("body")).filter((s) => s.type === "expression_statement" && /string/.test(s.namedChildren[0]?.type ?? ""));
  return [...docstrings, ...comments].map((n) => ({ line: n.startPosition.row + 1, text: n.text })).sort((a, b) => a.line - b.line);
}

/** A downgrade whose first real statement raises (NotImplementedError, "irreversible"...). */
function raisingStatement(def: PyNode): PyNode | undefined {
  const first = statementsOf(def.childForFieldName("body")).find(
    (s) => !(s.type === "expression_statement" && (s.namedChildren[0]?.type === "string" || s.namedChildren[0]?.type === "concatenated_string")),
  );
  return first?.type === "raise_statement" ? first : undefined;
}

/**
 * Alembic's multidb template dispatches with `globals()["upgrade_%s" % engine_name]()`: the per-engine
 * functions (`upgrade_engine1`, ...) are the migration.
 */
function dispatchedFunctions(def: PyNode, prefix: string, functions: Map<string, PyNode>): PyNode[] {
  const dispatches = def.descendantsOfType("call").some((c) => c.childForFieldName("function")?.text === "globals");
  if (!dispatches) return [def];
  const targets = [...functions.entries()].filter(([name]) => name.startsWith(`${prefix}_`)).map(([, node]) => node);
  return targets.length ? targets : [def];
}

/**
 * The parameters of `upgrade()` (Quay's env.py calls `upgrade(op, tables, tester)` with its own wrapper of
 * Alembic's operations): a parameter named `op` is Alembic's `op` in the revision, as an import would make it.
 */
function parametersOf(def: PyNode | undefined): { text?: string; op: boolean } {
  const list = def?.childForFieldName("parameters");
  const names = list?.namedChildren.map((p) => (p.type === "identifier" ? p.text : p.childForFieldName("name")?.text ?? p.namedChildren[0]?.text)) ?? [];
  return { text: names.length ? list!.text.slice(1, -1).trim() : undefined, op: names.includes("op") };
}

export function alembicMigration(input: AdapterInput): MigrationInput {
  const modules = projectModulesFor(input.projectFile);
  const project = modules?.codeFor(input.file.path);
  const dialect = input.alembicEnv ? settingsDialectFor(input.alembicEnv, modules) : undefined;
  const naming = namingConventionFor(input.alembicEnv, modules);
  return withPythonTree(input.content, (root) => {
    const read = readModule(root, input.content, project);
    const upgradeParameters = parametersOf(read.functions.get("upgrade") ?? read.functions.get("downgrade"));
    const module = upgradeParameters.op && read.imports.lookup("op") === undefined ? { ...read, imports: read.imports.withBinding("op", "alembic.op") } : read;
    const notes: ParseProblem[] = [];
    const hidden: HiddenOperation[] = [];
    const syntaxErrors: ParseProblem[] = [...module.syntaxErrors];
    const upgrade = module.functions.get("upgrade");
    const downgrade = module.functions.get("downgrade");

    // `def upgrade():` folded whole into an ERROR by a syntax error (an unterminated f-string): what parsed of
    // its body is still checked
    const folded = (name: string) => root.children.filter((c) => c.isError).map(functionInError).find((f) => f?.name === name);
    const recovered = upgrade ? undefined : folded("upgrade");
    let up: OperationInput[] = [];
    if (upgrade || recovered) {
      const walker = new AlembicWalker(module, project, dialect, naming);
      if (upgrade) for (const def of dispatchedFunctions(upgrade, "upgrade", module.functions)) walker.walkFunction(def);
      else walker.walkBody("upgrade", recovered!.statements);
      up = walker.ops;
      append(syntaxErrors, walker.errors);
      append(notes, walker.notes);
      append(hidden, walker.hidden);
    } else notes.push({ line: 1, message: "no upgrade() function: nothing to check in this revision" });

    const recoveredDown = downgrade ? undefined : folded("downgrade");
    // statements a syntax error folded into an ERROR beside the body are not an empty body
    const emptyDowngrade = downgrade && isEmptyBody(downgrade.childForFieldName("body")) && !downgrade.children.some((c) => c.isError);
    let down: Down;
    if (!downgrade && !recoveredDown) down = { status: "missing", reason: "the revision has no downgrade() function" };
    else if (downgrade && emptyDowngrade) {
      const comments = downComments(root, downgrade);
      const oneWay = oneWayMark(comments);
      down = { status: "empty", loc: locOf(downgrade), why: deliberateReason(comments), ...(oneWay ? { oneWay } : {}) };
    }
    else {
      const raised = downgrade ? raisingStatement(downgrade) : undefined;
      // a raise before anything else is the author saying the revision is one-way, whatever the exception
      // (warehouse's RuntimeError("Cannot downgrade past revision"), koschei's NotImplementedError())
      if (raised) {
        const said = authorsWords(downComments(root, downgrade!).filter((c) => c.line < locOf(raised).line));
        down = { status: "irreversible", loc: locOf(raised), reason: `downgrade() raises (\`${raised.text.split("\n")[0].slice(0, 120)}\`)`, declared: true, ...(said ? { said } : {}) };
      } else {
        const walker = new AlembicWalker(module, project, dialect, naming);
        if (downgrade) for (const def of dispatchedFunctions(downgrade, "downgrade", module.functions)) walker.walkFunction(def);
        else walker.walkBody("downgrade", recoveredDown!.statements);
        append(syntaxErrors, walker.errors);
        append(notes, walker.notes);
        // the downgrade's own, unless the upgrade hides the same thing on the same line (a shared helper)
        const inUpgrade = new Set(hidden.map((u) => `${u.line}\0${u.message}`));
        append(hidden, walker.hidden.filter((h) => !inUpgrade.has(`${h.line}\0${h.message}`)));
        down = { status: "present", ops: walker.ops as never, derived: false };
      }
    }

    return {
      path: input.file.path,
      framework: "alembic",
      layout: "alembic",
      version: input.file.version,
      name: input.file.name,
      transactional: true,
      up: up as never,
      down,
      waivers: module.waivers,
      sizeNotes: module.sizeNotes,
      syntaxErrors,
      hidden,
      notes,
      revision: revisionLink(module.bindings),
      ...(upgradeParameters.text ? { alembicParameters: upgradeParameters.text } : {}),
    };
  });
}
