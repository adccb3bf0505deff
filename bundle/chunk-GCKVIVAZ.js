import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{endWithHeredocs,rubyMethodStatements,rubyMoved,rubyNodeLines,rubyNodeText}from"./chunk-BUCU7HSS.js";import"./chunk-LA4LHOVP.js";import"./chunk-EC6BCQTJ.js";import"./chunk-NUZVKDOT.js";import"./chunk-I7H2A5IG.js";import"./chunk-6YLVMAK6.js";import"./chunk-RYDXXG5N.js";import"./chunk-VSAM2ENZ.js";import"./chunk-7B3IGGFL.js";import"./chunk-BXODPOXV.js";import"./chunk-QYA5NCKE.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{endWithHeredocs,rubyMethodStatements,rubyMoved,rubyNodeLines,rubyNodeText};
