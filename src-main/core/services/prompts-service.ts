import type { Prompt } from '../../../src-shared/domain';
import { AppError, notFound } from '../../../src-shared/errors';
import type { CoreContext } from './context';

export function getPrompt(ctx: CoreContext, id: number): Prompt {
  const p = ctx.store.prompts.get(id);
  if (!p) throw notFound('Prompt', id);
  return p;
}

export function createPrompt(ctx: CoreContext, input: { title: string; body: string; tags: string[] }): Prompt {
  const p = ctx.store.prompts.insert({ ...input, tags: [...new Set(input.tags)] }, ctx.now());
  ctx.store.audit.record(ctx.actor, 'prompt.create', null, { promptId: p.id });
  return p;
}

export function updatePrompt(ctx: CoreContext, input: { id: number; title?: string | undefined; body?: string | undefined; tags?: string[] | undefined }): Prompt {
  const { id, ...rest } = input;
  const patch: { title?: string; body?: string; tags?: string[] } = {};
  if (rest.title !== undefined) patch.title = rest.title;
  if (rest.body !== undefined) patch.body = rest.body;
  if (rest.tags !== undefined) patch.tags = [...new Set(rest.tags)];
  const p = ctx.store.prompts.update(id, patch, ctx.now());
  if (!p) throw notFound('Prompt', id);
  ctx.store.audit.record(ctx.actor, 'prompt.update', null, { promptId: id });
  return p;
}

export function deletePrompt(ctx: CoreContext, id: number): { deleted: true } {
  getPrompt(ctx, id);
  const users = ctx.store.jobs.countUsingPrompt(id);
  if (users > 0) {
    throw new AppError('CONFLICT', `Prompt ${id} is used by ${users} job${users === 1 ? '' : 's'}; change or delete ${users === 1 ? 'that job' : 'those jobs'} first`);
  }
  ctx.store.prompts.delete(id);
  ctx.store.audit.record(ctx.actor, 'prompt.delete', null, { promptId: id });
  return { deleted: true };
}
