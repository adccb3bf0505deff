/**
 * Readers of Ruby outside migrations: Active Record models (ignored_columns) and config/database.yml's ERB
 * (its database, its replicas).
 * They parse with Prism, which a lint without Rails migrations never loads, so the modules that name them
 * (a rule, the database decision, both loaded by every lint) reach them through here; the Rails adapter's load
 * imports them, and they only run on Rails migrations, after that load.
 */
import type { readRailsDatabaseYml } from "../../database/rails-database-yml.js";
import type { railsReplicas } from "../../database/rails-replicas.js";
import type { gemfileGems } from "../../repository/gemfile.js";
import type { schemaRbOperations } from "../../repository/schema-rb-operations.js";
import type { argumentText, asBlockColumn, withArgument, withOption, withoutOption, withoutPostgresOptions } from "../../rules/support/rails-mysql-call.js";
import type { plainModelClasses, projectAcronyms, readModelFiles } from "./model-files.js";
import type { rubyNamesTable } from "./table-references.js";
import type { rubyStringLiterals } from "../../rules/support/ruby-strings.js";
import type { rubyMethodStatements, rubyMoved } from "../../rules/support/moved-ruby-code.js";
import type { rubyStringInterior, rubyWholeStatement } from "../../rules/support/ruby-cuttable-lines.js";
import type { rubyBindingsIn } from "../../rules/support/ruby-bindings.js";
import type * as railsInsertSettings from "../../repository/rails-insert-settings.js";
import type { strongMigrationsStartAfter } from "../../baseline/strong-migrations-start-after.js";
import type { rubyCommentRanges } from "../../code/ruby-comments.js";
import type { railsOnPostgresql } from "../../portable-fixes/rails-on-postgresql.js";
import type { railsRowCreators } from "../../code/rails-row-creators.js";
import { loadOnce } from "../../load-once.js";

interface RubyReaders {
  readModelFiles: typeof readModelFiles;
  /** the classes of the model files that are plain Ruby objects, not models (a constant of one names no table) */
  plainModelClasses: typeof plainModelClasses;
  /** the acronyms config/initializers/inflections.rb declares (a migration class's camelized name) */
  projectAcronyms: typeof projectAcronyms;
  /** whether Ruby code names a table or its model as Active Record reaches it (rules/support/planned-removal) */
  rubyNamesTable: typeof rubyNamesTable;
  readRailsDatabaseYml: typeof readRailsDatabaseYml;
  /** database.yml's replica databases, whose dumps copy another database's (review/dumps/dump-mirrors.ts) */
  railsReplicas: typeof railsReplicas;
  /** the repository facts fixes read: a Gemfile's gems, db/schema.rb's tables */
  gemfileGems: typeof gemfileGems;
  schemaRbOperations: typeof schemaRbOperations;
  /** a migration's call without some of its options, for MySQL fixes (rules/support/rails-mysql-call) */
  withoutPostgresOptions: typeof withoutPostgresOptions;
  withoutOption: typeof withoutOption;
  /** a migration's call with one option set, the others kept as written (a concurrent add_index keeps its where:) */
  withOption: typeof withOption;
  /** add_column as the t.column line of a create_table block */
  asBlockColumn: typeof asBlockColumn;
  /** a call's positional argument as written (change_column_null's fill value) */
  argumentText: typeof argumentText;
  /** a call with one positional argument written anew, the others as written (a follow-up's table as the history leaves it) */
  withArgument: typeof withArgument;
  /** the string literals of a piece of Ruby */
  rubyStringLiterals: typeof rubyStringLiterals;
  /** the statements of a Rails migration that move to a migration of their own, with what they read */
  rubyMoved: typeof rubyMoved;
  /** the statements of a Rails migration's method (`def down`), each with the locals it reads (a split's downs) */
  rubyMethodStatements: typeof rubyMethodStatements;
  /** whether lines lie wholly inside one string literal's text (one SQL statement of a heredoc, cut out alone) */
  rubyStringInterior: typeof rubyStringInterior;
  /** whether lines are exactly one statement, sharing none of them with another (cut out alone) */
  rubyWholeStatement: typeof rubyWholeStatement;
  /** where the locals a statement of a Rails migration reads get their value, for code a fix lifts out of it (one parse for every statement asked) */
  rubyBindingsIn: typeof rubyBindingsIn;
  /** config/*.rb's partial_inserts setting and load_defaults version (rules/support/partial-inserts) */
  railsInsertSettings: typeof railsInsertSettings;
  /** `StrongMigrations.start_after = N` in config/initializers/strong_migrations.rb (baseline/baselines.ts) */
  strongMigrationsStartAfter: typeof strongMigrationsStartAfter;
  /** a fix's PostgreSQL-only statements under `if connection.adapter_name =~ /postg/i` (portable-fixes/) */
  railsOnPostgresql: typeof railsOnPostgresql;
  /** the lines of the application's Ruby that may create a model's rows (production/hand-filled-tables.ts) */
  railsRowCreators: typeof railsRowCreators;
  /** a Ruby file's comments, which the usage search does not count (code/code-comments.ts) */
  rubyCommentRanges: typeof rubyCommentRanges;
}

let readers: RubyReaders | undefined;

export const loadRubyReaders = loadOnce(async () => {
  // every import after the previous one: most readers extend ruby-visitor.js or share modules, and Jest's ESM loader
  // fails on one module linked twice at once ("request for ... is not in cache"); Node loads each module once either way
  await import("./ruby-visitor.js");
  const models = await import("./model-files.js");
  const tableReferences = await import("./table-references.js");
  const rowCreators = await import("../../code/rails-row-creators.js");
  const databaseYml = await import("../../database/rails-database-yml.js");
  const replicas = await import("../../database/rails-replicas.js");
  const gemfile = await import("../../repository/gemfile.js");
  const schemaRb = await import("../../repository/schema-rb-operations.js");
  const call = await import("../../rules/support/rails-mysql-call.js");
  const portable = await import("../../portable-fixes/rails-on-postgresql.js");
  const strings = await import("../../rules/support/ruby-strings.js");
  const moved = await import("../../rules/support/moved-ruby-code.js");
  const bindings = await import("../../rules/support/ruby-bindings.js");
  const interior = await import("../../rules/support/ruby-cuttable-lines.js");
  const insertSettings = await import("../../repository/rails-insert-settings.js");
  const startAfter = await import("../../baseline/strong-migrations-start-after.js");
  const comments = await import("../../code/ruby-comments.js");
  readers = {
    readModelFiles: models.readModelFiles,
    plainModelClasses: models.plainModelClasses,
    projectAcronyms: models.projectAcronyms,
    rubyNamesTable: tableReferences.rubyNamesTable,
    readRailsDatabaseYml: databaseYml.readRailsDatabaseYml,
    railsReplicas: replicas.railsReplicas,
    gemfileGems: gemfile.gemfileGems,
    schemaRbOperations: schemaRb.schemaRbOperations,
    withoutPostgresOptions: call.withoutPostgresOptions,
    withoutOption: call.withoutOption,
    withOption: call.withOption,
    asBlockColumn: call.asBlockColumn,
    argumentText: call.argumentText,
    withArgument: call.withArgument,
    rubyStringLiterals: strings.rubyStringLiterals,
    rubyMoved: moved.rubyMoved,
    rubyMethodStatements: moved.rubyMethodStatements,
    rubyStringInterior: interior.rubyStringInterior,
    rubyWholeStatement: interior.rubyWholeStatement,
    rubyBindingsIn: bindings.rubyBindingsIn,
    railsInsertSettings: { explicitSetting: insertSettings.explicitSetting, loadDefaults: insertSettings.loadDefaults },
    strongMigrationsStartAfter: startAfter.strongMigrationsStartAfter,
    railsOnPostgresql: portable.railsOnPostgresql,
    railsRowCreators: rowCreators.railsRowCreators,
    rubyCommentRanges: comments.rubyCommentRanges,
  };
});

/** The Ruby readers are there: a Rails migration is among the analysed files. */
export const rubyReadersLoaded = (): boolean => readers !== undefined;

export function rubyReaders(): RubyReaders {
  if (!readers) throw new Error("the Ruby readers are not loaded: load the Rails adapter first (loadAdapters)");
  return readers;
}
