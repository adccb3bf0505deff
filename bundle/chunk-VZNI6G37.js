import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{StringNode,SymbolNode,rubyChildren}from"./chunk-B5PBWWKU.js";function literalNames(root){let names=new Set,stack=[root];for(;stack.length;){let node=stack.pop();(node instanceof SymbolNode||node instanceof StringNode)&&names.add(node.unescaped.value);for(let child of rubyChildren(node))stack.push(child)}return names}export{literalNames};
