/**
 * Go migration libraries, and how each runs a SQL file: what decides whether CREATE INDEX CONCURRENTLY (which
 * PostgreSQL refuses "inside a transaction block") can run in a migration at all.
 * - golang-migrate: no transaction of its own; its postgres driver sends the file as one query, which PostgreSQL runs
 *   as one implicit transaction once it holds two statements (layout golang-migrate: CONCURRENTLY alone in its file).
 * - goose, sql-migrate, dbmate: a transaction per file unless its marker says not (`-- +goose NO TRANSACTION`,
 *   `-- +migrate Up notransaction`, `-- migrate:up transaction:false`): their layouts, told by those markers.
 * - maragudk/migrate (maragu.dev/migrate): every file in a transaction it begins, rolled back on error, with no way
 *   out (its README: "Each migration is run in a transaction"; Options has no switch): CONCURRENTLY can never run
 *   through it. Its files are named like golang-migrate's (`0002_x.up.sql`: gitness), so only the Go code that calls
 *   it tells the two apart (deploy/go-transaction-runner.ts).
 */
import { goImports } from "../deploy/go-imports.js";

export interface GoRunnerLibrary {
  /** as a fix names it */
  name: string;
  /** the module paths its package is imported from */
  module: RegExp;
}

/** Libraries that run every migration file inside a transaction of their own, with no way to leave it. */
export const ALWAYS_IN_TRANSACTION: readonly GoRunnerLibrary[] = [{ name: "maragudk/migrate", module: /^(?:github\.com\/maragudk\/migrate|maragu\.dev\/migrate)$/ }];

/** The library of ALWAYS_IN_TRANSACTION a Go import path names. */
export const alwaysInTransaction = (importPath: string): GoRunnerLibrary | undefined => ALWAYS_IN_TRANSACTION.find((l) => l.module.test(importPath));

/** A Go file that imports such a library (its import header, go-imports.ts): read for the call that runs it. */
export const importsTransactionalRunner = (content: string): boolean => goImports(content).some((i) => alwaysInTransaction(i) !== undefined);
