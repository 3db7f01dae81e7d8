/**
 * The web app's session cookies, named once for the web server (which sets them) and the gateway (which
 * accepts the access token from them).
 *
 * `__Host-`: a browser keeps such a cookie only when it is Secure, has Path=/ and no Domain, so no sibling
 * subdomain and no plain-http page can plant or overwrite a session (cookie tossing, session fixation).
 * They are therefore always Secure: an https origin, or http://localhost, which Chromium and Firefox treat as
 * a secure context. Plain http to any other host cannot hold a session, by design (it would carry the tokens
 * in clear).
 */
export const accessTokenCookie = '__Host-access_token';
export const refreshTokenCookie = '__Host-refresh_token';
