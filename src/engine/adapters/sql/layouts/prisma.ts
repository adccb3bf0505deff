/**
 * Prisma Migrate (`migrations/<timestamp>_<name>/migration.sql`). Prisma has no down migrations, and it
 * sends the file as one script (an implicit transaction when it has several statements).
 */
import type { SqlLayoutInput, SqlSections } from "./sections.js";

export function splitPrisma(input: SqlLayoutInput): SqlSections {
  return {
    up: [{ text: input.content, transaction: "implicit" }],
    down: { kind: "unsupported", reason: "Prisma Migrate has no down migrations" },
    notes: [],
  };
}
