# One image for the three services; the command picks which one runs.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/workflow-machine/package.json libs/workflow-machine/
COPY libs/workflow-engine/package.json libs/workflow-engine/
COPY libs/statement-parser/package.json libs/statement-parser/
COPY libs/categorizer/package.json libs/categorizer/
COPY libs/nest-http/package.json libs/nest-http/
COPY libs/worker-pool/package.json libs/worker-pool/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY libs libs
COPY apps apps
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/libs libs
COPY --from=build /app/apps apps
COPY migrations migrations
COPY samples samples
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8000 8001 8002
CMD ["node", "apps/orchestrator/dist/main.js"]
