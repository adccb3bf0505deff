import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{goStartupFacts,loadGoStartupParser,withGoTree}from"./chunk-D6DU6LRN.js";import"./chunk-I3XCTBYC.js";import"./chunk-6YLVMAK6.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{goStartupFacts,loadGoStartupParser,withGoTree};
