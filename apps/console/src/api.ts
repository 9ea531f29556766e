import createClient, { type Client } from 'openapi-fetch';
import { createContext, useContext } from 'react';
import type { components, paths } from './api-schema';

/** The media types the console reads as JSON: answers and problems. */
type JsonMedia = 'application/json' | 'application/problem+json';
export type Api = Client<paths, JsonMedia>;
export type Role = components['schemas']['MeDto']['role'];

/** The API (same origin as the console) through the client typed from its OpenAPI document, with this key. */
export function apiWith(key: string): Api {
  const client = createClient<paths, JsonMedia>({ baseUrl: window.location.origin });
  client.use({
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${key}`);
      return request;
    },
  });
  return client;
}

/** What a refused request means to the person at the keyboard. */
export function refusal(status: number, detail?: string): string {
  if (status === 401) return 'This API key is not recognised. Check it and try again.';
  if (status === 403) return 'This API key’s role may not see this page.';
  if (status === 429) return 'Too many attempts. Wait a minute and try again.';
  return detail ?? `The server answered ${status}.`;
}

/** The signed-in tab's API client and who holds the key (GET /me). */
export interface Session {
  readonly api: Api;
  readonly key: string;
  readonly principal: string;
  readonly role: Role;
}

export const SessionContext = createContext<Session | null>(null);

/** The session of the signed-in tab (every view below the sign-in has one). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}
