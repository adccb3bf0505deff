import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{dumpVersions,loadDumpReaders,schemaRbDumper,schemaRbItems,schemaRbShape,shapeTables}from"./chunk-M4IHM6PF.js";import"./chunk-RDKTSDRR.js";import"./chunk-H56R7GTK.js";import"./chunk-P3D6KAGB.js";import"./chunk-DKFLGZBU.js";import"./chunk-7B3IGGFL.js";import"./chunk-FKEG6QV7.js";import"./chunk-QYA5NCKE.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{dumpVersions,loadDumpReaders,schemaRbDumper,schemaRbItems,schemaRbShape,shapeTables};
