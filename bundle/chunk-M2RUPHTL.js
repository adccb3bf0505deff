import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{MAX_SNAPSHOT_BYTES,configRoot,lintSnapshot,snapshotFromConfig,snapshotFromFlag}from"./chunk-6GTGROSR.js";import"./chunk-J72UDM3I.js";import"./chunk-SD7RHKYO.js";import"./chunk-BQRH7I3O.js";import"./chunk-TKB2M3XK.js";import"./chunk-QQGLHI7X.js";import"./chunk-GHHFVP6H.js";import"./chunk-SL54QWOZ.js";export{MAX_SNAPSHOT_BYTES,configRoot,lintSnapshot,snapshotFromConfig,snapshotFromFlag};
