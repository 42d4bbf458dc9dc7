import type { SpaceRow } from '../db/types.ts';
import {
  addSpaceMember,
  createSpace,
  getSpace,
  joinSpace,
  listPublicSpaces,
  listViewerSpaces,
} from '../resolvers/spaces.ts';
import { builder } from './builder.ts';
import { SpaceRoleEnum } from './enums.ts';
import { ProfileRef } from './profile.ts';
import * as v from './validation.ts';
import { PER_VIEWER } from './sharing.ts';

export const SpaceRef = builder.objectRef<SpaceRow>('Space').implement({
  description: 'A workspace: people, and the conversations they have in it',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    type: t.exposeString('type'),
    isPublic: t.exposeBoolean('is_public'),
    memberCount: t.int({ resolve: (space, _args, ctx) => ctx.loaders.spaceMemberCount.load(space.id) }),
    viewerRole: t.field({
      type: SpaceRoleEnum,
      nullable: true,
      description: "The signed-in user's role here; null when not a member",
      extensions: PER_VIEWER,
      resolve: async (space, _args, ctx) =>
        ctx.viewer ? ((await ctx.loaders.viewerSpaceRole.load(space.id))?.role ?? null) : null,
    }),
    creator: t.field({
      type: ProfileRef,
      resolve: async (space, _args, ctx) => (await ctx.loaders.profile.load(space.creator_id))!,
    }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
  }),
});

const CreateSpaceInput = builder.inputType('CreateSpaceInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: { schema: v.name } }),
    description: t.string({ validate: { schema: v.description } }),
    type: t.string({ description: 'Free-form kind, e.g. "team" (the default)', validate: { schema: v.spaceType } }),
    isPublic: t.boolean({ description: 'Anyone can find and join a public space (default false)' }),
  }),
});

builder.queryFields((t) => ({
  spaces: t.field({
    type: [SpaceRef],
    description: "The signed-in user's spaces, by name",
    resolve: (_root, _args, ctx) => listViewerSpaces(ctx),
  }),
  space: t.field({
    type: SpaceRef,
    nullable: true,
    args: { id: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    resolve: (_root, args, ctx) => getSpace(ctx, args.id),
  }),
  publicSpaces: t.field({
    type: [SpaceRef],
    description: 'Public spaces, newest first. No token needed.',
    args: { first: t.arg.int({ defaultValue: 50, validate: { schema: v.pageSize } }) },
    resolve: (_root, args, ctx) => listPublicSpaces(ctx, args.first ?? 50),
  }),
}));

builder.mutationFields((t) => ({
  createSpace: t.field({
    type: SpaceRef,
    args: { input: t.arg({ type: CreateSpaceInput, required: true }) },
    resolve: (_root, { input }, ctx) => createSpace(ctx, input),
  }),
  joinSpace: t.field({
    type: SpaceRef,
    description: 'Join a public space',
    args: { id: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    resolve: (_root, args, ctx) => joinSpace(ctx, args.id),
  }),
  addSpaceMember: t.field({
    type: SpaceRef,
    description: "Add a user to a space or change their role (owners and admins; default role MEMBER)",
    args: {
      spaceId: t.arg.id({ required: true, validate: { schema: v.uuid } }),
      userId: t.arg.id({ required: true, validate: { schema: v.uuid } }),
      role: t.arg({ type: SpaceRoleEnum }),
    },
    resolve: (_root, args, ctx) =>
      addSpaceMember(ctx, { spaceId: args.spaceId, userId: args.userId, role: args.role ?? 'member' }),
  }),
}));
