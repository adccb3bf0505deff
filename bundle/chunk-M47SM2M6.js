import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta}from"./chunk-TTZICHU7.js";import"./chunk-UNYVJDYC.js";import"./chunk-MXIDPWMW.js";import"./chunk-DECV6W2Z.js";import"./chunk-KL3RI6JE.js";import"./chunk-Y5IJMX3M.js";import"./chunk-VGQ2DY2R.js";import"./chunk-TGKYUYAQ.js";import"./chunk-46W2PFJ4.js";import"./chunk-LKF7GW36.js";import"./chunk-36YHTSU5.js";import"./chunk-2YXPUBVC.js";import"./chunk-WMSN7CK7.js";import"./chunk-YG2DCWQR.js";import"./chunk-3GIJDICJ.js";import"./chunk-HXBRFH4K.js";import"./chunk-JPTA6PRG.js";import"./chunk-VZJ77JFL.js";import"./chunk-TG2JBWVK.js";import"./chunk-KE364JNC.js";import"./chunk-BQRH7I3O.js";import"./chunk-5FJLO4F3.js";import"./chunk-7ZKVSGII.js";import"./chunk-67IMWYXB.js";import"./chunk-7B3IGGFL.js";import"./chunk-QQGLHI7X.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";export{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta};
