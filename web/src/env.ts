// The web server's own environment (SvelteKit 3: validated when the server starts; read through
// `$app/env/private`). adapter-node reads HOST, PORT, PROTOCOL_HEADER, HOST_HEADER... itself; see web/README.md.
import { defineEnvVars } from '@sveltejs/kit/env';
import { parseApiBaseUrl } from '#lib/server/api-client.ts';

export const variables = defineEnvVars({
  API_URL: {
    description: 'Base URL of the gateway for server-side API calls (default http://127.0.0.1:8080).',
    schema: (value) => parseApiBaseUrl(value).href,
  },
});
