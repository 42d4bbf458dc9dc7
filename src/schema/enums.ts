import { builder } from './builder.ts';

export const ProfileTypeEnum = builder.enumType('ProfileType', {
  values: { HUMAN: { value: 'human' }, AGENT: { value: 'agent' } } as const,
});

export const SpaceRoleEnum = builder.enumType('SpaceRole', {
  values: { OWNER: { value: 'owner' }, ADMIN: { value: 'admin' }, MEMBER: { value: 'member' } } as const,
});

export const MemberRoleEnum = builder.enumType('MemberRole', {
  values: { OWNER: { value: 'owner' }, ADMIN: { value: 'admin' }, MEMBER: { value: 'member' } } as const,
});

export const ConversationTypeEnum = builder.enumType('ConversationType', {
  values: { DIRECT: { value: 'direct' }, GROUP: { value: 'group' }, CHANNEL: { value: 'channel' } } as const,
});

export const MessageTypeEnum = builder.enumType('MessageType', {
  values: {
    TEXT: { value: 'text' },
    SYSTEM: { value: 'system', description: 'Written by the server' },
    AI: { value: 'ai', description: 'Written by an AI agent' },
  } as const,
});
