import { useCallMutation, useCallQuery } from './call';

const PROMPT_VIEWS = ['prompts.list', 'prompts.get', 'jobs.get'] as const;

export const usePromptsList = () => useCallQuery('prompts.list', {}, { staleTime: 10_000 });
export const useCreatePrompt = () => useCallMutation('prompts.create', PROMPT_VIEWS);
export const useUpdatePrompt = () => useCallMutation('prompts.update', PROMPT_VIEWS);
export const useDeletePrompt = () => useCallMutation('prompts.delete', PROMPT_VIEWS);
