/**
 * The methods and properties a Django model's class defines (`def status(self)` under `@property`), and the fields
 * django-parler's `TranslatedFields(name=...)` gives it: read from the app's models module with tree-sitter.
 * `ticket.status` calls such a method, and `segment.name` reads the translation table's name, which outlive a
 * renamed or removed column of that name on the model's own table, so neither is a use of the column.
 */
import { withPythonTree, type PyNode } from "../adapters/python/parser.js";
import type { SourceFile } from "../model.js";
import { classMethodNames } from "./python-class-methods.js";
import { djangoModelsApp, readDjangoModels } from "./django-models.js";

/**
 * `(appDir, model)` -> the names of the functions the class body defines, its translated fields, and the reverse
 * accessors other models' relations give it (`ForeignKey(Activity, related_name="origin")`: `activity.origin` is
 * that relation's manager or record); undefined when the class is not found.
 */
export function djangoModelMethods(files: ReadonlyMap<string, SourceFile>): (appDir: string, model: string) => ReadonlySet<string> | undefined {
  const memo = new Map<string, ReadonlySet<string> | undefined>();
  let reverse: Map<string, Set<string>> | undefined;
  const reverseAccessorsOf = (model: string): ReadonlySet<string> => {
    if (!reverse) {
      reverse = new Map();
      for (const other of readDjangoModels([...files.values()].filter((f) => djangoModelsApp(f.path) !== undefined))) {
        for (const accessor of other.reverseAccessors) {
          const target = other.relations.find((r) => r.field === accessor.field)?.target;
          if (target) reverse.set(target, new Set([...(reverse.get(target) ?? []), accessor.name]));
        }
      }
    }
    return reverse.get(model) ?? new Set();
  };
  return (appDir, model) => {
    const key = `${appDir}\u0000${model}`;
    if (memo.has(key)) return memo.get(key);
    let out: Set<string> | undefined;
    // Django looks the models up in the app's models module: models.py or the models/ package
    for (const [path, file] of files) {
      if (out || !(path === `${appDir}/models.py` || (path.startsWith(`${appDir}/models/`) && path.endsWith(".py")))) continue;
      withPythonTree(file.content, (root) => {
        const cls = root.descendantsOfType("class_definition").find((c) => c.childForFieldName("name")?.text === model);
        if (cls?.childForFieldName("body")) out = new Set([...classMethodNames(cls), ...translatedFieldNames(cls)]);
      });
    }
    if (out) for (const name of reverseAccessorsOf(model)) out.add(name);
    memo.set(key, out);
    return out;
  };
}

/**
 * The keywords of django-parler's `translations = TranslatedFields(name=models.CharField(...), ...)` in the class
 * body: attributes of every record, stored in the model's translation table (`<table>_translation`), not its own.
 */
function translatedFieldNames(cls: PyNode): string[] {
  const out: string[] = [];
  for (const statement of cls.childForFieldName("body")?.namedChildren ?? []) {
    const assignment = statement.type === "expression_statement" ? statement.namedChildren[0] : undefined;
    const call = assignment?.type === "assignment" ? assignment.childForFieldName("right") : undefined;
    const callee = call?.type === "call" ? call.childForFieldName("function") : undefined;
    const name = callee?.type === "attribute" ? callee.childForFieldName("attribute")?.text : callee?.text;
    if (name !== "TranslatedFields") continue;
    for (const argument of call?.childForFieldName("arguments")?.namedChildren ?? []) {
      const keyword = argument.type === "keyword_argument" ? argument.childForFieldName("name")?.text : undefined;
      if (keyword) out.push(keyword);
    }
  }
  return out;
}
