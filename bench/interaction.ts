/**
 * A full interaction's handler time, with no network: a real discord.js ChatInputCommandInteraction
 * is built from a gateway payload (test/fake-discord's builder) on a Client that never logs in,
 * its reply / deferReply / editReply / followUp methods replaced by ones that only capture the
 * payload, and handed to the bot's own handler (src/discord/interactions.ts) with the commands
 * loaded from commands/. The clock runs from the handler call to the captured reply payload.
 */
import { ChatInputCommandInteraction, Client, GatewayIntentBits, type Interaction } from 'discord.js';
import { Cooldowns } from '../src/discord/cooldown.ts';
import { createInteractionHandler } from '../src/discord/interactions.ts';
import { loadCommands } from '../src/discord/loader.ts';
import type { BotEngine } from '../src/discord/types.ts';
import { createLogger } from '../src/log.ts';
import { chatInputInteraction, type OptionValue } from '../test/fake-discord/payloads.ts';

/** No cooldown: the same user asks again and again. */
class NoCooldowns extends Cooldowns {
  override take(): number {
    return 0;
  }
}

type RawPayload = ReturnType<typeof chatInputInteraction>;
/** discord.js builds interactions itself; its constructor is not public in the typings. */
type InteractionCtor = new (client: Client, data: RawPayload) => ChatInputCommandInteraction;

export interface InteractionBench {
  /** Builds the interaction object (discord.js parsing the gateway payload), not timed by run(). */
  prepare(command: string, options: Record<string, OptionValue>): ChatInputCommandInteraction;
  /** Runs the handler; resolves with the milliseconds to the reply payload and the payload. */
  run(i: ChatInputCommandInteraction): Promise<{ ms: number; payload: unknown; method: string }>;
  destroy(): Promise<void>;
}

export async function interactionBench(engine: BotEngine): Promise<InteractionBench> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds] });
  const log = createLogger('silent');
  const commands = await loadCommands();
  const handle = createInteractionHandler({ engine, log, commands }, new NoCooldowns());
  const Ctor = ChatInputCommandInteraction as unknown as InteractionCtor;
  let captured: { at: number; payload: unknown; method: string } | undefined;

  const prepare = (command: string, options: Record<string, OptionValue>): ChatInputCommandInteraction => {
    const i = new Ctor(client, chatInputInteraction(command, options));
    const capture =
      (method: string, state: { deferred?: boolean; replied?: boolean }) =>
      (payload: unknown): Promise<undefined> => {
        if (state.deferred) i.deferred = true;
        if (state.replied) i.replied = true;
        if (method !== 'deferReply') captured = { at: performance.now(), payload, method };
        return Promise.resolve(undefined);
      };
    // The methods that would call Discord's REST API, replaced on this one object.
    Object.assign(i, {
      reply: capture('reply', { replied: true }),
      deferReply: capture('deferReply', { deferred: true }),
      editReply: capture('editReply', { replied: true }),
      followUp: capture('followUp', {}),
      deleteReply: () => Promise.resolve(undefined),
    });
    return i;
  };

  const run = async (i: ChatInputCommandInteraction): Promise<{ ms: number; payload: unknown; method: string }> => {
    captured = undefined;
    const t = performance.now();
    await handle(i as Interaction);
    const c = captured as { at: number; payload: unknown; method: string } | undefined;
    if (!c) throw new Error(`the handler sent no reply for /${i.commandName}`);
    return { ms: c.at - t, payload: c.payload, method: c.method };
  };

  return { prepare, run, destroy: () => client.destroy() };
}
