import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta}from"./chunk-TFHJR5PT.js";import"./chunk-NRBR5LFV.js";import"./chunk-STWGIAGZ.js";import"./chunk-DECV6W2Z.js";import"./chunk-ZF42QP6L.js";import"./chunk-5IGBCB7K.js";import"./chunk-I47CTH3R.js";import"./chunk-OZ4TA75R.js";import"./chunk-LLIQ3EKG.js";import"./chunk-LKF7GW36.js";import"./chunk-HXQCK4O4.js";import"./chunk-SD6XH6HC.js";import"./chunk-YJ6IRSZZ.js";import"./chunk-YG2DCWQR.js";import"./chunk-3GIJDICJ.js";import"./chunk-HXBRFH4K.js";import"./chunk-JPTA6PRG.js";import"./chunk-VZJ77JFL.js";import"./chunk-TG2JBWVK.js";import"./chunk-6FBPU4G7.js";import"./chunk-BQRH7I3O.js";import"./chunk-QOIUH4QB.js";import"./chunk-7ZKVSGII.js";import"./chunk-67IMWYXB.js";import"./chunk-7B3IGGFL.js";import"./chunk-QQGLHI7X.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";export{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta};
