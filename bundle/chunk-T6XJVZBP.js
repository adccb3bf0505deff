import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{endWithHeredocs,rubyMethodStatements,rubyMoved,rubyNodeLines,rubyNodeText}from"./chunk-NYIKHYY4.js";import"./chunk-ZKD3IM2J.js";import"./chunk-OGIWSFFK.js";import"./chunk-JCYTKI7V.js";import"./chunk-NUZVKDOT.js";import"./chunk-I7H2A5IG.js";import"./chunk-6YLVMAK6.js";import"./chunk-RYDXXG5N.js";import"./chunk-FF4FG3K4.js";import"./chunk-7B3IGGFL.js";import"./chunk-B5PBWWKU.js";import"./chunk-QYA5NCKE.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";export{endWithHeredocs,rubyMethodStatements,rubyMoved,rubyNodeLines,rubyNodeText};
