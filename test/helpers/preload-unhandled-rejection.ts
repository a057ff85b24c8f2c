/**
 * Preloaded into the bot's process by test/e2e/faults.test.ts (node --import): on SIGUSR2, a
 * promise is rejected with nobody to catch it — an error whose message and stack carry the bot
 * token, like an error from a library that put the token in its message would.
 */
process.on('SIGUSR2', () => {
  void Promise.reject(new Error(`deliberately unhandled, with the token ${process.env.DISCORD_TOKEN ?? ''} in it`));
});
