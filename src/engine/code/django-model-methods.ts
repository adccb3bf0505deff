/**
 * The methods and properties a Django model's class defines (`def status(self)` under `@property`): read from
 * the app's models module with tree-sitter. `ticket.status` calls such a method, which outlives a renamed or
 * removed field of that name, so it is no use of the column.
 */
import { withPythonTree } from "../adapters/python/parser.js";
import type { SourceFile } from "../model.js";
import { classMethodNames } from "./python-class-methods.js";

/** `(appDir, model)` -> the names of the functions the class body defines; undefined when the class is not found. */
export function djangoModelMethods(files: ReadonlyMap<string, SourceFile>): (appDir: string, model: string) => ReadonlySet<string> | undefined {
  const memo = new Map<string, ReadonlySet<string> | undefined>();
  return (appDir, model) => {
    const key = `${appDir}\u0000${model}`;
    if (memo.has(key)) return memo.get(key);
    let out: Set<string> | undefined;
    // Django looks the models up in the app's models module: models.py or the models/ package
    for (const [path, file] of files) {
      if (out || !(path === `${appDir}/models.py` || (path.startsWith(`${appDir}/models/`) && path.endsWith(".py")))) continue;
      withPythonTree(file.content, (root) => {
        const cls = root.descendantsOfType("class_definition").find((c) => c.childForFieldName("name")?.text === model);
        if (cls?.childForFieldName("body")) out = new Set(classMethodNames(cls));
      });
    }
    memo.set(key, out);
    return out;
  };
}
