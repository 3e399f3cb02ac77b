# scalesim in a container, for sweeps on Cloud Run Jobs or Kubernetes (deploy/, README "Experiments").
#
#   docker build -t scalesim .
#   docker run --rm scalesim run workloads/diurnal.json --set duration=1d
#   docker run --rm -v "$PWD/out:/results" scalesim sweep workloads/diurnal.json \
#     --grid cloud-run.concurrency=10,40,80 --replications 5 --out /results/results.csv

# Build: every dependency (TypeScript included), compile to dist/, then drop the dev dependencies.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the prepare script would compile before the sources are here.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY tools ./tools
RUN npx tsc -p tsconfig.build.json && node tools/bundle-cli.mjs && npm prune --omit=dev

# Run: the compiled simulator, its runtime dependencies, the models and ready workloads.
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY models ./models
COPY workloads ./workloads
COPY schema ./schema
# The image's unprivileged user (uid 1000); results go to a mounted volume, e.g. /results.
USER node
ENTRYPOINT ["node", "bin/sim.js"]
CMD ["--help"]
