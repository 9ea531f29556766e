import { useMemo, useState } from 'react';
import { apiWith, type Api } from './api';
import { CoePage } from './coe-page';
import { Link } from './link';
import { Portfolio } from './portfolio';
import { portfolioHref, useRoute, type Route } from './router';
import { forgetKey, keepKey, storedKey } from './session';
import { SignIn } from './sign-in';
import { useAnswer } from './use-answer';

export function App() {
  const [key, setKey] = useState(storedKey);
  const route = useRoute();
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
  return <SignedIn apiKey={key} route={route} onSignOut={signOut} />;
}

function SignedIn({ apiKey, route, onSignOut }: { apiKey: string; route: Route; onSignOut: () => void }) {
  const api = useMemo(() => apiWith(apiKey), [apiKey]);
  return (
    <>
      <header className="bar">
        <nav aria-label="Main">
          <Link href={portfolioHref()}>Portfolio: COEs</Link>
        </nav>
        <Identity api={api} />
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main>{route.page === 'coe' ? <CoePage api={api} id={route.id} /> : <Portfolio api={api} offset={route.offset} />}</main>
    </>
  );
}

/** Who is signed in: the key's principal and role (GET /me). */
function Identity({ api }: { api: Api }) {
  const me = useAnswer(() => api.GET('/me'), [api]);
  if (me.state !== 'ok') return null;
  return (
    <p className="identity">
      Signed in as <strong>{me.data.principal}</strong> ({me.data.role})
    </p>
  );
}
