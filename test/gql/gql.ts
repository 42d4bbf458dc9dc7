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
    "\n  query AuthMe {\n    me {\n      id\n      username\n    }\n  }\n": typeof types.AuthMeDocument,
    "\n  query AuthPublicSpaces {\n    publicSpaces {\n      id\n    }\n  }\n": typeof types.AuthPublicSpacesDocument,
    "\n  query BatchInbox($first: Int) {\n    conversations(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n          unreadCount\n          members {\n            role\n            profile {\n              username\n            }\n          }\n          space {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.BatchInboxDocument,
    "\n  query BatchInboxFragments($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          ...BatchInboxShown\n        }\n      }\n    }\n  }\n  fragment BatchInboxShown on Conversation {\n    newest: lastMessage {\n      content\n    }\n    ... on Conversation {\n      unread: unreadCount\n    }\n  }\n": typeof types.BatchInboxFragmentsDocument,
    "\n  query BatchMessages($conversationId: ID!, $last: Int) {\n    messages(conversationId: $conversationId, last: $last) {\n      edges {\n        node {\n          id\n          sender {\n            username\n          }\n          replyTo {\n            id\n          }\n          conversation {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.BatchMessagesDocument,
    "\n  mutation ClientsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Clients\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.ClientsCreateGroupDocument,
    "\n  mutation ClientsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n      cursor\n    }\n  }\n": typeof types.ClientsSendDocument,
    "\n  query ClientsConversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.ClientsConversationsDocument,
    "\n  subscription ClientsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n      sender {\n        username\n      }\n    }\n  }\n": typeof types.ClientsMessageAddedDocument,
    "\n  mutation ConvCreate($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n      name\n      type\n      memberCount\n      unreadCount\n      lastMessage {\n        id\n      }\n      space {\n        id\n        name\n      }\n      members {\n        role\n        joinedAt\n        profile {\n          id\n          username\n        }\n      }\n    }\n  }\n": typeof types.ConvCreateDocument,
    "\n  query ConvOne($id: ID!) {\n    conversation(id: $id) {\n      id\n      name\n      type\n      memberCount\n      unreadCount\n      lastMessage {\n        content\n        sender {\n          username\n        }\n      }\n      space {\n        id\n        name\n      }\n      members {\n        role\n        profile {\n          id\n          username\n        }\n      }\n    }\n  }\n": typeof types.ConvOneDocument,
    "\n  query ConvList($first: Int, $after: String, $spaceId: ID) {\n    conversations(first: $first, after: $after, spaceId: $spaceId) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          type\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.ConvListDocument,
    "\n  mutation ConvAddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n      memberCount\n      members {\n        role\n        profile {\n          username\n        }\n      }\n    }\n  }\n": typeof types.ConvAddMembersDocument,
    "\n  mutation ConvLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": typeof types.ConvLeaveDocument,
    "\n  mutation ConvSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": typeof types.ConvSendDocument,
    "\n  mutation ConvDeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      isDeleted\n    }\n  }\n": typeof types.ConvDeleteMessageDocument,
    "\n  mutation ConvCreateSpace($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.ConvCreateSpaceDocument,
    "\n  mutation ConvAddSpaceMember($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n": typeof types.ConvAddSpaceMemberDocument,
    "\n  query EmbeddedInbox {\n    me {\n      username\n    }\n    conversations(first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          type\n          unreadCount\n          lastMessage {\n            content\n          }\n        }\n      }\n    }\n  }\n": typeof types.EmbeddedInboxDocument,
    "\n  query EmbeddedPage($conversationId: ID!) {\n    messages(conversationId: $conversationId, last: 50) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n": typeof types.EmbeddedPageDocument,
    "\n  mutation EmbeddedSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n    }\n  }\n": typeof types.EmbeddedSendDocument,
    "\n  mutation EmbeddedEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      content\n      editedAt\n    }\n  }\n": typeof types.EmbeddedEditDocument,
    "\n  mutation EmbeddedDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      isDeleted\n    }\n  }\n": typeof types.EmbeddedDeleteDocument,
    "\n  mutation EmbeddedRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      unreadCount\n    }\n  }\n": typeof types.EmbeddedReadDocument,
    "\n  mutation EmbeddedSpace($name: String!) {\n    createSpace(input: { name: $name }) {\n      id\n      viewerRole\n    }\n  }\n": typeof types.EmbeddedSpaceDocument,
    "\n  mutation EmbeddedGroup($spaceId: ID!) {\n    createConversation(input: { type: GROUP, name: \"Planning\", spaceId: $spaceId, memberIds: [] }) {\n      id\n      space {\n        name\n      }\n    }\n  }\n": typeof types.EmbeddedGroupDocument,
    "\n  mutation GraphiqlCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"GraphiQL\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.GraphiqlCreateGroupDocument,
    "\n  mutation GraphiqlSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": typeof types.GraphiqlSendDocument,
    "\n  mutation JobsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Ask the agent\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.JobsCreateGroupDocument,
    "\n  mutation JobsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n      createdAt\n    }\n  }\n": typeof types.JobsSendDocument,
    "\n  mutation JobsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": typeof types.JobsLeaveDocument,
    "\n  mutation JobsSubmit($input: SubmitJobInput!) {\n    submitJob(input: $input) {\n      id\n      type\n      status\n      input\n      attempts\n      maxAttempts\n      priority\n      createdAt\n      startedAt\n      completedAt\n    }\n  }\n": typeof types.JobsSubmitDocument,
    "\n  query JobsGet($id: ID!) {\n    job(id: $id) {\n      id\n      type\n      status\n      input\n      output\n      error\n      progress\n      attempts\n      maxAttempts\n      priority\n      createdAt\n      startedAt\n      completedAt\n    }\n  }\n": typeof types.JobsGetDocument,
    "\n  query JobsList($first: Int, $after: String, $status: JobStatus) {\n    jobs(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.JobsListDocument,
    "\n  mutation JobsCancel($id: ID!) {\n    cancelJob(id: $id) {\n      id\n      status\n      output\n      error\n      attempts\n      startedAt\n      completedAt\n    }\n  }\n": typeof types.JobsCancelDocument,
    "\n  subscription JobsUpdated($id: ID!) {\n    jobUpdated(id: $id) {\n      id\n      status\n      output\n      error\n      attempts\n      progress\n    }\n  }\n": typeof types.JobsUpdatedDocument,
    "\n  subscription JobsAiResponse($conversationId: ID!) {\n    aiResponse(conversationId: $conversationId) {\n      jobId\n      delta\n      text\n      done\n      job {\n        id\n        status\n      }\n      agent {\n        username\n        type\n      }\n      conversation {\n        id\n      }\n      message {\n        id\n        content\n        type\n        sender {\n          username\n          type\n        }\n      }\n    }\n  }\n": typeof types.JobsAiResponseDocument,
    "\n  subscription JobsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      type\n      sender {\n        username\n        type\n      }\n    }\n  }\n": typeof types.JobsMessageAddedDocument,
    "\n  query JobsMessages($conversationId: ID!) {\n    messages(conversationId: $conversationId, last: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          content\n          type\n          createdAt\n          sender {\n            username\n            type\n          }\n        }\n      }\n    }\n  }\n": typeof types.JobsMessagesDocument,
    "\n  query JobsMyStats {\n    me {\n      id\n      stats {\n        messagesSent\n        conversations\n        activeDays\n        lastActiveAt\n        computedAt\n      }\n    }\n  }\n": typeof types.JobsMyStatsDocument,
    "\n  query JobsProfileStats($id: ID!) {\n    profile(id: $id) {\n      id\n      stats {\n        messagesSent\n      }\n    }\n  }\n": typeof types.JobsProfileStatsDocument,
    "\n  subscription JobsNotifications {\n    notifications {\n      type\n      message {\n        id\n      }\n    }\n  }\n": typeof types.JobsNotificationsDocument,
    "\n  mutation MembersGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n": typeof types.MembersGroupDocument,
    "\n  query MembersInbox {\n    conversations(first: 10) {\n      edges {\n        node {\n          id\n          members {\n            role\n            profile {\n              username\n              fullName\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MembersInboxDocument,
    "\n  mutation MembersAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n": typeof types.MembersAddDocument,
    "\n  mutation MembersLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": typeof types.MembersLeaveDocument,
    "\n  mutation MembersRename($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n    }\n  }\n": typeof types.MembersRenameDocument,
    "\n  mutation MembersSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n": typeof types.MembersSendDocument,
    "\n  mutation MembersRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n": typeof types.MembersReadDocument,
    "\n  mutation CreateGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n      name\n      type\n    }\n  }\n": typeof types.CreateGroupDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n      content\n      type\n      cursor\n      clientMessageId\n      sender {\n        username\n      }\n      replyTo {\n        id\n      }\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  query MessagesPage($conversationId: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    messages(conversationId: $conversationId, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          content\n          isDeleted\n          deletedAt\n          editedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.MessagesPageDocument,
    "\n  mutation EditMessage($input: EditMessageInput!) {\n    editMessage(input: $input) {\n      id\n      content\n      editedAt\n    }\n  }\n": typeof types.EditMessageDocument,
    "\n  mutation DeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n      content\n      isDeleted\n      deletedAt\n    }\n  }\n": typeof types.DeleteMessageDocument,
    "\n  mutation MarkRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n      unreadCount\n    }\n  }\n": typeof types.MarkReadDocument,
    "\n  query Unread($id: ID!) {\n    conversation(id: $id) {\n      unreadCount\n      lastMessage {\n        content\n      }\n    }\n  }\n": typeof types.UnreadDocument,
    "\n  mutation MetricsGroup {\n    createConversation(input: { type: GROUP, name: \"Watched\", memberIds: [] }) {\n      id\n    }\n  }\n": typeof types.MetricsGroupDocument,
    "\n  subscription MetricsTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n    }\n  }\n": typeof types.MetricsTypingDocument,
    "\n  subscription MetricsMessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      content\n    }\n  }\n": typeof types.MetricsMessageAddedDocument,
    "\n  mutation MetricsJob {\n    submitJob(input: { type: \"user-analytics\", input: {}, delayMs: 3600000 }) {\n      id\n    }\n  }\n": typeof types.MetricsJobDocument,
    "\n  mutation StoredNotificationsGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Offline\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.StoredNotificationsGroupDocument,
    "\n  mutation StoredNotificationsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n": typeof types.StoredNotificationsSendDocument,
    "\n  query StoredNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          type\n          readAt\n          message {\n            content\n          }\n          conversation {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.StoredNotificationsDocument,
    "\n  mutation StoredNotificationsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": typeof types.StoredNotificationsLeaveDocument,
    "\n  mutation StoredNotificationsAddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n": typeof types.StoredNotificationsAddMembersDocument,
    "\n  mutation StoredNotificationsMarkRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.StoredNotificationsMarkReadDocument,
    "\n  mutation CachedGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n": typeof types.CachedGroupDocument,
    "\n  mutation CachedSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n": typeof types.CachedSendDocument,
    "\n  query CachedPage($conversationId: ID!, $last: Int) {\n    messages(conversationId: $conversationId, last: $last) {\n      totalCount\n      edges {\n        node {\n          id\n          content\n          isDeleted\n          editedAt\n          sender {\n            username\n            fullName\n          }\n          replyTo {\n            content\n          }\n        }\n      }\n    }\n  }\n": typeof types.CachedPageDocument,
    "\n  query PageWithConversation($conversationId: ID!) {\n    messages(conversationId: $conversationId) {\n      edges {\n        node {\n          content\n          conversation {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.PageWithConversationDocument,
    "\n  mutation CachedEdit($input: EditMessageInput!) {\n    editMessage(input: $input) {\n      id\n    }\n  }\n": typeof types.CachedEditDocument,
    "\n  mutation CachedDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n": typeof types.CachedDeleteDocument,
    "\n  mutation CachedRename($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n    }\n  }\n": typeof types.CachedRenameDocument,
    "\n  mutation CachedLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": typeof types.CachedLeaveDocument,
    "\n  mutation PresenceSetup($name: String!) {\n    createSpace(input: { name: $name }) {\n      id\n    }\n  }\n": typeof types.PresenceSetupDocument,
    "\n  mutation PresenceAddToSpace($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n": typeof types.PresenceAddToSpaceDocument,
    "\n  mutation PresenceGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Typing\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.PresenceGroupDocument,
    "\n  mutation PresenceSetTyping($conversationId: ID!, $isTyping: Boolean!) {\n    setTyping(conversationId: $conversationId, isTyping: $isTyping)\n  }\n": typeof types.PresenceSetTypingDocument,
    "\n  mutation PresenceSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n": typeof types.PresenceSendDocument,
    "\n  query PresenceOnline($id: ID!) {\n    profile(id: $id) {\n      isOnline\n      lastSeenAt\n    }\n  }\n": typeof types.PresenceOnlineDocument,
    "\n  subscription PresenceTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n      user {\n        username\n      }\n      conversation {\n        id\n      }\n    }\n  }\n": typeof types.PresenceTypingDocument,
    "\n  subscription PresenceEvents($spaceId: ID!) {\n    presence(spaceId: $spaceId) {\n      status\n      lastSeenAt\n      user {\n        username\n        isOnline\n      }\n    }\n  }\n": typeof types.PresenceEventsDocument,
    "\n  subscription PresenceNotifications {\n    notifications {\n      type\n      message {\n        content\n      }\n      conversation {\n        id\n      }\n    }\n  }\n": typeof types.PresenceNotificationsDocument,
    "\n  query PresenceStoredNotifications {\n    notifications(first: 10) {\n      edges {\n        node {\n          message {\n            content\n          }\n          conversation {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.PresenceStoredNotificationsDocument,
    "\n  query ProfilesMe {\n    me {\n      id\n      username\n      fullName\n      avatarUrl\n      type\n      settings\n      createdAt\n      updatedAt\n    }\n  }\n": typeof types.ProfilesMeDocument,
    "\n  query ProfilesById($id: ID!) {\n    profile(id: $id) {\n      id\n      username\n      fullName\n      avatarUrl\n      type\n      settings\n    }\n  }\n": typeof types.ProfilesByIdDocument,
    "\n  mutation ProfilesUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n      username\n      fullName\n      avatarUrl\n      settings\n      updatedAt\n    }\n  }\n": typeof types.ProfilesUpdateMeDocument,
    "\n  query ProfilesEverywhere($id: ID!, $conversationId: ID!) {\n    profile(id: $id) {\n      ...WholeProfile\n    }\n    conversation(id: $conversationId) {\n      members {\n        profile {\n          ...WholeProfile\n        }\n      }\n      lastMessage {\n        sender {\n          ...WholeProfile\n        }\n      }\n    }\n    messages(conversationId: $conversationId, last: 5) {\n      edges {\n        node {\n          sender {\n            ...WholeProfile\n          }\n        }\n      }\n    }\n  }\n  fragment WholeProfile on Profile {\n    id\n    username\n    fullName\n    avatarUrl\n    type\n    settings\n    isOnline\n    lastSeenAt\n    createdAt\n    updatedAt\n  }\n": typeof types.ProfilesEverywhereDocument,
    "\n  mutation ProfilesGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Profiles\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.ProfilesGroupDocument,
    "\n  mutation ProfilesSend($conversationId: ID!) {\n    sendMessage(input: { conversationId: $conversationId, content: \"hello\" }) {\n      id\n    }\n  }\n": typeof types.ProfilesSendDocument,
    "\n  mutation LimitsGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Flood\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.LimitsGroupDocument,
    "\n  mutation LimitsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n": typeof types.LimitsSendDocument,
    "\n  mutation LimitsTyping($conversationId: ID!) {\n    setTyping(conversationId: $conversationId, isTyping: true)\n  }\n": typeof types.LimitsTypingDocument,
    "\n  mutation FaultCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Fault\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.FaultCreateGroupDocument,
    "\n  mutation FaultSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n      cursor\n    }\n  }\n": typeof types.FaultSendDocument,
    "\n  query FaultPage($conversationId: ID!, $after: String) {\n    messages(conversationId: $conversationId, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n": typeof types.FaultPageDocument,
    "\n  subscription FaultMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n    }\n  }\n": typeof types.FaultMessageAddedDocument,
    "\n  mutation FaultSubmitAnalytics {\n    submitJob(input: { type: \"user-analytics\", input: {} }) {\n      id\n    }\n  }\n": typeof types.FaultSubmitAnalyticsDocument,
    "\n  query FaultJobStatus($id: ID!) {\n    job(id: $id) {\n      status\n    }\n  }\n": typeof types.FaultJobStatusDocument,
    "\n  mutation RlsCreateConversation($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n": typeof types.RlsCreateConversationDocument,
    "\n  mutation RlsSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n": typeof types.RlsSendDocument,
    "\n  mutation RlsDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n": typeof types.RlsDeleteDocument,
    "\n  mutation RlsCreateSpace($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n    }\n  }\n": typeof types.RlsCreateSpaceDocument,
    "\n  subscription ScaleOutNotifications {\n    notifications {\n      conversation {\n        id\n      }\n      message {\n        id\n      }\n    }\n  }\n": typeof types.ScaleOutNotificationsDocument,
    "\n  query ScaleOutMe {\n    me {\n      id\n    }\n  }\n": typeof types.ScaleOutMeDocument,
    "\n  mutation ScaleOutCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Scale out\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.ScaleOutCreateGroupDocument,
    "\n  mutation ScaleOutSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": typeof types.ScaleOutSendDocument,
    "\n  mutation ScaleOutEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      id\n    }\n  }\n": typeof types.ScaleOutEditDocument,
    "\n  mutation ScaleOutDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n": typeof types.ScaleOutDeleteDocument,
    "\n  mutation ScaleOutRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n": typeof types.ScaleOutReadDocument,
    "\n  mutation ScaleOutAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n": typeof types.ScaleOutAddDocument,
    "\n  query ScaleOutPage($conversationId: ID!, $after: String) {\n    messages(conversationId: $conversationId, first: 100, after: $after) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ScaleOutPageDocument,
    "\n  subscription ScaleOutMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n    }\n  }\n": typeof types.ScaleOutMessageAddedDocument,
    "\n  subscription ScaleOutEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      __typename\n      seq\n      ... on MessageAdded {\n        message {\n          id\n        }\n      }\n      ... on MessageEdited {\n        message {\n          id\n          content\n        }\n      }\n      ... on ReadReceipt {\n        user {\n          id\n        }\n      }\n      ... on MessageDeleted {\n        message {\n          id\n          isDeleted\n        }\n      }\n      ... on MemberJoined {\n        user {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ScaleOutEventsDocument,
    "\n  mutation ScaleOutSpace {\n    createSpace(input: { name: \"Scale out\" }) {\n      id\n    }\n  }\n": typeof types.ScaleOutSpaceDocument,
    "\n  mutation ScaleOutAddToSpace($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n": typeof types.ScaleOutAddToSpaceDocument,
    "\n  query ScaleOutOnline($id: ID!) {\n    profile(id: $id) {\n      isOnline\n    }\n  }\n": typeof types.ScaleOutOnlineDocument,
    "\n  subscription ScaleOutPresence($spaceId: ID!) {\n    presence(spaceId: $spaceId) {\n      status\n      user {\n        id\n      }\n    }\n  }\n": typeof types.ScaleOutPresenceDocument,
    "\n  mutation SharedSettings {\n    updateMe(input: { settings: { theme: \"dark\" } }) {\n      id\n    }\n  }\n": typeof types.SharedSettingsDocument,
    "\n  mutation SharedGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Shared\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.SharedGroupDocument,
    "\n  mutation SharedSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": typeof types.SharedSendDocument,
    "\n  mutation SharedRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n": typeof types.SharedReadDocument,
    "\n  subscription SharedWatch($conversationId: ID!, $after: String, $withSender: Boolean!) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      content\n      sender @include(if: $withSender) {\n        username\n        settings\n      }\n      conversation {\n        unreadCount\n      }\n    }\n  }\n": typeof types.SharedWatchDocument,
    "\n  mutation SpacesCreate($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n      name\n      description\n      type\n      isPublic\n      memberCount\n      viewerRole\n      createdAt\n      creator {\n        id\n        username\n      }\n    }\n  }\n": typeof types.SpacesCreateDocument,
    "\n  query SpacesMine {\n    spaces {\n      id\n      name\n      viewerRole\n    }\n  }\n": typeof types.SpacesMineDocument,
    "\n  query SpacesById($id: ID!) {\n    space(id: $id) {\n      id\n      name\n      isPublic\n      memberCount\n      viewerRole\n      creator {\n        id\n        username\n      }\n    }\n  }\n": typeof types.SpacesByIdDocument,
    "\n  query SpacesPublic($first: Int) {\n    publicSpaces(first: $first) {\n      id\n      name\n      isPublic\n      viewerRole\n    }\n  }\n": typeof types.SpacesPublicDocument,
    "\n  mutation SpacesJoin($id: ID!) {\n    joinSpace(id: $id) {\n      id\n      memberCount\n      viewerRole\n    }\n  }\n": typeof types.SpacesJoinDocument,
    "\n  mutation SpacesAddMember($spaceId: ID!, $userId: ID!, $role: SpaceRole) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId, role: $role) {\n      id\n      memberCount\n      viewerRole\n    }\n  }\n": typeof types.SpacesAddMemberDocument,
    "\n  mutation LeaksCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Leaks\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.LeaksCreateGroupDocument,
    "\n  mutation LeaksSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": typeof types.LeaksSendDocument,
    "\n  subscription LeaksMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n    }\n  }\n": typeof types.LeaksMessageAddedDocument,
    "\n  subscription LeaksEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      seq\n    }\n  }\n": typeof types.LeaksEventsDocument,
    "\n  subscription LeaksReceipts($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      seq\n      ... on ReadReceipt {\n        user {\n          username\n        }\n        message {\n          id\n        }\n      }\n    }\n  }\n": typeof types.LeaksReceiptsDocument,
    "\n  mutation SubsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Live\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.SubsCreateGroupDocument,
    "\n  mutation SubsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": typeof types.SubsSendDocument,
    "\n  mutation SubsEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      id\n    }\n  }\n": typeof types.SubsEditDocument,
    "\n  mutation SubsDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n": typeof types.SubsDeleteDocument,
    "\n  mutation SubsRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n": typeof types.SubsReadDocument,
    "\n  mutation SubsAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n": typeof types.SubsAddDocument,
    "\n  mutation SubsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": typeof types.SubsLeaveDocument,
    "\n  subscription SubsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n      sender {\n        username\n      }\n    }\n  }\n": typeof types.SubsMessageAddedDocument,
    "\n  subscription SubsEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      __typename\n      seq\n      cursor\n      ... on MessageAdded {\n        message {\n          content\n        }\n      }\n      ... on MessageEdited {\n        message {\n          content\n          editedAt\n        }\n      }\n      ... on MessageDeleted {\n        message {\n          isDeleted\n        }\n      }\n      ... on ReadReceipt {\n        user {\n          username\n        }\n        message {\n          id\n        }\n      }\n      ... on MemberJoined {\n        user {\n          username\n        }\n      }\n      ... on MemberLeft {\n        user {\n          username\n        }\n      }\n    }\n  }\n": typeof types.SubsEventsDocument,
    "\n  query TrustedMe {\n    me {\n      id\n      username\n    }\n  }\n": typeof types.TrustedMeDocument,
    "\n  mutation TrustedStartGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n": typeof types.TrustedStartGroupDocument,
    "\n  mutation TrustedSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n": typeof types.TrustedSendDocument,
    "\n  subscription TrustedMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      content\n    }\n  }\n": typeof types.TrustedMessageAddedDocument,
    "\n  query WorkerFaultsMe {\n    me {\n      id\n    }\n  }\n": typeof types.WorkerFaultsMeDocument,
    "\n  mutation WorkerFaultsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Worker faults\", memberIds: $members }) {\n      id\n    }\n  }\n": typeof types.WorkerFaultsCreateGroupDocument,
    "\n  mutation WorkerFaultsSubmit($input: JSON!) {\n    submitJob(input: { type: \"ai-chat\", input: $input }) {\n      id\n      status\n      maxAttempts\n    }\n  }\n": typeof types.WorkerFaultsSubmitDocument,
    "\n  query WorkerFaultsJob($id: ID!) {\n    job(id: $id) {\n      id\n      status\n      attempts\n      maxAttempts\n      output\n      error\n      progress\n      startedAt\n      completedAt\n    }\n  }\n": typeof types.WorkerFaultsJobDocument,
    "\n  subscription WorkerFaultsJobUpdated($id: ID!) {\n    jobUpdated(id: $id) {\n      id\n      status\n      attempts\n      output\n      error\n    }\n  }\n": typeof types.WorkerFaultsJobUpdatedDocument,
    "\n  query WorkerFaultsMessages($conversationId: ID!) {\n    messages(conversationId: $conversationId, first: 50) {\n      edges {\n        node {\n          id\n          content\n          type\n          clientMessageId\n          sender {\n            id\n            type\n          }\n        }\n      }\n    }\n  }\n": typeof types.WorkerFaultsMessagesDocument,
};
const documents: Documents = {
    "\n  query AuthMe {\n    me {\n      id\n      username\n    }\n  }\n": types.AuthMeDocument,
    "\n  query AuthPublicSpaces {\n    publicSpaces {\n      id\n    }\n  }\n": types.AuthPublicSpacesDocument,
    "\n  query BatchInbox($first: Int) {\n    conversations(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n          unreadCount\n          members {\n            role\n            profile {\n              username\n            }\n          }\n          space {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.BatchInboxDocument,
    "\n  query BatchInboxFragments($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          ...BatchInboxShown\n        }\n      }\n    }\n  }\n  fragment BatchInboxShown on Conversation {\n    newest: lastMessage {\n      content\n    }\n    ... on Conversation {\n      unread: unreadCount\n    }\n  }\n": types.BatchInboxFragmentsDocument,
    "\n  query BatchMessages($conversationId: ID!, $last: Int) {\n    messages(conversationId: $conversationId, last: $last) {\n      edges {\n        node {\n          id\n          sender {\n            username\n          }\n          replyTo {\n            id\n          }\n          conversation {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.BatchMessagesDocument,
    "\n  mutation ClientsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Clients\", memberIds: $members }) {\n      id\n    }\n  }\n": types.ClientsCreateGroupDocument,
    "\n  mutation ClientsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n      cursor\n    }\n  }\n": types.ClientsSendDocument,
    "\n  query ClientsConversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.ClientsConversationsDocument,
    "\n  subscription ClientsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n      sender {\n        username\n      }\n    }\n  }\n": types.ClientsMessageAddedDocument,
    "\n  mutation ConvCreate($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n      name\n      type\n      memberCount\n      unreadCount\n      lastMessage {\n        id\n      }\n      space {\n        id\n        name\n      }\n      members {\n        role\n        joinedAt\n        profile {\n          id\n          username\n        }\n      }\n    }\n  }\n": types.ConvCreateDocument,
    "\n  query ConvOne($id: ID!) {\n    conversation(id: $id) {\n      id\n      name\n      type\n      memberCount\n      unreadCount\n      lastMessage {\n        content\n        sender {\n          username\n        }\n      }\n      space {\n        id\n        name\n      }\n      members {\n        role\n        profile {\n          id\n          username\n        }\n      }\n    }\n  }\n": types.ConvOneDocument,
    "\n  query ConvList($first: Int, $after: String, $spaceId: ID) {\n    conversations(first: $first, after: $after, spaceId: $spaceId) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          type\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.ConvListDocument,
    "\n  mutation ConvAddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n      memberCount\n      members {\n        role\n        profile {\n          username\n        }\n      }\n    }\n  }\n": types.ConvAddMembersDocument,
    "\n  mutation ConvLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": types.ConvLeaveDocument,
    "\n  mutation ConvSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": types.ConvSendDocument,
    "\n  mutation ConvDeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      isDeleted\n    }\n  }\n": types.ConvDeleteMessageDocument,
    "\n  mutation ConvCreateSpace($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n      name\n    }\n  }\n": types.ConvCreateSpaceDocument,
    "\n  mutation ConvAddSpaceMember($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n": types.ConvAddSpaceMemberDocument,
    "\n  query EmbeddedInbox {\n    me {\n      username\n    }\n    conversations(first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          type\n          unreadCount\n          lastMessage {\n            content\n          }\n        }\n      }\n    }\n  }\n": types.EmbeddedInboxDocument,
    "\n  query EmbeddedPage($conversationId: ID!) {\n    messages(conversationId: $conversationId, last: 50) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n": types.EmbeddedPageDocument,
    "\n  mutation EmbeddedSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n    }\n  }\n": types.EmbeddedSendDocument,
    "\n  mutation EmbeddedEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      content\n      editedAt\n    }\n  }\n": types.EmbeddedEditDocument,
    "\n  mutation EmbeddedDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      isDeleted\n    }\n  }\n": types.EmbeddedDeleteDocument,
    "\n  mutation EmbeddedRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      unreadCount\n    }\n  }\n": types.EmbeddedReadDocument,
    "\n  mutation EmbeddedSpace($name: String!) {\n    createSpace(input: { name: $name }) {\n      id\n      viewerRole\n    }\n  }\n": types.EmbeddedSpaceDocument,
    "\n  mutation EmbeddedGroup($spaceId: ID!) {\n    createConversation(input: { type: GROUP, name: \"Planning\", spaceId: $spaceId, memberIds: [] }) {\n      id\n      space {\n        name\n      }\n    }\n  }\n": types.EmbeddedGroupDocument,
    "\n  mutation GraphiqlCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"GraphiQL\", memberIds: $members }) {\n      id\n    }\n  }\n": types.GraphiqlCreateGroupDocument,
    "\n  mutation GraphiqlSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": types.GraphiqlSendDocument,
    "\n  mutation JobsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Ask the agent\", memberIds: $members }) {\n      id\n    }\n  }\n": types.JobsCreateGroupDocument,
    "\n  mutation JobsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n      createdAt\n    }\n  }\n": types.JobsSendDocument,
    "\n  mutation JobsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": types.JobsLeaveDocument,
    "\n  mutation JobsSubmit($input: SubmitJobInput!) {\n    submitJob(input: $input) {\n      id\n      type\n      status\n      input\n      attempts\n      maxAttempts\n      priority\n      createdAt\n      startedAt\n      completedAt\n    }\n  }\n": types.JobsSubmitDocument,
    "\n  query JobsGet($id: ID!) {\n    job(id: $id) {\n      id\n      type\n      status\n      input\n      output\n      error\n      progress\n      attempts\n      maxAttempts\n      priority\n      createdAt\n      startedAt\n      completedAt\n    }\n  }\n": types.JobsGetDocument,
    "\n  query JobsList($first: Int, $after: String, $status: JobStatus) {\n    jobs(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.JobsListDocument,
    "\n  mutation JobsCancel($id: ID!) {\n    cancelJob(id: $id) {\n      id\n      status\n      output\n      error\n      attempts\n      startedAt\n      completedAt\n    }\n  }\n": types.JobsCancelDocument,
    "\n  subscription JobsUpdated($id: ID!) {\n    jobUpdated(id: $id) {\n      id\n      status\n      output\n      error\n      attempts\n      progress\n    }\n  }\n": types.JobsUpdatedDocument,
    "\n  subscription JobsAiResponse($conversationId: ID!) {\n    aiResponse(conversationId: $conversationId) {\n      jobId\n      delta\n      text\n      done\n      job {\n        id\n        status\n      }\n      agent {\n        username\n        type\n      }\n      conversation {\n        id\n      }\n      message {\n        id\n        content\n        type\n        sender {\n          username\n          type\n        }\n      }\n    }\n  }\n": types.JobsAiResponseDocument,
    "\n  subscription JobsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      type\n      sender {\n        username\n        type\n      }\n    }\n  }\n": types.JobsMessageAddedDocument,
    "\n  query JobsMessages($conversationId: ID!) {\n    messages(conversationId: $conversationId, last: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          content\n          type\n          createdAt\n          sender {\n            username\n            type\n          }\n        }\n      }\n    }\n  }\n": types.JobsMessagesDocument,
    "\n  query JobsMyStats {\n    me {\n      id\n      stats {\n        messagesSent\n        conversations\n        activeDays\n        lastActiveAt\n        computedAt\n      }\n    }\n  }\n": types.JobsMyStatsDocument,
    "\n  query JobsProfileStats($id: ID!) {\n    profile(id: $id) {\n      id\n      stats {\n        messagesSent\n      }\n    }\n  }\n": types.JobsProfileStatsDocument,
    "\n  subscription JobsNotifications {\n    notifications {\n      type\n      message {\n        id\n      }\n    }\n  }\n": types.JobsNotificationsDocument,
    "\n  mutation MembersGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n": types.MembersGroupDocument,
    "\n  query MembersInbox {\n    conversations(first: 10) {\n      edges {\n        node {\n          id\n          members {\n            role\n            profile {\n              username\n              fullName\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MembersInboxDocument,
    "\n  mutation MembersAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n": types.MembersAddDocument,
    "\n  mutation MembersLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": types.MembersLeaveDocument,
    "\n  mutation MembersRename($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n    }\n  }\n": types.MembersRenameDocument,
    "\n  mutation MembersSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n": types.MembersSendDocument,
    "\n  mutation MembersRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n": types.MembersReadDocument,
    "\n  mutation CreateGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n      name\n      type\n    }\n  }\n": types.CreateGroupDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n      content\n      type\n      cursor\n      clientMessageId\n      sender {\n        username\n      }\n      replyTo {\n        id\n      }\n    }\n  }\n": types.SendMessageDocument,
    "\n  query MessagesPage($conversationId: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    messages(conversationId: $conversationId, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          content\n          isDeleted\n          deletedAt\n          editedAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.MessagesPageDocument,
    "\n  mutation EditMessage($input: EditMessageInput!) {\n    editMessage(input: $input) {\n      id\n      content\n      editedAt\n    }\n  }\n": types.EditMessageDocument,
    "\n  mutation DeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n      content\n      isDeleted\n      deletedAt\n    }\n  }\n": types.DeleteMessageDocument,
    "\n  mutation MarkRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n      unreadCount\n    }\n  }\n": types.MarkReadDocument,
    "\n  query Unread($id: ID!) {\n    conversation(id: $id) {\n      unreadCount\n      lastMessage {\n        content\n      }\n    }\n  }\n": types.UnreadDocument,
    "\n  mutation MetricsGroup {\n    createConversation(input: { type: GROUP, name: \"Watched\", memberIds: [] }) {\n      id\n    }\n  }\n": types.MetricsGroupDocument,
    "\n  subscription MetricsTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n    }\n  }\n": types.MetricsTypingDocument,
    "\n  subscription MetricsMessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      content\n    }\n  }\n": types.MetricsMessageAddedDocument,
    "\n  mutation MetricsJob {\n    submitJob(input: { type: \"user-analytics\", input: {}, delayMs: 3600000 }) {\n      id\n    }\n  }\n": types.MetricsJobDocument,
    "\n  mutation StoredNotificationsGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Offline\", memberIds: $members }) {\n      id\n    }\n  }\n": types.StoredNotificationsGroupDocument,
    "\n  mutation StoredNotificationsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n": types.StoredNotificationsSendDocument,
    "\n  query StoredNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          type\n          readAt\n          message {\n            content\n          }\n          conversation {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.StoredNotificationsDocument,
    "\n  mutation StoredNotificationsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": types.StoredNotificationsLeaveDocument,
    "\n  mutation StoredNotificationsAddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n": types.StoredNotificationsAddMembersDocument,
    "\n  mutation StoredNotificationsMarkRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.StoredNotificationsMarkReadDocument,
    "\n  mutation CachedGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n": types.CachedGroupDocument,
    "\n  mutation CachedSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n": types.CachedSendDocument,
    "\n  query CachedPage($conversationId: ID!, $last: Int) {\n    messages(conversationId: $conversationId, last: $last) {\n      totalCount\n      edges {\n        node {\n          id\n          content\n          isDeleted\n          editedAt\n          sender {\n            username\n            fullName\n          }\n          replyTo {\n            content\n          }\n        }\n      }\n    }\n  }\n": types.CachedPageDocument,
    "\n  query PageWithConversation($conversationId: ID!) {\n    messages(conversationId: $conversationId) {\n      edges {\n        node {\n          content\n          conversation {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.PageWithConversationDocument,
    "\n  mutation CachedEdit($input: EditMessageInput!) {\n    editMessage(input: $input) {\n      id\n    }\n  }\n": types.CachedEditDocument,
    "\n  mutation CachedDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n": types.CachedDeleteDocument,
    "\n  mutation CachedRename($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n    }\n  }\n": types.CachedRenameDocument,
    "\n  mutation CachedLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": types.CachedLeaveDocument,
    "\n  mutation PresenceSetup($name: String!) {\n    createSpace(input: { name: $name }) {\n      id\n    }\n  }\n": types.PresenceSetupDocument,
    "\n  mutation PresenceAddToSpace($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n": types.PresenceAddToSpaceDocument,
    "\n  mutation PresenceGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Typing\", memberIds: $members }) {\n      id\n    }\n  }\n": types.PresenceGroupDocument,
    "\n  mutation PresenceSetTyping($conversationId: ID!, $isTyping: Boolean!) {\n    setTyping(conversationId: $conversationId, isTyping: $isTyping)\n  }\n": types.PresenceSetTypingDocument,
    "\n  mutation PresenceSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n": types.PresenceSendDocument,
    "\n  query PresenceOnline($id: ID!) {\n    profile(id: $id) {\n      isOnline\n      lastSeenAt\n    }\n  }\n": types.PresenceOnlineDocument,
    "\n  subscription PresenceTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n      user {\n        username\n      }\n      conversation {\n        id\n      }\n    }\n  }\n": types.PresenceTypingDocument,
    "\n  subscription PresenceEvents($spaceId: ID!) {\n    presence(spaceId: $spaceId) {\n      status\n      lastSeenAt\n      user {\n        username\n        isOnline\n      }\n    }\n  }\n": types.PresenceEventsDocument,
    "\n  subscription PresenceNotifications {\n    notifications {\n      type\n      message {\n        content\n      }\n      conversation {\n        id\n      }\n    }\n  }\n": types.PresenceNotificationsDocument,
    "\n  query PresenceStoredNotifications {\n    notifications(first: 10) {\n      edges {\n        node {\n          message {\n            content\n          }\n          conversation {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.PresenceStoredNotificationsDocument,
    "\n  query ProfilesMe {\n    me {\n      id\n      username\n      fullName\n      avatarUrl\n      type\n      settings\n      createdAt\n      updatedAt\n    }\n  }\n": types.ProfilesMeDocument,
    "\n  query ProfilesById($id: ID!) {\n    profile(id: $id) {\n      id\n      username\n      fullName\n      avatarUrl\n      type\n      settings\n    }\n  }\n": types.ProfilesByIdDocument,
    "\n  mutation ProfilesUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n      username\n      fullName\n      avatarUrl\n      settings\n      updatedAt\n    }\n  }\n": types.ProfilesUpdateMeDocument,
    "\n  query ProfilesEverywhere($id: ID!, $conversationId: ID!) {\n    profile(id: $id) {\n      ...WholeProfile\n    }\n    conversation(id: $conversationId) {\n      members {\n        profile {\n          ...WholeProfile\n        }\n      }\n      lastMessage {\n        sender {\n          ...WholeProfile\n        }\n      }\n    }\n    messages(conversationId: $conversationId, last: 5) {\n      edges {\n        node {\n          sender {\n            ...WholeProfile\n          }\n        }\n      }\n    }\n  }\n  fragment WholeProfile on Profile {\n    id\n    username\n    fullName\n    avatarUrl\n    type\n    settings\n    isOnline\n    lastSeenAt\n    createdAt\n    updatedAt\n  }\n": types.ProfilesEverywhereDocument,
    "\n  mutation ProfilesGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Profiles\", memberIds: $members }) {\n      id\n    }\n  }\n": types.ProfilesGroupDocument,
    "\n  mutation ProfilesSend($conversationId: ID!) {\n    sendMessage(input: { conversationId: $conversationId, content: \"hello\" }) {\n      id\n    }\n  }\n": types.ProfilesSendDocument,
    "\n  mutation LimitsGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Flood\", memberIds: $members }) {\n      id\n    }\n  }\n": types.LimitsGroupDocument,
    "\n  mutation LimitsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n": types.LimitsSendDocument,
    "\n  mutation LimitsTyping($conversationId: ID!) {\n    setTyping(conversationId: $conversationId, isTyping: true)\n  }\n": types.LimitsTypingDocument,
    "\n  mutation FaultCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Fault\", memberIds: $members }) {\n      id\n    }\n  }\n": types.FaultCreateGroupDocument,
    "\n  mutation FaultSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n      cursor\n    }\n  }\n": types.FaultSendDocument,
    "\n  query FaultPage($conversationId: ID!, $after: String) {\n    messages(conversationId: $conversationId, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n": types.FaultPageDocument,
    "\n  subscription FaultMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n    }\n  }\n": types.FaultMessageAddedDocument,
    "\n  mutation FaultSubmitAnalytics {\n    submitJob(input: { type: \"user-analytics\", input: {} }) {\n      id\n    }\n  }\n": types.FaultSubmitAnalyticsDocument,
    "\n  query FaultJobStatus($id: ID!) {\n    job(id: $id) {\n      status\n    }\n  }\n": types.FaultJobStatusDocument,
    "\n  mutation RlsCreateConversation($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n": types.RlsCreateConversationDocument,
    "\n  mutation RlsSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n": types.RlsSendDocument,
    "\n  mutation RlsDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n": types.RlsDeleteDocument,
    "\n  mutation RlsCreateSpace($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n    }\n  }\n": types.RlsCreateSpaceDocument,
    "\n  subscription ScaleOutNotifications {\n    notifications {\n      conversation {\n        id\n      }\n      message {\n        id\n      }\n    }\n  }\n": types.ScaleOutNotificationsDocument,
    "\n  query ScaleOutMe {\n    me {\n      id\n    }\n  }\n": types.ScaleOutMeDocument,
    "\n  mutation ScaleOutCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Scale out\", memberIds: $members }) {\n      id\n    }\n  }\n": types.ScaleOutCreateGroupDocument,
    "\n  mutation ScaleOutSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": types.ScaleOutSendDocument,
    "\n  mutation ScaleOutEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      id\n    }\n  }\n": types.ScaleOutEditDocument,
    "\n  mutation ScaleOutDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n": types.ScaleOutDeleteDocument,
    "\n  mutation ScaleOutRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n": types.ScaleOutReadDocument,
    "\n  mutation ScaleOutAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n": types.ScaleOutAddDocument,
    "\n  query ScaleOutPage($conversationId: ID!, $after: String) {\n    messages(conversationId: $conversationId, first: 100, after: $after) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.ScaleOutPageDocument,
    "\n  subscription ScaleOutMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n    }\n  }\n": types.ScaleOutMessageAddedDocument,
    "\n  subscription ScaleOutEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      __typename\n      seq\n      ... on MessageAdded {\n        message {\n          id\n        }\n      }\n      ... on MessageEdited {\n        message {\n          id\n          content\n        }\n      }\n      ... on ReadReceipt {\n        user {\n          id\n        }\n      }\n      ... on MessageDeleted {\n        message {\n          id\n          isDeleted\n        }\n      }\n      ... on MemberJoined {\n        user {\n          id\n        }\n      }\n    }\n  }\n": types.ScaleOutEventsDocument,
    "\n  mutation ScaleOutSpace {\n    createSpace(input: { name: \"Scale out\" }) {\n      id\n    }\n  }\n": types.ScaleOutSpaceDocument,
    "\n  mutation ScaleOutAddToSpace($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n": types.ScaleOutAddToSpaceDocument,
    "\n  query ScaleOutOnline($id: ID!) {\n    profile(id: $id) {\n      isOnline\n    }\n  }\n": types.ScaleOutOnlineDocument,
    "\n  subscription ScaleOutPresence($spaceId: ID!) {\n    presence(spaceId: $spaceId) {\n      status\n      user {\n        id\n      }\n    }\n  }\n": types.ScaleOutPresenceDocument,
    "\n  mutation SharedSettings {\n    updateMe(input: { settings: { theme: \"dark\" } }) {\n      id\n    }\n  }\n": types.SharedSettingsDocument,
    "\n  mutation SharedGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Shared\", memberIds: $members }) {\n      id\n    }\n  }\n": types.SharedGroupDocument,
    "\n  mutation SharedSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": types.SharedSendDocument,
    "\n  mutation SharedRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n": types.SharedReadDocument,
    "\n  subscription SharedWatch($conversationId: ID!, $after: String, $withSender: Boolean!) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      content\n      sender @include(if: $withSender) {\n        username\n        settings\n      }\n      conversation {\n        unreadCount\n      }\n    }\n  }\n": types.SharedWatchDocument,
    "\n  mutation SpacesCreate($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n      name\n      description\n      type\n      isPublic\n      memberCount\n      viewerRole\n      createdAt\n      creator {\n        id\n        username\n      }\n    }\n  }\n": types.SpacesCreateDocument,
    "\n  query SpacesMine {\n    spaces {\n      id\n      name\n      viewerRole\n    }\n  }\n": types.SpacesMineDocument,
    "\n  query SpacesById($id: ID!) {\n    space(id: $id) {\n      id\n      name\n      isPublic\n      memberCount\n      viewerRole\n      creator {\n        id\n        username\n      }\n    }\n  }\n": types.SpacesByIdDocument,
    "\n  query SpacesPublic($first: Int) {\n    publicSpaces(first: $first) {\n      id\n      name\n      isPublic\n      viewerRole\n    }\n  }\n": types.SpacesPublicDocument,
    "\n  mutation SpacesJoin($id: ID!) {\n    joinSpace(id: $id) {\n      id\n      memberCount\n      viewerRole\n    }\n  }\n": types.SpacesJoinDocument,
    "\n  mutation SpacesAddMember($spaceId: ID!, $userId: ID!, $role: SpaceRole) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId, role: $role) {\n      id\n      memberCount\n      viewerRole\n    }\n  }\n": types.SpacesAddMemberDocument,
    "\n  mutation LeaksCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Leaks\", memberIds: $members }) {\n      id\n    }\n  }\n": types.LeaksCreateGroupDocument,
    "\n  mutation LeaksSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": types.LeaksSendDocument,
    "\n  subscription LeaksMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n    }\n  }\n": types.LeaksMessageAddedDocument,
    "\n  subscription LeaksEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      seq\n    }\n  }\n": types.LeaksEventsDocument,
    "\n  subscription LeaksReceipts($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      seq\n      ... on ReadReceipt {\n        user {\n          username\n        }\n        message {\n          id\n        }\n      }\n    }\n  }\n": types.LeaksReceiptsDocument,
    "\n  mutation SubsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Live\", memberIds: $members }) {\n      id\n    }\n  }\n": types.SubsCreateGroupDocument,
    "\n  mutation SubsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n": types.SubsSendDocument,
    "\n  mutation SubsEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      id\n    }\n  }\n": types.SubsEditDocument,
    "\n  mutation SubsDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n": types.SubsDeleteDocument,
    "\n  mutation SubsRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n": types.SubsReadDocument,
    "\n  mutation SubsAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n": types.SubsAddDocument,
    "\n  mutation SubsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n": types.SubsLeaveDocument,
    "\n  subscription SubsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n      sender {\n        username\n      }\n    }\n  }\n": types.SubsMessageAddedDocument,
    "\n  subscription SubsEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      __typename\n      seq\n      cursor\n      ... on MessageAdded {\n        message {\n          content\n        }\n      }\n      ... on MessageEdited {\n        message {\n          content\n          editedAt\n        }\n      }\n      ... on MessageDeleted {\n        message {\n          isDeleted\n        }\n      }\n      ... on ReadReceipt {\n        user {\n          username\n        }\n        message {\n          id\n        }\n      }\n      ... on MemberJoined {\n        user {\n          username\n        }\n      }\n      ... on MemberLeft {\n        user {\n          username\n        }\n      }\n    }\n  }\n": types.SubsEventsDocument,
    "\n  query TrustedMe {\n    me {\n      id\n      username\n    }\n  }\n": types.TrustedMeDocument,
    "\n  mutation TrustedStartGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n": types.TrustedStartGroupDocument,
    "\n  mutation TrustedSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n": types.TrustedSendDocument,
    "\n  subscription TrustedMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      content\n    }\n  }\n": types.TrustedMessageAddedDocument,
    "\n  query WorkerFaultsMe {\n    me {\n      id\n    }\n  }\n": types.WorkerFaultsMeDocument,
    "\n  mutation WorkerFaultsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Worker faults\", memberIds: $members }) {\n      id\n    }\n  }\n": types.WorkerFaultsCreateGroupDocument,
    "\n  mutation WorkerFaultsSubmit($input: JSON!) {\n    submitJob(input: { type: \"ai-chat\", input: $input }) {\n      id\n      status\n      maxAttempts\n    }\n  }\n": types.WorkerFaultsSubmitDocument,
    "\n  query WorkerFaultsJob($id: ID!) {\n    job(id: $id) {\n      id\n      status\n      attempts\n      maxAttempts\n      output\n      error\n      progress\n      startedAt\n      completedAt\n    }\n  }\n": types.WorkerFaultsJobDocument,
    "\n  subscription WorkerFaultsJobUpdated($id: ID!) {\n    jobUpdated(id: $id) {\n      id\n      status\n      attempts\n      output\n      error\n    }\n  }\n": types.WorkerFaultsJobUpdatedDocument,
    "\n  query WorkerFaultsMessages($conversationId: ID!) {\n    messages(conversationId: $conversationId, first: 50) {\n      edges {\n        node {\n          id\n          content\n          type\n          clientMessageId\n          sender {\n            id\n            type\n          }\n        }\n      }\n    }\n  }\n": types.WorkerFaultsMessagesDocument,
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
export function graphql(source: "\n  query AuthMe {\n    me {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  query AuthMe {\n    me {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthPublicSpaces {\n    publicSpaces {\n      id\n    }\n  }\n"): (typeof documents)["\n  query AuthPublicSpaces {\n    publicSpaces {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BatchInbox($first: Int) {\n    conversations(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n          unreadCount\n          members {\n            role\n            profile {\n              username\n            }\n          }\n          space {\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BatchInbox($first: Int) {\n    conversations(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          lastMessage {\n            content\n            sender {\n              username\n            }\n          }\n          unreadCount\n          members {\n            role\n            profile {\n              username\n            }\n          }\n          space {\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BatchInboxFragments($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          ...BatchInboxShown\n        }\n      }\n    }\n  }\n  fragment BatchInboxShown on Conversation {\n    newest: lastMessage {\n      content\n    }\n    ... on Conversation {\n      unread: unreadCount\n    }\n  }\n"): (typeof documents)["\n  query BatchInboxFragments($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          ...BatchInboxShown\n        }\n      }\n    }\n  }\n  fragment BatchInboxShown on Conversation {\n    newest: lastMessage {\n      content\n    }\n    ... on Conversation {\n      unread: unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BatchMessages($conversationId: ID!, $last: Int) {\n    messages(conversationId: $conversationId, last: $last) {\n      edges {\n        node {\n          id\n          sender {\n            username\n          }\n          replyTo {\n            id\n          }\n          conversation {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BatchMessages($conversationId: ID!, $last: Int) {\n    messages(conversationId: $conversationId, last: $last) {\n      edges {\n        node {\n          id\n          sender {\n            username\n          }\n          replyTo {\n            id\n          }\n          conversation {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClientsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Clients\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ClientsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Clients\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClientsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n      cursor\n    }\n  }\n"): (typeof documents)["\n  mutation ClientsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientsConversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClientsConversations($first: Int) {\n    conversations(first: $first) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ClientsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n      sender {\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ClientsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n      sender {\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvCreate($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n      name\n      type\n      memberCount\n      unreadCount\n      lastMessage {\n        id\n      }\n      space {\n        id\n        name\n      }\n      members {\n        role\n        joinedAt\n        profile {\n          id\n          username\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConvCreate($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n      name\n      type\n      memberCount\n      unreadCount\n      lastMessage {\n        id\n      }\n      space {\n        id\n        name\n      }\n      members {\n        role\n        joinedAt\n        profile {\n          id\n          username\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvOne($id: ID!) {\n    conversation(id: $id) {\n      id\n      name\n      type\n      memberCount\n      unreadCount\n      lastMessage {\n        content\n        sender {\n          username\n        }\n      }\n      space {\n        id\n        name\n      }\n      members {\n        role\n        profile {\n          id\n          username\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvOne($id: ID!) {\n    conversation(id: $id) {\n      id\n      name\n      type\n      memberCount\n      unreadCount\n      lastMessage {\n        content\n        sender {\n          username\n        }\n      }\n      space {\n        id\n        name\n      }\n      members {\n        role\n        profile {\n          id\n          username\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvList($first: Int, $after: String, $spaceId: ID) {\n    conversations(first: $first, after: $after, spaceId: $spaceId) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          type\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConvList($first: Int, $after: String, $spaceId: ID) {\n    conversations(first: $first, after: $after, spaceId: $spaceId) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          type\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvAddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n      memberCount\n      members {\n        role\n        profile {\n          username\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConvAddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n      memberCount\n      members {\n        role\n        profile {\n          username\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"): (typeof documents)["\n  mutation ConvLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"): (typeof documents)["\n  mutation ConvSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvDeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      isDeleted\n    }\n  }\n"): (typeof documents)["\n  mutation ConvDeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      isDeleted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvCreateSpace($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation ConvCreateSpace($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvAddSpaceMember($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ConvAddSpaceMember($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EmbeddedInbox {\n    me {\n      username\n    }\n    conversations(first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          type\n          unreadCount\n          lastMessage {\n            content\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EmbeddedInbox {\n    me {\n      username\n    }\n    conversations(first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          type\n          unreadCount\n          lastMessage {\n            content\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EmbeddedPage($conversationId: ID!) {\n    messages(conversationId: $conversationId, last: 50) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EmbeddedPage($conversationId: ID!) {\n    messages(conversationId: $conversationId, last: 50) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EmbeddedSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n    }\n  }\n"): (typeof documents)["\n  mutation EmbeddedSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EmbeddedEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      content\n      editedAt\n    }\n  }\n"): (typeof documents)["\n  mutation EmbeddedEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      content\n      editedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EmbeddedDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      isDeleted\n    }\n  }\n"): (typeof documents)["\n  mutation EmbeddedDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      isDeleted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EmbeddedRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation EmbeddedRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EmbeddedSpace($name: String!) {\n    createSpace(input: { name: $name }) {\n      id\n      viewerRole\n    }\n  }\n"): (typeof documents)["\n  mutation EmbeddedSpace($name: String!) {\n    createSpace(input: { name: $name }) {\n      id\n      viewerRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EmbeddedGroup($spaceId: ID!) {\n    createConversation(input: { type: GROUP, name: \"Planning\", spaceId: $spaceId, memberIds: [] }) {\n      id\n      space {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EmbeddedGroup($spaceId: ID!) {\n    createConversation(input: { type: GROUP, name: \"Planning\", spaceId: $spaceId, memberIds: [] }) {\n      id\n      space {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GraphiqlCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"GraphiQL\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation GraphiqlCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"GraphiQL\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GraphiqlSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"): (typeof documents)["\n  mutation GraphiqlSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JobsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Ask the agent\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation JobsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Ask the agent\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JobsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation JobsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JobsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"): (typeof documents)["\n  mutation JobsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JobsSubmit($input: SubmitJobInput!) {\n    submitJob(input: $input) {\n      id\n      type\n      status\n      input\n      attempts\n      maxAttempts\n      priority\n      createdAt\n      startedAt\n      completedAt\n    }\n  }\n"): (typeof documents)["\n  mutation JobsSubmit($input: SubmitJobInput!) {\n    submitJob(input: $input) {\n      id\n      type\n      status\n      input\n      attempts\n      maxAttempts\n      priority\n      createdAt\n      startedAt\n      completedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobsGet($id: ID!) {\n    job(id: $id) {\n      id\n      type\n      status\n      input\n      output\n      error\n      progress\n      attempts\n      maxAttempts\n      priority\n      createdAt\n      startedAt\n      completedAt\n    }\n  }\n"): (typeof documents)["\n  query JobsGet($id: ID!) {\n    job(id: $id) {\n      id\n      type\n      status\n      input\n      output\n      error\n      progress\n      attempts\n      maxAttempts\n      priority\n      createdAt\n      startedAt\n      completedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobsList($first: Int, $after: String, $status: JobStatus) {\n    jobs(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query JobsList($first: Int, $after: String, $status: JobStatus) {\n    jobs(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          status\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JobsCancel($id: ID!) {\n    cancelJob(id: $id) {\n      id\n      status\n      output\n      error\n      attempts\n      startedAt\n      completedAt\n    }\n  }\n"): (typeof documents)["\n  mutation JobsCancel($id: ID!) {\n    cancelJob(id: $id) {\n      id\n      status\n      output\n      error\n      attempts\n      startedAt\n      completedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription JobsUpdated($id: ID!) {\n    jobUpdated(id: $id) {\n      id\n      status\n      output\n      error\n      attempts\n      progress\n    }\n  }\n"): (typeof documents)["\n  subscription JobsUpdated($id: ID!) {\n    jobUpdated(id: $id) {\n      id\n      status\n      output\n      error\n      attempts\n      progress\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription JobsAiResponse($conversationId: ID!) {\n    aiResponse(conversationId: $conversationId) {\n      jobId\n      delta\n      text\n      done\n      job {\n        id\n        status\n      }\n      agent {\n        username\n        type\n      }\n      conversation {\n        id\n      }\n      message {\n        id\n        content\n        type\n        sender {\n          username\n          type\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription JobsAiResponse($conversationId: ID!) {\n    aiResponse(conversationId: $conversationId) {\n      jobId\n      delta\n      text\n      done\n      job {\n        id\n        status\n      }\n      agent {\n        username\n        type\n      }\n      conversation {\n        id\n      }\n      message {\n        id\n        content\n        type\n        sender {\n          username\n          type\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription JobsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      type\n      sender {\n        username\n        type\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription JobsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      type\n      sender {\n        username\n        type\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobsMessages($conversationId: ID!) {\n    messages(conversationId: $conversationId, last: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          content\n          type\n          createdAt\n          sender {\n            username\n            type\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query JobsMessages($conversationId: ID!) {\n    messages(conversationId: $conversationId, last: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          content\n          type\n          createdAt\n          sender {\n            username\n            type\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobsMyStats {\n    me {\n      id\n      stats {\n        messagesSent\n        conversations\n        activeDays\n        lastActiveAt\n        computedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query JobsMyStats {\n    me {\n      id\n      stats {\n        messagesSent\n        conversations\n        activeDays\n        lastActiveAt\n        computedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JobsProfileStats($id: ID!) {\n    profile(id: $id) {\n      id\n      stats {\n        messagesSent\n      }\n    }\n  }\n"): (typeof documents)["\n  query JobsProfileStats($id: ID!) {\n    profile(id: $id) {\n      id\n      stats {\n        messagesSent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription JobsNotifications {\n    notifications {\n      type\n      message {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription JobsNotifications {\n    notifications {\n      type\n      message {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembersGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MembersGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MembersInbox {\n    conversations(first: 10) {\n      edges {\n        node {\n          id\n          members {\n            role\n            profile {\n              username\n              fullName\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MembersInbox {\n    conversations(first: 10) {\n      edges {\n        node {\n          id\n          members {\n            role\n            profile {\n              username\n              fullName\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembersAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MembersAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembersLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"): (typeof documents)["\n  mutation MembersLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembersRename($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MembersRename($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembersSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MembersSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembersRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MembersRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n"];
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MetricsGroup {\n    createConversation(input: { type: GROUP, name: \"Watched\", memberIds: [] }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MetricsGroup {\n    createConversation(input: { type: GROUP, name: \"Watched\", memberIds: [] }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MetricsTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n    }\n  }\n"): (typeof documents)["\n  subscription MetricsTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MetricsMessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      content\n    }\n  }\n"): (typeof documents)["\n  subscription MetricsMessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MetricsJob {\n    submitJob(input: { type: \"user-analytics\", input: {}, delayMs: 3600000 }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MetricsJob {\n    submitJob(input: { type: \"user-analytics\", input: {}, delayMs: 3600000 }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StoredNotificationsGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Offline\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation StoredNotificationsGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Offline\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StoredNotificationsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation StoredNotificationsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StoredNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          type\n          readAt\n          message {\n            content\n          }\n          conversation {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query StoredNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          type\n          readAt\n          message {\n            content\n          }\n          conversation {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StoredNotificationsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"): (typeof documents)["\n  mutation StoredNotificationsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StoredNotificationsAddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation StoredNotificationsAddMembers($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StoredNotificationsMarkRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation StoredNotificationsMarkRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CachedGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CachedGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CachedSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CachedSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CachedPage($conversationId: ID!, $last: Int) {\n    messages(conversationId: $conversationId, last: $last) {\n      totalCount\n      edges {\n        node {\n          id\n          content\n          isDeleted\n          editedAt\n          sender {\n            username\n            fullName\n          }\n          replyTo {\n            content\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CachedPage($conversationId: ID!, $last: Int) {\n    messages(conversationId: $conversationId, last: $last) {\n      totalCount\n      edges {\n        node {\n          id\n          content\n          isDeleted\n          editedAt\n          sender {\n            username\n            fullName\n          }\n          replyTo {\n            content\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PageWithConversation($conversationId: ID!) {\n    messages(conversationId: $conversationId) {\n      edges {\n        node {\n          content\n          conversation {\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PageWithConversation($conversationId: ID!) {\n    messages(conversationId: $conversationId) {\n      edges {\n        node {\n          content\n          conversation {\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CachedEdit($input: EditMessageInput!) {\n    editMessage(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CachedEdit($input: EditMessageInput!) {\n    editMessage(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CachedDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CachedDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CachedRename($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CachedRename($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CachedLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"): (typeof documents)["\n  mutation CachedLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PresenceSetup($name: String!) {\n    createSpace(input: { name: $name }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PresenceSetup($name: String!) {\n    createSpace(input: { name: $name }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PresenceAddToSpace($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PresenceAddToSpace($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PresenceGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Typing\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PresenceGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Typing\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PresenceSetTyping($conversationId: ID!, $isTyping: Boolean!) {\n    setTyping(conversationId: $conversationId, isTyping: $isTyping)\n  }\n"): (typeof documents)["\n  mutation PresenceSetTyping($conversationId: ID!, $isTyping: Boolean!) {\n    setTyping(conversationId: $conversationId, isTyping: $isTyping)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PresenceSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PresenceSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PresenceOnline($id: ID!) {\n    profile(id: $id) {\n      isOnline\n      lastSeenAt\n    }\n  }\n"): (typeof documents)["\n  query PresenceOnline($id: ID!) {\n    profile(id: $id) {\n      isOnline\n      lastSeenAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PresenceTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n      user {\n        username\n      }\n      conversation {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PresenceTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      isTyping\n      user {\n        username\n      }\n      conversation {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PresenceEvents($spaceId: ID!) {\n    presence(spaceId: $spaceId) {\n      status\n      lastSeenAt\n      user {\n        username\n        isOnline\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PresenceEvents($spaceId: ID!) {\n    presence(spaceId: $spaceId) {\n      status\n      lastSeenAt\n      user {\n        username\n        isOnline\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PresenceNotifications {\n    notifications {\n      type\n      message {\n        content\n      }\n      conversation {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PresenceNotifications {\n    notifications {\n      type\n      message {\n        content\n      }\n      conversation {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PresenceStoredNotifications {\n    notifications(first: 10) {\n      edges {\n        node {\n          message {\n            content\n          }\n          conversation {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PresenceStoredNotifications {\n    notifications(first: 10) {\n      edges {\n        node {\n          message {\n            content\n          }\n          conversation {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfilesMe {\n    me {\n      id\n      username\n      fullName\n      avatarUrl\n      type\n      settings\n      createdAt\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query ProfilesMe {\n    me {\n      id\n      username\n      fullName\n      avatarUrl\n      type\n      settings\n      createdAt\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfilesById($id: ID!) {\n    profile(id: $id) {\n      id\n      username\n      fullName\n      avatarUrl\n      type\n      settings\n    }\n  }\n"): (typeof documents)["\n  query ProfilesById($id: ID!) {\n    profile(id: $id) {\n      id\n      username\n      fullName\n      avatarUrl\n      type\n      settings\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProfilesUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n      username\n      fullName\n      avatarUrl\n      settings\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation ProfilesUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      id\n      username\n      fullName\n      avatarUrl\n      settings\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfilesEverywhere($id: ID!, $conversationId: ID!) {\n    profile(id: $id) {\n      ...WholeProfile\n    }\n    conversation(id: $conversationId) {\n      members {\n        profile {\n          ...WholeProfile\n        }\n      }\n      lastMessage {\n        sender {\n          ...WholeProfile\n        }\n      }\n    }\n    messages(conversationId: $conversationId, last: 5) {\n      edges {\n        node {\n          sender {\n            ...WholeProfile\n          }\n        }\n      }\n    }\n  }\n  fragment WholeProfile on Profile {\n    id\n    username\n    fullName\n    avatarUrl\n    type\n    settings\n    isOnline\n    lastSeenAt\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  query ProfilesEverywhere($id: ID!, $conversationId: ID!) {\n    profile(id: $id) {\n      ...WholeProfile\n    }\n    conversation(id: $conversationId) {\n      members {\n        profile {\n          ...WholeProfile\n        }\n      }\n      lastMessage {\n        sender {\n          ...WholeProfile\n        }\n      }\n    }\n    messages(conversationId: $conversationId, last: 5) {\n      edges {\n        node {\n          sender {\n            ...WholeProfile\n          }\n        }\n      }\n    }\n  }\n  fragment WholeProfile on Profile {\n    id\n    username\n    fullName\n    avatarUrl\n    type\n    settings\n    isOnline\n    lastSeenAt\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProfilesGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Profiles\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ProfilesGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Profiles\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ProfilesSend($conversationId: ID!) {\n    sendMessage(input: { conversationId: $conversationId, content: \"hello\" }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ProfilesSend($conversationId: ID!) {\n    sendMessage(input: { conversationId: $conversationId, content: \"hello\" }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LimitsGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Flood\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation LimitsGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Flood\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LimitsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation LimitsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LimitsTyping($conversationId: ID!) {\n    setTyping(conversationId: $conversationId, isTyping: true)\n  }\n"): (typeof documents)["\n  mutation LimitsTyping($conversationId: ID!) {\n    setTyping(conversationId: $conversationId, isTyping: true)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FaultCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Fault\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation FaultCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Fault\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FaultSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n      cursor\n    }\n  }\n"): (typeof documents)["\n  mutation FaultSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      content\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FaultPage($conversationId: ID!, $after: String) {\n    messages(conversationId: $conversationId, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FaultPage($conversationId: ID!, $after: String) {\n    messages(conversationId: $conversationId, first: 100, after: $after) {\n      edges {\n        node {\n          id\n          content\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FaultMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n    }\n  }\n"): (typeof documents)["\n  subscription FaultMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FaultSubmitAnalytics {\n    submitJob(input: { type: \"user-analytics\", input: {} }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation FaultSubmitAnalytics {\n    submitJob(input: { type: \"user-analytics\", input: {} }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FaultJobStatus($id: ID!) {\n    job(id: $id) {\n      status\n    }\n  }\n"): (typeof documents)["\n  query FaultJobStatus($id: ID!) {\n    job(id: $id) {\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RlsCreateConversation($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RlsCreateConversation($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RlsSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RlsSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RlsDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RlsDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RlsCreateSpace($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RlsCreateSpace($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ScaleOutNotifications {\n    notifications {\n      conversation {\n        id\n      }\n      message {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ScaleOutNotifications {\n    notifications {\n      conversation {\n        id\n      }\n      message {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleOutMe {\n    me {\n      id\n    }\n  }\n"): (typeof documents)["\n  query ScaleOutMe {\n    me {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleOutCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Scale out\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleOutCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Scale out\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleOutSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleOutSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleOutEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleOutEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleOutDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleOutDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleOutRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleOutRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleOutAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleOutAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleOutPage($conversationId: ID!, $after: String) {\n    messages(conversationId: $conversationId, first: 100, after: $after) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScaleOutPage($conversationId: ID!, $after: String) {\n    messages(conversationId: $conversationId, first: 100, after: $after) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ScaleOutMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n    }\n  }\n"): (typeof documents)["\n  subscription ScaleOutMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ScaleOutEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      __typename\n      seq\n      ... on MessageAdded {\n        message {\n          id\n        }\n      }\n      ... on MessageEdited {\n        message {\n          id\n          content\n        }\n      }\n      ... on ReadReceipt {\n        user {\n          id\n        }\n      }\n      ... on MessageDeleted {\n        message {\n          id\n          isDeleted\n        }\n      }\n      ... on MemberJoined {\n        user {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ScaleOutEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      __typename\n      seq\n      ... on MessageAdded {\n        message {\n          id\n        }\n      }\n      ... on MessageEdited {\n        message {\n          id\n          content\n        }\n      }\n      ... on ReadReceipt {\n        user {\n          id\n        }\n      }\n      ... on MessageDeleted {\n        message {\n          id\n          isDeleted\n        }\n      }\n      ... on MemberJoined {\n        user {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleOutSpace {\n    createSpace(input: { name: \"Scale out\" }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleOutSpace {\n    createSpace(input: { name: \"Scale out\" }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScaleOutAddToSpace($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ScaleOutAddToSpace($spaceId: ID!, $userId: ID!) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScaleOutOnline($id: ID!) {\n    profile(id: $id) {\n      isOnline\n    }\n  }\n"): (typeof documents)["\n  query ScaleOutOnline($id: ID!) {\n    profile(id: $id) {\n      isOnline\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ScaleOutPresence($spaceId: ID!) {\n    presence(spaceId: $spaceId) {\n      status\n      user {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ScaleOutPresence($spaceId: ID!) {\n    presence(spaceId: $spaceId) {\n      status\n      user {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SharedSettings {\n    updateMe(input: { settings: { theme: \"dark\" } }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SharedSettings {\n    updateMe(input: { settings: { theme: \"dark\" } }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SharedGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Shared\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SharedGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Shared\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SharedSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"): (typeof documents)["\n  mutation SharedSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SharedRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SharedRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SharedWatch($conversationId: ID!, $after: String, $withSender: Boolean!) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      content\n      sender @include(if: $withSender) {\n        username\n        settings\n      }\n      conversation {\n        unreadCount\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription SharedWatch($conversationId: ID!, $after: String, $withSender: Boolean!) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      content\n      sender @include(if: $withSender) {\n        username\n        settings\n      }\n      conversation {\n        unreadCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SpacesCreate($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n      name\n      description\n      type\n      isPublic\n      memberCount\n      viewerRole\n      createdAt\n      creator {\n        id\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SpacesCreate($input: CreateSpaceInput!) {\n    createSpace(input: $input) {\n      id\n      name\n      description\n      type\n      isPublic\n      memberCount\n      viewerRole\n      createdAt\n      creator {\n        id\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SpacesMine {\n    spaces {\n      id\n      name\n      viewerRole\n    }\n  }\n"): (typeof documents)["\n  query SpacesMine {\n    spaces {\n      id\n      name\n      viewerRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SpacesById($id: ID!) {\n    space(id: $id) {\n      id\n      name\n      isPublic\n      memberCount\n      viewerRole\n      creator {\n        id\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  query SpacesById($id: ID!) {\n    space(id: $id) {\n      id\n      name\n      isPublic\n      memberCount\n      viewerRole\n      creator {\n        id\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SpacesPublic($first: Int) {\n    publicSpaces(first: $first) {\n      id\n      name\n      isPublic\n      viewerRole\n    }\n  }\n"): (typeof documents)["\n  query SpacesPublic($first: Int) {\n    publicSpaces(first: $first) {\n      id\n      name\n      isPublic\n      viewerRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SpacesJoin($id: ID!) {\n    joinSpace(id: $id) {\n      id\n      memberCount\n      viewerRole\n    }\n  }\n"): (typeof documents)["\n  mutation SpacesJoin($id: ID!) {\n    joinSpace(id: $id) {\n      id\n      memberCount\n      viewerRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SpacesAddMember($spaceId: ID!, $userId: ID!, $role: SpaceRole) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId, role: $role) {\n      id\n      memberCount\n      viewerRole\n    }\n  }\n"): (typeof documents)["\n  mutation SpacesAddMember($spaceId: ID!, $userId: ID!, $role: SpaceRole) {\n    addSpaceMember(spaceId: $spaceId, userId: $userId, role: $role) {\n      id\n      memberCount\n      viewerRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaksCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Leaks\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation LeaksCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Leaks\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaksSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"): (typeof documents)["\n  mutation LeaksSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LeaksMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n    }\n  }\n"): (typeof documents)["\n  subscription LeaksMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LeaksEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      seq\n    }\n  }\n"): (typeof documents)["\n  subscription LeaksEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      seq\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LeaksReceipts($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      seq\n      ... on ReadReceipt {\n        user {\n          username\n        }\n        message {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription LeaksReceipts($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      seq\n      ... on ReadReceipt {\n        user {\n          username\n        }\n        message {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Live\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SubsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Live\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"): (typeof documents)["\n  mutation SubsSend($conversationId: ID!, $content: String!) {\n    sendMessage(input: { conversationId: $conversationId, content: $content }) {\n      id\n      cursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubsEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SubsEdit($id: ID!, $content: String!) {\n    editMessage(input: { id: $id, content: $content }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubsDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SubsDelete($id: ID!) {\n    deleteMessage(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubsRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SubsRead($conversationId: ID!, $messageId: ID!) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubsAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SubsAdd($conversationId: ID!, $userIds: [ID!]!) {\n    addConversationMembers(conversationId: $conversationId, userIds: $userIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"): (typeof documents)["\n  mutation SubsLeave($conversationId: ID!) {\n    leaveConversation(conversationId: $conversationId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SubsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n      sender {\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription SubsMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      id\n      content\n      cursor\n      sender {\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SubsEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      __typename\n      seq\n      cursor\n      ... on MessageAdded {\n        message {\n          content\n        }\n      }\n      ... on MessageEdited {\n        message {\n          content\n          editedAt\n        }\n      }\n      ... on MessageDeleted {\n        message {\n          isDeleted\n        }\n      }\n      ... on ReadReceipt {\n        user {\n          username\n        }\n        message {\n          id\n        }\n      }\n      ... on MemberJoined {\n        user {\n          username\n        }\n      }\n      ... on MemberLeft {\n        user {\n          username\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription SubsEvents($conversationId: ID!, $after: String) {\n    conversationEvents(conversationId: $conversationId, after: $after) {\n      __typename\n      seq\n      cursor\n      ... on MessageAdded {\n        message {\n          content\n        }\n      }\n      ... on MessageEdited {\n        message {\n          content\n          editedAt\n        }\n      }\n      ... on MessageDeleted {\n        message {\n          isDeleted\n        }\n      }\n      ... on ReadReceipt {\n        user {\n          username\n        }\n        message {\n          id\n        }\n      }\n      ... on MemberJoined {\n        user {\n          username\n        }\n      }\n      ... on MemberLeft {\n        user {\n          username\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrustedMe {\n    me {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  query TrustedMe {\n    me {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrustedStartGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation TrustedStartGroup($input: CreateConversationInput!) {\n    createConversation(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrustedSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation TrustedSend($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TrustedMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      content\n    }\n  }\n"): (typeof documents)["\n  subscription TrustedMessageAdded($conversationId: ID!, $after: String) {\n    messageAdded(conversationId: $conversationId, after: $after) {\n      content\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerFaultsMe {\n    me {\n      id\n    }\n  }\n"): (typeof documents)["\n  query WorkerFaultsMe {\n    me {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerFaultsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Worker faults\", memberIds: $members }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation WorkerFaultsCreateGroup($members: [ID!]!) {\n    createConversation(input: { type: GROUP, name: \"Worker faults\", memberIds: $members }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WorkerFaultsSubmit($input: JSON!) {\n    submitJob(input: { type: \"ai-chat\", input: $input }) {\n      id\n      status\n      maxAttempts\n    }\n  }\n"): (typeof documents)["\n  mutation WorkerFaultsSubmit($input: JSON!) {\n    submitJob(input: { type: \"ai-chat\", input: $input }) {\n      id\n      status\n      maxAttempts\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerFaultsJob($id: ID!) {\n    job(id: $id) {\n      id\n      status\n      attempts\n      maxAttempts\n      output\n      error\n      progress\n      startedAt\n      completedAt\n    }\n  }\n"): (typeof documents)["\n  query WorkerFaultsJob($id: ID!) {\n    job(id: $id) {\n      id\n      status\n      attempts\n      maxAttempts\n      output\n      error\n      progress\n      startedAt\n      completedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WorkerFaultsJobUpdated($id: ID!) {\n    jobUpdated(id: $id) {\n      id\n      status\n      attempts\n      output\n      error\n    }\n  }\n"): (typeof documents)["\n  subscription WorkerFaultsJobUpdated($id: ID!) {\n    jobUpdated(id: $id) {\n      id\n      status\n      attempts\n      output\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkerFaultsMessages($conversationId: ID!) {\n    messages(conversationId: $conversationId, first: 50) {\n      edges {\n        node {\n          id\n          content\n          type\n          clientMessageId\n          sender {\n            id\n            type\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WorkerFaultsMessages($conversationId: ID!) {\n    messages(conversationId: $conversationId, first: 50) {\n      edges {\n        node {\n          id\n          content\n          type\n          clientMessageId\n          sender {\n            id\n            type\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;