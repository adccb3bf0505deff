import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{readModule}from"./chunk-B5EXQIEO.js";import{withPythonTree}from"./chunk-F45QMQ66.js";function visitModuleLevel(content,visit){withPythonTree(content,root=>{let module=readModule(root,content),ctx={imports:module.imports,bindings:module.bindings},walk=node=>{if(!(node.type==="function_definition"||node.type==="class_definition"||node.type==="lambda")){visit(node,ctx);for(let child of node.namedChildren)child&&walk(child)}};walk(root)})}export{visitModuleLevel};
