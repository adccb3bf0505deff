import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta}from"./chunk-LMD4WGO2.js";import"./chunk-F5AC5O23.js";import"./chunk-EC4PL6TI.js";import"./chunk-DECV6W2Z.js";import"./chunk-RSTO4AEY.js";import"./chunk-NP4IR24D.js";import"./chunk-IF5Z2LWL.js";import"./chunk-LKF7GW36.js";import"./chunk-SD7RHKYO.js";import"./chunk-YG2DCWQR.js";import"./chunk-3GIJDICJ.js";import"./chunk-HXBRFH4K.js";import"./chunk-VZJ77JFL.js";import"./chunk-TG2JBWVK.js";import"./chunk-XNBH3X7Z.js";import"./chunk-L5ZQXQSG.js";import"./chunk-VWDDKMGJ.js";import"./chunk-BQRH7I3O.js";import"./chunk-IOGC7PKK.js";import"./chunk-ZT7H7L6I.js";import"./chunk-TKB2M3XK.js";import"./chunk-JPTA6PRG.js";import"./chunk-CCEUFBHV.js";import"./chunk-RQARABJD.js";import"./chunk-67IMWYXB.js";import"./chunk-7B3IGGFL.js";import"./chunk-6E7SBJZC.js";import"./chunk-QQGLHI7X.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";export{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta};
