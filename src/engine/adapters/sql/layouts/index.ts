/** The SQL layouts, by name: each only splits a file (and its companion) into up and down. */
import type { Layout } from "../../../model.js";
import { splitDbmate } from "./dbmate.js";
import { splitDiesel } from "./diesel.js";
import { splitFlyway } from "./flyway.js";
import { splitGolangMigrate } from "./golang-migrate.js";
import { splitGoose } from "./goose.js";
import { splitLiquibase } from "./liquibase.js";
import { splitPlain } from "./plain.js";
import { splitPrisma } from "./prisma.js";
import { splitRivermigrate } from "./rivermigrate.js";
import type { SqlLayoutInput, SqlSections } from "./sections.js";
import { splitSqitch } from "./sqitch.js";
import { splitSqlMigrate } from "./sql-migrate.js";
import { splitTern } from "./tern.js";
import { splitAtlas } from "./atlas.js";
import { splitDrizzle } from "./drizzle.js";

export const SQL_LAYOUTS: Partial<Record<Layout, (input: SqlLayoutInput) => SqlSections>> = {
  "golang-migrate": splitGolangMigrate,
  diesel: splitDiesel,
  rivermigrate: splitRivermigrate,
  dbmate: splitDbmate,
  goose: splitGoose,
  "sql-migrate": splitSqlMigrate,
  tern: splitTern,
  atlas: splitAtlas,
  drizzle: splitDrizzle,
  flyway: splitFlyway,
  sqitch: splitSqitch,
  prisma: splitPrisma,
  liquibase: splitLiquibase,
  "plain-sql": splitPlain,
};

export type { SqlLayoutInput, SqlSections, SqlSegment, TransactionMode, DownSource } from "./sections.js";
