import type { Operation } from "../model.js";
import { defineRule } from "./rule.js";
import { railsDownFix } from "./rails-fix.js";
import { fixFor } from "./fix.js";
import { SchemaDelta, type DeltaEntry } from "./schema-delta.js";

/** Down statements we cannot see through (DO blocks, function calls): they might undo anything. */
const opaque = (op: Operation) => op.kind === "raw" && (op.statement === "DO" || op.statement === "SELECT" || op.statement === "Call");

function undo(entry: DeltaEntry): string {
  const [kind, ...rest] = entry.key.split(":");
  const name = entry.label.slice(entry.label.lastIndexOf(" ") + 1);
  if (entry.net < 0) return `-- recreate ${entry.label} as it was before the up`;
  switch (kind) {
    case "table":
      return `DROP TABLE ${name};`;
    case "column": {
      const [table, column] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf(".") + 1)];
      return `ALTER TABLE ${table} DROP COLUMN ${column};`;
    }
    case "index":
      return `DROP INDEX ${name};`;
    case "constraint":
      return `ALTER TABLE ${entry.parent ?? "<table>"} DROP CONSTRAINT ${name};`;
    default:
      return `DROP ${rest[0].replace("_", " ").toUpperCase()} ${name}${entry.parent && rest[0] !== "sequence" ? ` ON ${entry.parent}` : ""};`;
  }
}

export default defineRule({
  meta: {
    id: "down-does-not-undo-up",
    category: "irreversible",
    severity: "warning",
    title: "Down migration does not undo everything the up does",
    why:
      "A down that forgets an object leaves the schema different from before the up: the next up fails on \"already " +
      "exists\" and the schema drifts between environments. The down should reverse every change of the up.",
  },
  check(ctx) {
    const { down, up } = ctx.migration;
    if (down.status !== "present" || down.derived || down.ops.some(opaque)) return;
    const residue = new SchemaDelta().run(up, "up").run(down.ops, "down").residue();
    // one finding per up statement, naming everything of it the down leaves different
    const byOp = new Map<Operation, DeltaEntry[]>();
    for (const entry of residue) if (entry.upOp) byOp.set(entry.upOp, [...(byOp.get(entry.upOp) ?? []), entry]);
    for (const [op, entries] of [...byOp.entries()].sort(([a], [b]) => a.loc.line - b.loc.line)) {
      const left = entries.filter((e) => e.net > 0).map((e) => e.label);
      const gone = entries.filter((e) => e.net < 0).map((e) => e.label);
      const parts = [left.length ? `does not undo ${left.join(", ")}` : "", gone.length ? `does not restore ${gone.join(", ")}` : ""].filter(Boolean);
      ctx.report({
        op,
        message: `The down migration${down.path ? ` (${down.path})` : ""} ${parts.join(" and ")}: after a rollback the schema is not what it was.`,
        fix: fixFor(ctx.framework, {
          sql: `-- add to the down migration:\n${entries.map(undo).join("\n")}`,
          rails: railsDownFix(entries),
          alembic: `# add to downgrade():\n${entries.map((e) => `op.execute(${JSON.stringify(undo(e))})`).join("\n")}`,
        }),
      });
    }
  },
});
