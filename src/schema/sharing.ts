/**
 * Field extensions read by shared subscription execution (src/http/shared-subscriptions.ts).
 *
 * SHARED_EVENTS on a subscription root field: its stream hands every subscriber of this process the same event object
 * for a live event, and its resolve ignores the field's arguments. Subscribers whose selections match then share one
 * execution of that event.
 *
 * PER_VIEWER on any field whose value depends on who asks (the viewer's role, unread count, owner-only data): a
 * selection that reaches one is executed per viewer instead of per group. test/shared-subscriptions.test.ts fails for a
 * resolver that reads the viewer without saying which it is.
 */
export const SHARED_EVENTS = { sharedEvents: true } as const;
export const PER_VIEWER = { perViewer: true } as const;
/** Reviewed: takes ctx, but answers the same for every member of the conversation. */
export const SAME_FOR_EVERY_VIEWER = { perViewer: false } as const;
