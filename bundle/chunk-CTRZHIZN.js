import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{loadShellParser,productionRuns,shellParser}from"./chunk-BOAEQGPW.js";import"./chunk-HAIXN4ZG.js";import"./chunk-IPHJ2GXI.js";import"./chunk-E32RQJTY.js";import"./chunk-4XKDG7BP.js";import"./chunk-2PV4P3SH.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{loadShellParser,productionRuns,shellParser};
