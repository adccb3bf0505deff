import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta}from"./chunk-73AQILH5.js";import"./chunk-DECV6W2Z.js";import"./chunk-EYDFASAU.js";import"./chunk-H56R7GTK.js";import"./chunk-SB5ZBQO7.js";import"./chunk-NXDSSRVV.js";import"./chunk-VYGNLQM4.js";import"./chunk-7NLZYFVG.js";import"./chunk-5KG2CI6H.js";import"./chunk-LKF7GW36.js";import"./chunk-4TRRUD3U.js";import"./chunk-YG2DCWQR.js";import"./chunk-3GIJDICJ.js";import"./chunk-HXBRFH4K.js";import"./chunk-VZJ77JFL.js";import"./chunk-TG2JBWVK.js";import"./chunk-4SOOXFL2.js";import"./chunk-DXVWFZA2.js";import"./chunk-LIXQFN33.js";import"./chunk-BQRH7I3O.js";import"./chunk-V55NB6DQ.js";import"./chunk-QSVZZE6C.js";import"./chunk-JPTA6PRG.js";import"./chunk-COXF4MIL.js";import"./chunk-7ZKVSGII.js";import"./chunk-67IMWYXB.js";import"./chunk-7B3IGGFL.js";import"./chunk-QQGLHI7X.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";export{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta};
