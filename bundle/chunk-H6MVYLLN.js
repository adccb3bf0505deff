import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{schemaRbShape,schemaRbVersions}from"./chunk-3UJGCMJR.js";import"./chunk-GDDB7XPJ.js";import"./chunk-RYDXXG5N.js";import"./chunk-VLF4QBCS.js";import"./chunk-7B3IGGFL.js";import"./chunk-6E7SBJZC.js";import"./chunk-QQGLHI7X.js";import"./chunk-SL54QWOZ.js";export{schemaRbShape,schemaRbVersions};
