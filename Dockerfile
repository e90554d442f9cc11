# One image for the api and the worker (docker-compose.yml picks the command). The build stage compiles the
# TypeScript, bundles the workflow code and builds the console (Vite is a development dependency); the runtime
# stage runs plain JavaScript with node (no tsx, no webpack at start), with production dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The API serves the console from dist/console/dist (api/routes/console.ts resolves it beside the compiled code).
COPY --from=build /app/console/dist ./dist/console/dist
USER node
CMD ["node", "dist/api/main.js"]
