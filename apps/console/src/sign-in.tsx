import { useState, type FormEvent } from 'react';
import { apiWith, refusal } from './api';

/** An API key typed into a password field, checked against the API before it is kept. */
export function SignIn({ onSignedIn }: { onSignedIn: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = key.trim();
    if (!typed) return setError('Type your API key.');
    setChecking(true);
    try {
      const { response, error: problem } = await apiWith(typed).GET('/me');
      if (response.ok) return onSignedIn(typed);
      setError(refusal(response.status, problem?.detail));
    } catch {
      setError('The server cannot be reached.');
    } finally {
      setChecking(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <h1>Sign in to the APO console</h1>
      <label htmlFor="api-key">API key</label>
      <input
        id="api-key"
        type="password"
        autoComplete="current-password"
        value={key}
        onChange={(event) => setKey(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'api-key-error' : 'api-key-help'}
        autoFocus
      />
      {error ? (
        <p id="api-key-error" className="error" role="alert">
          {error}
        </p>
      ) : (
        <p id="api-key-help" className="help">
          The key you were given (kept in this tab only, until you sign out or close it).
        </p>
      )}
      <button type="submit" disabled={checking}>
        Sign in
      </button>
    </form>
  );
}
