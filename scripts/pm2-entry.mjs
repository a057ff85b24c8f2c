// What pm2 runs (ecosystem.config.cjs): the bot's entry, src/index.ts, under tsx's loader (node --import tsx).
await import('../src/index.ts');
