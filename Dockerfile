# engagement-bot container: Node 24 (current LTS), non-root, /healthz, SQLite on a volume.
# Build: docker build -t engagement-bot .   Run: see README ("Docker").

# --- build: compile TypeScript; keep production dependencies only -------------------------
# SQLite: on Node 24 the store loads better-sqlite3 13 (package alias better-sqlite3-napi), whose Node-API
# binary ships inside the npm package; better-sqlite3 12 (compiled from source for Node 20 users) aborts the
# process on Node 24, so its native build is skipped here (--ignore-scripts) and it is never loaded.
# See src/store/sqlite-driver.ts.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts \
 && node -e "require('better-sqlite3-napi')(':memory:').prepare('select 1').get()"

# --- runtime: production dependencies and the compiled app only ----------------------------
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/engagement.db \
    PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node manifest.yml workstreams.yml ./
# The database lives on the /data volume, owned by the node user. DATABASE_PATH=/data/engagement.db above is the
# image's default, but `docker run --env-file .env` can override it (an env-file value wins over ENV), and the
# bot's own default is ./data/engagement.db, relative to /app, which node cannot write: /app/data links to /data,
# so that path lands on the volume too.
RUN mkdir -p /data && chown node:node /data && ln -s /data /app/data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
ENTRYPOINT ["node", "dist/main.js"]
CMD ["start"]
