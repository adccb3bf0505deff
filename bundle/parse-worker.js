import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import"./chunk-64KPA7QR.js";import{instanceOf,parseOutcome}from"./chunk-FKEG6QV7.js";import"./chunk-QYA5NCKE.js";import"./chunk-32YNESVV.js";import"./chunk-6E7SBJZC.js";import"./chunk-SL54QWOZ.js";import{parentPort}from"node:worker_threads";function signal(signals,which){Atomics.add(signals,which,1),which!==0&&Atomics.add(signals,0,1),Atomics.notify(signals,0)}function send(port,signals,parsed){port.postMessage(parsed),signal(signals,0)}async function work({module,texts,claims,next,signals,port}){try{let wasm=await instanceOf(module);for(;;){let index=Atomics.sub(next,0,1)-1;if(index<0)return;if(Atomics.compareExchange(claims,index,0,2)!==0)continue;let outcome;try{outcome=parseOutcome(wasm,texts[index])}catch{send(port,signals,{index});return}send(port,signals,"tooDeep"in outcome?{index}:{index,outcome})}}finally{signal(signals,1),port.close()}}parentPort.once("message",job=>{work(job).catch(()=>{})});
