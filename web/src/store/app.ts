import { create } from 'zustand';
import type { SocketState } from '../api/socket';
import { chatReducer, emptyChatState, type ChatAction, type ChatState } from './chatReducer';

export type AuthState = 'unknown' | 'out' | 'in';

export interface AppState extends ChatState {
  auth: AuthState;
  conn: SocketState;
  /** the socket has been ready at least once in this session (so a drop is a "reconnect") */
  everConnected: boolean;
  /** clientMsgId -> error code of a failed send */
  sendErrors: Record<string, string>;
  dispatch: (action: ChatAction) => void;
}

/** The whole client state: the chat reducer's state plus login and connection status. */
export const useApp = create<AppState>((set) => ({
  ...emptyChatState,
  auth: 'unknown',
  conn: 'idle',
  everConnected: false,
  sendErrors: {},
  dispatch: (action) => set((s) => chatReducer(s, action)),
}));

export const dispatch = (action: ChatAction): void => useApp.getState().dispatch(action);
