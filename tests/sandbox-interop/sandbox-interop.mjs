// Someone else's client against Tokenscope's sandbox: panva's openid-client (pinned in
// package.json / package-lock.json) runs discovery, code + PKCE with the login and consent
// pages submitted over HTTP, client credentials, refresh with rotation and reuse detection,
// UserInfo, introspection and revocation, DPoP, PAR, JARM and request objects, the device
// and CIBA grants, client_secret_jwt and private_key_jwt, token exchange, dynamic
// registration and RP-initiated logout against `tokenscope-cli sandbox`.
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

// The sandbox-private-key client's private key: published on purpose by the sandbox (its
// directory lists it) so that anyone can sign private_key_jwt and RFC 7523 assertions.
const sandboxClientKeyPem = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxBn446ycS4S8jjD1
pF8MJX2XgafJwSOLOWkJ1zhk8NKhRANCAAQUjKNz83jYC2a/MgVLC0S+0D2Ye7IU
1o2cdTjjwdtWvo2qFXl4EYRJ83AcDMg+GA81p1sFeFcrozh9mNpks45c
-----END PRIVATE KEY-----`;

// Device flow (the script plays the person on /device), CIBA, JWT client authentication and
// token exchange, each driven by openid-client.
async function grantsAndClientAuth() {
  const form = (path, fields) => fetch(new URL(path, issuer), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });

  const device = await client.discovery(new URL(issuer), 'sandbox-device', undefined, client.None(), insecure);
  const started = await client.initiateDeviceAuthorization(device, { scope: 'openid profile offline_access' });
  assert.match(started.user_code, /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
  const prefilled = await (await fetch(started.verification_uri_complete)).text();
  assert.ok(prefilled.includes(`value="${started.user_code}"`), 'verification_uri_complete prefills the code');
  const loginPage = await form('/device', { user_code: started.user_code });
  assert.equal(loginPage.status, 200);
  const interaction = /name="interaction" value="([^"]+)"/.exec(await loginPage.text())?.[1];
  assert.ok(interaction, 'the device page leads to the login page');
  assert.equal((await form('/login', { interaction, login: 'bob' })).status, 200);
  const closing = await form('/consent', { interaction, decision: 'allow' });
  assert.match(await closing.text(), /You may close this page/);
  const deviceTokens = await client.pollDeviceAuthorizationGrant(device, started);
  assert.equal(deviceTokens.claims().sub, 'bob');
  assert.ok(deviceTokens.refresh_token);
  step('device authorization grant (approved on /device, polled by openid-client)');

  const ciba = await client.discovery(new URL(issuer), 'sandbox-ciba', 'sandbox-secret',
    client.ClientSecretBasic('sandbox-secret'), insecure);
  const backchannel = await client.initiateBackchannelAuthentication(ciba, {
    scope: 'openid profile', login_hint: 'li.lei+auto', binding_message: 'W4SCT',
  });
  const cibaTokens = await client.pollBackchannelAuthenticationGrant(ciba, backchannel);
  assert.equal(cibaTokens.claims().sub, 'li.lei');
  step('CIBA poll mode (login_hint "+auto" approves at once)');
  const asked = await client.initiateBackchannelAuthentication(ciba, {
    scope: 'openid', login_hint: 'alice', binding_message: 'K7-interop',
  });
  const approvals = await (await fetch(new URL('/backchannel', issuer))).text();
  assert.ok(approvals.includes('K7-interop') && approvals.includes(asked.auth_req_id),
    'the approval page lists the request with its binding message');
  await form('/backchannel', { auth_req_id: asked.auth_req_id, decision: 'allow' });
  assert.equal((await client.pollBackchannelAuthenticationGrant(ciba, asked)).claims().sub, 'alice');
  step('CIBA poll mode, approved on the sandbox\'s /backchannel page');

  const jwtClient = await client.discovery(new URL(issuer), 'sandbox-jwt',
    'sandbox-jwt-secret-0123456789abcdef', client.ClientSecretJwt('sandbox-jwt-secret-0123456789abcdef'), insecure);
  const jwtTokens = await client.clientCredentialsGrant(jwtClient, { scope: 'api' });
  assert.ok(jwtTokens.access_token);
  step('client_secret_jwt client authentication');

  const der = Buffer.from(sandboxClientKeyPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
  const key = await crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const keyClient = await client.discovery(new URL(issuer), 'sandbox-private-key', undefined,
    client.PrivateKeyJwt({ key, kid: 'sandbox-private-key-1' }), insecure);
  const keyTokens = await client.clientCredentialsGrant(keyClient, { scope: 'api' });
  const introspected = await client.tokenIntrospection(keyClient, keyTokens.access_token);
  assert.equal(introspected.client_id, 'sandbox-private-key');
  step('private_key_jwt client authentication (token and introspection endpoints)');

  const exchanged = await client.genericGrantRequest(jwtClient, 'urn:ietf:params:oauth:grant-type:token-exchange', {
    subject_token: deviceTokens.access_token,
    subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    actor_token: jwtTokens.access_token,
    actor_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    requested_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    audience: 'https://api.example',
    scope: 'openid',
  });
  assert.equal(exchanged.issued_token_type, 'urn:ietf:params:oauth:token-type:jwt');
  const exchangedClaims = JSON.parse(Buffer.from(exchanged.access_token.split('.')[1], 'base64url'));
  assert.equal(exchangedClaims.sub, 'bob');
  assert.equal(exchangedClaims.act.sub, 'sandbox-jwt');
  assert.equal(exchangedClaims.aud[0], 'https://api.example');
  step('token exchange (RFC 8693) with an actor token');

  // Dynamic registration, then a sign-in with the new client and RP-initiated logout.
  const loggedOut = 'http://127.0.0.1:41235/logged-out';
  const registered = await client.dynamicClientRegistration(new URL(issuer), {
    redirect_uris: [redirectUri], post_logout_redirect_uris: [loggedOut],
    grant_types: ['authorization_code'], response_types: ['code'], client_name: 'interop',
    token_endpoint_auth_method: 'client_secret_post', // openid-client's default for a secret
  }, undefined, insecure);
  assert.match(registered.clientMetadata().client_id, /^dyn-/);
  const rv = client.randomPKCECodeVerifier();
  const rs = client.randomState();
  const ru = client.buildAuthorizationUrl(registered, {
    redirect_uri: redirectUri, scope: 'openid', state: rs,
    code_challenge: await client.calculatePKCECodeChallenge(rv), code_challenge_method: 'S256',
  });
  const rt = await client.authorizationCodeGrant(registered, await signIn(ru, 'alice'), {
    pkceCodeVerifier: rv, expectedState: rs, idTokenExpected: true,
  });
  step('dynamic client registration (RFC 7591), then authorization code with that client');
  const logout = await fetch(client.buildEndSessionUrl(registered, {
    id_token_hint: rt.id_token, post_logout_redirect_uri: loggedOut, state: 'bye',
  }), { redirect: 'manual' });
  assert.equal(logout.status, 302);
  assert.equal(logout.headers.get('location'), `${loggedOut}?state=bye`);
  step('RP-initiated logout returns to the registered URI with state');
}

// DPoP (with the nonce dance at the token endpoint and at UserInfo), PAR, JARM and a signed
// request object (JAR), each driven by openid-client.
async function dpopParJarm() {
  // DPoP: openid-client answers use_dpop_nonce by retrying with the DPoP-Nonce it was given.
  const seen = [];
  const recording = (url, options) => fetch(url, options).then((response) => {
    seen.push(`${options?.method ?? 'GET'} ${new URL(url).pathname} ${response.status}`);
    return response;
  });
  const pub = await client.discovery(new URL(issuer), 'sandbox-public', undefined, client.None(), insecure);
  pub[client.customFetch] = recording;
  assert.ok(pub.serverMetadata().dpop_signing_alg_values_supported.includes('ES256'));
  const keyPair = await client.randomDPoPKeyPair('ES256');
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(pub, {
    redirect_uri: redirectUri, scope: 'openid profile offline_access', state,
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  });
  const tokens = await client.authorizationCodeGrant(pub, await signIn(url, 'alice'),
    { pkceCodeVerifier: verifier, expectedState: state }, undefined,
    { DPoP: client.getDPoPHandle(pub, keyPair) });
  assert.equal(tokens.token_type.toLowerCase(), 'dpop');
  assert.deepEqual(seen, ['POST /token 400', 'POST /token 200'], 'use_dpop_nonce, then tokens');
  step('DPoP at the token endpoint (use_dpop_nonce, retried with the nonce): token_type DPoP');

  seen.length = 0;
  const fresh = client.getDPoPHandle(pub, keyPair); // knows no nonce yet
  const info = await client.fetchUserInfo(pub, tokens.access_token, 'alice', { DPoP: fresh });
  assert.equal(info.sub, 'alice');
  assert.deepEqual(seen, ['GET /userinfo 401', 'GET /userinfo 200'], 'use_dpop_nonce, then claims');
  step('DPoP at UserInfo (401 use_dpop_nonce, retried): the bound token works with its key');
  await assert.rejects(client.fetchUserInfo(pub, tokens.access_token, 'alice'),
    (e) => e instanceof client.WWWAuthenticateChallengeError || e.status === 401);
  step('the DPoP-bound token is refused as a Bearer token');
  await assert.rejects(client.refreshTokenGrant(pub, tokens.refresh_token),
    (e) => e.error === 'invalid_grant');
  const refreshed = await client.refreshTokenGrant(pub, tokens.refresh_token, undefined,
    { DPoP: fresh });
  assert.equal(refreshed.token_type.toLowerCase(), 'dpop');
  step("the public client's refresh token needs its DPoP key");

  // PAR: the request is pushed, the browser only carries client_id and request_uri.
  const par = await client.discovery(new URL(issuer), 'sandbox-par', 'sandbox-secret',
    client.ClientSecretBasic('sandbox-secret'), insecure);
  assert.equal(par.serverMetadata().pushed_authorization_request_endpoint, `${issuer}/par`);
  const parState = client.randomState();
  const plain = client.buildAuthorizationUrl(par, { redirect_uri: redirectUri, scope: 'openid', state: parState });
  assert.equal((await fetch(plain, { redirect: 'manual' })).status, 400, 'sandbox-par must push');
  const pushedUrl = await client.buildAuthorizationUrlWithPAR(par,
    { redirect_uri: redirectUri, scope: 'openid profile', state: parState });
  assert.match(pushedUrl.searchParams.get('request_uri'), /^urn:ietf:params:oauth:request_uri:/);
  assert.equal(pushedUrl.searchParams.get('redirect_uri'), null);
  const parTokens = await client.authorizationCodeGrant(par, await signIn(pushedUrl, 'bob'),
    { expectedState: parState });
  assert.equal(parTokens.claims().sub, 'bob');
  step('PAR: pushed request, request_uri at /authorize, tokens');
  assert.equal((await fetch(pushedUrl, { redirect: 'manual' })).status, 400);
  step('PAR: a request_uri works once');

  // JARM: the response is a JWT that openid-client verifies with the sandbox's JWKS.
  const jarm = await client.discovery(new URL(issuer), 'sandbox-confidential', 'sandbox-secret',
    client.ClientSecretBasic('sandbox-secret'), insecure);
  client.useJwtResponseMode(jarm);
  const jarmState = client.randomState();
  const jarmCallback = await signIn(client.buildAuthorizationUrl(jarm, {
    redirect_uri: redirectUri, scope: 'openid', state: jarmState, response_mode: 'jwt',
  }), 'alice');
  assert.ok(jarmCallback.searchParams.get('response'), 'one "response" parameter');
  assert.equal(jarmCallback.searchParams.get('code'), null);
  const jarmTokens = await client.authorizationCodeGrant(jarm, jarmCallback, { expectedState: jarmState });
  assert.equal(jarmTokens.claims().sub, 'alice');
  step('JARM (response_mode=jwt), validated by openid-client');

  // A request object signed with the sandbox-private-key client's published key.
  const der = Buffer.from(sandboxClientKeyPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
  const key = await crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const jar = await client.discovery(new URL(issuer), 'sandbox-private-key', undefined,
    client.PrivateKeyJwt({ key, kid: 'sandbox-private-key-1' }), insecure);
  const jarState = client.randomState();
  const jarUrl = await client.buildAuthorizationUrlWithJAR(jar,
    { redirect_uri: redirectUri, scope: 'openid profile', state: jarState }, { key, kid: 'sandbox-private-key-1' });
  assert.ok(jarUrl.searchParams.get('request'));
  const jarTokens = await client.authorizationCodeGrant(jar, await signIn(jarUrl, 'li.lei'),
    { expectedState: jarState });
  assert.equal(jarTokens.claims().sub, 'li.lei');
  step('request object (JAR) signed ES256 by the client, then private_key_jwt at /token');
}

main().then(grantsAndClientAuth).then(dpopParJarm).then(
  () => console.log(`all ${steps} steps passed`),
  (error) => {
    console.error(`sandbox interop failed after ${steps} steps: ${error?.stack ?? error}`);
    if (error?.cause) console.error('cause:', JSON.stringify(error.cause));
    process.exit(1);
  });
