# One image for the api and the worker (docker-compose.yml picks the command).
# The console is built in its own stage (Vite is a development dependency) and only its output is copied.
FROM node:20-bookworm-slim AS console
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY console ./console
COPY scripts/build-console.ts ./scripts/
RUN npx tsx scripts/build-console.ts --force

FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
COPY --from=console /app/console/dist ./console/dist
ENV NODE_ENV=production
CMD ["npx", "tsx", "api/main.ts"]
