/**
 * Whether a project's JavaScript/TypeScript can read its database at all: it does only through a database client,
 * query builder, ORM or a framework that owns the database (Strapi, Keystone, Payload), imported somewhere among its
 * scripts. Without one, beside a server in another language, its scripts are a browser's or an app's (alf.io's Angular
 * admin beside its Java server), and the fields they name (`usageCount`, `description`) are the API's, which the
 * server maps from whatever it reads: no evidence that this table's column is read.
 * No Babel here: script-syntax.ts confirms the import with the grammar.
 */

/** Drivers, query builders, ORMs, and the clients of hosted PostgreSQL and PostgREST (Supabase's `from("t").select("col")`). */
const DATABASE_CLIENTS =
  /^(?:npm:)?(?:pg|pg-promise|pg-native|pg-pool|postgres|@vercel\/postgres|@neondatabase\/serverless|slonik|@databases\/[\w-]+|mysql2?|mssql|tedious|sqlite3?|better-sqlite3|@libsql\/client|knex|objection|sequelize|sequelize-typescript|@sequelize\/[\w-]+|typeorm|@nestjs\/typeorm|@nestjs\/sequelize|@mikro-orm\/[\w-]+|drizzle-orm|kysely|@prisma\/client|\.prisma\/client|bookshelf|@adonisjs\/lucid|zapatos|massive|@electric-sql\/pglite|@supabase\/[\w-]+|@planetscale\/database|@xata\.io\/client|@effect\/sql[\w-]*|@pgtyped\/[\w-]+|orchid-orm|@deepkit\/orm|@nestjs\/mikro-orm|nestjs-prisma|@keystone-6\/[\w-]+|payload|@payloadcms\/db-[\w-]+|@strapi\/[\w-]+|@loopback\/repository|loopback-connector-[\w-]+|@feathersjs\/knex)(?:[/@]|$)/;

/** Quick text test before a file is parsed for its imports: it has a quote followed by a database client's name. */
export const mayImportDatabaseClient = (content: string): boolean =>
  /["'`](?:npm:)?(?:pg|postgres|@vercel|@neondatabase|slonik|@databases|mysql|mssql|tedious|sqlite|better-sqlite3|@libsql|knex|objection|sequelize|@sequelize|typeorm|@nestjs|@mikro-orm|drizzle-orm|kysely|@prisma|\.prisma|bookshelf|@adonisjs|zapatos|massive|@electric-sql|@supabase|@planetscale|@xata|@effect|@pgtyped|orchid-orm|@deepkit|nestjs-prisma|@keystone-6|payload|@payloadcms|@strapi|@loopback|loopback-connector|@feathersjs)/.test(content);

/** A module specifier (`pg`, `@prisma/client`, `npm:postgres@3`) of a database client, query builder or ORM. */
export const isDatabaseClientModule = (specifier: string): boolean => DATABASE_CLIENTS.test(specifier);
