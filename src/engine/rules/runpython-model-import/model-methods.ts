/** The methods a RunPython function calls that today's model class defines and a historical model (apps.get_model()) lacks. */
import { methodsOf, readPythonClasses } from "../../code/python-class-methods.js";
import type { OperationOf } from "../../model.js";
import { djangoModelFiles } from "../support/django-model-files.js";
import type { RuleContext } from "../support/rule.js";

export interface LackingMethods {
  /** the name the function uses (`LiveXForm`) and the class it is (`XForm`) */
  name: string;
  className: string;
  /** the models file that defines the class */
  path: string;
  methods: string[];
}

export function methodsTheHistoricalModelLacks(ctx: RuleContext, op: OperationOf<"data_migration">): LackingMethods[] {
  const called = new Set(op.methodCalls ?? []);
  if (called.size === 0) return [];
  const classes = readPythonClasses(djangoModelFiles(ctx));
  const out: LackingMethods[] = [];
  for (const { name, className } of op.directModels ?? []) {
    const declared = classes.find((c) => c.className === className);
    if (!declared) continue;
    const methods = [...new Set(methodsOf(className, classes).filter((m) => called.has(m)))].sort();
    if (methods.length) out.push({ name, className, path: declared.path, methods });
  }
  return out;
}
