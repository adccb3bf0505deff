/**
 * The nodes a Python module runs when it is imported: everything outside function, class and lambda bodies, under
 * `if` and `try` too (a settings module chooses at run time). The settings readers pick their setting's
 * assignments and calls from them (django-installed-apps.ts, django-migration-modules.ts), each reading the values
 * its own way with the module's names followed.
 */
import { readModule } from "./module.js";
import { withPythonTree, type PyNode } from "./parser.js";
import type { EvalContext } from "./values.js";

/** Visit every module-level node of `content` in source order (a node before its children), with the context to evaluate it in. */
export function visitModuleLevel(content: string, visit: (node: PyNode, ctx: EvalContext) => void): void {
  withPythonTree(content, (root) => {
    const module = readModule(root, content);
    const ctx = { imports: module.imports, bindings: module.bindings };
    const walk = (node: PyNode) => {
      if (node.type === "function_definition" || node.type === "class_definition" || node.type === "lambda") return;
      visit(node, ctx);
      for (const child of node.namedChildren) if (child) walk(child);
    };
    walk(root);
  });
}
