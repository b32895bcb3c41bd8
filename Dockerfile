# The ledger service and its CLI (the projection worker is `node dist/src/cli/main.js worker`).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY events ./events
COPY projections ./projections
COPY bench ./bench
# the web console (console/, Vite) is built into dist/console, which the service serves at /console
COPY console ./console
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# the policy catalogue is read from src/policy/catalogue.json beside package.json
COPY --from=build /app/src/policy/catalogue.json ./src/policy/catalogue.json
# the id key (LEDGER_ID_KEY_FILE) lives in a volume here, owned by the service's user, never in the image
RUN mkdir -p /var/lib/ledger-keys && chown node:node /var/lib/ledger-keys && chmod 700 /var/lib/ledger-keys
ENV LEDGER_ID_KEY_FILE=/var/lib/ledger-keys/id-key
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
