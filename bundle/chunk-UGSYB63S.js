import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{MAX_SNAPSHOT_BYTES,configRoot,lintSnapshot,snapshotFromConfig,snapshotFromFlag}from"./chunk-6GTGROSR.js";import"./chunk-5P5PC5IX.js";import"./chunk-GHHFVP6H.js";import"./chunk-BOSHJHYU.js";import"./chunk-6W5FV4GW.js";import"./chunk-KJBI7XNO.js";import"./chunk-OIRZGDOR.js";import"./chunk-EY7OVBZ6.js";import"./chunk-2LZ74SQN.js";import"./chunk-B5EXQIEO.js";import"./chunk-C7IHGAAY.js";import"./chunk-BQRH7I3O.js";import"./chunk-DLVFT66J.js";import"./chunk-537EEDZK.js";import"./chunk-ZKQJ33FT.js";import"./chunk-E32RQJTY.js";import"./chunk-4XKDG7BP.js";import"./chunk-NUZVKDOT.js";import"./chunk-F45QMQ66.js";import"./chunk-2PV4P3SH.js";import"./chunk-FKEG6QV7.js";import"./chunk-QYA5NCKE.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{MAX_SNAPSHOT_BYTES,configRoot,lintSnapshot,snapshotFromConfig,snapshotFromFlag};
