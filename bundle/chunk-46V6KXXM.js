import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{segmentOperations}from"./chunk-M6T6ZF6W.js";function sqlConstraints(sql,kind){try{return segmentOperations({text:sql,transaction:"none"}).ops.flatMap(op=>op.kind===kind&&op.name?[{table:op.table,name:op.name}]:[])}catch{return[]}}export{sqlConstraints};
