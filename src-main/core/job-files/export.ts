import { stringify } from 'yaml';
import type { Job, Prompt } from '../../../src-shared/domain';
import type { JobsExport } from '../../../src-shared/files-types';
import type { CoreContext } from '../services/context';
import { listJobs } from '../services/jobs-service';
import { jobToEntry } from './convert';
import type { JobsFile, PromptEntry } from './file-schema';


const HEADER = [
  '# Claude Night Pilot jobs file: import with `cnp job import FILE` (format: docs/jobs-yaml.md).',
  '# It holds the jobs as stored, secrets included (webhook URLs, environment values): keep it private.',
  '# Editors can check it against the JSON Schema that `cnp job schema` prints.',
  '',
].join('\n');

/** Prompt titles as the file will key them: unique, the first keeping its own title. */
function promptTitles(prompts: Prompt[]): Map<number, string> {
  const titles = new Map<number, string>();
  const used = new Set<string>();
  for (const p of [...prompts].sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id)) {
    let title = p.title;
    for (let n = 2; used.has(title); n++) title = `${p.title} (${n})`;
    used.add(title);
    titles.set(p.id, title);
  }
  return titles;
}

/** Serialises jobs (all, or those with `tag`) and the saved prompts they use, sorted by name. */
export function exportJobs(ctx: CoreContext, filter: { tag?: string }): JobsExport {
  const jobs: Job[] = listJobs(ctx, filter.tag ? { tag: filter.tag } : {}).items.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  const promptIds = [...new Set(jobs.map((j) => j.promptId).filter((id): id is number => id !== null))];
  const prompts = promptIds.map((id) => ctx.store.prompts.get(id)).filter((p): p is Prompt => p !== null);
  const titles = promptTitles(prompts);
  const promptEntries: PromptEntry[] = prompts
    .map((p) => ({ title: titles.get(p.id)!, body: p.body, ...(p.tags.length ? { tags: p.tags } : {}) }))
    .sort((a, b) => a.title.localeCompare(b.title));
  const file: JobsFile = {
    version: 1,
    ...(promptEntries.length ? { prompts: promptEntries } : {}),
    jobs: jobs.map((j) => jobToEntry(j, j.promptId !== null ? (titles.get(j.promptId) ?? null) : null)),
  };
  const counts = new Map<string, number>();
  for (const j of jobs) counts.set(j.name, (counts.get(j.name) ?? 0) + 1);
  return {
    yaml: HEADER + stringify(file, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false }),
    jobs: jobs.length,
    prompts: promptEntries.length,
    duplicateNames: [...counts].filter(([, n]) => n > 1).map(([name]) => name),
  };
}
