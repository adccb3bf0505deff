# migguard GitHub App. Build: docker build -t migguard .
# One image, two roles:
#   web (default):  docker run --init -p 3000:3000 -e APP_ID=... -e PRIVATE_KEY="$(cat key.pem)" -e WEBHOOK_SECRET=... migguard
#                   (add -e REDIS_URL=redis://... to queue reviews for workers instead of running them in the web process)
#   worker:         docker run --init -e REDIS_URL=redis://... -e APP_ID=... -e PRIVATE_KEY="$(cat key.pem)" migguard node dist/worker/main.js
#                   (= `npm run worker` without npm in between: npm does not pass SIGTERM on, so the graceful shutdown would be lost)

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# dist/ only: the CLI's bundle/ is committed and copied as it is (npm run compile would rebuild it from scripts/)
RUN npx tsc -p tsconfig.build.json

FROM node:20-bookworm-slim
# the Ruby parser runs on node:wasi, which Node 20 flags as experimental on every start
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    METRICS_PORT=9464 \
    LOG_FORMAT=json \
    NODE_OPTIONS=--disable-warning=ExperimentalWarning
WORKDIR /app
COPY package.json package-lock.json ./
# The parsers are WebAssembly: no install script (native builds) is needed at runtime.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY bundle ./bundle
COPY app.yml ./
USER node
# 3000: webhooks, /healthz, /readyz, /metrics (web); 9464: /healthz, /readyz, /metrics (worker)
EXPOSE 3000 9464
# liveness of either role: the web answers on PORT, a worker on METRICS_PORT
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "const get = (p) => fetch('http://127.0.0.1:' + p + '/healthz').then((r) => r.ok, () => false); Promise.all([get(process.env.PORT || 3000), get(process.env.METRICS_PORT || 9464)]).then((up) => process.exit(up.includes(true) ? 0 : 1))"
# what `npm start` runs, without npm in between; a worker runs `node dist/worker/main.js` (`npm run worker`)
CMD ["node", "node_modules/probot/bin/probot.js", "run", "./dist/github/index.js"]
