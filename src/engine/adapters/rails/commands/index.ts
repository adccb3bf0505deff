/** Every schema command of the ActiveRecord migration DSL migguard models, by name. */
import { COLUMN_COMMANDS } from "./columns.js";
import { CONSTRAINT_COMMANDS } from "./constraints.js";
import type { CommandHandler } from "./context.js";
import { INDEX_COMMANDS } from "./indexes.js";
import { OBJECT_COMMANDS } from "./objects.js";
import { ONLINE_MIGRATIONS_COMMANDS } from "./online-migrations.js";
import { REFERENCE_COMMANDS } from "./references.js";
import { TABLE_COMMANDS } from "./tables.js";
import { VIEW_COMMANDS } from "./views.js";

export const COMMANDS: ReadonlyMap<string, CommandHandler> = new Map(
  Object.entries({ ...TABLE_COMMANDS, ...COLUMN_COMMANDS, ...INDEX_COMMANDS, ...REFERENCE_COMMANDS, ...CONSTRAINT_COMMANDS, ...OBJECT_COMMANDS, ...VIEW_COMMANDS, ...ONLINE_MIGRATIONS_COMMANDS }),
);

/**
 * `t.<method>` inside change_table -> the migration command it calls with the table first
 * (ActiveRecord::ConnectionAdapters::Table). Column-type methods (`t.string`) are handled by the caller.
 */
export const TABLE_METHODS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    column: "add_column",
    index: "add_index",
    remove_index: "remove_index",
    rename_index: "rename_index",
    timestamps: "add_timestamps",
    remove_timestamps: "remove_timestamps",
    change: "change_column",
    change_default: "change_column_default",
    change_null: "change_column_null",
    rename: "rename_column",
    references: "add_reference",
    belongs_to: "add_reference",
    remove_references: "remove_reference",
    remove_belongs_to: "remove_reference",
    foreign_key: "add_foreign_key",
    remove_foreign_key: "remove_foreign_key",
    check_constraint: "add_check_constraint",
    remove_check_constraint: "remove_check_constraint",
    unique_constraint: "add_unique_constraint",
    remove_unique_constraint: "remove_unique_constraint",
    exclusion_constraint: "add_exclusion_constraint",
    remove_exclusion_constraint: "remove_exclusion_constraint",
    change_comment: "change_column_comment",
    remove: "remove_columns",
  }),
);
