/**
 * pm2's ecosystem file: `npm run start:pm2` starts the bot under pm2 (restarted when it dies),
 * `npm run stop:pm2` stops it. The bot reads .env from this folder as npm start does.
 *
 * pm2 stops an app with SIGINT, which makes the bot log out of Discord before it exits; it gets
 * kill_timeout to do so before SIGKILL. pm2 itself keeps its logs under ~/.pm2/logs (set LOG_FILE
 * for the bot's own file). `pm2 save` and `pm2 startup` make it start at boot (docs/running.md).
 */
const { join } = require('node:path');

module.exports = {
  apps: [
    {
      name: 'oman-talks-bot',
      cwd: __dirname,
      // A .ts script would make pm2 look for ts-node; this file imports the entry under tsx's loader.
      script: join(__dirname, 'scripts', 'pm2-entry.mjs'),
      interpreter: 'node',
      node_args: ['--max-semi-space-size=2', '--import', 'tsx'],
      kill_timeout: 10_000,
      autorestart: true,
      // A bot that cannot log in (a refused token, say) is not restarted for ever.
      min_uptime: 10_000,
      max_restarts: 10,
      exp_backoff_restart_delay: 1_000,
    },
  ],
};
