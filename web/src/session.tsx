import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ApiError, api, onSessionLost, type SessionInfo, setCsrfToken } from './api.ts';
import { navigate } from './router.tsx';
import { deleteAllDrafts } from './signals/draft.ts';

type Notice = 'sessionExpired' | 'loggedOut' | null;

interface SessionState {
  status: 'loading' | 'anonymous' | 'authenticated';
  session: SessionInfo | null;
  /** Why the user is back on the login page, if there is something to say. */
  notice: Notice;
  login(email: string, password: string, totp?: string): Promise<void>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [status, setStatus] = useState<SessionState['status']>('loading');
  const [notice, setNotice] = useState<Notice>(null);
  const loggedIn = useRef(false);

  const accept = useCallback((info: SessionInfo | null) => {
    loggedIn.current = info !== null;
    setCsrfToken(info?.csrfToken ?? '');
    setSession(info);
    setStatus(info ? 'authenticated' : 'anonymous');
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await api<SessionInfo>('GET', '/auth/me'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) accept(null);
      else throw error;
    }
  }, [accept]);

  useEffect(() => {
    onSessionLost(() => {
      // Only a session that existed can expire; the first /auth/me of a visitor is just "not logged in".
      if (!loggedIn.current) return;
      setNotice('sessionExpired');
      accept(null);
    });
    refresh().catch(() => accept(null));
  }, [accept, refresh]);

  const value = useMemo<SessionState>(
    () => ({
      status,
      session,
      notice,
      refresh,
      login: async (email, password, totp) => {
        const info = await api<SessionInfo>('POST', '/auth/login', {
          body: { email, password, ...(totp ? { totp } : {}) },
        });
        setNotice(null);
        accept(info);
      },
      logout: async () => {
        deleteAllDrafts();
        try {
          await api('POST', '/auth/logout', { body: {} });
        } finally {
          setNotice('loggedOut');
          accept(null);
          // The next person to log in starts at their own start page, not at this user's last page.
          navigate('/', { replace: true });
        }
      },
    }),
    [status, session, notice, refresh, accept],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The logged-in session; only for pages rendered behind the login. */
export function useAuthenticated(): SessionInfo {
  const { session } = useSession();
  if (!session) throw new Error('useAuthenticated without a session');
  return session;
}
