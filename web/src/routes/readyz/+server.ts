import type { RequestHandler } from './$types';

/**
 * Readiness. The web server depends on nothing it must wait for: the gateway is called per request, and
 * its unavailability is the gateway's own readiness to report.
 */
export const GET: RequestHandler = () =>
  Response.json({ status: 'ok', checks: {} }, { headers: { 'cache-control': 'no-store' } });
