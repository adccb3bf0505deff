import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{DumpObjects,dumpObjects}from"./chunk-MP4TCLPB.js";import"./chunk-3W2DSDDS.js";import"./chunk-FYANRLV2.js";import"./chunk-6W6LNT6A.js";import"./chunk-RKFW4VDD.js";import"./chunk-2LZ74SQN.js";import"./chunk-H56R7GTK.js";import"./chunk-33OGHAQX.js";import"./chunk-3GIJDICJ.js";import"./chunk-5WZQ5G3N.js";import"./chunk-JCYTKI7V.js";import"./chunk-ZPIJU5XQ.js";import"./chunk-5CXS3UGK.js";import"./chunk-EECDGUSY.js";import"./chunk-ECFW7SLS.js";import"./chunk-DWF2VOS3.js";import"./chunk-537EEDZK.js";import"./chunk-OFUJDYGG.js";import"./chunk-ZKQJ33FT.js";import"./chunk-E32RQJTY.js";import"./chunk-4XKDG7BP.js";import"./chunk-NUZVKDOT.js";import"./chunk-IATRMPL6.js";import"./chunk-RYDXXG5N.js";import"./chunk-VSAM2ENZ.js";import"./chunk-7B3IGGFL.js";import"./chunk-BXODPOXV.js";import"./chunk-XHZFTLMO.js";import"./chunk-QYA5NCKE.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-E44I44Y2.js";import"./chunk-SL54QWOZ.js";export{DumpObjects,dumpObjects};
