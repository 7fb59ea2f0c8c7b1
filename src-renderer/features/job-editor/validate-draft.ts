import { parseDuration } from '../../lib/numbers';
import { isValidZone, zonedInputToIso } from '../../lib/time';
import { english, type JobDraft, type Say } from './job-draft';

/** Field → a sentence the user can act on. Keys are the contract's field paths (also the form's). */
export type DraftErrors = Partial<Record<string, string>>;

const whole = (text: string) => text.trim() !== '' && Number.isInteger(Number(text.trim()));
const isWebAddress = (text: string) => {
  try {
    const u = new URL(text.trim());
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

/**
 * Every problem the form can see before saving, all at once and in plain words. Recomputed from the
 * draft on each edit, so a message goes away as soon as the field is fixed.
 */
export function validateDraft(d: JobDraft, say: Say = english): DraftErrors {
  const e: DraftErrors = {};
  if (d.name.trim() === '') e.name = say('Give the job a name.');
  if (d.kind === 'claude' && d.promptSource === 'inline' && d.prompt.trim() === '') e.prompt = say('Write the prompt Claude should run, or pick one from the library.');
  if (d.kind === 'shell' && d.command.trim() === '') e.command = say('Enter the command to run.');
  if (d.kind === 'http' && !isWebAddress(d.url)) e['http.url'] = say('Enter a web address starting with http:// or https://, such as https://example.com/hook.');
  if (d.kind === 'http') {
    const bad = d.headers.split('\n').find((line) => line.trim() !== '' && line.indexOf(':') <= 0);
    if (bad) e['http.headers'] = say('Write each header as Name: value (“{{line}}” has no name).', { line: bad.trim() });
    const badStatus = d.expectStatus.split(/[\s,]+/).filter(Boolean).find((s) => !whole(s) || Number(s) < 100 || Number(s) > 599);
    if (badStatus) e['http.expectStatus'] = say('“{{status}}” is not an HTTP status; use numbers from 100 to 599.', { status: badStatus });
  }
  if (d.scheduleType !== 'manual' && !isValidZone(d.timezone.trim())) e['schedule.timezone'] = say('“{{zone}}” is not a time zone; pick one such as Asia/Taipei.', { zone: d.timezone.trim() });
  if (d.scheduleType === 'interval') {
    const s = parseDuration(d.interval);
    if (s === null || s < 1) e['schedule.everySeconds'] = say('Write how often to run, such as 90s, 15m, 2h or 1h 30m.');
  }
  if (d.scheduleType === 'once' && (!d.onceAt || !zonedInputToIso(d.onceAt, d.timezone.trim()))) e['schedule.at'] = say('Pick the date and time to run at.');
  if (!whole(d.priority) || Number(d.priority) < 1 || Number(d.priority) > 10) e.priority = say('Priority is a whole number from 1 to 10.');
  if (d.timeout.trim() !== '' && !parseDuration(d.timeout)) e.timeoutSeconds = say('Write the timeout as a duration such as 90s, 15m, 2h or 1h 30m, or leave it empty for the default.');
  if (!whole(d.retries) || Number(d.retries) < 0 || Number(d.retries) > 100) e['retry.maxRetries'] = say('Retries is a whole number from 0 to 100.');
  if (parseDuration(d.retryDelay) === null) e['retry.delaySeconds'] = say('Write the retry delay as a duration such as 90s, 15m, 2h or 1h 30m.');
  if (d.kind === 'claude' && d.maxTurns.trim() !== '' && (!whole(d.maxTurns) || Number(d.maxTurns) < 1)) e['options.maxTurns'] = say('Max turns is a whole number of at least 1, or empty for no limit.');
  if (d.webhookUrl.trim() !== '' && !isWebAddress(d.webhookUrl)) e['notify.webhookUrl'] = say('The webhook must be a web address starting with http:// or https://.');
  const names = d.env.map((v) => v.name.trim());
  const badEnv = names.find((n, i) => (n !== '' || d.env[i]!.value !== '') && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
  if (badEnv !== undefined) {
    e['options.env'] =
      badEnv === ''
        ? say('Each environment variable needs a name.')
        : say('“{{name}}” cannot be a variable name: use letters, digits and _ , not starting with a digit.', { name: badEnv });
  } else if (new Set(names.filter(Boolean)).size !== names.filter(Boolean).length) e['options.env'] = say('Each environment variable name can appear only once.');
  return e;
}

/**
 * The contract's messages are written for the CLI and the API ("notify.webhookUrl: Invalid URL",
 * "--prompt TEXT", zod's "Too small: expected number to be >=1"): the form shows plain words.
 */
export function plainMessage(message: string, say: Say = english): string {
  // A leading field path ("notify.webhookUrl: ", "priority: ") is an identifier: camelCase, dotted.
  let m = message.replace(/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)*:\s+/, '');
  m = m.replace(/\s*\(?--[a-z][a-z-]*(?: [A-Z_]+)?\)?/g, '');
  // zod's wordings we recognise are said in the UI's language; other contract messages are the engine's English.
  const known: [RegExp, (n: string) => string][] = [
    [/^Too small: expected number to be >=?\s*(\S+)$/i, (n) => say('Use a number of at least {{n}}.', { n })],
    [/^Too big: expected number to be <=?\s*(\S+)$/i, (n) => say('Use a number of at most {{n}}.', { n })],
    [/^Too small: expected string to have >=1 characters?$/i, () => say('This cannot be empty.')],
    [/^Invalid URL$/i, () => say('Enter a web address starting with http:// or https://.')],
    [/^Invalid input.*$/i, () => say('This value is not accepted here.')],
  ];
  for (const [pattern, words] of known) {
    const hit = pattern.exec(m);
    if (hit) return words(hit[1] ?? '');
  }
  return m.charAt(0).toUpperCase() + m.slice(1);
}
