import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{MAX_SNAPSHOT_BYTES,configRoot,lintSnapshot,snapshotFromConfig,snapshotFromFlag}from"./chunk-6GTGROSR.js";import"./chunk-6FF444WU.js";import"./chunk-GHHFVP6H.js";import"./chunk-XGPYUQ2F.js";import"./chunk-RRDGIJWV.js";import"./chunk-VTBYAP7L.js";import"./chunk-OIRZGDOR.js";import"./chunk-EY7OVBZ6.js";import"./chunk-2LZ74SQN.js";import"./chunk-DDRFNIGM.js";import"./chunk-C7IHGAAY.js";import"./chunk-BQRH7I3O.js";import"./chunk-DLVFT66J.js";import"./chunk-537EEDZK.js";import"./chunk-ZKQJ33FT.js";import"./chunk-E32RQJTY.js";import"./chunk-4XKDG7BP.js";import"./chunk-NUZVKDOT.js";import"./chunk-I7H2A5IG.js";import"./chunk-6YLVMAK6.js";import"./chunk-FKEG6QV7.js";import"./chunk-QYA5NCKE.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{MAX_SNAPSHOT_BYTES,configRoot,lintSnapshot,snapshotFromConfig,snapshotFromFlag};
