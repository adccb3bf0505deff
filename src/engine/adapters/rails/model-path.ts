/** Where Active Record models live (`app/models/**.rb`), by path alone: modules that only pick files name it without loading Prism. */
export const isModelPath = (path: string): boolean => /(?:^|\/)app\/models\/.+\.rb$/.test(path);

/** A Rails project's inflections (config/initializers/inflections.rb): the words it pluralizes its own way. */
export const isInflectionsPath = (path: string): boolean => /(?:^|\/)config\/initializers\/inflections\.rb$/.test(path);
