// How the emulated servers read a request, independently of @authplug/core: the platform's
// URLSearchParams over the query string and, for form posts, the body — as a PHP, Python or
// Java server would.

/** Query parameters followed by form-body fields, repeats kept, in order. */
export async function requestParams(request: Request): Promise<[string, string][]> {
  const params = [...new URL(request.url).searchParams];
  const type = request.headers.get('content-type') ?? '';
  if (
    request.method !== 'GET' &&
    request.method !== 'HEAD' &&
    type.toLowerCase().includes('x-www-form-urlencoded')
  ) {
    params.push(...new URLSearchParams(await request.clone().text()));
  }
  return params;
}

/** Equal-length constant-time comparison of two strings (signature checks). */
export function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
