# Slipway's own image: a build stage (dependencies compiled, Next.js and the server bundled) and a slim
# runtime stage running as a non-root user. The base images are build arguments:
#   elsewhere (default):   node:20-bookworm (build) and node:20-bookworm-slim (runtime), from Docker Hub
#   with no registry:      scripts/build-slipway-image.sh makes slipway/node-build:20 and slipway/node:20
#                          locally (mmdebstrap + the host's Node) and passes them in.
# Run it with the Docker socket mounted and the socket's group added (see docker-compose.yml).
ARG NODE_BUILD_IMAGE=node:20-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- dependencies: cached until package.json or package-lock.json change ----------------------
FROM ${NODE_BUILD_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: npm 11 writes lock files without other platforms' optional packages
# and its own `npm ci` then refuses them; `npm install` installs exactly the locked versions.
# better-sqlite3 compiles when no prebuilt binary can be fetched (python3, make, g++ and Node's
# headers are in the build image).
RUN npm install --no-audit --no-fund --loglevel=error \
 && node -e "require('better-sqlite3')(':memory:').prepare('select 1').get()"

# ---- build: reruns on any source change ----------------------------------------------------------
FROM deps AS build
COPY . .
# Standalone: Next traces what the app loads; trace-runtime.mjs adds what the custom server loads and copies
# only those files to /runtime (a third of node_modules: no SWC compiler, no dev tooling, no unused parts).
RUN SLIPWAY_STANDALONE=1 npm run build \
 && node scripts/trace-runtime.mjs /runtime \
 && rm -rf .next/cache .next/standalone .next/types .next/trace .next/diagnostics

# ---- runtime -------------------------------------------------------------------------------------
FROM ${NODE_IMAGE}
WORKDIR /app
# The compose CLI for stack operations (`docker compose` v2 where a base image has it, else Debian's
# docker-compose v1). The local base (scripts/build-slipway-image.sh) already carries it.
RUN if ! command -v docker-compose >/dev/null && ! docker compose version >/dev/null 2>&1; then \
      apt-get update && apt-get install -y --no-install-recommends docker-compose && rm -rf /var/lib/apt/lists/*; \
    fi
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 MALLOC_ARENA_MAX=2 PYTHONDONTWRITEBYTECODE=1 \
    HOST=0.0.0.0 PORT=3000 SLIPWAY_DATA_DIR=/data DOCKER_HOST=unix:///var/run/docker.sock
# A fixed non-root user. It reaches /var/run/docker.sock through the socket's group, added at run
# time (`group_add: ["${DOCKER_GID}"]` / `docker run --group-add $(stat -c %g /var/run/docker.sock)`),
# because that gid differs between hosts.
RUN groupadd --gid 10001 slipway \
 && useradd --uid 10001 --gid slipway --no-create-home --home-dir /app --shell /usr/sbin/nologin slipway \
 && mkdir -p /data && chown slipway:slipway /data
COPY --from=build --chown=root:root /app/package.json /app/next.config.js ./
COPY --from=build --chown=root:root /runtime/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/.next ./.next
# the code is read-only for the server; only Next's runtime cache is writable
RUN mkdir -p .next/cache && chown slipway:slipway .next/cache
USER slipway
# The SQLite store and backups: keep them in a volume.
VOLUME ["/data"]
EXPOSE 3000
# Node's own fetch (no curl in slim images); the server answers on HOST unless it is a wildcard.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const h=process.env.HOST;const host=!h||h==='0.0.0.0'||h==='::'?'127.0.0.1':h;fetch('http://'+(host.includes(':')?'['+host+']':host)+':'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# A 4 MB young generation keeps the idle footprint ~13 MB smaller (see README, Performance).
CMD ["node", "--max-semi-space-size=4", "dist/server.js"]
