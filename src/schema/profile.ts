import type { ProfileRow } from '../db/types.ts';
import { getMe, getProfile, updateMe } from '../resolvers/profiles.ts';
import { builder } from './builder.ts';
import { ProfileTypeEnum } from './enums.ts';
import * as v from './validation.ts';
import { PER_VIEWER } from './sharing.ts';

export const ProfileRef = builder.objectRef<ProfileRow>('Profile').implement({
  description: 'A person (a Supabase Auth user) or an AI agent',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    fullName: t.exposeString('full_name', { nullable: true }),
    avatarUrl: t.exposeString('avatar_url', { nullable: true }),
    type: t.field({ type: ProfileTypeEnum, resolve: (profile) => profile.type }),
    settings: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Only visible to the profile owner; null for everyone else',
      extensions: PER_VIEWER,
      resolve: (profile, _args, ctx) => (ctx.viewer?.id === profile.id ? profile.settings : null),
    }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime' }),
  }),
});

const UpdateMeInput = builder.inputType('UpdateMeInput', {
  fields: (t) => ({
    username: t.string({ description: 'null leaves it as it is', validate: { schema: v.username } }),
    fullName: t.string({ description: 'null clears it', validate: { schema: v.name } }),
    avatarUrl: t.string({ description: 'null clears it', validate: { schema: v.avatarUrl } }),
    settings: t.field({
      type: 'JSON',
      description: 'Replaces the settings object as a whole (at most 16 KB); null leaves it as it is, {} empties it',
      validate: { schema: v.settings },
    }),
  }),
});

builder.queryFields((t) => ({
  me: t.field({ type: ProfileRef, description: 'The signed-in user', resolve: (_root, _args, ctx) => getMe(ctx) }),
  profile: t.field({
    type: ProfileRef,
    nullable: true,
    args: { id: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    resolve: (_root, args, ctx) => getProfile(ctx, args.id),
  }),
}));

builder.mutationFields((t) => ({
  updateMe: t.field({
    type: ProfileRef,
    args: { input: t.arg({ type: UpdateMeInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateMe(ctx, {
        username: input.username,
        fullName: input.fullName,
        avatarUrl: input.avatarUrl,
        settings: input.settings as Record<string, unknown> | null | undefined,
      }),
  }),
}));
