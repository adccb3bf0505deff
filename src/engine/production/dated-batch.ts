/**
 * Version dates say when a migration was written, except in a batch: a port or regeneration dates every script
 * the day it ran. CKAN ported 87 sqlalchemy-migrate scripts to Alembic on 2018-09-04, each with that day's Create
 * Date, for tables born from 2009 on. The busiest days of the audited repositories' own work hold up to 20
 * migrations (langfuse; trigger.dev 16), so more than 30 dated within a day of one is taken for a batch, whose
 * dates tell neither a table's age nor a deploy.
 */
import type { RepositoryView } from "../repository/repository-view.js";

export const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
export const BATCH_MIGRATIONS = 30;

/** More than 30 migrations of the folder are dated within a day of `date`. */
export const inDatedBatch = (repository: RepositoryView, date: Date): boolean => repository.datedNear(date, DAY_MS) > BATCH_MIGRATIONS;
