// Turns a kind and its data into the subject, plain-text and HTML parts of one message.
//
// Templates live beside this file in templates/: for each kind `<kind>.txt.eta` and `<kind>.html.eta`, one shared
// HTML layout and partials for the session details. The first line of the text template is the subject, then a
// blank line, then the body: the wording of the subject sits with the wording of the message. Eta renders both
// parts from the same data: the HTML instance escapes every `<%= %>` (a name such as `<script>` arrives as text),
// the text instance does not, since plain text has nothing to escape and `&lt;` would be shown as is.
//
// All templates are read and compiled once, when this module is first imported, so a missing or broken template
// fails at start-up rather than in the middle of a send.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Eta } from 'eta';
import { DateTime } from 'luxon';
import { messageDataSchemas, type MessageData, type MessageDataInput, type MessageKind } from './message-kinds.ts';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const TEMPLATE_DIR = join(import.meta.dirname, 'templates');
// Fixed, not the server's: the words ("Thursday", "December") and the 24-hour clock must not change with the host.
const LOCALE = 'en-GB';
const DAY_FORMAT = 'cccc d LLLL yyyy';
const TIME_FORMAT = 'HH:mm';

/** Helpers the templates call, bound to the recipient's zone. */
export interface TemplateFormat {
  /** `Thursday 3 December 2026, 10:00 (Europe/Berlin)` */
  at(instant: Date): string;
  /** `Thursday 3 December 2026, 10:00–11:00 (Europe/Berlin)`; both days written when the span crosses midnight. */
  span(start: Date, end: Date): string;
  /** A local date `2027-01-15` as `Friday 15 January 2027`. */
  day(localDate: string): string;
  /** 60 → `60 minutes`, 120 → `2 hours`, 1440 → `24 hours`. */
  duration(minutes: number): string;
  /** 1 → `1 day`, 7 → `7 days`. */
  days(count: number): string;
}

export function templateFormat(timeZone: string): TemplateFormat {
  const local = (instant: Date) => DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(LOCALE);
  return {
    at: (instant) => `${local(instant).toFormat(`${DAY_FORMAT}, ${TIME_FORMAT}`)} (${timeZone})`,
    span(start, end) {
      const from = local(start);
      const to = local(end);
      const sameDay = from.toISODate() === to.toISODate();
      const until = sameDay ? to.toFormat(TIME_FORMAT) : ` ${to.toFormat(`${DAY_FORMAT}, ${TIME_FORMAT}`)}`;
      return `${from.toFormat(`${DAY_FORMAT}, ${TIME_FORMAT}`)}–${until} (${timeZone})`;
    },
    day: (localDate) => DateTime.fromISO(localDate, { zone: 'UTC' }).setLocale(LOCALE).toFormat(DAY_FORMAT),
    duration(minutes) {
      if (minutes >= 60 && minutes % 60 === 0) return plural(minutes / 60, 'hour');
      return plural(minutes, 'minute');
    },
    days: (count) => plural(count, 'day'),
  };
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function loadTemplates(eta: Eta, suffix: '.txt.eta' | '.html.eta'): void {
  const load = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder)) {
      if (name.endsWith(suffix)) eta.loadTemplate(`@${prefix}${name.slice(0, -suffix.length)}`, readFileSync(join(folder, name), 'utf8'));
    }
  };
  load(TEMPLATE_DIR, '');
  load(join(TEMPLATE_DIR, 'partials'), 'partials/');
}

// autoTrim off: a text line ending in `<%= it.x %>` keeps its line break; control lines trim theirs with `-%>`.
const htmlEngine = new Eta({ autoEscape: true, autoTrim: false, cache: true });
const textEngine = new Eta({ autoEscape: false, autoTrim: false, cache: true });
loadTemplates(htmlEngine, '.html.eta');
loadTemplates(textEngine, '.txt.eta');

for (const kind of Object.keys(messageDataSchemas)) {
  for (const [engine, suffix] of [
    [htmlEngine, 'html'],
    [textEngine, 'txt'],
  ] as const) {
    // Fail at import, not at the first send, when a kind has no template.
    if (!engine.templatesSync.get(`@${kind}`)) throw new Error(`missing template ${kind}.${suffix}.eta`);
  }
}

/** Three or more line breaks (left by optional sections) become one blank line; no trailing spaces. */
function tidyText(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Validates `data` against the kind's schema (throws a ZodError on anything missing or not allowed, health data
 * included) and renders the message in the recipient's zone.
 */
export function renderMessage<K extends MessageKind>(kind: K, data: MessageDataInput<K>): RenderedMessage {
  const parsed = messageDataSchemas[kind].parse(data) as MessageData<K>;
  const view = { ...parsed, kind, format: templateFormat(parsed.timeZone) };
  const textWithSubject = tidyText(textEngine.render(`@${kind}`, view));
  const split = textWithSubject.indexOf('\n\n');
  if (split === -1) throw new Error(`template ${kind}.txt.eta must start with a subject line and a blank line`);
  const subject = textWithSubject.slice(0, split).trim();
  const text = `${textWithSubject.slice(split + 2)}\n`;
  const html = htmlEngine.render(`@${kind}`, { ...view, subject });
  return { subject, text, html };
}
