import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta}from"./chunk-6T5XO6R4.js";import"./chunk-HAEMUJJ5.js";import"./chunk-D5RB22DG.js";import"./chunk-DECV6W2Z.js";import"./chunk-4IIMFPX4.js";import"./chunk-EXR3GET4.js";import"./chunk-7E3T5TXI.js";import"./chunk-LKF7GW36.js";import"./chunk-MZKBS7GY.js";import"./chunk-YG2DCWQR.js";import"./chunk-3GIJDICJ.js";import"./chunk-HXBRFH4K.js";import"./chunk-VZJ77JFL.js";import"./chunk-TG2JBWVK.js";import"./chunk-FPI3BJJC.js";import"./chunk-WE4ZWBXH.js";import"./chunk-FG47HHGX.js";import"./chunk-IOGC7PKK.js";import"./chunk-ZT7H7L6I.js";import"./chunk-TKB2M3XK.js";import"./chunk-JPTA6PRG.js";import"./chunk-CCEUFBHV.js";import"./chunk-3JUHY277.js";import"./chunk-67IMWYXB.js";import"./chunk-7B3IGGFL.js";import"./chunk-6E7SBJZC.js";import"./chunk-QQGLHI7X.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";export{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta};
