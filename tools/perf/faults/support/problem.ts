/** Why an answer breaks the error contract (no 5xx; every 4xx an RFC 9457 problem), or undefined if it keeps it. */
export function contractBreach(
  status: number,
  contentType: string | undefined,
  body: string,
): string | undefined {
  if (status === 0) return 'no answer: the connection was dropped';
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return undefined;
  if (!contentType?.startsWith('application/problem+json'))
    return `${status} as ${contentType ?? 'no content type'}`;
  try {
    const problem = JSON.parse(body) as { status?: unknown; title?: unknown };
    if (problem.status !== status) return `${status} with problem.status ${String(problem.status)}`;
    if (typeof problem.title !== 'string') return `${status} problem without a title`;
  } catch {
    return `${status} problem+json that is not JSON`;
  }
  return undefined;
}
