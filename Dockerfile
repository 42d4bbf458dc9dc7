# The production image: the esbuild bundle (dist/) on Node 20 with production dependencies only.
#   docker build -t uvian-api .
#   docker run -p 3001:3001 -e DATABASE_URL=... -e REDIS_URL=... -e SUPABASE_URL=... uvian-api
#   docker run -e DATABASE_URL=... uvian-api node dist/migrate.js      (pending supabase/migrations, before a deploy)
#   docker run -e DATABASE_URL=... -e REDIS_URL=... uvian-api node --enable-source-maps dist/worker.js   (job workers)

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY supabase ./supabase
COPY --from=build /app/dist ./dist
# DATA_DIR (./.data) holds the embedded PGlite database when DATABASE_URL is unset: writable by the runtime user.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3001
# The slim image has no curl: Node's fetch asks /health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3001}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
