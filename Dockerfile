FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# Dev dependencies are needed at run time too: tsx runs the TypeScript sources and prisma generates the client.
# No install scripts: Prisma's would download engines this project never runs (migrations use the WebAssembly
# engine, queries the pg adapter), and they fail where Prisma's CDN is out of reach.
RUN npm ci --include=dev --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run db:generate
EXPOSE 3000
USER node
# node itself, not npx or npm: it is the process that receives docker stop's SIGTERM and closes gracefully, with
# no launcher in between to drop the signal.
CMD ["node", "--import", "tsx", "src/server.ts"]
