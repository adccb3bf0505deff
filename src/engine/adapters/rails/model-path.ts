/** Where Active Record models live (`app/models/**.rb`), by path alone: modules that only pick files name it without loading Prism. */
export const isModelPath = (path: string): boolean => /(?:^|\/)app\/models\/.+\.rb$/.test(path);

/** A Rails project's inflections (config/initializers/inflections.rb): the words it pluralizes its own way. */
export const isInflectionsPath = (path: string): boolean => /(?:^|\/)config\/initializers\/inflections\.rb$/.test(path);

/**
 * Where a Rails project sets Active Record's naming for every model: config/application.rb
 * (`config.active_record.pluralize_table_names = false`) and its initializers (`ActiveRecord::Base.table_name_prefix = ...`).
 */
export const isActiveRecordSettingsPath = (path: string): boolean => /(?:^|\/)config\/(?:application\.rb|initializers\/[^/]+\.rb)$/.test(path);

/** The folder of the project a settings file belongs to (what is above its config/). */
export const activeRecordSettingsRootOf = (path: string): string => path.replace(/\/?config\/(?:application\.rb|initializers\/[^/]+\.rb)$/, "");
