import { useEffect, useState } from 'react';
import { refusal } from './api';

export type Answer<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ok'; data: T };

interface Reply<T> {
  data?: T;
  error?: { detail?: string };
  response: Response;
}

/** One API read, redone when `deps` change; a refusal becomes a sentence. */
export function useAnswer<T>(read: () => Promise<Reply<T>>, deps: unknown[]): Answer<T> {
  const [answer, setAnswer] = useState<Answer<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setAnswer({ state: 'loading' });
    read().then(
      ({ data, error, response }) => {
        if (!current) return;
        setAnswer(data !== undefined ? { state: 'ok', data } : { state: 'failed', message: refusal(response.status, error?.detail) });
      },
      () => current && setAnswer({ state: 'failed', message: 'The server cannot be reached.' }),
    );
    return () => {
      current = false;
    };
  }, deps);
  return answer;
}
