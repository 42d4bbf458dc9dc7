import type { Db } from '../db/connect.ts';
import { anyUuid } from '../db/sql-helpers.ts';
import type { Logger } from '../logger.ts';
import type { Presence } from './presence.ts';
import type { PubSub, Watch } from './pubsub.ts';
import type { TopicPayloads } from './topics.ts';

type Notification = TopicPayloads['user'];
type Deliver = (notification: Notification) => void;

export interface NoticeHub {
  /** Live notifications of new messages for `userId` on this process until the returned function is called. */
  add(userId: string, deliver: Deliver): () => void;
}

/**
 * Live notifications without one Redis publish per member: a message in a channel of thousands is one `notice` event,
 * which reaches every process once; each process asks Postgres which of its own notification subscribers are members
 * (one statement) and hands it to them. Only users with a live socket here count as online, as the notification job
 * counts them: the others got a stored notification instead, published to them directly.
 */
export function createNoticeHub(deps: { db: Db; pubsub: PubSub; presence: Pick<Presence, 'connectedHere'>; logger: Logger }): NoticeHub {
  const subscribers = new Map<string, Set<Deliver>>();
  let watch: Watch | undefined;

  const onNotice = (notice: TopicPayloads['notice']) => {
    const candidates = [...subscribers.keys()].filter((id) => id !== notice.senderId && deps.presence.connectedHere(id));
    if (candidates.length === 0) return;
    deps.db
      .selectFrom('conversation_members')
      .select('user_id')
      .where('conversation_id', '=', notice.conversationId)
      .where('user_id', '=', anyUuid(candidates))
      .execute()
      .then((members) => {
        for (const { user_id: userId } of members) {
          const notification: Notification = {
            type: 'new_message',
            userId,
            conversationId: notice.conversationId,
            messageId: notice.messageId,
            createdAt: notice.createdAt,
          };
          for (const deliver of subscribers.get(userId) ?? []) deliver(notification);
        }
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'live notifications not delivered'));
  };

  return {
    add(userId, deliver) {
      watch ??= deps.pubsub.watch('notice', '', onNotice);
      let own = subscribers.get(userId);
      if (!own) subscribers.set(userId, (own = new Set()));
      own.add(deliver);
      return () => {
        own.delete(deliver);
        if (own.size === 0 && subscribers.get(userId) === own) subscribers.delete(userId);
        if (subscribers.size === 0) {
          watch?.stop();
          watch = undefined;
        }
      };
    },
  };
}
