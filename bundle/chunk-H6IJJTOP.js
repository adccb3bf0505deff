import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta}from"./chunk-BT3P3TV2.js";import"./chunk-MMOELSXV.js";import"./chunk-WUOJ5E5V.js";import"./chunk-DECV6W2Z.js";import"./chunk-RSTO4AEY.js";import"./chunk-FC7DL7AX.js";import"./chunk-4I7DCKNZ.js";import"./chunk-LKF7GW36.js";import"./chunk-SD7RHKYO.js";import"./chunk-YG2DCWQR.js";import"./chunk-3GIJDICJ.js";import"./chunk-HXBRFH4K.js";import"./chunk-VZJ77JFL.js";import"./chunk-TG2JBWVK.js";import"./chunk-V43RA325.js";import"./chunk-EXPPXVV3.js";import"./chunk-TWJOV2B7.js";import"./chunk-BQRH7I3O.js";import"./chunk-IOGC7PKK.js";import"./chunk-N77VPNV4.js";import"./chunk-TKB2M3XK.js";import"./chunk-JPTA6PRG.js";import"./chunk-QOIUH4QB.js";import"./chunk-RQARABJD.js";import"./chunk-67IMWYXB.js";import"./chunk-7B3IGGFL.js";import"./chunk-6E7SBJZC.js";import"./chunk-QQGLHI7X.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";export{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta};
