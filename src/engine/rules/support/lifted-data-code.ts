/**
 * A migration's data change shown on its own, as code to keep or to move by hand (mixed-ddl-dml's keep-together
 * and cannot-cut fixes). In Rails its statements read locals of the code around them: shown alone they would name
 * them where nothing binds them (a NameError). So the assignments they read (earlier in the method, or the value
 * `up` passes a helper) come before the code, an `if` whose condition assigns one (`if configured_service = ...`)
 * stays around the statements it guards, and a comment names the locals whose value is known only where the
 * migration runs the code (a loop's variable, a local assigned in a branch).
 */
import type { Migration, Operation } from "../../model.js";
import { rubyReaders, rubyReadersLoaded } from "../../adapters/rails/ruby-readers.js";
import { codeOperations, dataCode, dataCodeOf } from "./data-code.js";
import { overlaps, repeatable } from "./moved-code.js";
import { batchTarget } from "./alembic-batch.js";

interface Piece {
  code: string;
  conditions: string[];
}

const indent = (text: string, by: string) => text.split("\n").map((l) => (l.trim() ? `${by}${l}` : l)).join("\n");

export function liftedDataCode(migration: Migration, ops: readonly Operation[]): string {
  const source = migration.source;
  if (migration.framework === "alembic") return alembicCode(source, ops);
  if (migration.framework !== "rails" || source === undefined || !rubyReadersLoaded()) return dataCodeOf(migration.framework, ops);
  // the operations dataCodeOf prints, each once
  const shown = new Map<string, Operation>();
  for (const op of codeOperations(ops)) {
    const code = dataCode("rails", op);
    if (code && !shown.has(code)) shown.set(code, op);
  }
  // what the statements read, each once: a helper's parameters first, then the assignments in source order
  const parameters = new Set<string>();
  const assignments = new Map<number, string>();
  const unknown = new Set<string>();
  const pieces: Piece[] = [];
  const bindingsAt = rubyReaders().rubyBindingsIn(source); // the migration parsed once for all its statements
  for (const [code, op] of shown) {
    const bindings = bindingsAt?.(op.loc);
    if (!bindings) {
      pieces.push({ code, conditions: [] });
      continue;
    }
    bindings.unknown.forEach((n) => unknown.add(n));
    bindings.parameters.forEach((p) => parameters.add(p));
    for (const a of bindings.assignments) {
      // an assignment that is itself shown is not repeated; one that also runs an operation (`id = insert(...)`) cannot be
      if (ops.some((o) => overlaps(o.loc, a.lines))) continue;
      if (repeatable(a.lines, migration.up)) assignments.set(a.lines.line, a.text);
      else a.binds.forEach((n) => unknown.add(n));
    }
    pieces.push({ code, conditions: bindings.conditions });
  }
  // consecutive statements under the same conditions share one `if ... end`
  const groups: Piece[] = [];
  for (const piece of pieces) {
    const last = groups[groups.length - 1];
    if (last && last.conditions.join("\n") === piece.conditions.join("\n")) last.code += `\n${piece.code}`;
    else groups.push({ ...piece });
  }
  const wrapped = groups.map((g) => g.conditions.reduceRight((code, condition) => `${condition}\n${indent(code, "  ")}\nend`, g.code));
  const said = unknown.size
    ? [`# ${[...unknown].join(", ")}: bound only where the migration runs this code (a loop's variable, a parameter, a branch), unknown here: set ${unknown.size > 1 ? "them" : "it"} first`]
    : [];
  return [...said, ...parameters, ...[...assignments.entries()].sort(([a], [b]) => a - b).map(([, t]) => t), ...wrapped].join("\n");
}

/**
 * Alembic: a call of a `with op.batch_alter_table(...) as batch_op:` block names neither its table nor a `batch_op`
 * bound outside the block, so consecutive calls of one block are shown inside that block's `with` again. A block
 * whose table cannot be read is said so.
 */
function alembicCode(source: string | undefined, ops: readonly Operation[]): string {
  const pieces: Array<{ block?: NonNullable<Operation["batchBlock"]>; code: string[] }> = [];
  const seen = new Set<string>();
  for (const op of codeOperations(ops)) {
    const code = dataCode("alembic", op);
    if (seen.has(code)) continue;
    seen.add(code);
    const last = pieces[pieces.length - 1];
    const block = op.batchBlock;
    if (last && last.block?.loc.line === block?.loc.line) last.code.push(code);
    else pieces.push({ block, code: [code] });
  }
  return pieces
    .map(({ block, code }) => {
      if (!block) return code.join("\n");
      const target = batchTarget(source, block.loc);
      const opening = target
        ? `with op.batch_alter_table(${target.table}${target.schema ? `, schema=${target.schema}` : ""}) as ${block.alias}:`
        : `# the with op.batch_alter_table(...) as ${block.alias}: of line ${block.loc.line} (its table could not be read): these calls go inside it`;
      return target ? `${opening}\n${indent(code.join("\n"), "    ")}` : `${opening}\n${code.join("\n")}`;
    })
    .join("\n");
}
