FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# Dev dependencies are needed at run time too: tsx runs the TypeScript sources and prisma generates the client.
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run db:generate
EXPOSE 3000
USER node
CMD ["npx", "tsx", "src/server.ts"]
