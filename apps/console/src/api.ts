import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './api-schema';

/** The media types the console reads as JSON: answers and problems. */
type JsonMedia = 'application/json' | 'application/problem+json';
export type Api = Client<paths, JsonMedia>;

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
