// Someone else's client against Tokenscope's sandbox: panva's openid-client (pinned in
// package.json / package-lock.json) runs discovery, code + PKCE with the login and consent
// pages submitted over HTTP, client credentials, refresh with rotation and reuse detection,
// UserInfo, introspection and revocation against `tokenscope-cli sandbox`.
// Usage: node sandbox-interop.mjs ISSUER   (exit 0 when every step behaved, 1 otherwise)
import * as client from 'openid-client';
import assert from 'node:assert/strict';

const issuer = process.argv[2];
if (!issuer) {
  console.error('usage: node sandbox-interop.mjs ISSUER');
  process.exit(2);
}
const insecure = { execute: [client.allowInsecureRequests] }; // the sandbox is http on 127.0.0.1
const redirectUri = 'http://127.0.0.1:41234/callback'; // loopback: any port is accepted
let steps = 0;
const step = (name) => { steps += 1; console.log(`ok ${steps} - ${name}`); };

// Plays the user: GET the authorization URL, submit the login form as `login`, allow on the
// consent page; returns the URL the browser would be sent to.
async function signIn(authorizationUrl, login) {
  const first = await fetch(authorizationUrl, { redirect: 'manual' });
  assert.equal(first.status, 200, 'the authorization endpoint shows the login page');
  const loginPage = await first.text();
  const interaction = /name="interaction" value="([^"]+)"/.exec(loginPage)?.[1];
  assert.ok(interaction, 'the login page carries an interaction id');
  const post = (path, fields) => fetch(new URL(path, issuer), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
  const consent = await post('/login', { interaction, login });
  assert.equal(consent.status, 200, 'the login form leads to the consent page');
  assert.match(await consent.text(), /<li>openid<\/li>/, 'the consent page lists the scopes');
  const done = await post('/consent', { interaction, decision: 'allow' });
  assert.equal(done.status, 302, 'consent redirects to the client');
  return new URL(done.headers.get('location'));
}

async function main() {
  // Discovery, both documents.
  const pub = await client.discovery(new URL(issuer), 'sandbox-public', undefined, client.None(), insecure);
  assert.equal(pub.serverMetadata().issuer, issuer);
  assert.equal(pub.serverMetadata().authorization_response_iss_parameter_supported, true);
  step('OpenID discovery');
  const oauth = await client.discovery(new URL(issuer), 'sandbox-service', 'sandbox-secret',
    client.ClientSecretBasic('sandbox-secret'), { ...insecure, algorithm: 'oauth2' });
  assert.equal(oauth.serverMetadata().token_endpoint, `${issuer}/token`);
  step('RFC 8414 discovery');

  // Authorization code + PKCE S256, public client, the Chinese test user.
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const authorizationUrl = client.buildAuthorizationUrl(pub, {
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const callback = await signIn(authorizationUrl, 'li.lei');
  assert.equal(callback.searchParams.get('iss'), issuer, 'iss in the authorization response');
  const tokens = await client.authorizationCodeGrant(pub, callback, {
    pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true,
  });
  const claims = tokens.claims(); // signature, iss, aud, exp, iat, nonce checked by openid-client
  assert.equal(claims.sub, 'li.lei');
  assert.equal(claims.name, '李雷');
  assert.ok(claims.auth_time && claims.sid, 'auth_time and sid');
  assert.ok(tokens.refresh_token, 'a refresh token');
  step('authorization code + PKCE S256 (ID token validated by openid-client)');

  // The code again: invalid_grant, and what it gave is revoked (RFC 6749 §4.1.2) — checked
  // below after the refresh part on a fresh grant, so here only the error.
  await assert.rejects(
    client.authorizationCodeGrant(pub, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }),
    (e) => e.error === 'invalid_grant');
  step('a code redeemed twice is invalid_grant');
  await assert.rejects(client.fetchUserInfo(pub, tokens.access_token, 'li.lei'),
    (e) => e instanceof client.WWWAuthenticateChallengeError || e.status === 401);
  step('the replayed code revoked its access token');

  // A fresh grant for UserInfo and refresh rotation.
  const verifier2 = client.randomPKCECodeVerifier();
  const state2 = client.randomState();
  const url2 = client.buildAuthorizationUrl(pub, {
    redirect_uri: redirectUri, scope: 'openid profile email offline_access', state: state2,
    code_challenge: await client.calculatePKCECodeChallenge(verifier2), code_challenge_method: 'S256',
  });
  const tokens2 = await client.authorizationCodeGrant(pub, await signIn(url2, 'alice'), {
    pkceCodeVerifier: verifier2, expectedState: state2,
  });
  const info = await client.fetchUserInfo(pub, tokens2.access_token, 'alice');
  assert.equal(info.name, 'Alice Liddell');
  assert.equal(info.email, 'alice@example.com');
  step('UserInfo');

  const rotated = await client.refreshTokenGrant(pub, tokens2.refresh_token);
  assert.ok(rotated.refresh_token && rotated.refresh_token !== tokens2.refresh_token, 'rotated');
  assert.equal(rotated.claims().sub, 'alice');
  step('refresh with rotation');
  await assert.rejects(client.refreshTokenGrant(pub, tokens2.refresh_token),
    (e) => e.error === 'invalid_grant');
  step('the old refresh token is rejected');
  await assert.rejects(client.refreshTokenGrant(pub, rotated.refresh_token),
    (e) => e.error === 'invalid_grant');
  step('reuse revoked the grant: the new refresh token is rejected too');

  // A confidential client whose ID tokens are signed with EdDSA (Ed25519), and one with
  // ES256: openid-client checks the signature with the key from the sandbox's JWKS.
  for (const [id, alg, auth] of [['sandbox-eddsa', 'EdDSA', client.ClientSecretBasic('sandbox-secret')],
                                 ['sandbox-post', 'ES256', client.ClientSecretPost('sandbox-secret')]]) {
    const confidential = await client.discovery(new URL(issuer), id,
      { client_secret: 'sandbox-secret', id_token_signed_response_alg: alg }, auth, insecure);
    const v = client.randomPKCECodeVerifier();
    const s = client.randomState();
    const n = client.randomNonce();
    const u = client.buildAuthorizationUrl(confidential, {
      redirect_uri: redirectUri, scope: 'openid profile', state: s, nonce: n,
      code_challenge: await client.calculatePKCECodeChallenge(v), code_challenge_method: 'S256',
    });
    const t = await client.authorizationCodeGrant(confidential, await signIn(u, 'bob'), {
      pkceCodeVerifier: v, expectedState: s, expectedNonce: n, idTokenExpected: true,
    });
    assert.equal(t.claims().sub, 'bob');
    assert.equal(JSON.parse(Buffer.from(t.id_token.split('.')[0], 'base64url')).alg, alg);
    step(`authorization code, ${id}, ID token ${alg}`);
  }

  // Client credentials, introspection, revocation (confidential clients).
  const service = await client.discovery(new URL(issuer), 'sandbox-service', 'sandbox-secret',
    client.ClientSecretBasic('sandbox-secret'), insecure);
  const cc = await client.clientCredentialsGrant(service, { scope: 'api' });
  assert.equal(cc.token_type.toLowerCase(), 'bearer');
  assert.equal(cc.scope, 'api');
  step('client credentials (client_secret_basic)');
  const post = await client.discovery(new URL(issuer), 'sandbox-post', 'sandbox-secret',
    client.ClientSecretPost('sandbox-secret'), insecure);
  const ccPost = await client.clientCredentialsGrant(post, { scope: 'api' });
  assert.ok(ccPost.access_token);
  step('client credentials (client_secret_post)');
  let introspection = await client.tokenIntrospection(service, cc.access_token);
  assert.equal(introspection.active, true);
  assert.equal(introspection.client_id, 'sandbox-service');
  step('introspection: active');
  await client.tokenRevocation(service, cc.access_token);
  introspection = await client.tokenIntrospection(service, cc.access_token);
  assert.equal(introspection.active, false);
  step('revocation, then introspection: inactive');
  await assert.rejects(client.clientCredentialsGrant(
    await client.discovery(new URL(issuer), 'sandbox-service', 'wrong',
      client.ClientSecretBasic('wrong'), insecure)),
    // 401 with WWW-Authenticate: openid-client reports the challenge, whose error is named.
    (e) => e.error === 'invalid_client' ||
      (e.status === 401 && JSON.stringify(e.cause ?? '').includes('invalid_client')));
  step('a wrong client secret is invalid_client');
}

main().then(
  () => console.log(`all ${steps} steps passed`),
  (error) => {
    console.error(`sandbox interop failed after ${steps} steps: ${error?.stack ?? error}`);
    if (error?.cause) console.error('cause:', JSON.stringify(error.cause));
    process.exit(1);
  });
