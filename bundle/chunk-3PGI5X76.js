import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{closeDefaultExecutor,databaseUrlFrom,defaultExecutor,warmUp}from"./chunk-JML6GWKW.js";import"./chunk-C2SQCCH2.js";import"./chunk-QSCI7FDY.js";import"./chunk-SL54QWOZ.js";export{closeDefaultExecutor,databaseUrlFrom,defaultExecutor,warmUp};
