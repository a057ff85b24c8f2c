/**
 * A small leveled logger to stderr that never prints a secret: every line, error messages and
 * stacks included, has each registered secret (the bot token) replaced by "[redacted]".
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string, err?: unknown): void;
  error(message: string, err?: unknown): void;
}

/** `text` with every secret (and anything shaped like a Discord bot token) replaced. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  // Discord bot tokens: base64(user id).timestamp.hmac
  return out.replace(/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}\b/g, '[redacted]');
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export function createLogger(
  level: LogLevel,
  secrets: readonly (string | undefined)[] = [],
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const min = LOG_LEVELS.indexOf(level);
  const emit = (at: LogLevel, message: string, err?: unknown): void => {
    if (LOG_LEVELS.indexOf(at) < min || level === 'silent') return;
    const detail = err === undefined ? '' : `\n${describeError(err)}`;
    write(redact(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${detail}`, secrets));
  };
  return {
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m, e) => emit('warn', m, e),
    error: (m, e) => emit('error', m, e),
  };
}
