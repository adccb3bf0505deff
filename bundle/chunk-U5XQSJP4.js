import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta}from"./chunk-VXDGID34.js";import"./chunk-2OLD27P6.js";import"./chunk-DECV6W2Z.js";import"./chunk-BYA6EICF.js";import"./chunk-5UYFDSYL.js";import"./chunk-3R3XCXI4.js";import"./chunk-3GIJDICJ.js";import"./chunk-TF3UZFFC.js";import"./chunk-ORY3DFB5.js";import"./chunk-LKF7GW36.js";import"./chunk-DJYOE22C.js";import"./chunk-7F4GZQ67.js";import"./chunk-4P2G5VHQ.js";import"./chunk-SL54QWOZ.js";export{CATALOGUE,KNOWN_RULE_IDS,catalogueEntry,ruleMeta};
