import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { AppError, validationError } from '../../src-shared/errors';
import { collect, parseFlags, parseIdArg } from './options';
import type { Runtime } from './runtime';
import { promptDetails, promptTable } from './views';

const AddFlags = z.object({
  title: z.string(),
  body: z.string().optional(),
  file: z.string().optional(),
  stdin: z.boolean().optional(),
  tag: z.array(z.string()).optional(),
});

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Reading the prompt from stdin; end it with Ctrl-D.\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readFileBody(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await fs.readFile(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new AppError('VALIDATION', `--file: cannot read "${absolute}": ${reason}`, { field: 'file' });
  }
}

/** The body comes from exactly one place, so a forgotten flag never saves an empty prompt. */
async function promptBody(f: z.output<typeof AddFlags>): Promise<string> {
  const sources = [f.body !== undefined, f.file !== undefined, f.stdin === true].filter(Boolean).length;
  if (sources === 0) throw validationError('body', 'A prompt needs a body: give --body TEXT, --file PATH or --stdin');
  if (sources > 1) throw validationError('body', 'Give the body once: --body, --file or --stdin');
  if (f.body !== undefined) return f.body;
  if (f.file !== undefined) return readFileBody(f.file);
  return readStdin();
}

export function registerPromptCommands(program: Command, rt: Runtime): void {
  const prompt = program.command('prompt').description('saved prompts that Claude jobs can use');

  prompt
    .command('add')
    .description('save a prompt')
    .requiredOption('--title <title>', 'title')
    .option('--body <text>', 'the prompt text')
    .option('--file <path>', 'read the prompt text from a file')
    .option('--stdin', 'read the prompt text from stdin')
    .option('--tag <tag>', 'tag (repeatable)', collect)
    .action(async (opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(AddFlags, opts);
      const body = await promptBody(f);
      const p = await s.call('prompts.create', { title: f.title, body, tags: f.tag ?? [] });
      s.out.result(p, () => promptDetails(p));
    });

  prompt
    .command('list')
    .description('list prompts')
    .option('--tag <tag>', 'only prompts with this tag')
    .action(async (opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const f = parseFlags(z.object({ tag: z.string().optional() }), opts);
      const prompts = await s.call('prompts.list', f.tag !== undefined ? { tag: f.tag } : {});
      s.out.result(prompts, () => promptTable(prompts));
    });

  prompt
    .command('show')
    .description('show a prompt')
    .argument('<id>', 'prompt id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const p = await s.call('prompts.get', { id: parseIdArg(id, 'prompt id') });
      s.out.result(p, () => promptDetails(p));
    });

  prompt
    .command('rm')
    .description('delete a prompt that no job uses')
    .argument('<id>', 'prompt id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const s = rt.session(cmd);
      const promptId = parseIdArg(id, 'prompt id');
      const result = await s.call('prompts.delete', { id: promptId });
      s.out.result({ id: promptId, ...result }, () => `Deleted prompt ${promptId}.`);
    });
}
