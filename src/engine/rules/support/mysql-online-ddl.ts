/**
 * MySQL's online DDL table (MySQL 8.0 Reference Manual, 15.12.1 "Online DDL Operations"; MariaDB's
 * "InnoDB Online DDL Operations with the INSTANT / NOCOPY / INPLACE Alter Algorithm"), per operation of the
 * model: which algorithm the server picks when the statement names none, and whether writes go on meanwhile.
 * Only what blocks writes is a hazard here; INPLACE operations that rebuild the table still accept writes.
 */
import type { Database, Operation, TypeRef } from "../../model.js";

export interface OnlineDdl {
  algorithm: "instant" | "inplace" | "copy";
  /** concurrent INSERT/UPDATE/DELETE keep working */
  writes: boolean;
  /** why, in one clause, for the message */
  because: string;
}

/** Bytes per character of the default character set: utf8mb4 since MySQL 8.0 (MariaDB 11.6); latin1/utf8mb3 before. */
const bytesPerChar = (database: Database, version: string | undefined) => {
  const [major = 8] = (version ?? "").split(".").map(Number);
  if (database === "mariadb") return major > 11 || (major === 11 && Number((version ?? "").split(".")[1] ?? 0) >= 6) ? 4 : 3;
  return major >= 8 || !version ? 4 : 3;
};

/**
 * A VARCHAR grows in place only while its length prefix keeps its size: one byte up to 255 bytes, two above
 * (utf8mb4: up to 63 characters, then 64+).
 */
export function varcharWidensInPlace(from: TypeRef, to: TypeRef, database: Database, version?: string): boolean {
  if (from.name !== "varchar" || to.name !== "varchar" || !from.mods[0] || !to.mods[0] || to.mods[0] < from.mods[0]) return false;
  const perChar = bytesPerChar(database, version);
  return from.mods[0] * perChar <= 255 === to.mods[0] * perChar <= 255;
}

const sameType = (a: TypeRef, b: TypeRef) => a.name === b.name && a.mods.join(",") === b.mods.join(",");

/** What the server does for a column type change from `from` (when known) to `to`. */
export function typeChange(from: TypeRef | undefined, to: TypeRef | undefined, database: Database, version?: string): OnlineDdl | "unknown" {
  if (!from || !to) return "unknown";
  if (sameType(from, to)) return { algorithm: "inplace", writes: true, because: "the type stays the same" };
  if (varcharWidensInPlace(from, to, database, version)) return { algorithm: "inplace", writes: true, because: "widening a VARCHAR within the same length-prefix size is in place" };
  if (from.name === "varchar" && to.name === "varchar" && to.mods[0] && from.mods[0] && to.mods[0] > from.mods[0])
    return { algorithm: "copy", writes: false, because: `${from.text} -> ${to.text} crosses the 255-byte length-prefix boundary, so the table is copied` };
  return { algorithm: "copy", writes: false, because: `changing the column type (${from.text} -> ${to.text}) copies the table` };
}

/** The blocking verdict for one operation of a MySQL/MariaDB migration, or undefined when writes go on. */
export function blockingDdl(
  op: Operation,
  context: { foreignKeyChecksOff: boolean; addsPrimaryKeyToo: boolean; database: Database; version?: string; /** the added column numbers itself (AUTO_INCREMENT, Rails' :primary_key, Django's AutoField) */ autoIncrement?: boolean },
): OnlineDdl | undefined {
  switch (op.kind) {
    case "add_column":
      // MySQL 8.0 "Online DDL Operations", column operations: "Concurrent DML is not permitted when adding an
      // auto-increment column"; MariaDB: ADD COLUMN supports LOCK=NONE "with the exception of adding an auto-increment column"
      if (context.autoIncrement)
        return { algorithm: "inplace", writes: false, because: "adding an AUTO_INCREMENT column rebuilds the table to number every existing row, and MySQL permits no concurrent writes meanwhile (at best LOCK=SHARED, never INSTANT)" };
      return undefined;
    case "add_index":
      if (op.method === "fulltext")
        return { algorithm: "inplace", writes: false, because: "a FULLTEXT index is built under a shared lock (LOCK=SHARED), and the first one on a table rebuilds it to add FTS_DOC_ID" };
      if (op.method === "spatial") return { algorithm: "inplace", writes: false, because: "a SPATIAL index is built under a shared lock (LOCK=SHARED)" };
      return undefined;
    case "add_constraint":
      if (op.constraint === "foreign_key" && !context.foreignKeyChecksOff)
        return { algorithm: "copy", writes: false, because: "with foreign_key_checks=1 MySQL adds a foreign key only by copying the table (INPLACE needs foreign_key_checks=0)" };
      if (op.constraint === "check") return { algorithm: "copy", writes: false, because: "adding a CHECK constraint copies the table to check every row" };
      return undefined;
    case "drop_constraint":
      if (op.name === "PRIMARY" && !context.addsPrimaryKeyToo)
        return { algorithm: "copy", writes: false, because: "dropping the primary key without adding another copies the table (InnoDB clusters rows by it)" };
      return undefined;
    case "raw":
      if (op.statement.startsWith("ALTER TABLE CONVERT TO "))
        return { algorithm: "copy", writes: false, because: "converting the character set rewrites every text column by copying the table" };
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The most row versions a MySQL table keeps (MySQL 8.0 Reference Manual, "Online DDL Operations": "The maximum
 * number of row versions permitted is 64", 255 as of MySQL 9.1.0; row versions exist from 8.0.29, when instant
 * ADD/DROP COLUMN at any position came). Undefined where there is no such limit: MariaDB, MySQL before 8.0.29.
 * A version left unsaid is read as a current MySQL 8.
 */
export function rowVersionLimit(database: Database, version?: string): number | undefined {
  if (database !== "mysql") return undefined;
  const [major = 8, minor = 0, patch = 0] = (version ?? "8.4").split(".").map(Number);
  const at = major * 10000 + minor * 100 + (Number.isFinite(patch) ? patch : 0);
  if (at < 80029) return undefined;
  return at >= 90100 ? 255 : 64;
}
