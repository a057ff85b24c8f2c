/**
 * npm run deploy-commands: registers the commands in commands/ with Discord (see docs/discord.md).
 */
import { ConfigError, loadConfig } from '../src/config.ts';
import { deployCommands } from '../src/discord/deploy.ts';
import { redact } from '../src/log.ts';

let token: string | undefined;
try {
  const config = loadConfig();
  token = config.discordToken;
  const result = await deployCommands(config);
  console.log(`Registered ${result.registered.length} commands (${result.scope}):`);
  for (const c of result.registered) console.log(`  ${c.type === 3 ? `"${c.name}" (message menu)` : `/${c.name}`}  id ${c.id}`);
  if (result.scope === 'global') console.log('Global commands can take up to an hour to appear; set DISCORD_GUILD_ID to register them for one server at once.');
} catch (err) {
  const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  console.error(`deploy-commands: ${redact(message, [token ?? process.env.DISCORD_TOKEN])}`);
  process.exitCode = 1;
}
