/**
 * `npm run start:pm2` (pm2 and ecosystem.config.cjs) against the fake Discord: the bot starts
 * under pm2, answers, and `npm run stop:pm2` makes it log out (SIGINT, gateway closed with 1000)
 * and stop. pm2 runs with its own home in a temporary folder, without its version checks, and
 * its daemon is killed at the end whatever happens.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/index.ts';
import { parseLogLines } from '../helpers/bot-process.ts';
import { ROOT } from '../helpers/spawn.ts';

const TOKEN = 'fake-bot-token-not-real-pm2-0123456789';
const PM2 = join(ROOT, 'node_modules', '.bin', 'pm2');

/** Runs a command to its end; its exit code and output. */
function run(command: string, args: readonly string[], env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | string; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    // A command that cannot start (pm2 missing) emits 'error'; unheard, it would be thrown and the
    // after() hook that runs `pm2 kill` would never end, holding up the whole suite.
    child.once('error', (err) => (out += `${err.message}\n`));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'unknown', out });
    });
  });
}

describe('npm run start:pm2', { timeout: 60_000 }, () => {
  const home = mkdtempSync(join(tmpdir(), 'pm2-home-'));
  // pm2's first run would report its install over the network: its marker says it already ran.
  writeFileSync(join(home, 'touch'), '0');
  let fake: FakeDiscord | undefined;
  let env: Record<string, string> = {};

  after(async () => {
    await run(PM2, ['kill'], env);
    await fake?.close();
  });

  it('starts the bot against the fake Discord; it answers; npm run stop:pm2 logs it out and stops it', async () => {
    fake = await startFakeDiscord({ token: TOKEN });
    const logFile = join(home, 'bot.log');
    env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      PM2_HOME: home,
      PM2_DISABLE_VERSION_CHECK: 'true',
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      LOG_LEVEL: 'info',
      LOG_FILE: logFile,
      // Set, even empty, so that a developer's .env in the project folder cannot fill them in.
      DISCORD_GUILD_ID: '',
      SHARD_COUNT: '',
      SHARD_IDS: '',
    };
    const started = await run('npm', ['run', 'start:pm2'], env);
    assert.equal(started.code, 0, started.out);
    await fake.ready(0, 20_000);

    const id = fake.sendInteraction(fake.chatInputInteraction('help'));
    const [answer] = await fake.waitForInteractionResponses(id, 1, 10_000);
    assert.ok(answer, 'answered under pm2');

    const stopped = await run('npm', ['run', 'stop:pm2'], env);
    assert.equal(stopped.code, 0, stopped.out);
    const lines = parseLogLines(readFileSync(logFile, 'utf8'));
    assert.ok(lines.some((l) => l.msg === 'SIGINT: logging out'), 'pm2 stopped it with SIGINT, and it logged out');
    assert.ok(
      fake.gatewayEvents.some((e) => e.type === 'close' && e.detail === '1000'),
      `the gateway closed cleanly (1000): ${fake.gatewayEvents.filter((e) => e.type === 'close').map((e) => e.detail).join(', ')}`,
    );
    const list = await run(PM2, ['jlist'], env);
    const apps = JSON.parse(list.out.slice(list.out.indexOf('['))) as { name: string; pm2_env: { status: string } }[];
    assert.deepEqual(
      apps.map((a) => [a.name, a.pm2_env.status]),
      [['oman-talks-bot', 'stopped']],
    );
  });
});
