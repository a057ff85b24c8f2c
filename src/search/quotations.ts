/**
 * Quotation extraction at ingestion: every "…" in a passage (the cleaner has already turned
 * curly quotes and «guillemets» into straight double quotes), with its speaker and role.
 *
 * - Quotes split by their attribution ("However," he cautioned, "it won't be easy.") are one
 *   quotation; so are two quotes around "X said." between them.
 * - A short Title Case quote is a name (wrote «Tehran Times», CBS's "Face the Nation"): it is
 *   kept as a term with no speaker, and after a speech verb it names the speaker.
 * - The speaker comes from the attribution after the quote (", a Tehran source stated", "said X,
 *   a role", "X told reporters in Vienna"), else from "according to X" or the subject of the last
 *   speech verb before it in the sentence (X said / told / described … as / announced that …),
 *   else, after a colon, the sentence's subject. "he" and "she" are the first person named in the
 *   last sentence that names one; "the envoy" is the last speaker so described, else that
 *   person; "it" and "the statement" are the body named last. A quote that opens its sentence
 *   right after an attributed one goes on with its speaker; a so-called one has none.
 * - Speakers are found in the text itself: a run of capitalised words ("Esmaeil Baghaei"), its
 *   titles ("Deputy Foreign Minister") and the body before it left out; later any ending of
 *   that name ("Baghaei", "Al Kuwari"), or an honorific and its first word ("Dr Lim"), is the
 *   same person. The alias table only joins spellings of one name (Whitcoff → Steve Witkoff);
 *   an unnamed speaker is its noun phrase ("Tehran source").
 * - Quotes of three words or fewer are terms (scare quotes), longer ones statements.
 */
import type { Document, Passage } from '../corpus/chunk.ts';
import type { Analyzer } from './analyzer.ts';
import type { Quotation } from './types.ts';

const SPEECH_VERB =
  /(?<!-)\b(?:said|says|say|saying|told|tell|telling|stated|stating|wrote|writes|writing|declared|declares|declaring|described|describes|describing|characteri[sz]ed|announced|announces|announcing|claimed|claiming|threatened|threatening|explained|explaining|cautioned|warned|warning|noted|noting|added|emphasi[sz]ed|stressed|directed|urged|asked|replied|insisted|argued|called|speaking|spoke|put it|posted|tweeted|commented|remarked|recalled|acknowledged|conceded|confirmed|predicted|vowed)\b/gi;
const PREPOSITIONS = new Set(['under', 'with', 'to', 'of', 'from', 'by', 'via', 'on', 'in', 'at', 'for', 'against', 'during', 'about', 'after', 'before', 'toward', 'towards', 'into', 'over']);
const FILLERS = new Set(['also', 'repeatedly', 'reportedly', 'has', 'had', 'have', 'was', 'were', 'is', 'then', 'later', 'once', 'again', 'publicly', 'recently', 'had', 'who', 'which', 'and']);
/** Words that make a capitalised run a body, not a person. */
const ORG_WORDS = /\b(?:Ministry|Office|Council|Agency|Department|Times|Media|Forum|Institute|Center|Centre|Committee|University|Foundation|School|Program|Studies|Commission|Parliament|Congress|Senate|Treasury|Bank|Post|Journal|News|Service|Affairs|Group|Organization|Organisation|Union|Court)\b/;
/** An honorific before a name ("Dr ", "Sen. "). */
const HONORIFIC_WORD = String.raw`\b(?:Dr|Mr|Mrs|Ms|Prof|Sen|Rep)\.?\s+`;
/** An honorific at the end of a text, and a name that is one: "Dr Lim". */
const HONORIFIC = new RegExp(`${HONORIFIC_WORD}$`);
const HONOURED_NAME = new RegExp(`^${HONORIFIC_WORD}(\\S+)$`);
/** A capitalised title word (and its space) at the start of a run of names. */
const TITLE_WORD = /^(?:Republican|Democratic|Deputy|Foreign|Minister|President|Vice|Secretary|Representative|Senator|Director|General|Special|Envoy|Ambassador|Supreme|Leader|Chief|Prime|Spokes\w+|Mr|Mrs|Ms|Dr|Professor|Ayatollah|Interior|Defen[cs]e|Energy|Commander|Foreign)\s+/;
const ROLE_WORDS = /\b(?:minister|president|spokes(?:wo)?man|spokesperson|envoy|leader|secretary|ambassador|general|chief|official|negotiator|diplomat|expert|analyst|adviser|advisor|commander|director|fellow|researcher|professor|lawmaker|representative|senator|congressman|congresswoman|scholar|editor|correspondent|head)\b/i;
const PRONOUN = /^(?:he|she|his|her)$/i;
const ROLE_STOP = new Set(['as', 'the', 'a', 'an', 'by', 'and', 'with', 'from', 'that', 'of', 'to', 'for', 'under', 'said', 'told', 'who', 'in', 'on', 'at']);
const TERM_MAX_WORDS = 3;
/** An attribution after a quote is this short ("said Nadia Farahani, a senior fellow at the Meridian Center for Security Studies"). */
const MAX_ATTRIBUTION_WORDS = 24;
/** A word of a name: capitalised, maybe hyphenated (Takht-Ravanchi), maybe after a particle (al-Rawahi). */
const NAME_WORD = String.raw`(?:(?:al|el|bin|ibn|abu)-)?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*`;
/** A run of two or more name words ("Laila al-Rawahi", "Pieter van Dam"), maybe after a possessive place ("Iran's Foreign Ministry"). */
const NAME_RUN = new RegExp(String.raw`(?<![\p{L}-])(?:\p{Lu}\p{Ll}+'s\s+)?${NAME_WORD}(?:[ \t]+(?:(?:of|bin|ibn|van|von|de|der|da|di|du|la|le)[ \t]+)?${NAME_WORD})+(?![\p{L}-])`, 'gu');
/** One name word, maybe possessive: a surname alone ("Grossi's"). */
const ONE_NAME = new RegExp(String.raw`(?<![\p{L}-])${NAME_WORD}(?:'s)?(?![\p{L}-])`, 'gu');
/** "According to X" before a quote in its sentence (X: up to a comma, colon or quote). */
const ACCORDING_TO = /\baccording to ([^,:"]{2,80})/gi;
/** An attribution after a quote, subject first: "he said", "Baghaei told reporters in Vienna", "X added, according to IRNA". */
const SUBJECT_VERB = new RegExp(String.raw`^(.+?)\s+(said|says|wrote|stated|added|explained|cautioned|noted|declared|posted|told|stressed|insisted|argued|warned|read|was quoted as saying)(?:,?\s+[^,]{1,60})?$`, 'i');

interface Mark {
  readonly start: number; // of the opening "
  readonly end: number; // after the closing "
  readonly inner: string;
}

interface Entity {
  readonly name: string;
  readonly kind: string;
  readonly start: number;
  readonly end: number;
}

interface Resolved {
  readonly speaker: string | null;
  readonly role: string | null;
}

/**
 * Where the person's name starts in a run of capitalised words that opens with a title or a body
 * ("Foreign Minister Mohammad-Kazem Rahbari": 17): after its last title or body word, "of"
 * and a place skipped, when two name words at least are left; else 0.
 */
function personAfterTitle(run: string): number {
  const words = [...run.matchAll(/\S+/g)];
  let last = -1;
  words.forEach((w, i) => {
    if (TITLE_WORD.test(`${w[0]} `) || ORG_WORDS.test(w[0])) last = i;
  });
  let from = last + 1;
  if (words[from]?.[0] === 'of' && words.length - from - 2 >= 2) from += 2;
  return last >= 0 && words.length - from >= 2 ? (words[from]?.index ?? 0) : 0;
}

/** Words before a name that are only its title ("State Department spokeswoman", "Deputy Foreign Minister"), or none. */
function isTitle(words: string): boolean {
  const w = words.trim();
  return w === '' || (wordCount(w) <= 5 && (ROLE_WORDS.test(w) || /^(?:\p{Lu}[\p{L}.]*\s*)+$/u.test(w)));
}

/** "Name, a role for X," → [Name, role]; a phrase without such an appositive → [phrase, null]. */
function withoutAppositive(phrase: string): [string, string | null] {
  const m = /^(.*),\s+(?:(?:a|an|the)\s+)?([^,]{2,90}?),?$/.exec(phrase.trim());
  return m?.[1] && m[2] && ROLE_WORDS.test(m[2]) ? [m[1].trim(), m[2].trim()] : [phrase.trim(), null];
}

const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * The parts of a quotation split by its attribution, as one text. A comma that closed a part
 * before "he explained" ends a sentence when the next part starts one: “… the substance,” he
 * explained. “If we …” → "… the substance. If we …"; “However,” he cautioned, “it won't …” keeps it.
 */
export function joinParts(parts: readonly string[]): string {
  return parts.reduce((text, part) => (text === '' ? part : /^\p{Lu}/u.test(part) && !/^I\b/.test(part) ? `${text.replace(/,$/, '.')} ${part}` : `${text} ${part}`), '');
}

function marks(text: string): Mark[] {
  const out: Mark[] = [];
  for (const m of text.matchAll(/"([^"\n]+)"/g)) out.push({ start: m.index, end: m.index + m[0].length, inner: m[1] ?? '' });
  return out;
}

/**
 * A quoted name: a short Title Case quote ("Tehran Times", CBS's "Face the Nation", an op-ed
 * for "The Gulf Observer"), its small words aside; or any short quote right after a speech verb
 * (wrote "Tehran Times").
 */
function isQuotedName(text: string, mark: Mark): boolean {
  const words = mark.inner.split(/\s+/);
  if (words.length > 4 || !/^\p{Lu}/u.test(mark.inner) || /[,.!?]$/.test(mark.inner)) return false;
  const titleCase = words.every((w) => /^\p{Lu}/u.test(w) || /^(?:the|of|and|for|in|on|a)$/.test(w)) && words.filter((w) => /^\p{Lu}/u.test(w)).length >= 2;
  return (
    titleCase ||
    (words.every((w) => /^\p{Lu}/u.test(w)) && /\b(?:wrote|told|said|according to|reported)(?:\s+(?:in|for|to))?\s*$/i.test(text.slice(Math.max(0, mark.start - 30), mark.start)))
  );
}

export class QuotationExtractor {
  /**
   * The people of the document being read, by the endings of their names (lower case): a
   * surname alone ("Baghaei" after "Esmaeil Baghaei", "Al Kuwari") is that person.
   */
  private surnames = new Map<string, string>();
  /** The quotations of the document being read, found so far. */
  private spoken: readonly Quotation[] = [];
  /** The bodies (ministries, agencies) the document being read names outside quotes. */
  private bodies: readonly Entity[] = [];
  /** Where the sentences of the document being read end (offsets in its text). */
  private sentenceEnds: readonly number[] = [];

  constructor(private readonly analyzer: Analyzer) {}

  /** Named people, bodies and places in a text, with their canonical names. */
  entities(text: string): Entity[] {
    const out: Entity[] = [];
    for (const t of this.analyzer.analyze(text)) {
      const kind = t.alias ? this.analyzer.kinds.get(t.term) : undefined;
      if (kind && kind !== 'term') out.push({ name: this.analyzer.canonical.get(t.term) ?? t.source, kind, start: t.start, end: t.end });
    }
    // Capitalised runs of two or more words the alias table does not know ("Wendy Sherman"),
    // and bodies named with a possessive place ("Iran's Foreign Ministry").
    for (const m of text.matchAll(NAME_RUN)) {
      const end = m.index + m[0].length;
      const possessive = /^\p{Lu}\p{Ll}+'s\s/u.test(m[0]);
      const overlapping = out.filter((e) => e.start < end && m.index < e.end);
      if (possessive && overlapping.every((e) => e.kind === 'place' && e.start === m.index)) {
        for (const e of overlapping) out.splice(out.indexOf(e), 1);
        out.push({ name: m[0], kind: 'org', start: m.index, end });
        continue;
      }
      let start = possessive ? m.index + m[0].indexOf(' ') + 1 : m.index;
      // A sentence's first word is no name ("As Farahani put it"); one word left is a surname at most (below).
      const opening = /^(\p{L}+)\s+/u.exec(text.slice(start, end));
      if (opening?.[1] && this.analyzer.stopwords.has(opening[1].toLowerCase())) {
        start += opening[0].length;
        if (!/\s/.test(text.slice(start, end))) continue;
      }
      // A title or a body before a name is not part of it: "Iranian Foreign Minister
      // Mohammad-Kazem Rahbari", "… Atomic Energy Organization of Iran Mohsen Eslamifar".
      if (text.slice(start, end).split(/\s+/).every((w) => TITLE_WORD.test(`${w} `))) continue;
      const after = personAfterTitle(text.slice(start, end));
      if (after > 0) start += after;
      const org = after === 0 && ORG_WORDS.test(text.slice(start, end));
      // "Dale Whitcomb of Kansas": a person's name ends before "of".
      const of = org ? -1 : text.slice(start, end).search(/\sof\s/);
      const stop = of > 0 ? start + of : end;
      if (out.some((e) => e.start < stop && start < e.end)) continue;
      const written = text.slice(start, stop);
      // After "for", "of", "at" a run is a place or body ("Emirates Centre for Strategic Dialogue").
      const body = org || (after === 0 && /\b(?:for|of|at|from|in)\s+$/.test(text.slice(Math.max(0, start - 6), start)));
      // A name given in full before, written shorter ("Al Kuwari", "Dr Lim"), is that person.
      out.push(body ? { name: written, kind: 'org', start, end: stop } : { name: this.fullName(written), kind: 'person?', start, end: stop });
    }
    // A known person's surname alone ("Baghaei", "Grossi's"), or any name after an honorific ("Dr Lim").
    for (const m of text.matchAll(ONE_NAME)) {
      const word = m[0].replace(/'s$/, '');
      const honorific = HONORIFIC.exec(text.slice(Math.max(0, m.index - 6), m.index))?.[0];
      const name = honorific ? this.fullName(`${honorific}${word}`) : this.surnames.get(word.toLowerCase());
      const end = m.index + m[0].length;
      if (name && !out.some((e) => e.start < end && m.index < e.end)) out.push({ name, kind: 'person', start: m.index, end });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  /** The full name of a person written shorter ("Al Kuwari", "Dr Lim"), or the name as written. */
  private fullName(written: string): string {
    const known = this.surnames.get(written.toLowerCase());
    if (known) return known;
    // An honorific and a given name: "Dr Lim" for Lim Wei Ling.
    const honoured = HONOURED_NAME.exec(written)?.[1]?.toLowerCase();
    const full = honoured ? [...new Set(this.surnames.values())].filter((n) => n.toLowerCase().startsWith(`${honoured} `)) : [];
    return full.length === 1 && full[0] ? full[0] : written;
  }

  /** Role words just before a name ("Iranian Foreign Minister", "government spokeswoman") or an appositive after it. */
  private roleAround(text: string, e: Entity): string | null {
    const before = text.slice(0, e.start).trimEnd().split(/\s+/);
    const role: string[] = [];
    for (let i = before.length - 1; i >= 0 && role.length < 4; i--) {
      const w = before[i] ?? '';
      if (!w || /[,.;:"]$/.test(w) || ROLE_STOP.has(w.toLowerCase())) break;
      role.unshift(w);
    }
    const title = role.filter((w) => w !== 'Ayatollah').join(' ');
    if (ROLE_WORDS.test(title)) return title;
    const after = /^,\s+(?:(?:a|an|the)\s+)?([^,;"—]{3,90}?)(?=\s*(?:[,;—]|(?<!(?:^|[\s.])\p{L})\.(?:\s|$)|$)|\s+(?:described|said|told|announced|stated)\b)/u.exec(text.slice(e.end));
    if (after?.[1] && (ROLE_WORDS.test(after[1]) || /^(?:former|chief|head)\b/.test(after[1]))) return after[1].trim();
    return null;
  }

  /** The subject before a speech verb: `text` ends just before the verb. */
  private subject(text: string, people: readonly Entity[], full: string, offset: number): Resolved | null {
    // Drop parentheticals: " — … — ", "( … )", ", speaking to NBC," and ", who has led …,".
    let clause = text.replace(/\s—[^—]*—\s*/g, ' ').replace(/\([^)]*\)/g, ' ').replace(/,\s+(?:\p{Ll}+ing|who)\b[^,]*,/gu, ' ');
    clause = clause.replace(/\s+/g, ' ').trimEnd();
    const words = clause.split(' ');
    while (words.length > 0 && FILLERS.has((words[words.length - 1] ?? '').toLowerCase().replace(/,$/, ''))) {
      const w = words.pop() ?? '';
      if (w.toLowerCase() === 'who' || w.toLowerCase() === 'which') break;
    }
    const tail = words.join(' ').replace(/,$/, '');
    const last = words[words.length - 1] ?? '';
    if (PRONOUN.test(last)) return this.lastPerson(people, offset);
    // "Esmaeil Baghaei, the spokesman for Iran's Foreign Ministry": the name before its appositive.
    const [name, role] = withoutAppositive(tail);
    const named = role ? this.entities(name).at(-1) : undefined;
    if (named && role && named.end === name.length && (named.kind === 'person' || named.kind === 'person?')) return { speaker: named.name, role };
    const ents = this.entities(tail);
    const lastEnt = ents[ents.length - 1];
    if (lastEnt && tail.slice(lastEnt.end).trim() === '') {
      const prev = /(\S+)\s*$/.exec(tail.slice(0, lastEnt.start))?.[1]?.toLowerCase() ?? '';
      if (!PREPOSITIONS.has(prev)) return this.named(lastEnt, tail);
    }
    // A noun phrase back to a comma or the clause start: "A source familiar with the matter".
    const np = /(?:^|,\s*)((?:(?:a|an|the)\s+)?[^,]{2,60})$/i.exec(tail)?.[1]?.trim();
    if (np && wordCount(np) <= 7 && !/^(?:after|before|when|while|as|if|but)\b/i.test(np)) {
      const npEnts = this.entities(np);
      const label = np.replace(/^(?:a|an|the)\s+/i, '');
      const first = npEnts[0];
      if (first && first.kind !== 'place' && first.kind !== 'term' && npEnts.length === 1 && first.end === np.length) {
        return this.named(first, np);
      }
      if (ROLE_WORDS.test(label) && npEnts.length === 0 && wordCount(label) <= 3) {
        return { speaker: this.lastPerson(people, offset)?.speaker ?? null, role: label };
      }
      if (/^\p{Lu}/u.test(label) || /\b(?:source|ministry|official|statement|spokes\w*)\b/i.test(label)) return { speaker: label, role: null };
    }
    // The first person of the clause ("Wendy Sherman, former …, described him as").
    const person = this.entities(clause).find((e) => e.kind === 'person' || e.kind === 'person?');
    if (person) return this.named(person, clause);
    if (/\b(?:he|his|she|her)\b/i.test(full)) return this.lastPerson(people, offset);
    return null;
  }

  /**
   * An unnamed speaker: a role alone with "the" ("the envoy", "the deputy minister") is the last
   * person named ("a senior official" is somebody else); anything else is its noun phrase, without its article or a clause that only
   * describes it ("a senior official who spoke on condition of anonymity").
   */
  private nounPhrase(phrase: string, people: readonly Entity[], offset: number): Resolved {
    const label = phrase.replace(/^(?:a|an|the)\s+/i, '').replace(/,?\s+(?:who|which|that)\b.*$/i, '').trim();
    if (/^the\s/i.test(phrase) && ROLE_WORDS.test(label) && wordCount(label) <= 3 && !/^\p{Lu}/u.test(label) && this.entities(label).length === 0) {
      // "the diplomat": the last speaker so described ("a diplomat familiar with the talks"), else the last person named.
      const noun = (label.split(' ').at(-1) ?? label).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const head = new RegExp(`\\b${noun}\\b`, 'i');
      const described = [...this.spoken].reverse().find((q) => q.speaker !== null && (head.test(q.speaker) || head.test(q.role ?? '')));
      if (described?.speaker) return { speaker: described.speaker, role: described.role };
      const last = this.lastPerson(people, offset);
      if (last) return { speaker: last.speaker, role: label };
    }
    return { speaker: label, role: null };
  }

  /** The first person a sentence names before a colon that introduces a quote, with the appositive role. */
  private colonSubject(before: string, people: readonly Entity[], offset: number): Resolved | null {
    const person = this.entities(before).find((e) => e.kind === 'person' || e.kind === 'person?');
    if (!person) return PRONOUN.test(before.trim().split(/\s+/)[0] ?? '') ? this.lastPerson(people, offset) : null;
    return this.named(person, before);
  }

  /** The speaker of "according to X": a person or body named, else the noun phrase. */
  private accordingTo(phrase: string, people: readonly Entity[], offset: number): Resolved | null {
    if (PRONOUN.test(phrase)) return this.lastPerson(people, offset);
    const first = this.entities(phrase)[0];
    if (first && first.start <= 4) {
      const role = /^,\s+(?:a|an|the)?\s*(.+)$/.exec(phrase.slice(first.end))?.[1]?.trim() ?? null;
      return { speaker: first.name, role: role ?? (first.kind === 'person' || first.kind === 'person?' ? this.roleAround(phrase, first) : null) };
    }
    return { speaker: phrase.replace(/^(?:a|an|the)\s+/i, '').replace(/,.*$/, ''), role: null };
  }

  private named(e: Entity, text: string): Resolved {
    return { speaker: e.name, role: e.kind === 'person' || e.kind === 'person?' ? this.roleAround(text, e) : null };
  }

  /**
   * Who "he" or "she" is: the first person named in the last sentence before `offset` that names
   * one ("Dr Lim noted that China, Japan, India and South Korea …" — Dr Lim).
   */
  private lastPerson(people: readonly Entity[], offset: number): Resolved | null {
    const before = people.filter((e) => e.end <= offset && (e.kind === 'person' || e.kind === 'person?'));
    const last = before.at(-1);
    if (!last) return null;
    const sentenceStart = Math.max(...this.sentenceEnds.filter((end) => end <= last.start), 0);
    const p = before.find((e) => e.start >= sentenceStart) ?? last;
    return { speaker: p.name, role: null };
  }

  /** "It" or "the statement": the last body named before `offset` ("The Ministry of Foreign Affairs also issued a statement"). */
  private lastBody(bodies: readonly Entity[], offset: number): Resolved | null {
    const body = bodies.filter((e) => e.end <= offset).at(-1);
    return body ? { speaker: body.name, role: null } : null;
  }

  /** The attribution right after a quote: `, a Tehran source stated.` / ` said X, a role.` / ` he explained.` */
  private attributionAfter(after: string, people: readonly Entity[], offset: number): Resolved | null {
    const m = /^\s*,?\s*([^".!?]{0,160}?)\s*[,.]?\s*$/.exec(after);
    const clause = m?.[1]?.trim() ?? '';
    if (!clause || wordCount(clause) > MAX_ATTRIBUTION_WORDS) return null;
    const according = /^according to (.+)$/i.exec(clause);
    if (according?.[1]) return this.accordingTo(according[1], people, offset);
    const verbFirst = /^(said|wrote|stated|added|explained|cautioned|noted|declared|told|posted)\s+(.+)$/i.exec(clause);
    if (verbFirst?.[2]) {
      const rest = verbFirst[2];
      const ents = this.entities(rest);
      const first = ents[0];
      // (after an honorific: "said Dr Lim Wei Ling")
      if (first && first.start <= 4) {
        const role = /^,\s+(?:a|an|the)?\s*(.+)$/.exec(rest.slice(first.end))?.[1]?.trim() ?? null;
        return { speaker: first.name, role };
      }
      if (PRONOUN.test(rest)) return this.lastPerson(people, offset);
      return { speaker: rest.replace(/^(?:a|an|the)\s+/i, ''), role: null };
    }
    const verbLast = SUBJECT_VERB.exec(clause);
    if (verbLast?.[1]) {
      const subject = verbLast[1];
      if (PRONOUN.test(subject)) return this.lastPerson(people, offset);
      // "it added", "the statement read": the body quoted last.
      if (/^(?:it|the statement)$/i.test(subject)) return this.lastBody(this.bodies, offset);
      const [name, role] = withoutAppositive(subject);
      const ents = this.entities(name);
      const e = ents[ents.length - 1];
      // "Tammy Bruce", "State Department spokeswoman Tammy Bruce", "Kazem Gharibabadi, deputy foreign minister …,"
      if (e && e.end === name.length && isTitle(name.slice(0, e.start))) return { ...this.named(e, name), ...(role ? { role } : {}) };
      return this.nounPhrase(subject, people, offset);
    }
    return null;
  }

  /** Every quotation of a document. */
  extract(doc: Document): Quotation[] {
    const out: Quotation[] = [];
    this.spoken = out;
    this.sentenceEnds = doc.passages.flatMap((p) => p.sentences.map((x) => p.start + x.end));
    if (!doc.text.includes('"')) return out;
    this.surnames = new Map();
    const named = this.entities(doc.text).filter((e) => e.kind === 'person' || e.kind === 'person?');
    for (const e of named) {
      const words = e.name.split(/\s+/);
      // "Baghaei" and "Al Kuwari" are Esmaeil Baghaei and Sheikh Khalifa bin Jabor Al Kuwari.
      for (let k = 1; k < words.length; k++) {
        const ending = words.slice(k).join(' ').toLowerCase();
        if (!e.name.includes('\n') && !this.analyzer.stopwords.has(ending) && !/^(?:of|bin|ibn|van|von|de|der|da|di|du|la|le)\s/.test(ending) && !this.surnames.has(ending)) this.surnames.set(ending, e.name);
      }
    }
    // Names inside quotation marks ("The Gulf Observer") are nobody who speaks.
    const quoted = marks(doc.text);
    const outside = this.entities(doc.text).filter((e) => !quoted.some((m) => m.start < e.start && e.end < m.end));
    const people = outside.filter((e) => e.kind === 'person' || e.kind === 'person?');
    this.bodies = outside.filter((e) => e.kind === 'org');
    for (const passage of doc.passages) {
      const text = passage.text;
      const all = marks(text);
      const names = new Set(all.filter((m) => isQuotedName(text, m)));
      let i = 0;
      while (i < all.length) {
        const first = all[i] as Mark;
        const parts: Mark[] = [first];
        let j = i + 1;
        if (!names.has(first)) {
          // Join the next quote when only an attribution stands between them.
          while (j < all.length) {
            let k = j;
            while (k < all.length && names.has(all[k] as Mark)) k++;
            const next = all[k];
            const prev = parts[parts.length - 1] as Mark;
            if (!next) break;
            const between = text.slice(prev.end, next.start).replace(/"[^"]*"/g, 'NAME');
            const attribution = wordCount(between) <= 10 && /[,.]\s*$/.test(between) && new RegExp(SPEECH_VERB.source, 'i').test(between);
            if (!attribution || !/[,.!?]$/.test(prev.inner) && !/^\s*,/.test(between)) break;
            parts.push(next);
            j = k + 1;
          }
        }
        const last = parts[parts.length - 1] as Mark;
        const joined = joinParts(parts.map((p) => p.inner));
        const offset = passage.start + first.start;
        const resolved = names.has(first) || /so-called\s*$/i.test(text.slice(0, first.start)) ? { speaker: null, role: null } : (this.speakerOf(passage, first, last, parts.length > 1, people) ?? this.continued(passage, first, out));
        out.push({
          id: `${doc.meta.id}-q${out.length}`,
          source: doc.meta.id,
          passageId: passage.id,
          text: joined,
          speaker: resolved?.speaker ?? null,
          role: resolved?.role ?? null,
          kind: wordCount(joined) <= TERM_MAX_WORDS ? 'term' : 'statement',
          start: offset,
          end: passage.start + last.end,
          context: this.context(passage, first.start, last.end),
        });
        if (parts.length > 1) {
          for (const m of all.slice(i + 1, j)) {
            if (!names.has(m)) continue;
            out.push({
              id: `${doc.meta.id}-q${out.length}`,
              source: doc.meta.id,
              passageId: passage.id,
              text: m.inner,
              speaker: null,
              role: null,
              kind: 'term',
              start: passage.start + m.start,
              end: passage.start + m.end,
              context: this.context(passage, m.start, m.end),
            });
          }
        }
        i = parts.length > 1 ? j : i + 1;
      }
    }
    return out;
  }

  private speakerOf(passage: Passage, first: Mark, last: Mark, joined: boolean, people: readonly Entity[]): Resolved | null {
    const text = passage.text;
    const offset = passage.start + first.start;
    const sentence = passage.sentences.find((s) => s.start <= first.start && first.start < s.end) ?? { start: 0, end: text.length };
    if (joined) {
      const second = text.slice(first.end, text.indexOf('"', first.end + 1));
      const r = this.attributionAfter(second.replace(/"[^"]*"/g, ''), people, offset);
      const quotedName = /"([^"]+)"/.exec(text.slice(first.end, last.start))?.[1];
      if (quotedName) return { speaker: quotedName, role: null };
      if (r) return r;
    } else {
      const sentenceEnd = passage.sentences.find((s) => s.start <= last.end - 1 && last.end - 1 < s.end)?.end ?? text.length;
      const after = text.slice(last.end, sentenceEnd);
      // '"…," Grossi told reporters': a quote ending with a comma goes on with its attribution.
      if (/^\s*,?\s*(?:\p{Ll}|a\s|an\s|the\s|he\s|she\s)/u.test(after) || /^\s*,/.test(after) || last.inner.endsWith(',')) {
        const quotedName = /^\s*,?\s*(?:wrote|said|told|reported)\s+"([^"]+)"/i.exec(after)?.[1];
        if (quotedName) return { speaker: quotedName, role: null };
        const r = this.attributionAfter(after, people, offset);
        if (r) return r;
      }
    }
    const before = text.slice(sentence.start, first.start);
    const verbs = [...before.matchAll(SPEECH_VERB)];
    const according = [...before.matchAll(ACCORDING_TO)].at(-1);
    if (according?.[1] && according.index >= (verbs.at(-1)?.index ?? -1)) return this.accordingTo(according[1], people, offset);
    // A participle ("while warning", "telling U.S. media") shares the subject of the verb before it.
    const finite = verbs.filter((v) => !/ing$/i.test(v[0]));
    let verb = verbs[verbs.length - 1];
    if (verb && /ing$/i.test(verb[0]) && finite.length > 0) verb = finite[finite.length - 1];
    // 'Yossi Amrani, was blunter in comments to Fox News: "…"': a quote after a colon is the subject's.
    if (!verb) return /:\s*$/.test(before) ? this.colonSubject(before, people, offset) : null;
    return this.subject(before.slice(0, verb.index), people, before, offset);
  }

  /**
   * A quote that opens its sentence with no attribution of its own, right after the sentence of
   * an attributed quotation, goes on with that speaker: '"A consortium could …," said Thomas
   * Whitcombe, director of …. "The question is whether …"'.
   */
  private continued(passage: Passage, first: Mark, found: readonly Quotation[]): Resolved | null {
    const previous = found.at(-1);
    const sentences = passage.sentences;
    const k = sentences.findIndex((s) => s.start <= first.start && first.start < s.end);
    const before = sentences[k - 1];
    if (!previous?.speaker || previous.passageId !== passage.id || !before || passage.text.slice(sentences[k]?.start ?? 0, first.start).trim() !== '') return null;
    const previousEnd = previous.end - passage.start;
    return previousEnd > before.start && previousEnd <= before.end ? { speaker: previous.speaker, role: previous.role } : null;
  }

  private context(passage: Passage, from: number, to: number): string {
    const spans = passage.sentences.filter((s) => s.end > from && s.start < to);
    const a = spans[0]?.start ?? 0;
    const b = spans[spans.length - 1]?.end ?? passage.text.length;
    return passage.text.slice(a, b);
  }
}
