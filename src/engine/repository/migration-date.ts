/**
 * The day a migration was written, when its runner's version says it: Rails, golang-migrate, goose, dbmate,
 * Prisma and diesel number migrations by a UTC timestamp (20240131120000), Flyway versions often are one
 * (V2024.01.31.1200), and Alembic revisions carry a date in a dated file_template (2024-01-31-1200_add_x.py)
 * or in the header Alembic writes ("Create Date: 2024-01-31 12:00:00"). Django's 0001, 0002 and plain
 * sequence numbers say nothing: undefined. No I/O: the file's git date is not known here.
 */
import type { Migration } from "../model.js";

/** YYYYMMDD[HHMM[SS]] as a UTC date, when it is a plausible calendar date (a sequence number is not). */
function fromDigits(digits: string): Date | undefined {
  if (![8, 12, 14].includes(digits.length)) return undefined;
  const part = (from: number) => (from < digits.length ? Number(digits.slice(from, from + 2)) : 0);
  const [year, month, day, hour, minute, second] = [Number(digits.slice(0, 4)), part(4), part(6), part(8), part(10), part(12)];
  if (year < 1990 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // 20230231 is no date: Date.UTC would roll it into March
  return date.getUTCDate() === day ? date : undefined;
}

/** A date written out at the start of a name: 2024-01-31[-1200], 2024_01_31_1200. */
function fromDatedName(name: string): Date | undefined {
  const m = /^(\d{4})[-_](\d{2})[-_](\d{2})(?:[-_T]?(\d{4})(\d{2})?)?(?:[-_]|$)/.exec(name);
  return m ? fromDigits(`${m[1]}${m[2]}${m[3]}${m[4] ?? ""}${m[5] ?? ""}`) : undefined;
}

/** Alembic's generated header: `Create Date: 2024-01-31 12:00:00.123456`, within the docstring at the top. */
function fromAlembicHeader(source: string | undefined): Date | undefined {
  const m = /^\s*Create Date:\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/m.exec(source?.slice(0, 4000) ?? "");
  return m ? fromDigits(`${m[1]}${m[2]}${m[3]}${m[4] ?? ""}${m[5] ?? ""}${m[6] ?? ""}`) : undefined;
}

export function migrationDate(migration: Pick<Migration, "framework" | "layout" | "version" | "name" | "source">): Date | undefined {
  if (migration.framework === "django") return undefined;
  if (migration.framework === "alembic") return fromDatedName(migration.name ?? "") ?? fromAlembicHeader(migration.source);
  if (migration.version === undefined) return undefined;
  // Flyway's dotted versions: V2024.01.31.1200, V2024_01_31_1200
  const digits = migration.layout === "flyway" ? migration.version.replace(/[._]/g, "") : migration.version;
  return /^\d+$/.test(digits) ? fromDigits(digits) : undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `earlier` to `later` (negative when `later` is earlier). */
export const daysBetween = (earlier: Date, later: Date): number => Math.floor((later.getTime() - earlier.getTime()) / DAY_MS);
