import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiWith, SessionContext, useSession } from './api';
import { Link } from './link';
import { homeOf, PAGES, type PageSpec } from './pages';
import { Loaded, newQueryClient, useRead } from './query';
import { BASE, useRoute, type Page } from './router';
import { forgetKey, keepKey, storedKey } from './session';
import { SignIn } from './sign-in';

export function App() {
  const [key, setKey] = useState(storedKey);
  // One cache per signed-in key: signing out drops every answer read with it.
  const queryClient = useMemo(newQueryClient, [key]);
  if (!key) {
    return (
      <main className="narrow">
        <SignIn
          onSignedIn={(accepted) => {
            keepKey(accepted);
            setKey(accepted);
          }}
        />
      </main>
    );
  }
  const signOut = () => {
    forgetKey();
    setKey(null);
  };
  return (
    <QueryClientProvider client={queryClient}>
      <SignedIn apiKey={key} onSignOut={signOut} />
    </QueryClientProvider>
  );
}

function SignedIn({ apiKey, onSignOut }: { apiKey: string; onSignOut: () => void }) {
  const api = useMemo(() => apiWith(apiKey), [apiKey]);
  const me = useRead(['me'], () => api.GET('/me'));
  return (
    <Loaded query={me}>
      {({ principal, role }) => (
        <SessionContext.Provider value={{ api, key: apiKey, principal, role }}>
          <Console onSignOut={onSignOut} />
        </SessionContext.Provider>
      )}
    </Loaded>
  );
}

function Console({ onSignOut }: { onSignOut: () => void }) {
  const route = useRoute();
  const { principal, role } = useSession();
  const navigation = (Object.entries(PAGES) as [Page, PageSpec][]).filter(([, spec]) => spec.nav && spec.roles.includes(role));
  const shown = (route.landing ? homeOf(role) : undefined) ?? route.page;
  const spec = PAGES[shown];
  return (
    <>
      <header className="bar">
        <nav aria-label="Main">
          <ul>
            {navigation.map(([page, { nav }]) => (
              <li key={page}>
                <Link href={`${BASE}${nav?.path ?? ''}`} current={shown === page}>
                  {nav?.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p className="identity">
          Signed in as <strong>{principal}</strong> ({role})
        </p>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main>{spec?.roles.includes(role) ? spec.render(route) : <p role="alert">This page is not open to the {role} role.</p>}</main>
    </>
  );
}
