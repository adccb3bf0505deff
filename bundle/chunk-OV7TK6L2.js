import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta}from"./chunk-ODXCB7FN.js";import"./chunk-O4OCIMKU.js";import"./chunk-LKR7LB4D.js";import"./chunk-DECV6W2Z.js";import"./chunk-BYA6EICF.js";import"./chunk-3R3XCXI4.js";import"./chunk-DJYOE22C.js";import"./chunk-3GIJDICJ.js";import"./chunk-ZZNZLGFB.js";import"./chunk-LKF7GW36.js";import"./chunk-7B3IGGFL.js";import"./chunk-YANVVGPM.js";import"./chunk-F7IVUYK2.js";import"./chunk-MTBYM3HG.js";import"./chunk-SL54QWOZ.js";export{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta};
