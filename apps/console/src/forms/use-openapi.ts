import { useQuery, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import { Refusal } from '../query';
import type { OpenApiDocument } from './openapi';

/** The API's OpenAPI document (GET /docs-json), read once per session and kept: it changes only with a new release. */
export function useOpenApi(): UseQueryResult<OpenApiDocument, Refusal> {
  return useQuery<OpenApiDocument, Refusal>({
    queryKey: ['openapi'],
    staleTime: Infinity,
    gcTime: Infinity,
    queryFn: async () => {
      const response = await fetch('/docs-json').catch(() => undefined);
      if (!response?.ok) throw new Refusal(response?.status ?? 0, 'The description of the API’s commands cannot be read; reload the page.');
      return (await response.json()) as OpenApiDocument;
    },
  });
}

/** Reads again every cached answer but the OpenAPI document (the instance, its history and deadlines, the lists): after a command, or a reload. */
export const readAgain = (queryClient: QueryClient): Promise<void> => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'openapi' });
