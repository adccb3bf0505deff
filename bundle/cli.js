import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{main,run}from"./chunk-V65GM5NE.js";import"./chunk-2WYY3FUA.js";import"./chunk-GHHFVP6H.js";import"./chunk-YALCDM6U.js";import"./chunk-SL54QWOZ.js";export{main,run};
