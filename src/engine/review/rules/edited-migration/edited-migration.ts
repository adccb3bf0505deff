import { dedent } from "../../../rules/support/fix.js";
import { changedLines, editEffect } from "../../history/behaviour.js";
import { liquibaseChangesets } from "../../history/liquibase-changesets.js";
import { runnerHistory } from "../../history/runners.js";
import { defineReviewRule, type ChangedMigration, type ReviewRuleContext } from "../../review-rule.js";

const FIX = dedent(`
  Revert the edit and make the change in a new migration, so every database gets it the same way:
    git checkout <base> -- <this file>
  and add a migration with the next version that does what the edit wanted.`);

const FIX_CHECKSUM = dedent(`
  Revert the edit and make the change in a new migration. If the edit must stay (a comment, a fix that every
  database already has by hand), realign the stored checksums on each environment before deploying
  (Flyway: \`flyway repair\`; Liquibase: \`liquibase clear-checksums\`; Prisma: \`prisma migrate resolve\`).`);

function checkLiquibase(ctx: ReviewRuleContext, m: ChangedMigration, baseContent: string, headContent: string): void {
  const before = new Map(liquibaseChangesets(baseContent).map((c) => [c.id, c]));
  const history = runnerHistory("liquibase");
  for (const changeset of liquibaseChangesets(headContent)) {
    const old = before.get(changeset.id);
    before.delete(changeset.id);
    if (!old || old.runOnChange || old.body === changeset.body) continue;
    ctx.report({
      path: m.change.path,
      line: changeset.line,
      statement: `changeset ${changeset.id}`,
      message: `Changeset ${changeset.id} exists on the base branch and was edited. ${history.edited}`,
      fix: FIX_CHECKSUM,
    });
  }
  // changesets that vanished from a file that stays: Liquibase keeps their rows, fresh databases lose them
  for (const gone of before.values()) {
    ctx.report({
      path: m.change.path,
      line: 1,
      statement: `changeset ${gone.id}`,
      message: `Changeset ${gone.id} exists on the base branch and was removed from the changelog: ${history.deleted}`,
      fix: FIX,
    });
  }
}

export default defineReviewRule({
  meta: {
    id: "edited-migration",
    category: "history",
    severity: "error",
    title: "A migration that is already on the base branch was edited",
    why:
      "A merged migration has run, or will run, on databases you do not control. Runners with checksums " +
      "(Flyway, Liquibase, Prisma) refuse to continue when its content changes; Rails, Django, Alembic, goose, " +
      "golang-migrate and dbmate remember only its version and silently skip the edit on databases that ran it, " +
      "so environments drift apart without an error.",
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      if (m.change.status !== "modified") continue;
      // separate down files, repeatable and verify scripts are meant to change
      if (m.file.role === "down" || m.file.role === "repeatable" || m.file.role === "verify") continue;
      const history = runnerHistory(m.file.layout);
      if (m.file.layout === "liquibase") {
        if (m.baseContent !== undefined && m.headContent !== undefined) checkLiquibase(ctx, m, m.baseContent, m.headContent);
        else ctx.report({ path: m.change.path, line: 1, message: `This Liquibase changelog exists on the base branch and was edited. ${history.edited}`, fix: FIX_CHECKSUM });
        continue;
      }
      const lines = m.baseContent !== undefined && m.headContent !== undefined ? changedLines(m.baseContent, m.headContent) : { line: 1, endLine: 1 };
      const effect = m.base && m.head ? editEffect(m.base, m.head) : undefined;
      const version = m.file.version ? ` ${m.file.version}` : "";
      if (effect && !effect.upChanged && !history.checksums) {
        ctx.report({
          ...lines,
          path: m.change.path,
          severity: "info",
          message: effect.downChanged
            ? `Migration${version} is on the base branch; this edit changes only its down. Databases that ran it are unaffected, and the new down applies to future rollbacks.`
            : `Migration${version} is on the base branch; this edit changes only comments or formatting, not what it does.`,
          fix: "Nothing to do if that is the intent; make schema changes in a new migration.",
        });
        continue;
      }
      ctx.report({
        ...lines,
        path: m.change.path,
        message: `Migration${version} exists on the base branch and was edited. ${history.edited}`,
        fix: history.checksums ? FIX_CHECKSUM : FIX,
      });
    }
  },
});
