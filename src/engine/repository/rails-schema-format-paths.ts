/** Where a Rails application sets its schema_format, by path alone (rails-schema-format.ts reads them with Prism). */

/** config/application.rb and config/environments/*.rb. */
export const isSchemaFormatSettingsPath = (path: string): boolean => /(?:^|\/)config\/(?:application\.rb|environments\/[^/]+\.rb)$/.test(path);

/** The folder of the application a settings file configures (what is above its config/). */
export const schemaFormatSettingsRootOf = (path: string): string => path.replace(/\/?config\/(?:application\.rb|environments\/[^/]+\.rb)$/, "");
