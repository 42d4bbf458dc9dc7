import type { JobType } from '../definitions.ts';
import type { ProcessorContext } from '../runner.ts';
import { aiChat } from './ai-chat.ts';
import { messageNotification } from './message-notification.ts';
import { userAnalytics } from './user-analytics.ts';

export const processors: Record<JobType, (ctx: ProcessorContext<never>) => Promise<unknown>> = {
  'ai-chat': aiChat,
  'message-notification': messageNotification,
  'user-analytics': userAnalytics,
};
