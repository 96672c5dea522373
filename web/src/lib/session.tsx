/**
 * The session of this tab: who is signed in (from GET /api/me, or from signing in), at which stage,
 * and the spaces they belong to; signing out. Pages read it with useSession, or useUser where the
 * router only shows them to someone signed in.
 */
import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, hasCsrfToken, onSessionLost, setCsrfToken } from './api.ts';
import type { Reply } from './api-schema.ts';
import { learnOrganisations } from './countries.ts';
import { chosenLanguage, useI18n } from './i18n/index.tsx';
import { forgetOfflineCopies } from './offline.ts';
import { forgetTabValues } from './storage.ts';

/** Who is signed in, with the spaces they belong to and their session (GET /api/me). */
export type Me = Reply<'/api/me', 'get'>;
export type User = Me['user'];
export type Role = User['roles'][number];
/** A space I belong to, as /api/me lists it. */
export type MySpace = Me['spaces'][number];
export type SpaceRole = MySpace['role'];
/** What signing in (or accepting an invitation) answers: the user, the CSRF token, the stage. */
export type SignedIn = Reply<'/api/session', 'post', 200>;
export type Stage = SignedIn['stage'];

const fetchMe = () => api<Me>('GET', '/api/me');
/**
 * The registered organisations' names (partners are configured, not in the code), learned before the
 * screens that name them are drawn; without them (offline, an error) a code stands for its name.
 */
const learnNames = () =>
  api<{ code: string; country: string; nameEs: string; nameEn: string }[]>('GET', '/api/organisations?status=all').then(
    learnOrganisations,
    () => undefined,
  );

export type SessionState =
  | { status: 'loading' }
  /** Why, when it just happened: `ended` by the server (expired, revoked elsewhere), or `signedOut` here. */
  | { status: 'signedOut'; reason?: 'ended' | 'signedOut' }
  | { status: 'signedIn'; user: User; stage: Stage };

interface SessionContext {
  state: SessionState;
  /** The spaces I belong to (from /api/me), or null until they are known. */
  spaces: MySpace[] | null;
  /** Asks the server again, after a change to memberships. */
  refreshSpaces: () => void;
  /** After sign-in, invitation acceptance or enrolment: the new CSRF token, the user, the stage. */
  signedIn: (result: SignedIn) => void;
  updateUser: (user: User) => void;
  /** Asks the server to end this session, then forgets it here. */
  signOut: () => Promise<void>;
  /** Forgets the session here only (the server already ended it); `signedOut` when the person asked for it. */
  forget: (reason?: 'signedOut') => void;
}

const Context = createContext<SessionContext | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const { setLang } = useI18n();
  // Without a CSRF token this tab cannot act for a session, so there is nothing to ask the server.
  const [state, setState] = useState<SessionState>(() => (hasCsrfToken() ? { status: 'loading' } : { status: 'signedOut' }));
  const [spaces, setSpaces] = useState<MySpace[] | null>(null);
  const [spacesVersion, setSpacesVersion] = useState(0);
  const leaving = useRef(false);

  // The account's language applies unless someone picked one with the switch in this browser.
  const adoptLanguage = useCallback(
    (user: User) => {
      if (!chosenLanguage()) setLang(user.language, { remember: false });
    },
    [setLang],
  );

  useEffect(() => {
    // A request that was under way while the person signed out comes back 401: that is their own sign-out, not an end.
    onSessionLost(() => {
      void forgetOfflineCopies();
      if (!leaving.current) setState({ status: 'signedOut', reason: 'ended' });
    });
    if (!hasCsrfToken()) return;
    fetchMe()
      .then((me) => (me.session.stage === 'full' ? learnNames().then(() => me) : me))
      .then(
        (me) => {
          // A stored copy (offline) outlives no session: past its end, the person signs in again.
          if (Date.parse(me.session.expiresAt) <= Date.now()) {
            void forgetOfflineCopies();
            setState({ status: 'signedOut', reason: 'ended' });
            return;
          }
          adoptLanguage(me.user);
          setSpaces(me.spaces);
          setState({ status: 'signedIn', user: me.user, stage: me.session.stage });
        },
        (err: unknown) => {
          // A server that cannot be reached says nothing about the session: keep the token for a reload.
          if (!(err instanceof ApiError && err.code === 'network')) {
            setCsrfToken(null);
            void forgetOfflineCopies();
          }
          setState((current) => (current.status === 'signedOut' ? current : { status: 'signedOut' }));
        },
      );
  }, [adoptLanguage]);

  // Sign-in answers with the user only: the spaces come from /api/me once the second factor is done,
  // and again whenever a page says memberships changed.
  const fullUserId = state.status === 'signedIn' && state.stage === 'full' ? state.user.id : null;
  useEffect(() => {
    if (!fullUserId || (spaces !== null && spacesVersion === 0)) return;
    let current = true;
    // The registered organisations' names come along (partners are configured, not in the code).
    Promise.all([fetchMe(), learnNames()]).then(
      ([me]) => {
        if (current) setSpaces(me.spaces);
      },
      () => {
        if (current) setSpaces((known) => known ?? []);
      },
    );
    return () => {
      current = false;
    };
  }, [fullUserId, spacesVersion]);
  useEffect(() => {
    if (state.status === 'signedOut') {
      setSpaces(null);
      setSpacesVersion(0);
      // What this tab kept for the one signed in (the words of their searches) goes with them.
      forgetTabValues();
    }
  }, [state.status]);

  const value = useMemo<SessionContext>(
    () => ({
      state,
      spaces,
      refreshSpaces() {
        setSpacesVersion((v) => v + 1);
      },
      signedIn(result) {
        // Whoever used this browser before: none of their stored copies is shown to this account.
        void forgetOfflineCopies();
        setCsrfToken(result.csrfToken);
        adoptLanguage(result.user);
        leaving.current = false;
        setSpaces(null);
        setSpacesVersion(0);
        setState({ status: 'signedIn', user: result.user, stage: result.stage });
      },
      updateUser(user) {
        setState((current) => (current.status === 'signedIn' ? { ...current, user } : current));
      },
      async signOut() {
        leaving.current = true;
        try {
          await api<void>('DELETE', '/api/session');
        } finally {
          setCsrfToken(null);
          await forgetOfflineCopies();
          setState({ status: 'signedOut', reason: 'signedOut' });
        }
      },
      forget(reason) {
        setCsrfToken(null);
        void forgetOfflineCopies();
        setState(reason ? { status: 'signedOut', reason } : { status: 'signedOut' });
      },
    }),
    [state, spaces, adoptLanguage],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user, for pages the router only shows when someone is signed in. */
export function useUser(): User {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useUser without a signed-in user');
  return state.user;
}
