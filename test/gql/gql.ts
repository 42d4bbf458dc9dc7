/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation CreateGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n      name\n      type\n    }\n  }\n": typeof types.CreateGroupDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n      content\n      type\n      cursor\n      clientMessageId\n      sender {\n        username\n      }\n      replyTo {\n        id\n      }\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  query MessagesPage($conversationId: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    messages(conversationId: $conversationId, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          content\n          isDeleted\n          deletedAt\n          editedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.MessagesPageDocument,
    "\n  mutation EditMessage($input: EditMessageInput!) {\n    editMessage(input: $input) {\n      id\n      content\n      editedAt\n    }\n  }\n": typeof types.EditMessageDocument,
    "\n  mutation DeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n      content\n      isDeleted\n      deletedAt\n    }\n  }\n": typeof types.DeleteMessageDocument,
    "\n  mutation MarkRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n      unreadCount\n    }\n  }\n": typeof types.MarkReadDocument,
    "\n  query Unread($id: ID!) {\n    conversation(id: $id) {\n      unreadCount\n      lastMessage {\n        content\n      }\n    }\n  }\n": typeof types.UnreadDocument,
};
const documents: Documents = {
    "\n  mutation CreateGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n      name\n      type\n    }\n  }\n": types.CreateGroupDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n      content\n      type\n      cursor\n      clientMessageId\n      sender {\n        username\n      }\n      replyTo {\n        id\n      }\n    }\n  }\n": types.SendMessageDocument,
    "\n  query MessagesPage($conversationId: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    messages(conversationId: $conversationId, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          content\n          isDeleted\n          deletedAt\n          editedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.MessagesPageDocument,
    "\n  mutation EditMessage($input: EditMessageInput!) {\n    editMessage(input: $input) {\n      id\n      content\n      editedAt\n    }\n  }\n": types.EditMessageDocument,
    "\n  mutation DeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n      content\n      isDeleted\n      deletedAt\n    }\n  }\n": types.DeleteMessageDocument,
    "\n  mutation MarkRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n      unreadCount\n    }\n  }\n": types.MarkReadDocument,
    "\n  query Unread($id: ID!) {\n    conversation(id: $id) {\n      unreadCount\n      lastMessage {\n        content\n      }\n    }\n  }\n": types.UnreadDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n      name\n      type\n    }\n  }\n"): (typeof documents)["\n  mutation CreateGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n      name\n      type\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n      content\n      type\n      cursor\n      clientMessageId\n      sender {\n        username\n      }\n      replyTo {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n      content\n      type\n      cursor\n      clientMessageId\n      sender {\n        username\n      }\n      replyTo {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagesPage($conversationId: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    messages(conversationId: $conversationId, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          content\n          isDeleted\n          deletedAt\n          editedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessagesPage($conversationId: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    messages(conversationId: $conversationId, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          content\n          isDeleted\n          deletedAt\n          editedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditMessage($input: EditMessageInput!) {\n    editMessage(input: $input) {\n      id\n      content\n      editedAt\n    }\n  }\n"): (typeof documents)["\n  mutation EditMessage($input: EditMessageInput!) {\n    editMessage(input: $input) {\n      id\n      content\n      editedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n      content\n      isDeleted\n      deletedAt\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n      content\n      isDeleted\n      deletedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Unread($id: ID!) {\n    conversation(id: $id) {\n      unreadCount\n      lastMessage {\n        content\n      }\n    }\n  }\n"): (typeof documents)["\n  query Unread($id: ID!) {\n    conversation(id: $id) {\n      unreadCount\n      lastMessage {\n        content\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;