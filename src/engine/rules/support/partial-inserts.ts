/**
 * Whether the Rails that runs while a `remove_column` migration runs does partial inserts: an INSERT names only
 * the attributes the record set, so servers that cached the column list at boot keep inserting once the column is
 * gone, as long as no code names it. Off, every INSERT names each cached column and fails until they restart.
 * Partial inserts are on before Rails 7.0, under `config.load_defaults` below 7.0, or with
 * `config.active_record.partial_inserts = true`; the Rails version is the one the migration was written for (its
 * `ActiveRecord::Migration[X.Y]` bracket) when it is older than Gemfile.lock's: the lock is today's, the bracket
 * the version that ran it.
 */
import { rubyReaders } from "../../adapters/rails/ruby-readers.js";
import type { RuleContext } from "./rule.js";

export interface PartialInserts {
  on: boolean;
  /** what said so, for a message */
  why: string;
}

/** The configuration files read: config/application.rb, config/environments/*.rb and config/initializers/*.rb. */
const isRailsConfig = (path: string) => /(?:^|\/)config\/(?:application\.rb|environments\/production\.rb|initializers\/[^/]+\.rb)$/.test(path);

const minor = (version: string | undefined) => (version === undefined ? undefined : Number(/^\d+(?:\.\d+)?/.exec(version)?.[0]));

export function partialInserts(ctx: RuleContext): PartialInserts {
  const config = ctx.repository.applicationCode().filter((f) => isRailsConfig(f.path));
  const { explicitSetting, loadDefaults } = rubyReaders().railsInsertSettings;
  const explicit = explicitSetting(config);
  if (explicit) return { on: explicit.on, why: `${explicit.path} sets partial_inserts = ${explicit.on}` };
  // a migration without a bracket is Rails 4.2 or older: Rails 5.0+ refuses to run it
  if (ctx.migration.frameworkVersion === undefined) return { on: true, why: "a migration without a version bracket is for Rails before 5.0, which inserts only the attributes set" };
  const bracket = minor(ctx.migration.frameworkVersion);
  const locked = minor(ctx.repository.lockedRailsVersion);
  const known = [bracket, locked].filter((v): v is number => v !== undefined && !Number.isNaN(v));
  const rails = known.length ? Math.min(...known) : undefined;
  if (rails !== undefined && rails < 7) return { on: true, why: `written for Rails ${rails.toFixed(1)}, which inserts only the attributes set` };
  const defaults = loadDefaults(config);
  if (defaults && defaults.version < 7) return { on: true, why: `${defaults.path} keeps load_defaults ${defaults.version.toFixed(1)}, whose inserts name only the attributes set` };
  return { on: false, why: `Rails ${rails?.toFixed(1) ?? "7.0+"}${defaults ? ` with load_defaults ${defaults.version.toFixed(1)}` : ""} names every cached column in each INSERT (partial_inserts off)` };
}
