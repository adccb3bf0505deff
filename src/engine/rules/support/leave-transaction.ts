/**
 * How each SQL layout runs a statement outside a transaction, as the lines a fix puts before it: CONCURRENTLY
 * (and a few other statements) cannot run in one, and each runner has its own way out.
 */
import type { Layout } from "../../model.js";

export const HOW_TO_LEAVE_THE_TRANSACTION: Partial<Record<Layout, string>> = {
  "golang-migrate":
    "-- golang-migrate sends the whole file as one query, which PostgreSQL runs as one implicit transaction:\n-- put the CONCURRENTLY statement alone in its own migration file.",
  prisma: "-- Prisma sends migration.sql as one script: put the CONCURRENTLY statement alone in its own migration.",
  goose: "-- +goose NO TRANSACTION\n-- (first line of the file; keep only non-transactional statements in it)",
  dbmate: "-- migrate:up transaction:false",
  flyway:
    "-- Flyway runs a migration outside a transaction only when every statement needs it:\n-- move the CONCURRENTLY statement to its own V file.",
  liquibase: "--changeset author:id runInTransaction:false",
  sqitch: "-- remove the BEGIN/COMMIT around the CONCURRENTLY statement (sqitch does not add one)",
  "plain-sql": "-- run the CONCURRENTLY statement outside BEGIN ... COMMIT",
};
