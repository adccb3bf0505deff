import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{railsMigration}from"./chunk-2XFZPJTL.js";import"./chunk-2EN3O25A.js";import"./chunk-3GIJDICJ.js";import"./chunk-HXBRFH4K.js";import"./chunk-MHXB35P7.js";import"./chunk-VZJ77JFL.js";import"./chunk-YTB4XCVI.js";import"./chunk-BQRH7I3O.js";import"./chunk-GDDB7XPJ.js";import"./chunk-JPTA6PRG.js";import"./chunk-QOIUH4QB.js";import"./chunk-RYDXXG5N.js";import{loadRubyParser}from"./chunk-VLF4QBCS.js";import"./chunk-7B3IGGFL.js";import"./chunk-6E7SBJZC.js";import"./chunk-QQGLHI7X.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";export{loadRubyParser,railsMigration};
