# One image recipe for every CareGraph process: docker build --build-arg APP=services/health .
# (APP=gateway for the gateway.) The builder compiles the whole workspace once.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json jest.preset.js ./
COPY infra infra
COPY services services
COPY gateway gateway
COPY schema schema
RUN npm ci && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ARG APP
ENV NODE_ENV=production APP=${APP}
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["sh", "-c", "exec node ${APP}/dist/index.js"]
