import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta}from"./chunk-EXNX7F4C.js";import"./chunk-YNQX7UHU.js";import"./chunk-53VG3HRH.js";import"./chunk-DECV6W2Z.js";import"./chunk-MDCBDQZH.js";import"./chunk-7LKOHVBD.js";import"./chunk-67J6LCJZ.js";import"./chunk-LKF7GW36.js";import"./chunk-ROPZ6QR2.js";import"./chunk-YG2DCWQR.js";import"./chunk-3GIJDICJ.js";import"./chunk-HXBRFH4K.js";import"./chunk-VZJ77JFL.js";import"./chunk-TG2JBWVK.js";import"./chunk-7FQJUTBT.js";import"./chunk-A3HPBFGL.js";import"./chunk-YTB4XCVI.js";import"./chunk-BQRH7I3O.js";import"./chunk-SD6XH6HC.js";import"./chunk-YJ6IRSZZ.js";import"./chunk-JPTA6PRG.js";import"./chunk-QOIUH4QB.js";import"./chunk-RQARABJD.js";import"./chunk-67IMWYXB.js";import"./chunk-7B3IGGFL.js";import"./chunk-6E7SBJZC.js";import"./chunk-QQGLHI7X.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";export{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta};
