# syntax=docker/dockerfile:1

# Risk Compliance Tracker API: multi-stage image.
#   build     - all dependencies, compiles TypeScript into dist/
#   prod-deps - production dependencies only
#   runtime   - dist/ + production node_modules, runs as the non-root "node" user

# Node 24, the Active LTS (20 left support in April 2026); the code also runs on 20.19+ and 22.
FROM node:24-bookworm-slim AS base
WORKDIR /app
# swagger-ui-dist pulls in @scarf/scarf, whose install script phones home; turn it off.
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
# nest build -> dist/apps/api/src/main.js (plus dist/libs, dist/migrations, dist/package.json)
RUN npm run build

FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev \
    && npm cache clean --force

FROM base AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Only /app/.data must be writable (embedded PostgreSQL when DATABASE_URL is unset);
# the code and node_modules stay root-owned and read-only for the node user.
RUN mkdir -p /app/.data && chown node:node /app/.data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
# The app drains in-flight requests on SIGTERM itself (SHUTDOWN_GRACE_MS); exec form
# makes node PID 1 so it receives the signal directly.
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/api/src/main.js"]
