import type { AuthResponse } from '@authplug/core';
import type { AxiosResponse } from 'axios';

/**
 * The core response view of an axios response (data not yet transformed at adapter level).
 *
 * @example
 * ```ts
 * const verdict = await strategy.inspect?.(toAuthResponse(response), request, { attempt: 0 });
 * ```
 */
export function toAuthResponse(response: AxiosResponse): AuthResponse {
  return {
    status: response.status,
    headers: { get: (name: string) => stringHeader(response.headers[name.toLowerCase()]) },
    async text(): Promise<string> {
      const { data } = response;
      if (typeof data === 'string') return data;
      if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
      return data === undefined || data === null ? '' : JSON.stringify(data);
    },
  };
}

function stringHeader(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}
