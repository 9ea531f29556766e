import { QueryClient, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { refusal } from './api';
import type { components } from './api-schema';

/** What the API sends with a refusal (application/problem+json); `fields` names the fields at fault. */
export type Problem = components['schemas']['ProblemDto'];

/** A read or a command the API refused (or could not be asked): a sentence for the person, and the problem as sent. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem?: Problem,
  ) {
    super(message);
  }
}

interface Reply<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or a Refusal saying what went wrong in words. */
export async function answerOf<T>(reply: Promise<Reply<T>>): Promise<T> {
  let settled: Reply<T>;
  try {
    settled = await reply;
  } catch {
    throw new Refusal(0, 'The server cannot be reached.');
  }
  const { data, error, response } = settled;
  if (response.ok && data !== undefined) return data;
  const problem = typeof error === 'object' && error !== null ? (error as Problem) : undefined;
  throw new Refusal(response.status, refusal(response.status, problem?.detail), problem);
}

/** The console's cache: answers stay fresh for 10 s; a refusal is not retried (it would be refused again), a lost connection once. */
export const newQueryClient = (): QueryClient =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => failures < 1 && error instanceof Refusal && error.status === 0,
      },
    },
  });

/** One API read through the cache: `key` names what is read (path and parameters), so two views asking the same share one request. */
export function useRead<T>(key: readonly unknown[], read: () => Promise<Reply<T>>, options: { enabled?: boolean } = {}): UseQueryResult<T, Refusal> {
  return useQuery<T, Refusal>({ queryKey: key, queryFn: () => answerOf(read()), enabled: options.enabled });
}

/** A read's three faces: loading (a status line), refused (an alert with the reason) or its data. */
export function Loaded<T>({ query, children }: { query: UseQueryResult<T, Refusal>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <p role="status">Loading…</p>;
  if (query.isError) return <p role="alert">{query.error.message}</p>;
  return <>{children(query.data)}</>;
}
