import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{endWithHeredocs,rubyMethodStatements,rubyMoved,rubyNodeLines,rubyNodeText}from"./chunk-ZNJTYTZ7.js";import"./chunk-SBGPGBR3.js";import"./chunk-UHG76JAQ.js";import"./chunk-JCYTKI7V.js";import"./chunk-NUZVKDOT.js";import"./chunk-F45QMQ66.js";import"./chunk-2PV4P3SH.js";import"./chunk-RYDXXG5N.js";import"./chunk-I6Q36JY2.js";import"./chunk-7B3IGGFL.js";import"./chunk-2TFGQX5P.js";import"./chunk-QYA5NCKE.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{endWithHeredocs,rubyMethodStatements,rubyMoved,rubyNodeLines,rubyNodeText};
