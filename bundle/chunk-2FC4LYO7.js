import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{callsMigrate,migrateCallLine}from"./chunk-23RGMU3O.js";import"./chunk-C7IHGAAY.js";import{loadPythonParser}from"./chunk-I7H2A5IG.js";import"./chunk-6YLVMAK6.js";import"./chunk-QYA5NCKE.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{callsMigrate,loadPythonParser,migrateCallLine};
