/**
 * Objects of the Weiliao client contract (shared/protocol.md §1, §5). Their shapes are generated
 * from the server's catalogue into contract.ts; the aliases here are those shapes, so a field the
 * server adds, drops or retypes changes them too. Only `Message.content` is widened, on purpose:
 * the UI reads a content's fields by its message's kind.
 */
import type * as Contract from './contract';

export type {
  CallContent,
  CallResult,
  ContactRequest,
  FileContent,
  ImageContent,
  MessageKind,
  Quote,
  RequestStatus,
  SystemContent,
  TextContent,
  User,
  VoiceContent,
} from './contract';

export type Contact = Contract.Contact;
/** A message's content: which of these fields it has is its kind's (the contract's content shapes). */
export type MessageContent = Partial<Contract.TextContent & Contract.ImageContent & Contract.FileContent
  & Contract.VoiceContent & Contract.CallContent & Contract.SystemContent>;
/** The contract's message, its content read as the union of every kind's fields (null once recalled). */
export type Message = Omit<Contract.Message, 'content'> & { content: MessageContent | null };
export type Group = Contract.Group;

/** How many people a group has, from a summary or a full group. */
export function memberCountOf(group: Group | null | undefined): number {
  return group?.memberCount ?? group?.members.length ?? 0;
}

/** The contract's conversation, its last message read as {@link Message}. */
export type Conversation = Omit<Contract.Conversation, 'lastMessage'> & { lastMessage: Message | null };

export interface AuthResponse {
  user: Contract.User;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export type IceServer = Contract.IceServer;

export interface HistoryPage { messages: Message[]; hasMore: boolean }

/** One page of the conversation list (contract 5.1): `next` continues it while `hasMore`. */
export interface ConversationPage { conversations: Conversation[]; hasMore?: boolean; next?: string }

export interface SessionReady extends ConversationPage { user: Contract.User; serverTime: number }
