/**
 * A project that moved to PostgreSQL from MySQL (openaustralia/planningalerts: MySQL until April 2023, PostGIS
 * since) keeps the migrations it wrote for MySQL: they ran there, and a fresh database loads the schema dump, not
 * them. The settings file that decides the folder's database (config/database.yml) says when it changed: its
 * versions, newest first, read with the same readers, find the commit whose version first says the current
 * database after one that said MySQL or MariaDB. The migrations the repository held just before that commit are
 * judged as the old database's (its grammar, its rules), never with PostgreSQL's parser or lock rules.
 */
import type { Database } from "../model.js";
import type { DatabaseDecision } from "./decide.js";
import { isSignal, type SignalReading } from "./signal.js";

/** What git says of the repository's past (lint: the CLI's git; absent elsewhere). Both are asked only when needed. */
export interface DatabaseHistory {
  /**
   * the versions of a file, newest first: each commit that changed it on the checked-out branch, with the file's text
   * there, none for a commit that deleted it (read as the walk asks: it stops at the switch)
   */
  versions(path: string): Iterable<{ commit: string; content: string | undefined }>;
  /** the migrations (paths as analysed) the repository held just before `commit`, i.e. in its first parent */
  pathsBefore(commit: string): ReadonlySet<string>;
}

export interface DatabaseSwitch {
  /** the database the project ran on before */
  from: Database;
  /**
   * the commit from which the migrations are no longer the old database's: the one whose version of `path` first
   * says the current database, or the one that deleted `path` while it said the old one
   */
  commit: string;
  path: string;
  /** `commit` deleted the file, and a later commit added it back saying the current database */
  deleted?: boolean;
}

/** Old databases whose migrations migguard judges by their own rules. */
const OLD_DATABASES: ReadonlySet<Database> = new Set(["mysql", "mariadb"]);

/** How far back a settings file's history is read: a switch is a few versions of it at most ago in any project seen. */
export const MAX_SETTINGS_VERSIONS = 30;

/**
 * The switch to the decided database from MySQL or MariaDB that the deciding file's history shows, if any.
 * A file deleted while it said MySQL and added back later saying PostgreSQL (FarmBot's config/database.yml: MySQL,
 * then out of the repository from September 2016, its Gemfile moving to pg, and back in October 2018 as postgresql)
 * says nothing of the database while it was gone: the migrations of that gap are the current database's, and only
 * those the repository held before the deletion are the old one's.
 */
export function databaseSwitch(decision: DatabaseDecision, history: DatabaseHistory, readSettings: (file: { path: string; content: string }) => SignalReading): DatabaseSwitch | undefined {
  const path = decision.decidedBy;
  if (!path || decision.assumed || decision.database !== "postgresql") return undefined;
  let newer: string | undefined;
  // the newest deletion since the versions that said the current database
  let deletion: string | undefined;
  let read = 0;
  for (const { commit, content } of history.versions(path)) {
    if (++read > MAX_SETTINGS_VERSIONS) break;
    if (content === undefined) {
      if (newer !== undefined) deletion ??= commit;
      continue;
    }
    const reading = readSettings({ path, content });
    // a version that names no database (ERB, a file emptied for a while) says nothing either way
    if (!isSignal(reading)) continue;
    if (reading.database === decision.database) {
      newer = commit;
      deletion = undefined;
      continue;
    }
    if (newer === undefined || !OLD_DATABASES.has(reading.database)) return undefined;
    return deletion !== undefined ? { from: reading.database, commit: deletion, path, deleted: true } : { from: reading.database, commit: newer, path };
  }
  return undefined;
}

/** The reason a migration of before the switch gives for its database. */
export function switchReason(change: DatabaseSwitch): string {
  const old = change.from === "mariadb" ? "MariaDB" : "MySQL";
  const held = change.deleted
    ? `the repository held it before ${change.commit.slice(0, 10)} deleted ${change.path}, which said ${old} until then (added back later, it says PostgreSQL)`
    : `the repository held it before ${change.commit.slice(0, 10)} changed ${change.path} to PostgreSQL`;
  return `${held}: it ran on ${old}, and a new database loads the schema dump instead`;
}
