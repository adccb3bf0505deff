import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta}from"./chunk-5Q7ZF3YL.js";import"./chunk-DECV6W2Z.js";import"./chunk-GHR4JPHA.js";import"./chunk-BYA6EICF.js";import"./chunk-CMFC426W.js";import"./chunk-3R3XCXI4.js";import"./chunk-DJYOE22C.js";import"./chunk-KDKKPOXE.js";import"./chunk-3GIJDICJ.js";import"./chunk-ZI5NFTNK.js";import"./chunk-LKF7GW36.js";import"./chunk-TG2JBWVK.js";import"./chunk-DFVBBMLW.js";import"./chunk-67IMWYXB.js";import"./chunk-7B3IGGFL.js";import"./chunk-F7IVUYK2.js";import"./chunk-MTBYM3HG.js";import"./chunk-SL54QWOZ.js";export{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta};
