import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{Visitor,rubyChildren}from"./chunk-2TFGQX5P.js";var RubyVisitor=class extends Visitor{visitChildNodes(node){for(let child of rubyChildren(node))child.accept(this)}};export{RubyVisitor};
