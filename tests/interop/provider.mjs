// The real OpenID provider that Tokenscope's interop tests talk to: panva's oidc-provider,
// pinned by package-lock.json, listening on 127.0.0.1 only.
//
//   node provider.mjs --port 29431
//
// Prints one line "tokenscope-interop-provider ready issuer=URL" on stdout once it
// accepts connections, logs one line per request, and runs until SIGTERM or SIGINT.
// It exits with status 2 on a bad argument and 3 when the port cannot be bound.

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import process from 'node:process';

import Provider from 'oidc-provider';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 29431;

function usage(message) {
  process.stderr.write(`provider.mjs: ${message}\nusage: node provider.mjs [--port N]\n`);
  process.exit(2);
}

function parsePort(argv) {
  let port = DEFAULT_PORT;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    let value;
    if (arg === '--port') {
      value = argv[i + 1];
      i += 1;
    } else if (arg.startsWith('--port=')) {
      value = arg.slice('--port='.length);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: node provider.mjs [--port N]   (default 29431, 127.0.0.1 only)\n');
      process.exit(0);
    } else {
      usage(`unknown argument "${arg}"`);
    }
    if (value === undefined || !/^[0-9]+$/.test(value)) {
      usage('--port needs a number');
    }
    port = Number(value);
    if (port < 1 || port > 65535) {
      usage('--port must be between 1 and 65535: a fixture needs a fixed, known port');
    }
  }
  return port;
}

// Fresh signing keys on every start: tests fetch them from the JWKS endpoint.
function signingKeys() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const ed = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return {
    keys: [
      { ...rsa, kid: `rsa-${randomUUID()}`, use: 'sig', alg: 'RS256' },
      { ...ec, kid: `ec-${randomUUID()}`, use: 'sig', alg: 'ES256' },
      { ...ed, kid: `ed-${randomUUID()}`, use: 'sig', alg: 'EdDSA' },
    ],
  };
}

// Every login name typed into the devInteractions form becomes an account with these claims.
function testAccount(sub) {
  return {
    accountId: sub,
    async claims(use, scope) {
      return {
        sub,
        name: 'Test User',
        given_name: 'Test',
        family_name: 'User',
        preferred_username: sub,
        locale: 'en',
        email: `${sub}@example.com`,
        email_verified: true,
      };
    },
  };
}

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SAML2_BEARER = 'urn:ietf:params:oauth:grant-type:saml2-bearer';

// The identity provider whose assertions the two assertion grants trust. Its private key
// is a test key in tests/support/InteropProvider.h; this is its public half.
const ASSERTION_ISSUER = 'https://idp.tokenscope.test';
const ASSERTION_ISSUER_KEY = {
  kty: 'EC',
  crv: 'P-256',
  x: 'vxG51fFHuizOE4TqiHQ3-MhkSXqJE2QpyQ6TdPHERQ8',
  y: 'zB85B2E22o_PksMBMSWWNShcuo2Bc6IITKD2SdIpKgM',
};
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

// The resource servers a resource indicator (RFC 8707) or a token exchange audience may
// name, each with the JWS algorithm of its JWT access tokens.
const RESOURCE_SERVER_ALGS = {
  'https://api.tokenscope.test': 'ES256',
  'https://api-rs256.tokenscope.test': 'RS256',
};

async function resourceServerInfo(resourceIndicator) {
  const alg = RESOURCE_SERVER_ALGS[resourceIndicator];
  if (!alg) {
    const { errors } = await import('oidc-provider');
    throw new errors.InvalidTarget();
  }
  return {
    scope: 'api:read api:write',
    audience: resourceIndicator,
    accessTokenFormat: 'jwt',
    accessTokenTTL: 600,
    jwt: { sign: { alg } },
  };
}

// The "act" claim (RFC 8693 §4.1) of the tokens the token exchange grant issues, by token.
const actClaims = new WeakMap();

const port = parsePort(process.argv.slice(2));
const issuer = `http://${HOST}:${port}`;

const configuration = {
  clients: [
    {
      // A web client with a secret: exact redirect URI matching.
      client_id: 'tokenscope-confidential',
      client_secret: 'tokenscope-secret',
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/callback', 'http://127.0.0.1:29432/callback',
        'http://127.0.0.1:29433/callback'],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid profile email offline_access',
    },
    {
      // A native public client: PKCE is required, and a loopback redirect URI matches on
      // any port (RFC 8252 §7.3), as Tokenscope's loopback listener picks a free one.
      client_id: 'tokenscope-public',
      application_type: 'native',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/callback'],
      // RP-initiated logout returns here, on any loopback port like the redirect URI.
      post_logout_redirect_uris: ['http://127.0.0.1/logged-out'],
      token_endpoint_auth_method: 'none',
    },
    {
      // A native public client for every response type: implicit (token, id_token,
      // id_token token) and hybrid (code id_token, code token, code id_token token), with a
      // loopback and a private-use custom-scheme redirect URI (RFC 8252 §7.1).
      client_id: 'tokenscope-hybrid',
      application_type: 'native',
      grant_types: ['authorization_code', 'implicit', 'refresh_token'],
      response_types: ['code', 'id_token', 'id_token token', 'code id_token', 'code token',
        'code id_token token', 'none'],
      redirect_uris: ['http://127.0.0.1/callback', 'com.tokenscope.test:/callback'],
      token_endpoint_auth_method: 'none',
    },
    {
      // A public client for the device authorization grant (RFC 8628).
      client_id: 'tokenscope-device',
      application_type: 'native',
      grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'none',
    },
    {
      // A native public client whose UserInfo answers are signed JWTs (OIDC Core §5.3.2).
      client_id: 'tokenscope-signed-userinfo',
      application_type: 'native',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/callback'],
      token_endpoint_auth_method: 'none',
      userinfo_signed_response_alg: 'ES256',
    },
    {
      // The same, with UserInfo answers signed and then encrypted to the client's key (OIDC
      // Core §5.3.2, nested JWT). The private half is in TestEndpointInterop.cpp: a test key.
      client_id: 'tokenscope-encrypted-userinfo',
      application_type: 'native',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['http://127.0.0.1/callback'],
      token_endpoint_auth_method: 'none',
      userinfo_signed_response_alg: 'ES256',
      userinfo_encrypted_response_alg: 'RSA-OAEP-256',
      userinfo_encrypted_response_enc: 'A256GCM',
      jwks: { keys: [{'kty': 'RSA', 'n': 'w1RalL4vXa0T49-zPXuNpn5fgHYrhGmAIjb5pLvy5W0RAZ-Ql2dQsjoKrPAnVo4MCeQZX-84fVrY7BpZ0IGIqmPuOfTJTxop5C79TnXkay0r1TrOvDLxVSVGOBWR9EeMFH02Hu66RcLiMkzL88TQsub3_K8AaiEgv_gWPWIrJ9sUv_1HuiIxQ3z4R1d_nMWBgYTGBdvlI93Mfzq-e-CYu17VsU6lNkdzU-5e4C-kCR1eVH8LZ6tKhfZd6uKUq4_yN8UsgSicpLVYd2rtv2U-x-rOqHCyWDuYvFtsa1cBoMdJ_8fDVWfk-6J42xvriyGPkVlieehBWhxLcIzv8lQzlw', 'e': 'AQAB', 'kid': 'tokenscope-userinfo-enc', 'use': 'enc', 'alg': 'RSA-OAEP-256'}] },
    },
    {
      // A confidential client for token exchange (RFC 8693): it gets an access token with
      // client credentials and trades it (or another client's) for a new one.
      client_id: 'tokenscope-exchange',
      client_secret: 'tokenscope-exchange-secret',
      grant_types: ['client_credentials', TOKEN_EXCHANGE],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid profile email',
    },
    {
      // A confidential client for the resource owner password grant (RFC 6749 §4.3),
      // registered below: legacy, and here only so that its requests meet a real provider.
      client_id: 'tokenscope-password',
      client_secret: 'tokenscope-password-secret',
      grant_types: ['password'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid profile email',
    },
    {
      // A confidential client that trades assertions for access tokens: the JWT bearer
      // (RFC 7523 §2.1) and SAML 2.0 bearer (RFC 7522 section 2.1) grants, registered below.
      client_id: 'tokenscope-assertion',
      client_secret: 'tokenscope-assertion-secret',
      grant_types: [JWT_BEARER, SAML2_BEARER],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid profile email',
    },
    {
      // A confidential client for CIBA in poll mode (OpenID CIBA Core 1.0): login_hint
      // "ciba-approve…" is approved on the "authentication device" after about a second,
      // "ciba-deny…" is denied, any other hint is an unknown user.
      client_id: 'tokenscope-ciba',
      client_secret: 'tokenscope-ciba-secret',
      grant_types: ['urn:openid:params:grant-type:ciba'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      backchannel_token_delivery_mode: 'poll',
      scope: 'openid profile email',
    },
  ],
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username', 'locale'],
    email: ['email', 'email_verified'],
  },
  scopes: ['openid', 'offline_access', 'profile', 'email'],
  // Every response type of OAuth 2.0 Multiple Response Types; the provider's default
  // leaves out those that return an access token from the authorization endpoint.
  responseTypes: ['code', 'id_token', 'id_token token', 'code id_token', 'code token',
    'code id_token token', 'none'],
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    deviceFlow: { enabled: true },
    ciba: {
      enabled: true,
      deliveryModes: ['poll'],
      async processLoginHint(ctx, loginHint) {
        return loginHint.startsWith('ciba-') ? loginHint : undefined;
      },
      async processLoginHintToken() {
        return undefined; // no login_hint_token is known: unknown_user_id
      },
      async validateBindingMessage(ctx, bindingMessage) {
        if (bindingMessage !== undefined && !/^[a-zA-Z0-9-._+/!?#]{1,20}$/.test(bindingMessage)) {
          const { errors } = await import('oidc-provider');
          throw new errors.InvalidBindingMessage('binding_message: 1 to 20 plain characters');
        }
      },
      async validateRequestContext() {},
      async verifyUserCode() {},
      // The user's "authentication device": decides a second later, as a person would.
      async triggerAuthenticationDevice(ctx, request, account, client) {
        setTimeout(async () => {
          try {
            if (account.accountId.startsWith('ciba-deny')) {
              const { errors } = await import('oidc-provider');
              await provider.backchannelResult(request, new errors.AccessDenied('the user declined on their device'));
              return;
            }
            const grant = new provider.Grant({ accountId: account.accountId, clientId: client.clientId });
            grant.addOIDCScope(request.scope);
            await grant.save();
            await provider.backchannelResult(request, grant);
          } catch (error) {
            process.stderr.write(`ciba: ${error.stack ?? error}\n`);
          }
        }, 1000);
      },
    },
    userinfo: { enabled: true },
    // UserInfo as a signed JWT for clients that register userinfo_signed_response_alg.
    jwtUserinfo: { enabled: true },
    // Encrypted responses (here: UserInfo) to keys the client registered.
    encryption: { enabled: true },
    // Dynamic client registration (RFC 7591), open, and its management (RFC 7592).
    registration: { enabled: true },
    registrationManagement: { enabled: true },
    // JWT access tokens (RFC 9068) for a resource indicator (RFC 8707): ES256 for one API,
    // RS256 for the other. Without a resource parameter tokens stay opaque, as before.
    resourceIndicators: {
      enabled: true,
      async getResourceServerInfo(ctx, resourceIndicator) {
        return resourceServerInfo(resourceIndicator);
      },
    },
  },
  // Public clients (token_endpoint_auth_method none) must use PKCE; S256 is the only method.
  pkce: {
    required: (ctx, client) => client.clientAuthMethod === 'none',
  },
  // Extra claims of access tokens: only "act" on those the token exchange grant issues.
  async extraTokenClaims(ctx, token) {
    const act = actClaims.get(token);
    return act ? { act } : undefined;
  },
  async findAccount(ctx, sub) {
    return testAccount(sub);
  },
  // Short, fixed lifetimes (seconds) for a test run; explicit, so the provider has nothing to warn about.
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    BackchannelAuthenticationRequest: 600,
    ClientCredentials: 600,
    DeviceCode: 600,
    Grant: 3600,
    IdToken: 3600,
    Interaction: 3600,
    PreAuthorizedCode: 600,
    RefreshToken: 86400,
    Session: 3600,
  },
  cookies: { keys: ['tokenscope-interop-cookie-key-not-a-secret'] },
  jwks: signingKeys(),
};

const provider = new Provider(issuer, configuration);

// Token exchange (RFC 8693), which oidc-provider leaves to the deployment: the subject (and
// actor) token must be an active access token this provider issued and stored (opaque; JWT
// access tokens are not stored, so they cannot be exchanged). The new access token is for
// the requesting client, opaque, or a JWT for a resource indicator or audience naming a
// resource server; it carries "act" when an actor token is given, nested when the subject
// token was itself issued to an actor (§4.1).
async function findAccessToken(value) {
  return await provider.AccessToken.find(value) ?? await provider.ClientCredentials.find(value);
}

function tokenSubject(token) {
  return token.accountId ?? token.clientId;
}

async function tokenExchange(ctx) {
  const { errors } = await import('oidc-provider');
  const { client, params } = ctx.oidc;

  if (!params.subject_token) {
    throw new errors.InvalidRequest('missing required parameter \'subject_token\'');
  }
  if (!params.subject_token_type) {
    throw new errors.InvalidRequest('missing required parameter \'subject_token_type\'');
  }
  if (params.subject_token_type !== ACCESS_TOKEN_TYPE) {
    throw new errors.InvalidRequest(`unsupported subject_token_type, only ${ACCESS_TOKEN_TYPE} is accepted`);
  }
  if (params.requested_token_type && params.requested_token_type !== ACCESS_TOKEN_TYPE) {
    throw new errors.InvalidRequest(`unsupported requested_token_type, only ${ACCESS_TOKEN_TYPE} can be issued`);
  }
  if (params.actor_token && params.actor_token_type !== ACCESS_TOKEN_TYPE) {
    throw new errors.InvalidRequest(params.actor_token_type
      ? `unsupported actor_token_type, only ${ACCESS_TOKEN_TYPE} is accepted`
      : 'actor_token_type is required with actor_token');
  }
  if (!params.actor_token && params.actor_token_type) {
    throw new errors.InvalidRequest('actor_token_type without actor_token');
  }

  const subject = await findAccessToken(params.subject_token);
  if (!subject?.isValid) {
    throw new errors.CustomOIDCProviderError('invalid_grant', 'subject_token is not an active access token issued by this provider');
  }
  let actor;
  if (params.actor_token) {
    actor = await findAccessToken(params.actor_token);
    if (!actor?.isValid) {
      throw new errors.CustomOIDCProviderError('invalid_grant', 'actor_token is not an active access token issued by this provider');
    }
  }

  // Down-scoping only: a requested scope must be within the subject token's.
  let scopes = [...subject.scopes].filter(Boolean);
  if (params.scope) {
    const requested = params.scope.split(' ').filter(Boolean);
    const beyond = requested.filter((scope) => !scopes.includes(scope));
    if (beyond.length) {
      throw new errors.InvalidScope('requested scope is not within the subject token\'s scope', beyond.join(' '));
    }
    scopes = requested;
  }

  const resources = Array.isArray(params.resource) ? params.resource : [params.resource];
  const targets = [...new Set([...resources, params.audience].filter(Boolean))];
  if (targets.length > 1) {
    throw new errors.InvalidTarget('only a single resource or audience value is supported');
  }

  const Model = subject.accountId ? provider.AccessToken : provider.ClientCredentials;
  const token = new Model({
    client,
    ...(subject.accountId ? { accountId: subject.accountId, gty: 'token_exchange' } : undefined),
  });
  if (targets.length === 1) {
    const info = await resourceServerInfo(targets[0]);
    token.resourceServer = { ...info, identifier: () => targets[0] };
    const allowed = new Set(info.scope.split(' '));
    scopes = scopes.filter((scope) => allowed.has(scope));
  }
  token.scope = scopes.join(' ') || undefined;

  if (actor) {
    const previous = subject.extra?.act;
    actClaims.set(token, { sub: tokenSubject(actor), ...(previous ? { act: previous } : undefined) });
  } else if (subject.extra?.act) {
    actClaims.set(token, subject.extra.act);
  }

  ctx.oidc.entity(Model.name, token);
  const value = await token.save();

  ctx.body = {
    access_token: value,
    issued_token_type: ACCESS_TOKEN_TYPE,
    token_type: token.tokenType,
    expires_in: token.expiration,
    ...(token.scope ? { scope: token.scope } : undefined),
  };
}

provider.registerGrantType(TOKEN_EXCHANGE, tokenExchange, [
  'subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'audience',
  'resource', 'scope', 'requested_token_type',
], ['resource']);

// The JWT bearer grant (RFC 7523 §2.1 and §3): one assertion, signed ES256 by the trusted
// issuer, for this token endpoint (or the issuer), with sub and exp; a jti is used once.
const seenAssertionIds = new Set();

// An access token for a user the grant vouched for, with the scopes asked for among
// openid, profile and email (openid when none was asked for).
function userAccessToken(ctx, accountId, gty) {
  const { client, params } = ctx.oidc;
  const allowed = new Set(['openid', 'profile', 'email']);
  const scope = (params.scope ?? 'openid').split(' ').filter((value) => allowed.has(value));
  const token = new provider.AccessToken({ client, accountId, gty });
  token.scope = scope.join(' ') || undefined;
  return token;
}

async function respondWithAccessToken(ctx, token) {
  ctx.oidc.entity('AccessToken', token);
  const value = await token.save();
  ctx.body = {
    access_token: value,
    token_type: token.tokenType,
    expires_in: token.expiration,
    ...(token.scope ? { scope: token.scope } : undefined),
  };
}

function assertionAudiences(ctx) {
  return [issuer, ctx.oidc.urlFor('token')];
}

async function jwtBearer(ctx) {
  const { errors } = await import('oidc-provider');
  const jose = await import('jose');
  const { assertion } = ctx.oidc.params;
  if (!assertion) {
    throw new errors.InvalidRequest('missing required parameter \'assertion\'');
  }
  let payload;
  try {
    const key = await jose.importJWK(ASSERTION_ISSUER_KEY, 'ES256');
    ({ payload } = await jose.jwtVerify(assertion, key, {
      algorithms: ['ES256'],
      issuer: ASSERTION_ISSUER,
      audience: assertionAudiences(ctx),
      requiredClaims: ['sub', 'exp'],
      clockTolerance: 5,
    }));
  } catch (error) {
    throw new errors.CustomOIDCProviderError('invalid_grant', `assertion rejected: ${error.message}`);
  }
  if (payload.jti) {
    if (seenAssertionIds.has(payload.jti)) {
      throw new errors.CustomOIDCProviderError('invalid_grant', 'assertion rejected: its jti was used before');
    }
    seenAssertionIds.add(payload.jti);
  }
  await respondWithAccessToken(ctx, userAccessToken(ctx, payload.sub, 'jwt_bearer'));
}

provider.registerGrantType(JWT_BEARER, jwtBearer, ['assertion', 'scope']);

// The SAML 2.0 bearer grant (RFC 7522 §2.1 and §3): one assertion, base64url-encoded without
// padding or line breaks, from the trusted issuer, for this token endpoint (or the issuer),
// naming a subject, with a bearer confirmation not yet expired. The XML signature is not
// checked here: what the client controls on the wire (the encoding, the one assertion) is.
async function saml2Bearer(ctx) {
  const { errors } = await import('oidc-provider');
  const { assertion } = ctx.oidc.params;
  if (!assertion) {
    throw new errors.InvalidRequest('missing required parameter \'assertion\'');
  }
  if (!/^[A-Za-z0-9_-]+$/.test(assertion)) {
    throw new errors.CustomOIDCProviderError('invalid_grant', 'assertion must be base64url without padding or line breaks (RFC 7522 section 2.1)');
  }
  const xml = Buffer.from(assertion, 'base64url').toString('utf8');
  const element = (name) => {
    const match = xml.match(new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([^<]*)</(?:\\w+:)?${name}>`));
    return match ? match[1].trim() : undefined;
  };
  if ((xml.match(/<(?:\w+:)?Assertion\b/g) ?? []).length !== 1) {
    throw new errors.CustomOIDCProviderError('invalid_grant', 'the assertion parameter must hold exactly one SAML 2.0 Assertion');
  }
  if (element('Issuer') !== ASSERTION_ISSUER) {
    throw new errors.CustomOIDCProviderError('invalid_grant', `assertion rejected: Issuer is not ${ASSERTION_ISSUER}`);
  }
  if (!assertionAudiences(ctx).includes(element('Audience'))) {
    throw new errors.CustomOIDCProviderError('invalid_grant', 'assertion rejected: its Audience is not this authorization server');
  }
  const subject = element('NameID');
  if (!subject) {
    throw new errors.CustomOIDCProviderError('invalid_grant', 'assertion rejected: no Subject NameID');
  }
  const confirmation = xml.match(/<(?:\w+:)?SubjectConfirmation\b[^>]*Method="urn:oasis:names:tc:SAML:2\.0:cm:bearer"[^>]*>[\s\S]*?NotOnOrAfter="([^"]+)"/);
  if (!confirmation) {
    throw new errors.CustomOIDCProviderError('invalid_grant', 'assertion rejected: no bearer SubjectConfirmation with NotOnOrAfter');
  }
  if (!(Date.parse(confirmation[1]) > Date.now())) {
    throw new errors.CustomOIDCProviderError('invalid_grant', 'assertion rejected: its SubjectConfirmationData expired');
  }
  await respondWithAccessToken(ctx, userAccessToken(ctx, subject, 'saml2_bearer'));
}

provider.registerGrantType(SAML2_BEARER, saml2Bearer, ['assertion', 'scope']);

// The resource owner password grant (RFC 6749 §4.3): any user name with the password
// "tokenscope-user-password" gets an access token for that user; anything else is
// invalid_grant, as a provider answers wrong credentials.
const RESOURCE_OWNER_PASSWORD = 'tokenscope-user-password';

async function passwordGrant(ctx) {
  const { errors } = await import('oidc-provider');
  const { username, password } = ctx.oidc.params;
  if (!username || !password) {
    throw new errors.InvalidRequest('username and password are required');
  }
  if (password !== RESOURCE_OWNER_PASSWORD) {
    throw new errors.CustomOIDCProviderError('invalid_grant', 'wrong username or password');
  }
  await respondWithAccessToken(ctx, userAccessToken(ctx, username, 'password'));
}

provider.registerGrantType('password', passwordGrant, ['username', 'password', 'scope']);

// One log line per request, for the fixture's log file. No bodies, no headers.
provider.use(async (ctx, next) => {
  const started = process.hrtime.bigint();
  await next();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${ctx.method} ${ctx.path} ${ctx.status} ${ms.toFixed(1)}ms\n`);
});
provider.on('server_error', (ctx, error) => {
  process.stderr.write(`server_error ${ctx.method} ${ctx.path}: ${error.stack ?? error}\n`);
});

const server = createServer(provider.callback());
server.on('error', (error) => {
  if (error.code === 'EADDRINUSE') {
    process.stderr.write(`provider.mjs: ${HOST}:${port} is already in use (another provider still running?)\n`);
  } else {
    process.stderr.write(`provider.mjs: cannot listen on ${HOST}:${port}: ${error.message}\n`);
  }
  process.exit(3);
});
server.listen(port, HOST, () => {
  process.stdout.write(`tokenscope-interop-provider ready issuer=${issuer}\n`);
});

function stop(signal) {
  process.stdout.write(`tokenscope-interop-provider stopping on ${signal}\n`);
  server.close(() => process.exit(0));
  server.closeAllConnections();
  // Never hang a test run: leave after a second whatever is still open.
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
