/**
 * One progress line, updated in place, when stdout is a terminal; nothing at all when it is
 * piped or redirected (so a log file holds only the results).
 */
export class Progress {
  private readonly tty = process.stdout.isTTY === true;
  private last = '';
  private started = performance.now();
  private timer: NodeJS.Timeout | undefined;

  /** Shows `label` with a running clock until the next call to step() or done(). */
  step(label: string): void {
    if (!this.tty) return;
    this.started = performance.now();
    this.last = label;
    this.draw();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.draw(), 500);
    this.timer.unref();
  }

  private draw(): void {
    const s = ((performance.now() - this.started) / 1000).toFixed(0);
    const width = process.stdout.columns || 100;
    const line = `… ${this.last} (${s} s)`.slice(0, Math.max(10, width - 1));
    process.stdout.write(`\r\x1b[2K${line}`);
  }

  /** Clears the line. */
  done(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.tty) process.stdout.write('\r\x1b[2K');
  }
}
