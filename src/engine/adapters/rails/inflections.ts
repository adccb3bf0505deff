/**
 * The slice of ActiveSupport's inflector that migrations need: model constant <-> table name,
 * and the `<singular>_id` column Rails derives for references and foreign keys.
 * (Regexes here work on names, never on code.)
 */
const UNCOUNTABLE = new Set(["equipment", "information", "rice", "money", "species", "series", "fish", "sheep", "jeans", "police", "metadata", "data"]);
const IRREGULAR: Array<[string, string]> = [
  ["person", "people"],
  ["man", "men"],
  ["child", "children"],
  ["sex", "sexes"],
  ["move", "moves"],
  ["zombie", "zombies"],
];

const PLURALS: Array<[RegExp, string]> = [
  [/(quiz)$/i, "$1zes"],
  [/^(oxen)$/i, "$1"],
  [/^(ox)$/i, "$1en"],
  [/(matr|vert|ind)(?:ix|ex)$/i, "$1ices"],
  [/(x|ch|ss|sh)$/i, "$1es"],
  [/([^aeiouy]|qu)y$/i, "$1ies"],
  [/(hive)$/i, "$1s"],
  [/(?:([^f])fe|([lr])f)$/i, "$1$2ves"],
  [/sis$/i, "ses"],
  [/([ti])um$/i, "$1a"],
  [/(buffal|tomat)o$/i, "$1oes"],
  [/(bu)s$/i, "$1ses"],
  [/(alias|status)$/i, "$1es"],
  [/(octop|vir)(us|i)$/i, "$1i"],
  [/(ax|test)is$/i, "$1es"],
  [/s$/i, "s"],
  [/$/, "s"],
];

const SINGULARS: Array<[RegExp, string]> = [
  [/(database)s$/i, "$1"],
  [/(quiz)zes$/i, "$1"],
  [/(matr)ices$/i, "$1ix"],
  [/(vert|ind)ices$/i, "$1ex"],
  [/^(ox)en/i, "$1"],
  [/(alias|status)(es)?$/i, "$1"],
  [/(octop|vir)(us|i)$/i, "$1us"],
  [/^(a)x[ie]s$/i, "$1xis"],
  [/(cris|test)(is|es)$/i, "$1is"],
  [/(shoe)s$/i, "$1"],
  [/(o)es$/i, "$1"],
  [/(bus)(es)?$/i, "$1"],
  [/(vert|ind)ices$/i, "$1ex"],
  [/(x|ch|ss|sh)es$/i, "$1"],
  [/(m)ovies$/i, "$1ovie"],
  [/(s)eries$/i, "$1eries"],
  [/([^aeiouy]|qu)ies$/i, "$1y"],
  [/([lr])ves$/i, "$1f"],
  [/(tive)s$/i, "$1"],
  [/(hive)s$/i, "$1"],
  [/([^f])ves$/i, "$1fe"],
  [/(^analy)(sis|ses)$/i, "$1sis"],
  [/((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$/i, "$1sis"],
  [/([ti])a$/i, "$1um"],
  [/(n)ews$/i, "$1ews"],
  [/(ss)$/i, "$1"],
  [/s$/i, ""],
];

/**
 * A project's own inflections (config/initializers/inflections.rb): `inflect.irregular "criterion", "criteria"`,
 * `inflect.uncountable %w[feedback]`. They come before Rails' rules, as ActiveSupport applies them.
 */
export interface ProjectInflections {
  irregular: ReadonlyArray<readonly [string, string]>;
  uncountable: ReadonlySet<string>;
  /** `inflect.acronym "API"`: camelize writes the word so (`api_key` -> `APIKey`) */
  acronyms?: ReadonlyArray<string>;
}

export const NO_INFLECTIONS: ProjectInflections = { irregular: [], uncountable: new Set() };

/**
 * ActiveSupport's `camelize` of a lower-case, underscored name (a migration file's, after its version): each part
 * capitalized (its other letters lower-cased, as Ruby's `capitalize` does), or written as the project's acronym
 * when its inflections declare one (`inflect.acronym "API"`). Rails loads `<version>_<name>.rb` and expects the class
 * `name.camelize`: `build_index_users_on_lower_name` -> `BuildIndexUsersOnLowerName`.
 */
export function camelize(name: string, acronyms: ReadonlyArray<string> = []): string {
  const byLower = new Map(acronyms.map((a) => [a.toLowerCase(), a]));
  return name
    .split("_")
    .filter(Boolean)
    .map((part) => byLower.get(part.toLowerCase()) ?? part[0].toUpperCase() + part.slice(1).toLowerCase())
    .join("");
}

function inflectLastWord(word: string, rules: Array<[RegExp, string]>, irregular: (w: string) => string | undefined, own: ProjectInflections): string {
  const parts = word.split("_");
  const last = parts.pop() ?? "";
  let result = last;
  const lower = last.toLowerCase();
  if (!UNCOUNTABLE.has(lower) && !own.uncountable.has(lower)) {
    const irr = irregular(lower);
    if (irr !== undefined) result = irr;
    else
      for (const [pattern, replacement] of rules) {
        if (pattern.test(last)) {
          result = last.replace(pattern, replacement);
          break;
        }
      }
  }
  return [...parts, result].join("_");
}

const irregularOf = (w: string, own: ProjectInflections) => own.irregular.find(([s, p]) => w === s || w === p) ?? IRREGULAR.find(([s, p]) => w === s || w === p);

/**
 * Rails' own inflections of each word, worked out once: fixes and rules ask for the same table's model name over and
 * over (mixed-ddl-dml asks it of every later migration's statements), and each answer tries dozens of patterns.
 */
const plurals = new Map<string, string>();
const singulars = new Map<string, string>();

function remembered(cache: Map<string, string>, word: string, inflect: () => string): string {
  let result = cache.get(word);
  if (result === undefined) {
    result = inflect();
    if (cache.size > 50_000) cache.clear(); // bounded: the words are names of one analysis
    cache.set(word, result);
  }
  return result;
}

export function pluralize(word: string, own: ProjectInflections = NO_INFLECTIONS): string {
  const inflect = () => inflectLastWord(word, PLURALS, (w) => irregularOf(w, own)?.[1], own);
  return own === NO_INFLECTIONS ? remembered(plurals, word, inflect) : inflect();
}

export function singularize(word: string, own: ProjectInflections = NO_INFLECTIONS): string {
  const inflect = () => inflectLastWord(word, SINGULARS, (w) => irregularOf(w, own)?.[0], own);
  return own === NO_INFLECTIONS ? remembered(singulars, word, inflect) : inflect();
}

/** "OrderItem" -> "order_item", "API::Key" -> "api/key" */
export function underscore(camel: string): string {
  return camel
    .replace(/::/g, "/")
    .replace(/([A-Z\d]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/([a-z\d])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

/** Model constant -> table name as Active Record derives it: "OrderItem" -> "order_items", "Admin::User" -> "users" */
export function tableize(constant: string, own: ProjectInflections = NO_INFLECTIONS): string {
  const last = constant.split("::").pop() ?? constant;
  return pluralize(underscore(last), own);
}

/** The column a reference to `table` gets: users -> user_id */
export const foreignKeyColumn = (table: string, primaryKey = "id"): string => `${singularize(table.split(".").pop() ?? table)}_${primaryKey}`;
