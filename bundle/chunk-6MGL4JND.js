import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var VERSION="0.1.0";var OUTPUT_FORMATS=["text","json","sarif"];async function formatResult(format,findings,errors,docsUrl,baseline){switch(format){case"json":return(await import("./chunk-UHQBP4E2.js")).toJson(findings,errors,baseline);case"sarif":{let{toSarif}=await import("./chunk-2MADYR6K.js"),{CATALOGUE}=await import("./chunk-6OB63O5V.js");return toSarif(findings,errors,CATALOGUE.map(e=>e.meta),{version:VERSION,docsUrl})}default:return(await import("./chunk-JAX5BN5D.js")).toText(findings,errors,{docsUrl,color:process.stdout.isTTY&&!process.env.NO_COLOR})}}export{VERSION,OUTPUT_FORMATS,formatResult};
