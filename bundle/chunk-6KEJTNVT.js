import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{dumpVersions,loadDumpReaders,schemaRbItems,schemaRbShape,shapeTables}from"./chunk-T2WQAK7I.js";import"./chunk-RDKTSDRR.js";import"./chunk-H56R7GTK.js";import"./chunk-JUXZM6NM.js";import"./chunk-2FA74YF6.js";import"./chunk-7B3IGGFL.js";import"./chunk-FKEG6QV7.js";import"./chunk-QYA5NCKE.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{dumpVersions,loadDumpReaders,schemaRbItems,schemaRbShape,shapeTables};
