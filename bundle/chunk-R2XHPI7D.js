import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{callsMigrate,migrateCallLine}from"./chunk-JJMY6HOG.js";import"./chunk-C7IHGAAY.js";import{loadPythonParser}from"./chunk-F45QMQ66.js";import"./chunk-2PV4P3SH.js";import"./chunk-QYA5NCKE.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{callsMigrate,loadPythonParser,migrateCallLine};
