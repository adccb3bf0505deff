/**
 * A new Rails migration's file name and class name, made to agree the way Rails reads them: the file is
 * `<version>_<stem>.rb` with a lower-case, underscored stem, and Rails loads the class `stem.camelize` from it
 * (ActiveSupport: each part capitalized, or the project's acronym: inflections.ts). A class name written any other
 * way (`...OnLOWERName...` from an expression index's name) fails to load with NameError.
 */
import { camelize } from "../../adapters/rails/inflections.js";

/** `build index_users_on_LOWER_name concurrently` -> `build_index_users_on_lower_name_concurrently` */
export const railsFileStem = (name: string): string =>
  name
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase())
    .join("_");

/** The class Rails expects in the file whose stem `railsFileStem(name)` gives, with the project's acronyms. */
export const railsMigrationClass = (name: string, acronyms: readonly string[] = []): string => camelize(railsFileStem(name), acronyms);
