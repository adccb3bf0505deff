import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{leftoverRailsDumps}from"./chunk-V5G65P2G.js";import"./chunk-WVJIGQVI.js";import"./chunk-M4IHM6PF.js";import"./chunk-RDKTSDRR.js";import"./chunk-H56R7GTK.js";import"./chunk-P3D6KAGB.js";import"./chunk-2LZ74SQN.js";import"./chunk-LOBDK7ZV.js";import"./chunk-DKFLGZBU.js";import"./chunk-4XKDG7BP.js";import"./chunk-RYDXXG5N.js";import"./chunk-I6Q36JY2.js";import"./chunk-7B3IGGFL.js";import"./chunk-2TFGQX5P.js";import"./chunk-FKEG6QV7.js";import"./chunk-QYA5NCKE.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{leftoverRailsDumps};
