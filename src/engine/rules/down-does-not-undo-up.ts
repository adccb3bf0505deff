import type { Operation } from "../model.js";
import { defineRule } from "./rule.js";
import { railsDownFix } from "./rails-fix.js";
import { fixFor } from "./fix.js";
import { byUpOperation, outermost, downResidue, type DeltaEntry } from "./schema-delta.js";

/** The SQL that takes back what the up left (or says what to recreate). */
export function undo(entry: DeltaEntry): string {
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
    case "pkey": {
      const table = entry.parent ?? name;
      return `ALTER TABLE ${table} DROP CONSTRAINT ${table.split(".").pop()}_pkey;  -- PostgreSQL's default name; use the key's own if it has one`;
    }
    default:
      // object:<type>:<name>; triggers, policies and rules are named per table
      return `DROP ${rest[0].replace("_", " ").toUpperCase()} ${name}${entry.parent && ["trigger", "policy", "rule"].includes(rest[0]) ? ` ON ${entry.parent}` : ""};`;
  }
}

/**
 * The rollback runs but leaves behind objects the up created: the schema after up + down is not the schema
 * before it. That is drift (environments that rolled back differ from those that never ran the up, and the
 * next up fails on "already exists"); what the up destroyed and the down cannot bring back is
 * `down-does-not-restore`.
 */
export default defineRule({
  meta: {
    id: "down-does-not-undo-up",
    category: "drift",
    severity: "warning",
    title: "Down migration leaves behind what the up created",
    why:
      "A down that forgets an object the up created leaves the schema different from before the up: the next up fails " +
      "on \"already exists\" and databases that were rolled back drift from the ones that never ran it. The down " +
      "should remove everything the up adds.",
  },
  check(ctx) {
    const leftovers = downResidue(ctx.migration).filter((e) => e.net > 0);
    const { down } = ctx.migration;
    for (const [op, entries] of byUpOperation(outermost(leftovers))) {
      ctx.report({
        op,
        message: `${down.status === "present" && down.derived ? "Rolling back (the down the framework derives from this migration)" : `The down migration${down.status === "present" && down.path ? ` (${down.path})` : ""}`} does not undo ${entries.map((e) => e.label).join(", ")}, created here: after a rollback it is still there, so the schema drifts and the next up fails on "already exists".`,
        fix: fixFor(ctx.framework, {
          sql: `-- add to the down migration:\n${entries.map(undo).join("\n")}`,
          rails: railsDownFix(entries, { inChange: down.status === "present" && down.derived }),
          alembic: `# add to downgrade():\n${entries.map((e) => `op.execute(${JSON.stringify(undo(e))})`).join("\n")}`,
        }),
      });
    }
  },
});
