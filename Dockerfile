# Fieldwork, built for production. See README "Deployment".
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
RUN useradd --create-home --uid 1001 fieldwork
COPY --from=build --chown=fieldwork /app /app
USER fieldwork
EXPOSE 3000
# Migrations first (Prisma takes an advisory lock, so several instances starting
# together apply them once), then the app.
CMD ["sh", "-c", "node --conditions=react-server --import tsx scripts/db-migrate.ts && exec node scripts/next-cluster.mjs node_modules/next/dist/bin/next start -p ${PORT}"]
