import { useState } from 'react';
import { apiWith } from './api';
import { CoePage } from './coe-page';
import { Link } from './link';
import { Portfolio } from './portfolio';
import { portfolioHref, useRoute } from './router';
import { forgetKey, keepKey, storedKey } from './session';
import { SignIn } from './sign-in';

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
  const api = apiWith(key);
  const signOut = () => {
    forgetKey();
    setKey(null);
  };
  return (
    <>
      <header className="bar">
        <nav aria-label="Main">
          <Link href={portfolioHref()}>Portfolio: COEs</Link>
        </nav>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>{route.page === 'coe' ? <CoePage api={api} id={route.id} /> : <Portfolio api={api} offset={route.offset} />}</main>
    </>
  );
}
