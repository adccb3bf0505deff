/**
 * Is a failure the migration's fault, or the test database's? Only the first becomes a finding: a missing
 * extension, role or privilege, a server file, a safety limit, an object no migration of the folder creates
 * (and no near miss of one), or (for Rails/Django/Alembic, whose history is mostly Ruby/Python that is never
 * run) an object the framework's other migrations would have created, is said as an info note instead.
 * Never a false alarm.
 */
import type { Framework } from "../engine/model.js";
import { isMissingType, missingObject, type FolderObjects } from "./folder-objects.js";
import type { StatementFailure } from "./run-script.js";
import { RUNNER_TABLE_NAMES } from "./runner-tables.js";

/** SQLSTATE classes and codes that describe the environment, not the migration. */
const ENVIRONMENT_CODES = new Set(["42501", "3D000"]);
const ENVIRONMENT_CLASSES = new Set(["53", "57", "58", "XX", "F0", "HV"]);
const MISSING_OBJECT_CODES = new Set(["42P01", "42703", "42883", "42704", "3F000"]);

/** 42704 is also "type does not exist"; these names are things outside the migrations folder. */
/** 0A000 is also "cannot alter type of a column used by a view": only an unavailable extension is the database's lack. */
const UNAVAILABLE_EXTENSION = /^extension ".*" is not available|could not open extension control file/i;
const ENVIRONMENT_OBJECT = /^(role|language|tablespace|server|foreign-data wrapper|extension|user mapping|text search (?:dictionary|configuration|parser|template)) .* does not exist/i;

export function environmentReason(failure: StatementFailure, framework: Framework, folder?: FolderObjects): string | undefined {
  if (failure.kind === "limit" || failure.kind === "budget") return failure.message;
  const code = failure.failure?.code ?? "";
  if (ENVIRONMENT_CODES.has(code) || ENVIRONMENT_CLASSES.has(code.slice(0, 2))) return `the test database lacks what it needs: ${failure.message}`;
  if (code === "0A000" && UNAVAILABLE_EXTENSION.test(failure.failure?.message ?? "")) return `the test database lacks an extension: ${failure.message}`;
  if (code === "42704" && ENVIRONMENT_OBJECT.test(failure.failure?.message ?? "")) return `the test database lacks what it needs: ${failure.message}`;
  const missing = /^relation "(?:[^"]+\.)?([^"]+)" does not exist/.exec(failure.failure?.message ?? "")?.[1];
  if (code === "42P01" && missing && RUNNER_TABLE_NAMES.has(missing)) return `it uses the history table of another migration runner (${missing}): ${failure.message}`;
  const message = failure.failure?.message ?? "";
  const object = missingObject(code, message);
  if (folder && object && !folder.creates(object) && !folder.nearMiss(object, { type: isMissingType(code, message) }))
    return `it refers to ${object}, which no migration of its folder creates (made outside the migrations?): ${failure.message}`;
  if (framework !== "sql" && MISSING_OBJECT_CODES.has(code))
    return `it refers to an object the framework's other migrations create, which migguard does not run: ${failure.message}`;
  return undefined;
}
