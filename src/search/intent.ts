/**
 * Questions that ask for something other than passages on a topic, read from their form:
 *
 * - "what did <speaker> say (about <topic>)", "what does X think of …", "did X say anything …",
 *   "X's comments on …":
 *   the speaker's own words, so the answer is their quotations and the passages that report
 *   them, not every passage that names them;
 * - "where do the sources differ / disagree", "what do the two articles contradict each other
 *   on (about <topic>)": the differences compare finds, each naming both sources;
 * - "tldr", "whats neo's take", "the rsis piece's main argument", "what happened": the gist of
 *   the texts, which each states where it opens and where it concludes (see gist.ts).
 *
 * Only the form is read here (English grammar); who the speaker is, said.ts works out.
 */
export type Intent =
  /** `who`: the words naming the speaker, as written ("wendy shermen", "the spokeswoman Mohajerani"). */
  | { readonly kind: 'said'; readonly who: string; readonly about: string }
  | { readonly kind: 'differences'; readonly about: string }
  /** `rest`: the question without the words asking for a gist; a gist when it names no topic (the engine judges). */
  | { readonly kind: 'gist'; readonly rest: string };

const SAY = '(?:say|said|says|saying|tell|told|think|thinks|thought|claim|claimed|write|wrote|state|stated|mean|meant|argue|argued|warn|warned|announce|announced)';
// Up to three words of chatter may come first ("hey so", "(pls)", "tldr"). Words and what lies
// between them are told apart by letters, never by \W, which also matches letters outside A–Z:
// a run of Arabic letters could then be split every way, and the match would never end.
const SAID = new RegExp(`^[^\\p{L}\\p{N}]*(?:[\\p{L}']+[^\\p{L}\\p{N}']+){0,3}?what\\s+(?:did|does|do|has|had|was|is)\\s+(.+?)\\s+${SAY}\\b(.*)$`, 'iu');
// "did trump say anything (about …)", "has Araghchi said something": a yes or no that asks for the speaker's words.
const SAID_ANY = new RegExp(`^[^\\p{L}\\p{N}]*(?:[\\p{L}']+[^\\p{L}\\p{N}']+){0,3}?(?:did|does|do|has|have|had)\\s+(.+?)\\s+(?:ever\\s+)?${SAY}\\s+(?:anything|something|much)\\b(.*)$`, 'iu');
const WORDS_OF = /^\W*(?:what\s+(?:are|were|was|is)\s+)?((?:\S+\s+){0,2}?\S+)'s\s+(?:words|comments|remarks|statements?|quotes?|quotations?)\b(.*)$/i;
const DIFFER = /\b(?:differ\w*|different|disagree\w*|contradict\w*|conflict\w*|inconsisten\w*|discrepanc\w*|diverge\w*)\b/i;
const BOTH = /\b(?:sources?|articles?|both|two|2|authors?|writers?|outlets?|each other|they|pieces?|reports?|accounts?)\b/i;

// Asking for the gist of the texts, not for a topic in them.
const GIST = new RegExp(
  [
    String.raw`\btl\W?\s*dr\b`,
    String.raw`\b(?:summary|summari[sz]e[sd]?|summing up|sum\s+(?:\w+\s+)?up|gist|overview|recap|nutshell|in\s+(?:short|brief)|bottom\s+line|takeaways?)\b`,
    String.raw`\b(?:main|key|central|overall|basic)\s+(?:points?|arguments?|ideas?|messages?|claims?|thesis|takeaways?|conclusions?|argument)\b`,
    String.raw`\bwhat(?:'s|s|\s+is|\s+was)\s+(?:\S+\s+){0,3}?(?:take|angle|verdict|point|conclusion)\b`,
    String.raw`\bwhat(?:'s|s|\s+is|\s+are|\s+was|\s+were)\s+(?:it|this|that|these|those|(?:the\s+)?(?:\S+\s+)?(?:articles?|pieces?|commentar(?:y|ies)|reports?|stor(?:y|ies)|sources?))\s+about\W*$`,
    String.raw`^\W*(?:so\s+)?what\s+happened\W*$`,
  ].join('|'),
  'giu',
);
/** The words of those forms, and words naming the texts themselves ("the rsis piece", "both articles"): no topic. */
const GIST_WORDS =
  /\b(?:tl|dr|summary|summari[sz]e[sd]?|summing|sum|up|gist|overview|recap|nutshell|short|brief|bottom|line|takeaways?|main|key|central|overall|basic|points?|arguments?|ideas?|messages?|claims?|thesis|conclusions?|take|angle|verdict|happened|articles?|pieces?|commentar(?:y|ies)|analys[ie]s|reports?|stor(?:y|ies)|sources?|texts?|authors?|writers?|one|ones|each|both|two|2|pls|please|give|tell|quick)\b/giu;

/** The question with one apostrophe and chat's "wat", "wut", "wht" (and "wats") spelled "what" ("whats"). */
function plainChat(question: string): string {
  return question
    .trim()
    .replace(/[’]/g, "'")
    .replace(/\b(?:wat|wut|wht)(s?)\b/gi, 'what$1');
}

/** What is left of a question's tail once "about", "on", "regarding" and the end punctuation go. */
function topicOf(tail: string): string {
  return tail
    .replace(/[?!.]+\s*$/, '')
    .replace(/^\s*(?:about|on|of|regarding|concerning|re|in|over|when it comes to)\s+/i, '')
    .replace(/^\s*(?:the|a|an)\s*$/i, '')
    .trim();
}

/** `text` as a pattern that matches it literally. */
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `question` without the words naming `source` ("RSIS", "RSIS's"): a question about it is about the rest. */
export function withoutName(question: string, source: string): string {
  return question.replace(new RegExp(`\\b${escaped(source)}(?:['’]s)?\\b`, 'giu'), ' ');
}

const namesOf = new Map<string, RegExp>();
/** A regex of the source ids as words, made once per list of ids. */
function sourceNames(sourceIds: readonly string[]): RegExp {
  const key = sourceIds.join('\n');
  let names = namesOf.get(key);
  if (!names) {
    names = new RegExp(`\\b(?:${sourceIds.map(escaped).join('|') || '(?!)'})\\b`, 'i');
    namesOf.set(key, names);
  }
  return names;
}

const idWordsOf = new WeakMap<readonly string[], { byWord: Map<string, string[]>; others: string[] }>();
/** The source ids that are single words, by their lower case, and the others; made once per list of ids. */
function idWords(sourceIds: readonly string[]): { byWord: Map<string, string[]>; others: string[] } {
  let found = idWordsOf.get(sourceIds);
  if (!found) {
    found = { byWord: new Map(), others: [] };
    for (const id of sourceIds) {
      if (/^[\p{L}\p{N}]+$/u.test(id)) found.byWord.set(id.toLowerCase(), [...(found.byWord.get(id.toLowerCase()) ?? []), id]);
      else found.others.push(id);
    }
    idWordsOf.set(sourceIds, found);
  }
  return found;
}

/** Words around a source's id that make it the name of a text ("the NEO piece", "RSIS's take", "what does NEO think"). */
const BEFORE_SOURCE = String.raw`\b(?:the|in|by|from|does|did|do|per|according to)\s+`;
const AFTER_SOURCE = String.raw`(?:['’]s\b|\s+(?:article|piece|one|commentary|analysis|author|writer|report|story|says?|said|thinks?|argues?|argued|claims?|wrote|writes|concludes?|sees?)\b)`;

/**
 * The one source a question names as a text, by its id ("whats the rsis piece's main argument",
 * "what does neo think"); undefined when it names none or several. An id alone is no name of a
 * text: "neo" in "who plays neo in the matrix" is not the source.
 */
export function namedSource(question: string, sourceIds: readonly string[]): string | undefined {
  const only = onlySourceIn(question, sourceIds);
  if (only === undefined) return undefined;
  const word = sourceNames([only]).source;
  return new RegExp(`${BEFORE_SOURCE}${word}|${word}${AFTER_SOURCE}`, 'i').test(question) ? only : undefined;
}

/** The one source id a question writes as a word, whatever the words around it; undefined when it writes none or several. */
export function onlySourceIn(question: string, sourceIds: readonly string[]): string | undefined {
  // The question's words looked up among the ids (an archive has thousands, and a pattern of
  // all of them costs a millisecond a question); an id that is no single word, by its pattern.
  const { byWord, others } = idWords(sourceIds);
  const words = question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const named = [...new Set([...words.flatMap((w) => byWord.get(w) ?? []), ...others.filter((id) => sourceNames([id]).test(question))])];
  return named.length === 1 ? named[0] : undefined;
}

const AUTHORSHIP = /\b(?:wrote|write|writes|written|author|authors|writer|byline)\b/i;

/** Whether a question asks who wrote a text ("who wrote the NEO piece", "who is the RSIS author"), not what its author wrote. */
export function asksAuthor(question: string): boolean {
  return /\b(?:who|whose|whos)\b/i.test(question.replace(/[’']/g, '')) && AUTHORSHIP.test(question);
}

/** Whether a question speaks of the texts together ("these two articles", "both pieces", "the authors"). */
export function aboutAllSources(question: string): boolean {
  return /\b(?:these|those|both|all|two|2)\s+(?:\w+\s+)?(?:articles|pieces|sources|texts|reports|commentaries)\b|\b(?:articles|pieces|authors|writers)\b/i.test(question);
}

/**
 * The intent of a question, if it has one. `sourceIds` are the corpus's source ids ("where do NEO
 * and RSIS differ" names the sources by id).
 */
export function readIntent(question: string, sourceIds: readonly string[]): Intent | undefined {
  const q = plainChat(question);
  const names = sourceNames(sourceIds);
  if (DIFFER.test(q) && (BOTH.test(q) || names.test(q))) {
    const about = /\b(?:about|on|over|regarding|concerning)\s+(.+)$/i.exec(q)?.[1] ?? '';
    return { kind: 'differences', about: topicOf(about) };
  }
  const said = SAID.exec(q) ?? SAID_ANY.exec(q) ?? WORDS_OF.exec(q);
  if (said) return { kind: 'said', who: (said[1] ?? '').trim(), about: topicOf(said[2] ?? '') };
  GIST.lastIndex = 0;
  if (!GIST.test(q)) return undefined;
  const rest = q.replace(new RegExp(names.source, 'giu'), ' ').replace(/['’]s\b/gu, ' ').replace(GIST_WORDS, ' ').replace(/\s+/g, ' ').trim();
  return { kind: 'gist', rest };
}

/**
 * Whether a question speaks of an unnamed "it" or "they" ("how did it go", "was it a success",
 * "did they get anywhere"): asked of a bot on one subject, with nothing else named, that is the
 * subject of the texts, not something they may not cover.
 */
export function speaksOfTheSubject(question: string): boolean {
  return /\b(?:it|its|they|them|their|there|this|that|things)\b/i.test(question.replace(/[’]/g, "'").replace(/\bit's\b/gi, 'it'));
}

const PUBLISHED = /\b(?:published|posted|came\s+out|come\s+out|written|released|dated|put\s+out)\b/i;

/** Whether a question asks when a text came out ("when was the rsis article published", "when was it written"). */
export function asksPublished(question: string): boolean {
  return /\b(?:when|whens|what\s+(?:date|day|month)|how\s+(?:old|recent))\b/i.test(question) && PUBLISHED.test(question);
}

/** A whole question of one form, after up to two words of chatter ("ok so", "quick q"), up to its end marks. */
const wholeQuestion = (form: string): RegExp =>
  new RegExp(String.raw`^[^\p{L}\p{N}]*(?:(?:ok|so|hey|yo|wait|quick\s+q)[^\p{L}\p{N}]+){0,2}(?:${form})[^\p{L}\p{N}]*$`, 'iu');
// "who is X", "whats the AOR", "who's pezeshkian anyway": what X is.
const WHO_IS = wholeQuestion(String.raw`(?:who|what)(?:'s|s|\s+(?:is|are|was|were))\s+(.+?)`);
// "whats witkoff's role", "what is Steve Witkof's official title", "what does araghchi do".
const ROLE = wholeQuestion(String.raw`what(?:'s|s|\s+is|\s+was)\s+(.+?)(?:'s|')?\s+(?:official\s+)?(?:role|job|title|post)|what\s+does\s+(.+?)\s+do(?:\s+for\s+a\s+living)?`);
// "what does AOR stand for", "what does pmf mean".
const STANDS_FOR = wholeQuestion(String.raw`what\s+(?:does|do|did)\s+(.+?)\s+(?:stand\s+for|mean|refer\s+to)`);

/** The words a question asks to have explained ("who is X", "whats X's role", "what does X stand for": X), or undefined; whether they name one thing, the engine judges. */
export function asksWhoIs(question: string): string | undefined {
  const q = plainChat(question);
  const role = ROLE.exec(q);
  if (role) return role[1] ?? role[2];
  return (STANDS_FOR.exec(q) ?? WHO_IS.exec(q))?.[1];
}
