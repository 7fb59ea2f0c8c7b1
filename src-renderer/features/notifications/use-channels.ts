import { useCallMutation, useCallQuery } from '../../api/call';

export const useChannels = () => useCallQuery('channels.list', {});
export const useAddChannel = () => useCallMutation('channels.add', ['channels.list']);
export const useUpdateChannel = () => useCallMutation('channels.update', ['channels.list']);
export const useRemoveChannel = () => useCallMutation('channels.remove', ['channels.list']);
export const useTestChannel = () => useCallMutation('channels.test');
