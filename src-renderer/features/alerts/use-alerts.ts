import type { CallInput } from '../../../src-shared/contract';
import { useCallMutation, useCallQuery } from '../../api/call';

export const useAlertsList = (input: CallInput<'alerts.list'>) => useCallQuery('alerts.list', input, { refetchInterval: 30_000 });
/** Only the count matters for the indicator: one row is enough to get `total`. */
export const useOpenAlertCount = () => useCallQuery('alerts.list', { status: 'open', limit: 1 }, { refetchInterval: 30_000 });
export const useAcknowledgeAlert = () => useCallMutation('alerts.acknowledge', ['alerts.list']);
