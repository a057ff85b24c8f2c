/**
 * Structured logs: one JSON object a line (pino), to standard error, that never hold a secret.
 *
 *   {"level":"info","time":"2025-04-20T10:00:00.000Z","msg":"interaction","command":"ask","user":"136…","latencyMs":4,"outcome":"ok"}
 *
 * Two layers keep the token out: pino's `redact` censors the fields that carry credentials
 * (token, discordToken, authorization headers, wherever they sit in a logged object), and every
 * finished line — message, error stack and all — is scrubbed of each registered secret, of
 * anything shaped like a Discord bot token, and of the interaction tokens in Discord API URLs.
 */
import { mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import pino, { type DestinationStream } from 'pino';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Extra structured fields of a line (command, user, latencyMs, outcome, …). */
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, err?: unknown, fields?: LogFields): void;
  error(message: string, err?: unknown, fields?: LogFields): void;
}

export const REDACTED = '[redacted]';

/** Fields censored by pino wherever a logged object has them (one level of nesting, or under err/headers). */
export const REDACT_PATHS: readonly string[] = [
  'token',
  'discordToken',
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.token',
  '*.discordToken',
  '*.authorization',
  '*.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'err.requestBody.json.token',
];

// Discord bot tokens: base64(user id).timestamp.hmac
const BOT_TOKEN = /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}\b/g;
// Interaction and webhook tokens inside API paths: /interactions/<id>/<token>/callback, /webhooks/<app>/<token>
const URL_TOKEN = /(\/(?:interactions|webhooks)\/\d+\/)[^/\s"'?#\\]+/g;

/** `text` with every secret (also as written inside a JSON string), bot-token-shaped string and API-path token replaced. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    out = out.split(s).join(REDACTED);
    const inJson = JSON.stringify(s).slice(1, -1);
    if (inJson !== s) out = out.split(inJson).join(REDACTED);
  }
  return out.replace(BOT_TOKEN, REDACTED).replace(URL_TOKEN, `$1${REDACTED}`);
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * Where the lines go: standard error, and `file` too when given. The file is opened for
 * appending (its folder created) and written synchronously, so no line is lost when the
 * process exits; rotate it with logrotate's copytruncate (docs/discord.md). Throws when the
 * file cannot be opened.
 */
export function logWriter(file?: string): (line: string) => void {
  const toStderr = (line: string): void => void process.stderr.write(`${line}\n`);
  if (!file) return toStderr;
  // Opened here rather than by pino, which retries an unopenable path for ever instead of failing.
  let fd: number;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(file, 'a');
  } catch (err) {
    throw new Error(`LOG_FILE ${file} cannot be opened for writing (${(err as NodeJS.ErrnoException).code ?? String(err)}): give a writable file path, or remove the line.`);
  }
  const dest = pino.destination({ dest: fd, sync: true });
  return (line) => {
    toStderr(line);
    dest.write(`${line}\n`);
  };
}

/**
 * A logger at `level` whose every line goes through `write` (default: standard error), already
 * scrubbed of `secrets`. `write` gets one JSON line without its newline.
 */
export function createLogger(
  level: LogLevel,
  secrets: readonly (string | undefined)[] = [],
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const destination: DestinationStream = {
    write(chunk: string) {
      write(redact(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk, secrets));
    },
  };
  const p = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      // Errors with their type, message, stack, cause and own fields (a DiscordAPIError's code,
      // status, method and URL); anything else thrown or rejected is logged as its text.
      serializers: { err: (e: unknown) => (e instanceof Error ? pino.stdSerializers.err(e) : e) },
    },
    destination,
  );
  const withErr = (err: unknown, fields: LogFields | undefined): Record<string, unknown> => ({
    ...fields,
    ...(err === undefined ? {} : { err: err instanceof Error ? err : { message: describeError(err) } }),
  });
  return {
    debug: (m, f) => p.debug({ ...f }, m),
    info: (m, f) => p.info({ ...f }, m),
    warn: (m, e, f) => p.warn(withErr(e, f), m),
    error: (m, e, f) => p.error(withErr(e, f), m),
  };
}
