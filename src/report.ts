/**
 * What readers asked that the sources did not answer, read from the bot's JSON log lines (the
 * "question" and "feedback" events of src/discord/feedback.ts), so an owner knows which article
 * to add: questions not answered, answers marked not helpful, and answers where the engine
 * showed only the closest passages, each most frequent first. The same question asked with
 * other capitals, spaces or final punctuation counts as one.
 */

export interface ReportEntry {
  /** The question as first written. */
  readonly question: string;
  readonly count: number;
  /** For not-helpful answers: how often the same question's answer was marked helpful. */
  readonly helpful?: number;
}

export interface Report {
  readonly questions: number;
  readonly votes: number;
  readonly unanswered: readonly ReportEntry[];
  readonly notHelpful: readonly ReportEntry[];
  readonly unsure: readonly ReportEntry[];
}

/** The key one question counts under: lower case, single spaces, no final punctuation. */
export function questionKey(question: string): string {
  return question.toLowerCase().replace(/\s+/g, ' ').trim().replace(/[\s?!.]+$/, '');
}

class Tally {
  private readonly entries = new Map<string, { question: string; count: number; order: number }>();

  add(question: string): void {
    const key = questionKey(question);
    const e = this.entries.get(key);
    if (e) e.count++;
    else this.entries.set(key, { question, count: 1, order: this.entries.size });
  }

  countOf(question: string): number {
    return this.entries.get(questionKey(question))?.count ?? 0;
  }

  /** Most frequent first; ties in the order first seen. */
  sorted(): { question: string; count: number }[] {
    return [...this.entries.values()].sort((a, b) => b.count - a.count || a.order - b.order).map(({ question, count }) => ({ question, count }));
  }
}

function parse(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads log lines (any other line is skipped). */
export function buildReport(lines: Iterable<string>): Report {
  const unanswered = new Tally();
  const unsure = new Tally();
  const notHelpful = new Tally();
  const helpful = new Tally();
  let questions = 0;
  let votes = 0;
  for (const line of lines) {
    const event = parse(line.trim());
    if (!event || typeof event.question !== 'string' || event.question === '') continue;
    if (event.msg === 'question') {
      questions++;
      if (event.outcome === 'unanswered') unanswered.add(event.question);
      else if (event.outcome === 'unsure') unsure.add(event.question);
    } else if (event.msg === 'feedback') {
      votes++;
      if (event.vote === 'not-helpful') notHelpful.add(event.question);
      else if (event.vote === 'helpful') helpful.add(event.question);
    }
  }
  return {
    questions,
    votes,
    unanswered: unanswered.sorted(),
    notHelpful: notHelpful.sorted().map((e) => ({ ...e, helpful: helpful.countOf(e.question) })),
    unsure: unsure.sorted(),
  };
}

function section(title: string, entries: readonly ReportEntry[]): string[] {
  const width = String(Math.max(1, ...entries.map((e) => e.count))).length;
  const rows = entries.map((e) => `  ${String(e.count).padStart(width)}  ${e.question}${e.helpful ? `   (${e.helpful} helpful)` : ''}`);
  return [title, ...(rows.length > 0 ? rows : ['  (none)'])];
}

export function formatReport(report: Report, files: number): string {
  return [
    `${report.questions} question${report.questions === 1 ? '' : 's'} and ${report.votes} vote${report.votes === 1 ? '' : 's'} in ${files} log file${files === 1 ? '' : 's'}.`,
    '',
    ...section('Not answered (no passage, a name the sources never mention, another language), most asked first:', report.unanswered),
    '',
    ...section('Answers marked not helpful, most first:', report.notHelpful),
    '',
    ...section('Answered with the closest passages only (the engine was unsure), most asked first:', report.unsure),
  ].join('\n');
}
