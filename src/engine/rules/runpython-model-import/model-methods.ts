/**
 * What a RunPython function uses of today's model classes that a historical model (apps.get_model()) lacks: the
 * methods it calls and the nested classes it reads that the class body defines, and the project functions it hands
 * the model's rows to (code written for today's model).
 */
import { methodsOf, nestedClassesOf, readPythonClasses } from "../../code/python-class-methods.js";
import type { OperationOf } from "../../model.js";
import { djangoModelFiles } from "../support/django-model-files.js";
import type { RuleContext } from "../support/rule.js";

export interface LackingMethods {
  /** the name the function uses (`LiveXForm`) and the class it is (`XForm`) */
  name: string;
  className: string;
  /** the models file that defines the class, when read */
  path?: string;
  methods: string[];
  /** `class DecryptionStatus` of its body, read as `Instance.DecryptionStatus` */
  nestedClasses: string[];
  /** the project functions (qualified) the function passes its rows to */
  helpers: string[];
  /** the migration's own functions the rows went through to those method calls (`_update_manifests`, `_init_manifest`) */
  through: string[];
}

export function methodsTheHistoricalModelLacks(ctx: RuleContext, op: OperationOf<"data_migration">): LackingMethods[] {
  const called = new Set(op.methodCalls ?? []);
  const read = op.classAttributes ?? [];
  const handed = op.instanceHelpers ?? [];
  const live = op.liveMethodCalls ?? [];
  if (called.size === 0 && read.length === 0 && handed.length === 0 && live.length === 0) return [];
  const classes = called.size || read.length || live.length ? readPythonClasses(djangoModelFiles(ctx)) : [];
  const out: LackingMethods[] = [];
  for (const { name, className } of op.directModels ?? []) {
    const declared = classes.find((c) => c.className === className);
    // custom methods called on its rows, also in the module's functions given them: those today's class defines, or,
    // for a class outside the repository (an installed package's model), every one that is no Django API
    const liveCalls = live.filter((c) => c.name === name && (!declared || methodsOf(className, classes).includes(c.method)));
    const defined = declared ? methodsOf(className, classes).filter((m) => called.has(m)) : [];
    const methods = [...new Set([...defined, ...liveCalls.map((c) => c.method)])].sort();
    const through = [...new Set(liveCalls.filter((c) => !defined.includes(c.method)).flatMap((c) => c.through))];
    const readHere = new Set(read.filter((r) => r.name === name).map((r) => r.attribute));
    const nestedClasses = declared ? [...new Set(nestedClassesOf(className, classes).filter((n) => readHere.has(n)))].sort() : [];
    const helpers = [...new Set(handed.filter((h) => h.name === name).map((h) => h.helper))].sort();
    if (methods.length || nestedClasses.length || helpers.length) out.push({ name, className, ...(declared ? { path: declared.path } : {}), methods, nestedClasses, helpers, through });
  }
  return out;
}
