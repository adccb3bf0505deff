import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{leftoverRailsDumps}from"./chunk-7EGASBYV.js";import"./chunk-WVJIGQVI.js";import"./chunk-E3BW66N3.js";import"./chunk-RDKTSDRR.js";import"./chunk-H56R7GTK.js";import"./chunk-P3D6KAGB.js";import"./chunk-2LZ74SQN.js";import"./chunk-LOBDK7ZV.js";import"./chunk-DKFLGZBU.js";import"./chunk-4XKDG7BP.js";import"./chunk-RYDXXG5N.js";import"./chunk-FF4FG3K4.js";import"./chunk-7B3IGGFL.js";import"./chunk-B5PBWWKU.js";import"./chunk-FKEG6QV7.js";import"./chunk-QYA5NCKE.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{leftoverRailsDumps};
