import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{ColumnStatistics,MAX_SNAPSHOT_BYTES,ProductionSnapshot,SNAPSHOT_FORMAT,SchemaObject,TableStatistics,parseSnapshot,snapshotFromText}from"./chunk-PKA625OQ.js";import"./chunk-TG2JBWVK.js";import"./chunk-SL54QWOZ.js";export{ColumnStatistics,MAX_SNAPSHOT_BYTES,ProductionSnapshot,SNAPSHOT_FORMAT,SchemaObject,TableStatistics,parseSnapshot,snapshotFromText};
