/** Where Active Record models live (`app/models/**.rb`), by path alone: modules that only pick files name it without loading Prism. */
export const isModelPath = (path: string): boolean => /(?:^|\/)app\/models\/.+\.rb$/.test(path);
