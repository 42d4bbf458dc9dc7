import type { Context } from '../context.ts';
import type { ProfileRow, ProfileView } from '../db/types.ts';
import { getMe, getProfile, updateMe } from '../resolvers/profiles.ts';
import { builder } from './builder.ts';
import { ProfileTypeEnum } from './enums.ts';
import * as v from './validation.ts';
import { PER_VIEWER, SAME_FOR_EVERY_VIEWER } from './sharing.ts';

/**
 * The whole row of a profile that came as a summary (with a list): read through the request's profile loader. The
 * same for every viewer (fields reading it are SAME_FOR_EVERY_VIEWER).
 */
export async function wholeProfile(profile: ProfileView, ctx: Pick<Context, 'loaders'>): Promise<ProfileRow> {
  if (profile.created_at !== undefined) return profile as ProfileRow;
  return (await ctx.loaders.profile.load(profile.id))!;
}

export const ProfileRef = builder.objectRef<ProfileView>('Profile').implement({
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
      resolve: async (profile, _args, ctx) =>
        ctx.viewer?.id === profile.id ? (await wholeProfile(profile, ctx)).settings : null,
    }),
    createdAt: t.field({
      type: 'DateTime',
      extensions: SAME_FOR_EVERY_VIEWER,
      resolve: async (profile, _args, ctx) => (await wholeProfile(profile, ctx)).created_at,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      extensions: SAME_FOR_EVERY_VIEWER,
      resolve: async (profile, _args, ctx) => (await wholeProfile(profile, ctx)).updated_at,
    }),
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
