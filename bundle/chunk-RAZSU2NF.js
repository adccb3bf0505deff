import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{railsMigration}from"./chunk-W3NY7YPF.js";import"./chunk-UUYY542H.js";import"./chunk-NNOTHGV2.js";import"./chunk-3GIJDICJ.js";import"./chunk-HXBRFH4K.js";import"./chunk-EUPDPUOT.js";import"./chunk-JARHRD5J.js";import"./chunk-JPTA6PRG.js";import"./chunk-56Y5ZAHP.js";import"./chunk-BQRH7I3O.js";import"./chunk-JG4YS72A.js";import"./chunk-Y352J57F.js";import"./chunk-D2X2GAT4.js";import"./chunk-RYDXXG5N.js";import{loadRubyParser}from"./chunk-7OHD5TTW.js";import"./chunk-7B3IGGFL.js";import"./chunk-D7T7QIHX.js";import"./chunk-UWHO7PT3.js";import"./chunk-QQGLHI7X.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";export{loadRubyParser,railsMigration};
