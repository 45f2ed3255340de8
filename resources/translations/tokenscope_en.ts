<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ActivityIndicator</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel every request in flight (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApiCallPanel</name>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://api.example.com/resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One header a line, e.g. Accept: application/json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request body (sent as typed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Authorization scheme: Bearer (RFC 6750) or DPoP (RFC 9449)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form body (access_token=…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query (?access_token=…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the token in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token goes into the form body (RFC 6750 §2.2): only for a request with an application/x-www-form-urlencoded body and no other way, and servers may log bodies. Prefer the Authorization header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token goes into the URL (RFC 6750 §2.3): URLs end up in server and proxy logs, caches and the browser history, where anyone who reads them can use the token. Use this only to test a server that needs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step-up authentication needed (RFC 9470): the token is valid, but the sign-in behind it is not strong or recent enough for this resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the authorization flow again and sign in more strongly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the authorization flow again with %1, then call the API with the new access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resource does not accept this token (invalid_token): it has expired, was revoked, is malformed or was issued for another resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get a new access token (refresh it, or run the flow again); introspect it to see what the provider says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token lacks a scope this resource needs (insufficient_scope).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token lacks a scope this resource needs (insufficient_scope): it asks for “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request a token with that scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is malformed (invalid_request): a missing or duplicated token, or an unsupported parameter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resource says: “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the URL of the resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 %2 · %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused without a WWW-Authenticate challenge: the resource does not say why (RFC 6750 §3 asks it to).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthorizationFlowPanel</name>
    <message>
        <source>Show secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1  Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2  Browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3  Callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4  Token exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5  Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The redirect could not be read: %1 — paste it, or run again with the system browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Open the sign-in in the system browser from the bar above, or run again with the system browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the browser is sent to the provider with. state protects against forged responses (CSRF), nonce ties the ID token to this request, and PKCE&apos;s code_verifier proves that whoever exchanges the code started the flow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization URL was opened in your browser. Log in there; the loopback listener on 127.0.0.1 receives the redirect and this page moves on by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the authorization URL below in any browser, log in, and paste the whole URL the provider redirected to (query or fragment), or the form_post fields (name=value&amp;…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://127.0.0.1/callback?code=…&amp;state=…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use This Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser in its own window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What arrived at the redirect URI, and the checks made before anything else is sent: a failed check stops the flow, and the code is never used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The requests made after the callback: the code exchange (with the verifier and the client&apos;s authentication), the provider&apos;s keys for the ID token&apos;s signature, UserInfo. Each is shown raw in the exchange inspector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fresh Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run again in a new browser session, without the provider&apos;s cookies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loopback listener could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in in the embedded browser; the redirect to %1 is captured before it is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system browser could not be started: open the URL yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the redirect on %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the pasted redirect URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue in the system browser; waiting for the redirect on %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue in the system browser, then paste the URL it shows after signing in (%1 cannot be listened on).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope — sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The browser is in its own window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the URL the provider redirected to, with its query or fragment, or name=value&amp;… fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the provider&apos;s keys …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchanging the code …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling UserInfo …</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Done: %n check(s) made, none failed.</source>
        <translation>
            <numerusform>Done: %n check made, none failed.</numerusform>
            <numerusform>Done: %n checks made, none failed.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens obtained (response_type %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>[hidden: %n characters]</source>
        <translation>
            <numerusform>[hidden: %n character]</numerusform>
            <numerusform>[hidden: %n characters]</numerusform>
        </translation>
    </message>
    <message>
        <source>ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No redirect arrived within %n second(s): the loopback listener on %1 was closed. Run again to retry, or set a longer wait on the request page.</source>
        <translation>
            <numerusform>No redirect arrived within %n second: the loopback listener on %1 was closed. Run again to retry, or set a longer wait on the request page.</numerusform>
            <numerusform>No redirect arrived within %n seconds: the loopback listener on %1 was closed. Run again to retry, or set a longer wait on the request page.</numerusform>
        </translation>
    </message>
    <message>
        <source>A later response was refused — check “%1” failed: %2 (expected: %3; received: %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization response refused (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More about this error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthorizationRequestForm</name>
    <message>
        <source>https://provider.example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none for a public client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none, login, consent, select_account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zh-CN en</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fresh session (no cookies from earlier runs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered with the provider. With the system browser, http://127.0.0.1 without a port picks a free one (RFC 8252 §7.3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_secret_basic (Authorization header)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_secret_post (in the body)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (public client)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response type&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (no PKCE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One NAME=VALUE per line, e.g. resource=https://api.example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System browser + loopback listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the redirect URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New random state, nonce and code_verifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response_type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response_mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redirect_uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated for this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nonce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code_verifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login_hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acr_values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ui_locales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id_token_hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization endpoint is not an absolute URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint is not an absolute URL (the response type returns a code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A client_id is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The redirect_uri needs a scheme, e.g. http://127.0.0.1/callback or com.example.app:/callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response type returns an ID token: the scope must contain openid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_age is a number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state is empty: press Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system browser needs a loopback redirect_uri, http://127.0.0.1:PORT/PATH or http://[::1]:PORT/PATH, for the listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_secret_jwt (an assertion signed with the secret, HS256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private_key_jwt (an assertion signed with the client&apos;s key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the system browser: how long the loopback listener waits for the redirect before it is closed and the run given up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the redirect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing with %1: the key stays in the keychain and is not shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ready: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read from the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the chosen profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing with the private key of %1: it stays in the keychain and is not shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ready: the private key of %1 (from the keychain). Choose “%2” above to paste another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s private key: -----BEGIN PRIVATE KEY----- … (PEM or a private JWK)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s key is being read from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s key could not be read from the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private_key_jwt needs the client&apos;s private key: paste it (PEM or a private JWK), or choose a saved profile&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key is not a PEM private key nor a private JWK: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BodyText</name>
    <message>
        <source>No body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary body of %1, shown as a hex dump</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the first %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large body (%1): shown as received, without formatting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first %1 of %2; the copy buttons copy all of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines longer than %1 characters are broken for display.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BodyView</name>
    <message>
        <source>How to show the body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pretty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No body</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateTrustBox</name>
    <message>
        <source>Trust this certificate once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept this exact certificate (by its SHA-256 fingerprint) until Tokenscope quits, and try again. Nothing is saved and no other certificate is accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate presented by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid: %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is self-signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CibaFlowPanel</name>
    <message>
        <source>https://provider.example/backchannel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backchannel authentication endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>who to ask: an e-mail, a user name, a phone number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shown on both devices, optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binding message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acr_values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start asks the provider to authenticate the user on their own device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the backchannel authentication endpoint, or discover the provider first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the backchannel authentication request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user is being asked on their device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Done: the user approved; tokens obtained after %n poll(s).</source>
        <translation>
            <numerusform>Done: the user approved; tokens obtained after %n poll.</numerusform>
            <numerusform>Done: the user approved; tokens obtained after %n polls.</numerusform>
        </translation>
    </message>
    <message>
        <source>CIBA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request expires %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ping mode: wait for the provider&apos;s notification instead of polling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client must be registered for ping mode with this endpoint as its backchannel_client_notification_endpoint (CIBA Core §10.2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://127.0.0.1:PORT/PATH; port 0 picks a free one for the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Done: the user approved; the provider&apos;s notification came and the tokens were obtained with %n token request(s).</source>
        <translation>
            <numerusform>Done: the user approved; the provider&apos;s notification came and the tokens were obtained with %n token request.</numerusform>
            <numerusform>Done: the user approved; the provider&apos;s notification came and the tokens were obtained with %n token requests.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ping mode listens on this machine: enter the notification endpoint as http://127.0.0.1:PORT/PATH (port 0 picks a free one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening at %1 for the provider&apos;s notification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification received at %1 (answered HTTP 204): asking for the tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A notification was refused at %1 (HTTP %2): its bearer token or auth_req_id did not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user is being asked on their device; waiting for the provider&apos;s notification…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClientFields</name>
    <message>
        <source>https://provider.example/token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file of the client&apos;s private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>space-separated, optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the token endpoint, or discover the provider first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the client ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key of %1 (kept in memory); or a PEM file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private_key_jwt needs a private key: a readable PEM file, or a profile&apos;s key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Language of the interface: %1 (default: the system&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope: an OAuth 2.0 and OpenID Connect debugger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An issuer (or its metadata URL) to discover at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[issuer]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No translation for “%1”; available: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at most one issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try “%1 --help”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceFlowPanel</name>
    <message>
        <source>https://provider.example/device/auth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device authorization endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start asks the provider for a user code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On another device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter this code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in embedded browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in system browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or scan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the device authorization endpoint, or discover the provider first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope — verify the device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system browser could not be opened: open %1 yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the provider for a user code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the user to sign in on another device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Done: tokens obtained after %n poll(s).</source>
        <translation>
            <numerusform>Done: tokens obtained after %n poll.</numerusform>
            <numerusform>Done: tokens obtained after %n polls.</numerusform>
        </translation>
    </message>
    <message>
        <source>Device flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code expires %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code was used.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointResultView</name>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointsPanel</name>
    <message>
        <source>From the provider&apos;s metadata, or type one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introspection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active: the provider accepts this token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inactive: expired, revoked, unknown or not for this client (RFC 7662 §2.2 says no more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked (HTTP %1): the provider no longer honours it — an unknown token gets the same answer (RFC 7009 §2.2). Introspect it to see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo answered (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo answered with an encrypted, signed JWT: decrypted and verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo answered with a signed JWT: signature, iss and aud verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client (authenticates at introspection and revocation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show secrets in exchanges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introspection endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token_type_hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoking a refresh token usually revokes the access tokens issued with it (RFC 7009 §2.1); revoking an access token may not be supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GET, Authorization: Bearer (RFC 6750 §2.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POST, access_token in the form body (RFC 6750 §2.2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: the ID token whose sub the answer must match (OIDC Core §5.3.2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call UserInfo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token (sub check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered post_logout_redirect_uri; the return to it is captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: a fresh browser session; a name: that persistent session (the one you signed in with)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in the embedded browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End session endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id_token_hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>post_logout_redirect_uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the provider requires one (RFC 7591 §3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new profile with this provider and client; the client secret goes to the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redirect_uris</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grant_types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response_types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token_endpoint_auth_method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the introspection endpoint and a token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introspecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the revocation endpoint and a token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the UserInfo endpoint and an access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling UserInfo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the end session endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built. Open it to log out; the return to the post_logout_redirect_uri is captured and its state checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope — logout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The return to %1 could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging out in the embedded browser. Without a post_logout_redirect_uri there is no return to check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging out in the embedded browser; waiting for the return to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned to %1, but the checks failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged out: returned to %1 with the state sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the registration endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles are not available in this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as the profile “%1”; its secret is in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as the profile “%1”, but its secret could not be stored in the keychain: type it when you use the profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted: the provider forgot the client (HTTP %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s private key: -----BEGIN PRIVATE KEY----- … (PEM or a private JWK)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing with %1: the key stays in the keychain and is not shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private_key_jwt: client assertions are signed with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read from the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POST, Authorization: Bearer (OIDC Core §5.3.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the registration response, or a client registered earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the registration response (RFC 7592 §3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GET the registration client URI: the client as the provider has it now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PUT every field the provider returned, with the fields above changed (RFC 7592 §2.2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DELETE the client at the provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration client URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s authentication method “%1” is not available in this tab: introspection and revocation authenticate with %2 instead. Choose another method here if the provider allows one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private_key_jwt: paste the client&apos;s private key, or choose a saved profile&apos;s key from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s key is being read from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s key could not be read from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private_key_jwt needs the client&apos;s private key: paste it, or choose a saved profile&apos;s key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the client…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the client first: an update sends back every field the provider returned, with your changes (RFC 7592 §2.2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating the client…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the client at %1? The provider forgets it: its client_id and secret stop working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting the client…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read: client_id %1, as the provider has it now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated: client_id %1, as the provider stored it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered: client_id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered: client_id %1, with a client secret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangeDetailView</name>
    <message>
        <source>Select an exchange to see its request and response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>headers after %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body %1 (%2 on the wire, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>truncated at the size limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redirect hop %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a navigation in the embedded browser: no response is recorded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangeInspector</name>
    <message>
        <source>Copy as curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the request as a curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the raw request and response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show client secrets, tokens, codes and passwords in the views and in what is copied. Off: they are masked as [redacted].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget every exchange of this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the request as a curl command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the request as a curl command, secrets masked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the raw request and response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n exchange(s)</source>
        <translation>
            <numerusform>%n exchange</numerusform>
            <numerusform>%n exchanges</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExchangeListModel</name>
    <message>
        <source>%1 (redirect %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 decompressed, %2 on the wire (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>navigation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangeSummary</name>
    <message>
        <source>Exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token polls</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>polled %n time(s), last answer %1</source>
        <translation>
            <numerusform>polled %n time, last answer %1</numerusform>
            <numerusform>polled %n times, last answer %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadersView</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeychainKeySource</name>
    <message>
        <source>Sign with the pasted key, or with a saved profile&apos;s key from the keychain (read when chosen, never shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client secret (HS*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private_key_jwt key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DPoP key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request object key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client certificate key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 (keychain)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Exchanges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Exchange Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear Transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Tokenscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Tokenscope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tokenscope %1&lt;/h3&gt;&lt;p&gt;An OAuth 2.0 and OpenID Connect debugger: every request and response of a flow, on the wire, with secrets masked until you ask to see them.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusting the certificate %1 until Tokenscope quits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization Code · Implicit · Hybrid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile “%1” is set up in the authorization wizard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIBA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization code · implicit · hybrid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session &amp;Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sandbox Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the &amp;Sandbox Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope&apos;s built-in provider on this computer: every flow works with no registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Sandbox profile could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this build of Tokenscope has no sandbox provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile “%1” is set up in the authorization wizard; the sandbox runs at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of “%2” could not be read from the keychain: %3. Type it in the panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refresh token was NOT kept for “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new refresh token is kept in the keychain for “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessagePane</name>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No response: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the response…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No response body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetadataView</name>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>advertised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the document: the value is the specification&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capabilities (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PollResultView</name>
    <message>
        <source>Show secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchanges (details in the exchange inspector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PollingFlowPanel</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the provider&apos;s keys to check the ID token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer polling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not polled yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Polled %n time(s), last answer %1</source>
        <translation>
            <numerusform>Polled %n time, last answer %1</numerusform>
            <numerusform>Polled %n times, last answer %1</numerusform>
        </translation>
    </message>
    <message>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> · interval %n s</source>
        <translation>
            <numerusform> · interval %n s</numerusform>
            <numerusform> · interval %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · next poll in %n s</source>
        <translation>
            <numerusform> · next poll in %n s</numerusform>
            <numerusform> · next poll in %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>Authorization endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introspection endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device authorization endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End session endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAR endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIBA endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an absolute URL: it needs https:// in front</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an https URL (http for local testing), not %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL has no host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Keycloak dev — public client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://login.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>openid profile email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file of extra trusted CAs (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep refresh tokens in the secret store for this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anything worth remembering about this provider or client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the endpoints from the issuer&apos;s metadata (OpenID Connect Discovery, RFC 8414)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the flow&apos;s default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line, e.g. http://127.0.0.1/callback or com.example.app:/callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (no PKCE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the response type&apos;s default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One NAME=VALUE per line, e.g. resource=https://api.example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the secret you are typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: refresh tokens live only as long as the flow that got them. On: they are kept in the secret store under this profile, never in its file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the secret store for this profile&apos;s client secret entry, to see whether it answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the changes and show the profile as saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata member %1; empty: what discovery finds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect URIs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default scopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response_type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response_mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra authorization parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another profile is already named “%1” (names are compared ignoring case)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An issuer has no query or fragment (RFC 8414 §2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid URI: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has no scheme: write http://127.0.0.1/callback, https://… or a private-use scheme such as com.example.app:/callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has a fragment, which a redirect URI must not have (RFC 6749 §3.1.2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a scope token: no quotes, backslashes, controls or non-ASCII (RFC 6749 §3.3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not NAME=VALUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a readable file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not saved yet — %n problem(s) to fix:</source>
        <translation>
            <numerusform>Not saved yet — %n problem to fix:</numerusform>
            <numerusform>Not saved yet — %n problems to fix:</numerusform>
        </translation>
    </message>
    <message>
        <source>Stored in %1 — type a new one to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not stored; none for a public client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System keychain (Secret Service)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory only — secrets are forgotten when Tokenscope quits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not used yet in this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locked or refused access: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request object signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the client certificate&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no system keychain is available (no Secret Service on the session bus)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secret store is unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain is locked or refused access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain has no such entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain reported an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (“%1”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. Another program changed it: reload the list to see its version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was NOT stored: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “%1”, but %2. Nothing of it was written to disk; the profile file only says that no secret is stored. The secret stays in the field until you leave this profile: fix the keychain (unlock it, or start a Secret Service) and press Save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the issuer first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another discovery is running in this window; try again when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the metadata of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Filled %n endpoint(s) from %1.</source>
        <translation>
            <numerusform>Filled %n endpoint from %1.</numerusform>
            <numerusform>Filled %n endpoints from %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Embedded browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System browser + loopback listener</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the redirect URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fresh for each run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept for this profile (single sign-on sticks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One NAME=VALUE per line, sent with every token request, e.g. audience=api</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra token parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key (private_key_jwt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DPoP key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request object key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate (mTLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource owner password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-----BEGIN …----- (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the PEM from the clipboard without showing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load from file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what you entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.key *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in %1 — enter a new one to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>New value entered (%n byte(s), hidden)</source>
        <translation>
            <numerusform>New value entered (%n byte, hidden)</numerusform>
            <numerusform>New value entered (%n bytes, hidden)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not stored — paste it or load it from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the certificate&apos;s private key too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the certificate that goes with this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “%1”; %2 is in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “%1”; %2 are in %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileListPanel</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name, issuer, client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new, empty profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy of the selected profile&apos;s settings under a new name. Secrets are not copied: type them again in the copy if it needs them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the selected profile; its secrets stay with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected profile and its secrets in the secret store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add profiles from a Tokenscope export file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the profiles shown in the list to a file, without their secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up the flows with the selected profile, as saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in the profiles folder could not be read and are not listed:</source>
        <translation>
            <numerusform>%n file in the profiles folder could not be read and is not listed:</numerusform>
            <numerusform>%n files in the profiles folder could not be read and are not listed:</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile “%1” has unsaved changes. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new profile: fill it in and press Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not duplicate “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicated “%1” as “%2”. Settings were copied, secrets were not: type them in the copy if it needs them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicated “%1” as “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name for “%1”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not renamed: a profile needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not renamed: another profile is already named “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not rename “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed “%1” to “%2”; its secrets stay with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the profile “%1”? Its file and its secrets in %2 are deleted. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “%1”, but these secrets are still in the keychain: %2. Delete them there, or unlock the keychain and delete again from the command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “%1” and its secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using “%1” as saved; the unsaved changes are not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope profile exports (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n profile(s) to %1, without secrets.</source>
        <translation>
            <numerusform>Exported %n profile to %1, without secrets.</numerusform>
            <numerusform>Exported %n profiles to %1, without secrets.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large for a profile export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s secrets are encrypted. Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing imported from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n profile(s) in the file already exist here: %1. Replace them? (No imports only the new ones.)</source>
        <translation>
            <numerusform>%n profile in the file already exists here: %1. Replace it? (No imports only the new ones.)</numerusform>
            <numerusform>%n profiles in the file already exist here: %1. Replace them? (No imports only the new ones.)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported from %1: %n new</source>
        <translation>
            <numerusform>Imported from %1: %n new</numerusform>
            <numerusform>Imported from %1: %n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n replaced</source>
        <translation>
            <numerusform>, %n replaced</numerusform>
            <numerusform>, %n replaced</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n skipped.</source>
        <translation>
            <numerusform>, %n skipped.</numerusform>
            <numerusform>, %n skipped.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” was not saved: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”: %2 was NOT stored: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include the secrets (client secrets, keys, passwords), encrypted with a passphrase? Without them the file holds placeholders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase for the secrets:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same passphrase again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing exported: the passphrase is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing exported: the passphrases differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 of “%2” could not be read: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n profile(s) to %1, secrets encrypted.</source>
        <translation>
            <numerusform>Exported %n profile to %1, secrets encrypted.</numerusform>
            <numerusform>Exported %n profiles to %1, secrets encrypted.</numerusform>
        </translation>
    </message>
    <message>
        <source>No new profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing imported.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderErrorText</name>
    <message>
        <source>The provider answered %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usually: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed check: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderPanel</name>
    <message>
        <source>Discover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://accounts.example.com — an issuer, or its .well-known metadata URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s issuer identifier. Press Enter to fetch its OpenID Connect or OAuth 2.0 metadata.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the provider&apos;s metadata (OpenID Connect Discovery, RFC 8414)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an issuer and press Discover.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the metadata of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata from %1, not accepted (see above).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s)</source>
        <translation>
            <numerusform>%n endpoint</numerusform>
            <numerusform>%n endpoints</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed check(s)</source>
        <translation>
            <numerusform>%n failed check</numerusform>
            <numerusform>%n failed checks</numerusform>
        </translation>
    </message>
    <message>
        <source>Expected issuer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual issuer:   %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At line %1, column %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More about the error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxBanner</name>
    <message>
        <source>Show Sandbox Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break It</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the sandbox misbehave on purpose, and see whether the client catches it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the sandbox note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Sandbox&lt;/b&gt; — Tokenscope&apos;s own provider, running on this computer at %1: nothing leaves it, nothing needs registering. Start a flow and sign in as &lt;b&gt;alice&lt;/b&gt;, &lt;b&gt;bob&lt;/b&gt; or &lt;b&gt;li.lei&lt;/b&gt;, no password. Its log shows what it received and decided, beside the exchanges your client sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;The sandbox could not start:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All Switches Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
An attacker would gain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break It (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Break-it switches on — the sandbox misbehaves on purpose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ &lt;b&gt;%1&lt;/b&gt; went unnoticed: the flow completed. Had this been an attack, the attacker would have gained: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ &lt;b&gt;%1&lt;/b&gt; caught: the flow stopped at the check &lt;b&gt;%2&lt;/b&gt;. Without it, an attacker would have gained: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionTokens</name>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionTokensPanel</name>
    <message>
        <source>Show values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens are secrets: anyone who sees one can use it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lay the token open: header, claims, signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the provider whether it is active (RFC 7662)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke it at the provider (RFC 7009)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call the UserInfo endpoint with this access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use in API call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call a protected resource with this access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use as subject token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The subject_token of a token exchange (RFC 8693)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the value to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget it in this session (it is not revoked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every token obtained in this session, newest last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>•••••••• (%n characters)</source>
        <translation>
            <numerusform>•••••••• (%n characters)</numerusform>
            <numerusform>•••••••• (%n characters)</numerusform>
        </translation>
    </message>
    <message>
        <source>token_type: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Obtained %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replaced by #%1 (rotated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 #%2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied. The clipboard now holds a secret: anyone who pastes it can use the token. Clear the clipboard when you are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this refresh token in the Grants tab&apos;s refresh grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued to client %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TlsView</name>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No TLS details were recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cipher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted once by the user despite errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s)</source>
        <translation>
            <numerusform>%n certificate</numerusform>
            <numerusform>%n certificates</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternative names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenGrantPanel</name>
    <message>
        <source>Client credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource owner password (legacy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token exchange (RFC 8693)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT bearer assertion (RFC 7523)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SAML 2.0 bearer assertion (RFC 7522)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other grant type (by URI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT bearer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SAML 2.0 bearer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>urn:example:grant-type:…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grant_type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Legacy — avoid.&lt;/b&gt; With the password grant the application sees the user&apos;s password, so the user must trust it completely; the provider cannot ask for a second factor, a passkey or consent, and phishing-resistant sign-in is impossible. OAuth 2.1 removes it and RFC 9700 (OAuth 2.0 Security Best Current Practice, §2.4) says it must not be used. Use the authorization code flow, or the device flow for devices without a browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFC 8707 resource URIs, space-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens to exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject token type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor token type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested token type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assertion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the assertion (a JWT, or a SAML assertion as XML or base64url)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build and sign a JWT assertion here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RS256, ES256, PS256, EdDSA… (empty: the key&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the token endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-----BEGIN PRIVATE KEY----- … (PEM or a private JWK)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exp after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra parameters (name=value, one a line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a grant, fill in the form and press Run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh token rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchanges (details in the exchange inspector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— type or paste below —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requesting a token (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the provider&apos;s keys to check the ID token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Done (%1): %n check(s) made, %2 failed.</source>
        <translation>
            <numerusform>Done (%1): %n check made, %2 failed.</numerusform>
            <numerusform>Done (%1): %n checks made, %2 failed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tokens obtained with the %1 grant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotated: the provider issued a new refresh token. The old one must not be used again (RFC 9700 §4.14.2); the next refresh uses the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not rotated: the same refresh token stays valid and is used again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid_grant: the refresh token is expired, revoked, or was already used. A provider that rotates refresh tokens treats a rotated-out token sent again as a replay and may revoke the whole grant (RFC 9700 §4.14.2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… [%n characters]</source>
        <translation>
            <numerusform>… [%n characters]</numerusform>
            <numerusform>… [%n characters]</numerusform>
        </translation>
    </message>
    <message>
        <source>(none returned: keep the old one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built assertion: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After each successful grant that returns a refresh token, switch to the refresh grant and refresh shortly before the access token expires, with the current (rotated) refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s before expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>switched off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange this token again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issued token becomes the subject token (its issued_token_type the subject token type); the other fields stay. Press Run for the next exchange.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another grant was chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issued token is the subject token now: press Run to exchange it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no refresh token to use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider did not say when the access token expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next automatic refresh: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic refresh stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last request failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the client id and authentication method the refresh token was issued to in the form; check that the secret or key is that client&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: paste one, or pick one of this session&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing with %1: the key stays in the keychain and is not shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ready: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ %1 could not be read from the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the key that signs the assertion, or choose a profile&apos;s key from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is being read from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key from the keychain could not be read: choose it again, or paste one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ This refresh token was issued to client “%1” (%2), but the form sends client “%3” (%4). A refresh authenticates as the client the token was issued to (RFC 6749 §6); the provider refuses another client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenInspector</name>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuer: who made and signed the token (RFC 7519 §4.1.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject: whom the token is about, unique within the issuer (RFC 7519 §4.1.2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audience: who the token is meant for (RFC 7519 §4.1.3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiration time: not to be accepted on or after it (RFC 7519 §4.1.4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not before: not to be accepted before it (RFC 7519 §4.1.5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued at: when the token was made (RFC 7519 §4.1.6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT ID: a unique identifier, to detect replay (RFC 7519 §4.1.7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the user last authenticated (OpenID Connect Core §2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The nonce the client sent, against replay (OpenID Connect Core §2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication context class the authentication satisfied (OpenID Connect Core §2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication methods used, e.g. pwd, otp, mfa (OpenID Connect Core §2, RFC 8176)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorized party: the client the ID token was issued to (OpenID Connect Core §2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token hash: left half of its hash, binds the access token (OpenID Connect Core §3.1.3.6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code hash: left half of the code&apos;s hash, binds the code (OpenID Connect Core §3.3.2.11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State hash: left half of the state&apos;s hash (FAPI 1.0 Advanced §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session ID at the provider, for logout (OpenID Connect Front/Back-Channel Logout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security events, e.g. in a logout token (RFC 8417)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name (OpenID Connect Core §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given name (OpenID Connect Core §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Family name (OpenID Connect Core §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name the user likes to be called; not unique (OpenID Connect Core §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email address; not an identifier (OpenID Connect Core §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the provider verified the email address (OpenID Connect Core §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number (OpenID Connect Core §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locale, e.g. en-US (OpenID Connect Core §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the user&apos;s information was last updated (OpenID Connect Core §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile picture URL (OpenID Connect Core §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client the token was issued to (RFC 9068 §2.2, RFC 8693 §4.3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scopes granted, space separated (RFC 9068 §2.2.3, RFC 8693 §4.2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles of the subject (RFC 9068 §2.2.3.1, RFC 7643)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups of the subject (RFC 9068 §2.2.3.1, RFC 7643)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entitlements of the subject (RFC 9068 §2.2.3.1, RFC 7643)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actor: who acts on the subject&apos;s behalf (RFC 8693 §4.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who may act on the subject&apos;s behalf (RFC 8693 §4.4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation: the key the token is bound to — jkt (DPoP), x5t#S256 (mTLS), jwk (RFC 7800, RFC 9449, RFC 8705)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token type (Keycloak and others)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted token (JWE, %1 / %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted: give the private key (a JWK or JWK Set) to decrypt it. Only the header can be read without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted token (JWE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot decrypt: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWE decrypts and its tag verifies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted token (JWE), decrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decrypted; the content is not a signed JWT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decrypted JWE (header: %1); below, the nested JWT it carries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed JWT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It starts like a JWT but does not have three (JWS) or five (JWE) segments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not a compact JWS or JWE: %n segment(s)</source>
        <translation>
            <numerusform>Not a compact JWS or JWE: %n segment</numerusform>
            <numerusform>Not a compact JWS or JWE: %n segments</numerusform>
        </translation>
    </message>
    <message>
        <source>Opaque token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a JWT: there is nothing to decode or verify here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An opaque token means something only to the server that issued it. Ask that server: token introspection (RFC 7662) tells whether it is active, its scope, client and expiry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not parse: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token (JWT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted token (JWE) carrying a %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · signed with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsigned: &quot;alg&quot;: &quot;none&quot;. Nothing vouches for this token; no client may accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is unsigned (&quot;alg&quot;: &quot;none&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a signature algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the keys from %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature: see the findings of the flow that received it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature not checked: no keys were given (a JWKS URL, a JWK Set or a key).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keys were given: the signature is not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token has not expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no kid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Signature verified with key kid %1 (%2, %3), RFC 7638 thumbprint %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature verifies with key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ The signature does not verify: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>[hidden: %n characters]</source>
        <translation>
            <numerusform>[hidden: %n character]</numerusform>
            <numerusform>[hidden: %n characters]</numerusform>
        </translation>
    </message>
    <message>
        <source>header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ciphertext</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a registered claim: its meaning is the issuer&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) · %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenPicker</name>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a token, or pick one of this session&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens are secrets: show them only when nobody looks over your shoulder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 #%2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (replaced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (revoked)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenTable</name>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>[hidden: %n characters]</source>
        <translation>
            <numerusform>[hidden: %n character]</numerusform>
            <numerusform>[hidden: %n characters]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenToolsPanel</name>
    <message>
        <source>Decode &amp;&amp; verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign / encode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a JWT, a JWE or an opaque token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://provider.example/jwks (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or paste a JWK Set or one JWK (JSON) to verify with (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a JWE: the private JWK or JWK Set to decrypt it (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any JWT (access token rules when typ is at+jwt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token (RFC 9068)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iss (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token: client_id · access token: resource (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the nonce sent (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>access token: client_id (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allowed algs, e.g. RS256 ES256 (optional; none never is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clock skew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding and verifying only read the token: nothing is signed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token (at+jwt, RFC 9068)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client assertion: private_key_jwt (RFC 7523)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client assertion: client_secret_jwt (RFC 7523)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token endpoint or resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JOSE header (JSON); alg and kid come from the fields below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claims (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header · claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kid (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PEM private key, a private JWK, or for HS* the shared secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWK Set to verify with appears here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key · JWKS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pasted key is not a JWK Set nor a JWK: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWKS URL is not an http(s) URL: the keys were not fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fresh %1 key was generated. Keep it for testing only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key: paste one or generate one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a PEM private key nor a JWK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header is not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The claims are not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(a shared secret: the verifier needs the same secret)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Signed with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign with the pasted or generated key, or with a saved profile&apos;s key or client secret from the keychain (not shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted or generated key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 from the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read from the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing with %1: the key stays in the keychain and is not shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key ready: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key from the keychain has not been read (yet).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::AuthorizationCodeFlow</name>
    <message>
        <source>An authorization endpoint, a client_id and a redirect_uri are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The random number generator failed: nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check “%1” failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token request (authorization_code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint answered with an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flow was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response type “%1” returns a code: a token endpoint is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response type “%1” returns an ID token: the scope must contain “openid”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s keys could not be fetched from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id_token (authorization response)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id_token (token response)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both ID tokens name the same iss and sub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token response&apos;s ID token names another iss or sub than the authorization response&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token check “%1” failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::CallbackChecks</name>
    <message>
        <source>(absent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider answered with the error “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider answered with the error “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response carries no state: it cannot be tied to this request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>state equals the value sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>state differs from the value sent: the response may belong to another request (CSRF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iss equals the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iss differs from the issuer: the response may come from another provider (mix-up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider advertises authorization_response_iss_parameter_supported but sent no iss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an authorization code arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response carries no authorization code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters appear more than once: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No iss parameter, but the response&apos;s ID token carries iss, which is checked with the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a code or tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an authorization code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each parameter once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A second response with this run&apos;s state arrived after the state was used: a state is single-use, so it was refused and nothing was sent (a replayed or injected response)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A response arrived after this run&apos;s state was used: it was refused and nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no response after the first for state “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a response with state “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a response without state</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::IdTokenCheck</name>
    <message>
        <source>The provider names no jwks_uri: the signature is not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ID token&apos;s %1 signature verifies with key %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::Pkce</name>
    <message>
        <source>a code_verifier has 43 to 128 characters, this one has %1 (RFC 7636 §4.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not allowed in a code_verifier (RFC 7636 §4.1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::ResponseType</name>
    <message>
        <source>“%1” is not a registered response type part (code, id_token, token, none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” appears twice in the response type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response type is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“none” cannot be combined with another response type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::TokenResponse</name>
    <message>
        <source>the token endpoint answered HTTP %1 with JSON that is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token endpoint answered HTTP %1 without a JSON body (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token response is JSON but not labelled application/json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An error response came with HTTP 200</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token endpoint answered HTTP %1 without an OAuth error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token response has no access_token (RFC 6749 §5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token_type is missing; Bearer is assumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token_type “%1” read as Bearer (case-insensitive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires_in is a string, not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a JSON number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response type has “token” but the authorization response (%1) has no access_token (RFC 6749 §4.2.2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires_in is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response type has “id_token” but the authorization response (%1) has no id_token (OpenID Connect Core §3.2.2.5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens came in the query string, where they end up in logs and Referer headers; the default for this response type is the fragment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Browser::EmbeddedBrowser</name>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in the system browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No page loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start this authorization again in the desktop&apos;s web browser. The redirect then has to be captured another way, e.g. by the loopback listener.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect captured in the browser (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser navigation (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider sent the response to %1 as a form submission (response_mode=form_post), and the embedded browser could not read its fields. The navigation was stopped. Capture the redirect with the loopback listener instead, which reads the posted body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The redirect to %1 was captured before it was loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope captured the response sent to %1 before it was loaded. Return to Tokenscope to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is encrypted (https) and the certificate is trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loopback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain http to this machine (%1): nothing leaves it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not secure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain http: what is sent can be read and changed on the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A page of the %1 scheme.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider refuses to sign in inside an embedded browser. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load %1: %2 (error %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 was not accepted: %2 The embedded browser never accepts an untrusted certificate; the page was not loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page opened a new window; it was sent to the system browser: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page&apos;s renderer process ended unexpectedly (exit code %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Browser::EmbeddedBrowserRefusal</name>
    <message>
        <source>The page&apos;s address names the error “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page&apos;s title names the error “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page&apos;s text names the error “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Ciba::CibaFlow</name>
    <message>
        <source>A backchannel authentication endpoint, a token endpoint and a client_id are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scope must contain “openid” (CIBA Core §7.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exactly one of login_hint, id_token_hint and login_hint_token is needed (CIBA Core §7.1); %1 given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ping mode needs both a client notification endpoint and a client notification token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backchannel authentication request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a string, not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a JSON number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backchannel authentication response lacks auth_req_id (CIBA Core §7.3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires_in is missing: the request&apos;s lifetime is unknown, polling goes on until the provider ends it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires_in is longer than the requested_expiry sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token request (CIBA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backchannel authentication endpoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::AuthorizeCommand</name>
    <message>
        <source>Run the authorization code flow (PKCE S256 by default) with a loopback redirect URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s issuer: its metadata gives the endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides the discovered authorization endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides the discovered token endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides the discovered userinfo endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client_id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the client secret from this environment variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>var</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the client secret from this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scope (default &quot;openid&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query, fragment or form_post (default: the provider&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The loopback redirect URI, http://127.0.0.1:PORT/PATH; port 0 picks a free one (default http://127.0.0.1:0/callback).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S256 (default), plain or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state to send (default: 128 random bits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The nonce to send (default: 128 random bits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt parameter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login_hint parameter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An extra authorization parameter, NAME=VALUE. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print: write &quot;authorization_url: URL&quot; on stderr and wait; system: open the desktop&apos;s browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to wait for the redirect (default 300).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not call the userinfo endpoint after the flow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authorize takes no positional argument; unexpected “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authorize needs --issuer, or both --authorization-endpoint and --token-endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authorize needs --client-id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--client-secret-env: the variable %1 is not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--client-secret-file: cannot read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--auth-method %1 needs --client-secret-env or --client-secret-file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--response-mode takes query, fragment or form_post, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pkce takes S256, plain or none, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--param takes NAME=VALUE, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--browser takes print or system, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--wait takes a positive number of seconds, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokenscope-cli: could not start the system browser (xdg-open); open the URL above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No redirect arrived within %1 s (--wait)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code (default), id_token, &quot;id_token token&quot;, token, &quot;code id_token&quot;, &quot;code token&quot; or &quot;code id_token token&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--response-type: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--redirect-uri must be http://127.0.0.1:PORT/PATH or http://[::1]:PORT/PATH (RFC 8252 §7.3), not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none (default: basic with a secret, private_key_jwt with a key, none without).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private_key_jwt: the client&apos;s private key (PEM or JWK) in this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--private-key: cannot read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--auth-method takes client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--auth-method private_key_jwt needs --private-key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::CibaCommand</name>
    <message>
        <source>The provider&apos;s issuer: its metadata gives the endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides the discovered backchannel authentication endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides the discovered token endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scope, with openid (default &quot;openid&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who to ask: the login_hint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who to ask: an ID token of theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who to ask: a login_hint_token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A short message shown on both devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user&apos;s secret user_code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lifetime to ask for, in seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The acr_values parameter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An extra backchannel authentication parameter, NAME=VALUE. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to wait for the user (default: until the request expires).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ciba takes no positional argument; unexpected “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ciba needs --issuer, or both --backchannel-authentication-endpoint and --token-endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--requested-expiry takes a positive number of seconds, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run CIBA in poll or ping mode: ask the user on their device, then poll for the tokens or wait for the provider&apos;s notification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ping mode: listen at this client notification endpoint, http://127.0.0.1:PORT/PATH (port 0 picks a free one), and wait for the provider&apos;s notification instead of polling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ping takes http://127.0.0.1:PORT/PATH (a loopback address with a port, 0 for a free one), not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notification received: asking for the tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a notification was refused (HTTP %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::ClientOptions</name>
    <message>
        <source>The client_id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the client secret from this environment variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>var</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the client secret from this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none (default: basic with a secret, private_key_jwt with a key, none without).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s private key (PEM or JWK) for private_key_jwt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--client-id is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--client-secret-env: the variable %1 is not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--client-secret-file: cannot read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--private-key: cannot read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--auth-method takes client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--auth-method %1 needs --client-secret-env or --client-secret-file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--auth-method private_key_jwt needs --private-key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::CommandParser</name>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a saved profile (tokenscope-cli profile list): its provider, client and settings are the defaults, options given here override them; its secrets come from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not use the keychain: secrets live in memory for this run only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--profile: “%1” was not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--profile %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::ConnectionOptions</name>
    <message>
        <source>Seconds to wait for each response (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest response body kept, in bytes (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file of CA certificates to trust in addition to the system&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the server certificate with this SHA-256 fingerprint for this run, despite verification errors. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sha256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy: &apos;system&apos; (default), &apos;none&apos;, or a URL such as http://host:3128.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print secrets (tokens, codes, client secrets) instead of masking them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the JSON document on one line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--timeout takes a number of seconds between 0 and 3600, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-body takes a positive number of bytes, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ca-file: cannot read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--trust-cert takes a SHA-256 fingerprint (64 hex digits), not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--proxy takes &apos;system&apos;, &apos;none&apos;, http://HOST:PORT or socks5://HOST:PORT, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::DecodeCommand</name>
    <message>
        <source>The keys to verify with: a JWKS URL (fetched, and shown as an exchange) or a file holding a JWK Set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uri|file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An algorithm the signature may use (repeatable); others fail. Default: any except none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token, or - to read it from standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decode takes one TOKEN (or - for standard input)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--jwks: cannot read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keys were given (--jwks): the signature is not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature verifies with key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token: the expected iss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token: the client_id that aud must contain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token: the nonce sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nonce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token: the max_age requested, in seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clock skew allowed for exp, iat, nbf and auth_time (default 60 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-age takes a number of seconds, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--skew takes a number of seconds from 0 to 86400, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode a JWS (a JWT) and, given keys, verify its signature; check ID token or access token claims.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the token as an OAuth access token: the JWT access token rules of RFC 9068 (also applied, without this option, to a token whose typ is at+jwt), or, for an opaque token, say so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token: the resource (audience) aud must contain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token: the expected client_id claim.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--audience, --nonce and --max-age are ID token options; an access token takes --resource and --client-id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file holding the private JWK (or a JWK Set) to decrypt a JWE with; a nested JWT inside is then decoded as usual.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--decrypt-key: cannot read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWE decrypts and its tag verifies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::DeviceCommand</name>
    <message>
        <source>Run the device authorization grant (RFC 8628): show the user code, poll for the tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s issuer: its metadata gives the endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides the discovered device authorization endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides the discovered token endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scope (default &quot;openid&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An extra device authorization parameter, NAME=VALUE. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the verification URI in the desktop&apos;s browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also draw the verification URI as a QR code on stderr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds to wait for the user (default: until the device code expires).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device takes no positional argument; unexpected “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device needs --issuer, or both --device-authorization-endpoint and --token-endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no QR code: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokenscope-cli: could not start the system browser (xdg-open); open the URL above</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::DiscoverCommand</name>
    <message>
        <source>Fetch and check a provider&apos;s metadata (OpenID Connect discovery, RFC 8414).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which metadata to look for: &apos;auto&apos; (OpenID Connect, then RFC 8414), &apos;openid&apos; or &apos;oauth&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuer URL, e.g. https://accounts.example.com, or a full .well-known URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--well-known takes &apos;auto&apos;, &apos;openid&apos; or &apos;oauth&apos;, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discover takes one ISSUER; unexpected “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discover needs an ISSUER URL (or --profile NAME)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 names no %2; give --%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::IntrospectCommand</name>
    <message>
        <source>Ask the provider whether a token is active, and what it knows of it (RFC 7662).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>access_token or refresh_token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token to introspect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>introspect takes one TOKEN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::PollingCommand</name>
    <message>
        <source>poll %1: %2 (next in %3 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user did not decide within %1 s (--wait)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--param takes NAME=VALUE, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--wait takes a positive number of seconds, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::ProfileCommand</name>
    <message>
        <source>Saved profiles: list, show NAME, save NAME, delete NAME, export [NAME…] --output FILE, import FILE. Secrets live in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list, show, save, delete, export or import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile (export: any number; import: the FILE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not use the keychain: secrets live in memory for this run only, and a saved profile records none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: the issuer URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: the %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: the client_id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: read the client secret from this variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>var</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: read the client secret from this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: read the resource owner&apos;s password from this variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: store this PEM private key (private_key_jwt) in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: store the refresh token in this variable (needs --store-refresh-tokens).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: the profile keeps refresh tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: the token endpoint auth method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: the default scope (space-separated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: a redirect URI. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: S256, plain or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: the response type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: query, fragment or form_post.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: an extra authorization parameter NAME=VALUE. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: free text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: the profile&apos;s new name (its secrets stay).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export: the file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export: include the secrets, encrypted with a passphrase (AES-256-GCM, scrypt).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export/import: read the passphrase from this variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import: show what would be done, change nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import: replace profiles that exist (same id or name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1: the variable %2 is not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile %1 needs a NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile %1 takes one NAME; unexpected “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile list takes no NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile export needs --output FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--include-secrets needs --passphrase-env VAR: the secrets are encrypted with that passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--passphrase-env: the passphrase is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--passphrase-env is for --include-secrets (secrets are left out by default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile import needs one FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile needs a SUBCOMMAND: list, show, save, delete, export or import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown profile subcommand “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a profile name cannot be blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rename: a profile name cannot be blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rename: a profile named “%1” exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 takes a URL, not “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--auth-method takes one of %1, not “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--redirect-uri takes a URI, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pkce takes S256, plain or none, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--response-mode takes query, fragment or form_post, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--param takes NAME=VALUE, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --client-secret-env or --client-secret-file, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--client-secret-file: cannot read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--refresh-token-env needs --store-refresh-tokens: the profile does not keep refresh tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 given is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not read %1 secret(s) from the %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--no-keychain: not stored (the keychain was not used)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile “%1” was not saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain is unavailable (no secret service)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain is locked or refused access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain refused it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile “%1” was saved without %2: %3 (%4). Nothing of it was written to disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile “%1” was deleted, but not its keychain entries %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing was exported: %1 secret(s) could not be read from the %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file holds encrypted secrets: give --passphrase-env VAR (or --dry-run to preview)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the profiles were imported, but %1 secret(s) were not stored in the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: store this PEM private key (DPoP proofs) in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: store this PEM private key (signed request objects) in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: store this PEM client certificate (mTLS) in the keychain; with --client-key-file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: store the client certificate&apos;s PEM private key in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>save: an extra token request parameter NAME=VALUE. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--token-param takes NAME=VALUE, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1: cannot read “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a client certificate needs its key: give --client-cert-file and --client-key-file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::ProfileOptions</name>
    <message>
        <source>--profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--profile %1: could not read %2 from the keychain: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::ProviderCommand</name>
    <message>
        <source>The provider&apos;s issuer: its metadata gives the endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides the discovered %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrides the discovered jwks_uri.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scope to ask for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A resource indicator (RFC 8707). Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An extra request parameter, NAME=VALUE. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs --client-id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--param takes NAME=VALUE, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs --issuer or --%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider names no %1; give --%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::RegisterCommand</name>
    <message>
        <source>The client was registered but the profile “%1” was not saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile “%1” was saved without its client secret: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a client (RFC 7591); read, update or delete it (RFC 7592).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A redirect URI to register. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client_name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A grant type to register. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A response type to register. Repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token_endpoint_auth_method to register.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More client metadata: a JSON object, or a file holding one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>json|file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The initial access token the provider asks for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>register (default), read, update or delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read, update, delete: the client&apos;s URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read, update, delete: its access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the registered client as a new profile with this name (its secret in the keychain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--action takes register, read, update or delete, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--metadata: cannot read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--metadata: not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--save-profile only goes with a registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--save-profile: no profile store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--save-profile: a profile “%1” exists already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--action %1 needs --registration-client-uri and --registration-access-token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>register needs --redirect-uri (or --metadata with redirect_uris)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::RevokeCommand</name>
    <message>
        <source>Revoke an access or refresh token (RFC 7009).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>access_token or refresh_token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token to revoke.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoke takes one TOKEN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::SandboxCommand</name>
    <message>
        <source>run the built-in sandbox provider on 127.0.0.1 until interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port on 127.0.0.1 (default: an ephemeral one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the signing keys are kept (default: the app data folder&apos;s sandbox/).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokenscope-cli sandbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokenscope-cli sandbox: --port takes a number from 0 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokenscope-cli sandbox: cannot listen on 127.0.0.1:%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandbox: stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the sandbox misbehave on purpose, to see a client catch it: a comma-separated list of switches, or &quot;list&quot; to show them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caught by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokenscope-cli sandbox: %1 (--break list shows them)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::TokenCommand</name>
    <message>
        <source>Request tokens with a grant that needs no browser: client_credentials, password, refresh_token, token_exchange, jwt_bearer, saml2_bearer or any grant_type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_credentials, password, refresh_token, token_exchange, jwt_bearer, saml2_bearer, or a grant_type URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refresh_token: the refresh token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refresh_token: the ID token that came with it (a new one must keep its sub).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password: the resource owner&apos;s username.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password: read the password from this environment variable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>var</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token_exchange: the subject_token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token_exchange: its type URI (default urn:ietf:params:oauth:token-type:access_token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>urn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token_exchange: the actor_token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token_exchange: its type URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token_exchange: the audience.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token_exchange: the requested_token_type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwt_bearer, saml2_bearer: the assertion (SAML XML is base64url-encoded here).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assertion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwt_bearer: sign an assertion with this key (PEM or JWK file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwt_bearer: the signing alg (default: the key&apos;s first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwt_bearer: the kid header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwt_bearer: iss (default: the client_id).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwt_bearer: sub (default: iss).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwt_bearer: aud (default: the token endpoint).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwt_bearer: seconds until exp (default 300).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token needs --grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--grant takes %1 or a grant_type URI, not “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--password-env: the variable %1 is not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--assertion-key: cannot read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--assertion-lifetime takes a positive number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::UserInfoCommand</name>
    <message>
        <source>Call the UserInfo endpoint with an access token; check a signed answer and its sub against an ID token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ID token whose sub the answer must equal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Accept header to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A private JWK or JWK Set file for an encrypted answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>userinfo takes no positional argument; unexpected “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>userinfo needs --access-token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--decryption-key: cannot read “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>get (GET with Authorization: Bearer, the default), post (POST with the token in the form body) or post-header (POST with Authorization: Bearer and an empty body).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--method takes get, post or post-header, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::ClientAuth::ClientAuthentication</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::ClientAuth::JwtAssertion</name>
    <message>
        <source>A client secret is needed to sign the assertion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signing key was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signing key cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The random number generator failed: no jti</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The assertion could not be signed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Device::DeviceFlow</name>
    <message>
        <source>A device authorization endpoint, a token endpoint and a client_id are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device authorization request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a string, not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a JSON number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device authorization response is JSON but not labelled application/json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response names verification_url, the draft&apos;s name; RFC 8628 calls it verification_uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device authorization response lacks %1 (RFC 8628 §3.2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires_in is missing: the device code&apos;s lifetime is unknown, polling goes on until the provider ends it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No interval was given: polling every %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token request (device_code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device authorization endpoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Device::QrCode</name>
    <message>
        <source>There is nothing to encode</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n bytes do not fit in a QR code</source>
        <translation>
            <numerusform>%n bytes do not fit in a QR code</numerusform>
            <numerusform>%n bytes do not fit in a QR code</numerusform>
        </translation>
    </message>
    <message>
        <source>The QR code could not be made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no QR code support (libqrencode)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Discovery::DiscoveryClient</name>
    <message>
        <source>Discovery was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenID Connect discovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth 2.0 authorization server metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata names issuer “%1”, not the requested “%2”; the exact match is required (RFC 8414 §3.3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They differ only in the trailing slash: try “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 %2 from %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(an HTML page)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered with an HTML page, not JSON metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata at %1 is not valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered with %2, not JSON metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a body without a Content-Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata at %1 is JSON but not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata is JSON but was served as “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Discovery::ProviderMetadata</name>
    <message>
        <source>The document has no “issuer” string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an absolute URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>absolute https URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” uses plain http</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” holds values that are not strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a JSON array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>array of strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The required member “%1” is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No code_challenge_methods_supported: the provider does not say whether it supports PKCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCE is advertised without S256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsigned ID tokens (alg “none”) are advertised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RS256 is not among the ID token signing algorithms, which OpenID Connect requires</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Discovery::WellKnown</name>
    <message>
        <source>Enter an issuer URL, such as https://accounts.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid absolute URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an https:// URL; an issuer is an https URL (RFC 8414 §2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has no host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An issuer has no query or fragment (RFC 8414 §2): “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::EndpointReply</name>
    <message>
        <source>%1 answered HTTP %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The error came as an HTML page, not as a JSON OAuth error (a proxy, a login page or a server error page?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 with an HTML page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 came with an OAuth error member: it is treated as the error it says, not as a success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 with an error: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::IntrospectionClient</name>
    <message>
        <source>The introspection answer is JSON but not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The introspection answer is not JSON (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The introspection answer is JSON but not labelled application/json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer has no “active” member (it is required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“active” is not a JSON boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is not active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An inactive token&apos;s answer should carry nothing but “active”; it has more members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is reported active but its exp is in the past</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An introspection endpoint and a token are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introspection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The introspection endpoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::LogoutUrl</name>
    <message>
        <source>An end_session_endpoint is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without id_token_hint the provider may ask the user to confirm the logout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>post_logout_redirect_uri needs id_token_hint or client_id so the provider can check it is registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>state only comes back with a post_logout_redirect_uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider returned to the post_logout_redirect_uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider returned somewhere else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state came back unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state did not come back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state came back changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::RegistrationClient</name>
    <message>
        <source>A registration endpoint is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A registration_client_uri and a registration_access_token are needed (RFC 7592)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client registration (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registration endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client was deleted, with HTTP %1 instead of 204</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registration endpoint did not answer a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A registration answers HTTP 201 Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer has no client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A client_secret came without client_secret_expires_at (required with a secret)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No registration_client_uri: the client cannot be read, updated or deleted later (RFC 7592)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server dropped “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server changed “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::RevocationClient</name>
    <message>
        <source>A revocation endpoint and a token are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The revocation endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The revocation was accepted (HTTP 200; also the answer for a token the server does not know)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The revocation answered HTTP %1; RFC 7009 says 200</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP 503: the token was not revoked; try again later (Retry-After: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not revoke this type of token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::UserInfoClient</name>
    <message>
        <source>A UserInfo endpoint and an access token are needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UserInfo answer is encrypted and no decryption key was given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UserInfo answer was decrypted (%1, %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo answered an HTML page, not JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo answered JSON that is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo answered something that is not JSON (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UserInfo answer is JSON but not labelled application/json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed UserInfo payload is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed UserInfo&apos;s iss is the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed UserInfo&apos;s iss is not the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed UserInfo&apos;s aud contains the client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signed UserInfo&apos;s aud does not contain the client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jwks_uri is known: the UserInfo signature is not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UserInfo %1 signature verifies with key %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UserInfo answer has no sub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UserInfo sub equals the ID token&apos;s sub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UserInfo response&apos;s sub does not equal the ID token&apos;s sub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::WwwAuthenticate</name>
    <message>
        <source>invalid_token: the access token is expired, revoked, malformed or not for this resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>insufficient_scope: the token lacks a scope this resource needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>insufficient_scope: the token lacks a scope; needed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid_request: the request is malformed (missing token, token sent twice, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acr_values %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an authentication at most %1 s old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>insufficient_user_authentication: authenticate again, more strongly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>insufficient_user_authentication: authenticate again with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 authentication is required (no error code: no token, or not accepted)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Format</name>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Grants::RefreshChecks</name>
    <message>
        <source>No new refresh token was returned: the one sent stays in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same refresh token was returned: it stays in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new refresh token was returned: the one sent is spent and must not be used again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid_grant for a refresh token that was already rotated: the provider detects the reuse of a spent refresh token (and may have revoked the whole grant, including the newer token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid_grant: the refresh token is unknown, expired, revoked, was already used (rotation), or belongs to another client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id_token (refresh response)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refreshed ID token has an iat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refreshed ID token has no iat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No previous ID token was given: sub stability is not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refreshed ID token&apos;s %1 equals the previous ID token&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refreshed ID token&apos;s %1 differs from the previous ID token&apos;s: it must be the same</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Grants::TokenGrantFlow</name>
    <message>
        <source>The SAML assertion was pasted as XML and sent base64url-encoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token request (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint answered with an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(an HTML page: a login page, proxy or server error?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token exchange response has no issued_token_type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token check “%1” failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flow was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Grants::TokenGrantRequest</name>
    <message>
        <source>A token endpoint is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A client_id is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password grant needs a username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refresh_token grant needs a refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token exchange needs a subject_token and its subject_token_type (RFC 8693 §2.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWT bearer grant needs an assertion, or a key to sign one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SAML 2.0 bearer grant needs an assertion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A grant_type is needed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Http::PendingExchange</name>
    <message>
        <source>“%1” is not an http:// or https:// URL with a host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 body could not be decompressed; the raw bytes are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No complete response from %1 within %2; the request was aborted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response body exceeds the %1 limit; the first %1 are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection refused by %1: is the server running?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host “%1” not found (DNS lookup failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate of %1 not trusted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed after %1 of the %2 body bytes announced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response ended early: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped after %1 redirects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused to follow a redirect from https to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::AccessTokenValidator</name>
    <message>
        <source>A JWT access token: its claims can be read and checked here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An encrypted JWT (JWE): only the resource server it is for can read it; the client should treat it as opaque.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token looks like a JWT but does not parse: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An opaque access token: nothing in it can be checked here. Ask the authorization server with token introspection (RFC 7662) whether it is active, for whom and with which scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payload is not a JSON object of claims.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typ says this is a JWT access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typ is missing: a JWT access token must say &quot;at+jwt&quot;, or it can be confused with other JWTs of the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typ is &quot;%1&quot;, not &quot;at+jwt&quot;: another kind of JWT is not an access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;alg&quot;: &quot;none&quot; is never acceptable for an access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a signature algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iss is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iss is the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iss is not the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aud is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aud is present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aud contains the resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aud does not contain the resource: the token is for someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exp is missing or not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not expired (clock skew %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired (clock skew %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iat is missing or not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issued in the past</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issued in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid already (nbf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid yet (nbf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sub is present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sub is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_id is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_id is the expected client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_id is another client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jti is present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jti is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scope is a space-delimited string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scope must be one space-delimited string, not a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::IdTokenValidator</name>
    <message>
        <source>(absent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iss is the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iss is not the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aud contains the client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aud does not contain the client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>azp is the client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>azp is not the client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several audiences and no azp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sub is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sub is present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exp is missing or not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not expired (clock skew %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired (clock skew %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iat is missing or not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issued in the past</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issued in the future</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid already (nbf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid yet (nbf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nonce is the one sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nonce is missing though one was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nonce differs from the one sent (replay?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token carries a nonce but none was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_age was requested but auth_time is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the authentication is recent enough (max_age %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the authentication is older than max_age %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is required here but missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acr is one of the values requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acr was requested as an essential claim but is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acr was requested (acr_values) but is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acr is not one of the values requested as essential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acr is not one of the values requested (acr_values is voluntary)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typ is JWT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typ is &quot;%1&quot;: another kind of JWT is not an ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not a string)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JweDecryptor</name>
    <message>
        <source>The token is %1 bytes long; the limit is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A compact JWE has five segments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 is not valid base64url (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IV, the ciphertext and the tag of a JWE must not be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWE protected header is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header has the member &quot;%1&quot; twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JWE header needs &quot;alg&quot; and &quot;enc&quot; strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key management algorithm &quot;%1&quot; is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content encryption &quot;%1&quot; is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compressed JWE (&quot;zip&quot;) are refused: decompressing before the sender is known invites compression bombs (RFC 8725 §3.6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;crit&quot; requires extensions that are not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSA1_5 key encryption is open to padding oracle attacks; RSA-OAEP is the safe choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PBES2 needs a positive whole &quot;p2c&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;p2c&quot; asks for %1 PBES2 iterations; more than %2 are refused (the cost would be the attacker&apos;s choice).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PBES2 with %1 iterations; at least 1000 are recommended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decryption key is not a JWK or a JWK Set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key has the member &quot;%1&quot; twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWE does not decrypt with the key(s) given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build of Tokenscope has no JWE decryption (libjose was not found).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::Jwk</name>
    <message>
        <source>The key is not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JWK must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key has the member &quot;%1&quot; twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key has no &quot;kty&quot; string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key member &quot;%1&quot; must be a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key member &quot;key_ops&quot; must be a list of strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key has no &quot;%1&quot; string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key member &quot;%1&quot; is not valid base64url (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key has no &quot;crv&quot; string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RSA public exponent &quot;e&quot; is not usable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RSA modulus has %1 bits; keys under %2 bits are refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RSA modulus has %1 bits; at least %2 are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The EC curve &quot;%1&quot; is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EC coordinates on %1 must be %2 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OKP curve &quot;%1&quot; is not a signature curve this code supports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An %1 public key must be %2 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The symmetric key &quot;k&quot; is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key type &quot;%1&quot; is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL refused the %1 public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A symmetric key has no public key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL could not allocate parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL could not take the RSA key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL could not take the EC key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL could not prepare the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The EC point is not on the curve %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL refused the RSA public key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JwkSet</name>
    <message>
        <source>The key set is not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JWK Set is a JSON object with a &quot;keys&quot; list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key set has the member &quot;%1&quot; twice in one object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 of the set is not used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 of the set: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 of the set carries private key material; a published key set must hold public keys only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 of the set repeats the kid &quot;%2&quot;; keys in a set should have distinct kid values.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JwksCache</name>
    <message numerus="yes">
        <source>The key set at %1 could not be fetched (%2); it is tried again at most once every %n s.</source>
        <translation>
            <numerusform>The key set at %1 could not be fetched (%2); it is tried again at most once every %n s.</numerusform>
            <numerusform>The key set at %1 could not be fetched (%2); it is tried again at most once every %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>No key in the set has the kid &quot;%1&quot;, and the set was fetched %2 s ago; it is fetched again at most once every %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS (fetched again for an unknown kid or an old set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key set was fetched again (a kid it lacked, or it was older than %1 s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JwsSigner</name>
    <message>
        <source>Not a PEM private key (PKCS #8 or a traditional RSA or EC key).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key type cannot sign a JWS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWK is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWK repeats the member “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An oct JWK needs its secret in &quot;k&quot; (base64url).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This JWK has no private part (&quot;d&quot;): it can verify but not sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RSA JWK member &quot;%1&quot; is missing or not base64url.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The EC JWK needs crv (P-256, P-384, P-521), x, y and d.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL refused the EC key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OKP JWK needs crv Ed25519 or Ed448 and d.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported JWK key type “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL refused the %1 key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key can be generated for the algorithm “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key generation failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header is not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header has no &quot;alg&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;alg&quot;: &quot;none&quot; is an unsigned token: there is nothing to sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported algorithm “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signing key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs an HMAC secret, not a %2 key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HMAC computation failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 key cannot sign %2; it signs %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL could not start signing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL could not sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL gave a malformed signature.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JwsToken</name>
    <message>
        <source>The protected header is not valid base64url (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header is not UTF-8 text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header is JSON but not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header is not JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header has the member &quot;%1&quot; twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payload is not valid base64url (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payload has the member &quot;%1&quot; twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is %1 bytes long; the limit is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a JWE (five segments); decryption is not available yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A compact JWS has three segments; this has more than five.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A compact JWS has three segments; this has %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header has no &quot;alg&quot; string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature is not valid base64url (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWS is %1 bytes long; the limit is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWS is not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JWS JSON serialization is a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWS has the member &quot;%1&quot; twice in one object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWS has no &quot;payload&quot; string (detached payloads are not supported).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The general JWS serialization must not also have flattened members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;signatures&quot; must be a non-empty list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWS has %1 signatures; the limit is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each entry of &quot;signatures&quot; must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A signature entry has no &quot;signature&quot; string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;protected&quot; must be a string and &quot;header&quot; an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A signature entry needs &quot;protected&quot; or &quot;header&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header member &quot;%1&quot; is both protected and unprotected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;crit&quot; must be in the protected header.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JwsVerifier</name>
    <message>
        <source>HMAC computation failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An %1 signature is %2 bytes long, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ECDSA signature could not be converted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL could not set up the verification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kty is %1, %2 needs %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>curve is %1, %2 needs %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>curve %1 does not fit %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use is &quot;%1&quot;, not &quot;sig&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key_ops does not include &quot;verify&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key is for %1, the token uses %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header names a key in &quot;%1&quot;; it is ignored: only the configured key set is trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;crit&quot; must be a non-empty list of header parameter names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;crit&quot; must list header parameter names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;crit&quot; lists &quot;%1&quot;, a parameter the specification defines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;crit&quot; lists &quot;%1&quot;, which the protected header lacks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;crit&quot; requires the extension &quot;%1&quot;, which is not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is unsigned (&quot;alg&quot;: &quot;none&quot;); a signature is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The algorithm &quot;%1&quot; is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The algorithm %1 is not among the allowed ones (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An %1 signature is R || S, %2 bytes long; this one has %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key set is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key in the set has the kid &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an HMAC algorithm but the only keys that apply are public keys: using one as an HMAC secret is the key confusion attack.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key may verify this %1 token (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 key has %2 bits; at least %3 are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 signature verifies with %2 (%3, thumbprint %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The %1 signature does not verify with any of the %n candidate key(s).</source>
        <translation>
            <numerusform>The %1 signature does not verify with the %n candidate key.</numerusform>
            <numerusform>The %1 signature does not verify with any of the %n candidate keys.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tokenscope::JsonReader</name>
    <message>
        <source>the body is empty, a JSON document was expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1, column %2: unescaped control character U+%3 in a string</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::OAuthErrorExplanation</name>
    <message>
        <source>The request is malformed: a required parameter is missing, one is repeated or has a value the provider does not accept. Compare the raw request with the provider&apos;s documentation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider did not accept the client&apos;s credentials: a wrong client_id or secret, the secret sent the wrong way (basic vs post), an expired or wrongly signed client assertion, or a client that does not exist on this provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grant is not valid (any more): a code that expired or was used already, a redirect_uri or code_verifier that differs from the authorization request, a refresh token that was rotated, revoked or expired, or a session that ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client exists but may not use this grant type or response type: enable it in the client&apos;s registration at the provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider does not support this grant_type at all (check grant_types_supported in its metadata) or the value is misspelt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A requested scope is unknown, not allowed for this client, or exceeds what the original grant covered (on refresh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user (or a policy of the provider) refused: the user pressed Deny, or the account may not use this client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider does not offer this response_type, or not to this client (see response_types_supported and the client&apos;s registration).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider failed internally. Not the client&apos;s fault; try again and check the provider&apos;s logs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider is overloaded or in maintenance; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt=none was asked, but the user has to do something first (sign in, consent, choose an account): run the flow without prompt=none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt=none was asked, but the user has no session at the provider (or the embedded browser started a fresh one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt=none was asked, but the user has not consented to these scopes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt=none was asked, but the user has several sessions and must choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request_uri is unknown, expired or was used already (a pushed authorization request works once, for a short time).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request object&apos;s signature, audience, issuer or claims were not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider does not accept request objects (the request parameter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an error to stop on: the user has not finished yet, so the client polls again after the interval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client polls too often: it must wait 5 seconds longer between polls from now on (RFC 8628 §3.5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device code or CIBA request expired before the user finished: start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token is expired, revoked, malformed, issued for another resource, or bound to a key (DPoP, mTLS) the request did not prove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is valid but lacks a scope this resource needs: ask for it in the authorization request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step-up (RFC 9470): the resource wants a stronger or more recent sign-in; run the authorization flow again with the acr_values or max_age it names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider wants its nonce in the DPoP proof: send the request again with the DPoP-Nonce it returned (RFC 9449 §8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DPoP proof was refused: wrong htm/htu, an old iat, a reused jti, a missing ath, or a key other than the token is bound to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resource or audience requested is unknown to the provider or not allowed for this client (RFC 8707, RFC 8693).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider cannot revoke or exchange this type of token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A redirect URI in the registration is not acceptable (scheme, host or fragment).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value in the client registration is not acceptable to the provider; its description usually names the field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIBA: the login hint names no user the provider knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIBA: the login_hint_token has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIBA: the binding_message is too long or has characters the provider refuses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIBA: the provider could not complete the authentication on the user&apos;s device.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::PolledGrantFlow</name>
    <message>
        <source>%1 answered HTTP %2 with JSON that is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 without a JSON body (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered with an error: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 without an OAuth error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flow was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Profiles::ProfileExport</name>
    <message>
        <source>scrypt n must be a power of two from 2^10 to 2^20, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scrypt r must be from 1 to 32, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scrypt p must be from 1 to 16, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scrypt n and r ask for more than 256 MiB of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two profiles are named “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>two profiles have the id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exporting secrets needs a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the random generator failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scrypt failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AES-256-GCM failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Tokenscope profile export (no &quot;format&quot;: &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export version %1 is not supported (this Tokenscope reads version %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profiles must be an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted_secrets must be an object or null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted_secrets.cipher must be “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted_secrets.kdf must be {&quot;name&quot;: &quot;scrypt&quot;, &quot;n&quot;, &quot;r&quot;, &quot;p&quot;, &quot;salt&quot;}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypted_secrets.%1 must be base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the encrypted secrets&apos; iv, tag or key check has the wrong length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file holds encrypted secrets: a passphrase is needed to import them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the passphrase does not open the encrypted secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file was changed after it was exported: the encrypted secrets or the profiles they belong to do not match their authentication tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the encrypted secrets hold an unknown kind or a bad value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Profiles::ProfileImport</name>
    <message>
        <source>new profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same profile (id %1) exists as “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a profile named “%1” exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; not replaced without the choice to overwrite</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Profiles::ProfileJson</name>
    <message>
        <source>%1 must be %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema_version must be a non-negative integer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>written by a newer Tokenscope (schema version %1, this one reads up to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id must be a UUID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provider.discovery.fetched_at must be an ISO 8601 time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown kind of secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.stored_in must be &quot;keychain&quot; or &quot;file&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array of {&quot;name&quot;, &quot;value&quot;} strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Profiles::ProfileManager</name>
    <message>
        <source>the profile does not keep refresh tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Profiles::ProfileStore</name>
    <message>
        <source>the same id as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such profile file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the document is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a file for this profile exists but was not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file was deleted since it was loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file changed on disk since it was loaded (loaded: modified %1; now: modified %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make the directory private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the profile has no id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make the file private: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no profile named “%1” in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 profiles are named “%2”: rename all but one</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Redirect::LoopbackListener</name>
    <message>
        <source>Too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A request for host “%1” was refused: only %2 is served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This listener only answers requests for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A second response arrived at the redirect URI and was ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope already has the authorization response. You can close this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A form_post response is form-encoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GET or POST only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No parameters arrived in the URL: nothing to relay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passing the response to Tokenscope…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope received the response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope received the authorization response. You can close this window and return to Tokenscope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox</name>
    <message>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope&apos;s built-in provider on 127.0.0.1, started when this profile is used. Sign in as alice, bob or li.lei; nothing leaves this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxClientAssertion</name>
    <message>
        <source>the assertion is not a compact JWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the assertion payload is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the client has no secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the client has no registered keys (jwks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the assertion signature does not verify with the client secret (alg %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the assertion signature does not verify with the client&apos;s keys (alg %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iss must be the client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sub must be the client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sub is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exp is missing or not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the assertion has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exp is too far in the future (at most one hour)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the assertion is not valid yet (nbf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iat is not a time in the past</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jti is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this assertion (jti) was used already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many assertions in flight; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aud must name the token endpoint, the issuer or the endpoint called</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxDpop</name>
    <message>
        <source>the DPoP header is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof is not a compact JWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s typ must be dpop+jwt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s alg must be an asymmetric algorithm the sandbox supports, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof carries no jwk header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s jwk header is not a usable key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s jwk header must hold a public key only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s signature does not verify with its jwk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s payload is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof needs a jti</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s htm is not the request&apos;s method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s htu is not the request&apos;s URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s iat is not within %1 seconds of now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s ath is not the hash of the access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the authorization server requires a DPoP nonce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP nonce is stale; use the new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof was used before (jti replayed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many DPoP proofs in flight; try again later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxFaults</name>
    <message>
        <source>The authorization response carries a state other than the one the client sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization response carries no state at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization response&apos;s iss parameter (RFC 9207) names another issuer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization response carries no iss parameter, although the metadata says authorization_response_iss_parameter_supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response looks as if it came from another authorization server: its iss parameter and the ID tokens name that issuer, and the ID tokens are signed with a key that is not in the sandbox&apos;s JWKS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID tokens carry a signature that does not verify with the sandbox&apos;s keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID tokens name another client in aud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID tokens expired an hour ago.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID tokens carry a nonce other than the one in the authorization request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID tokens are unsigned: alg none and an empty signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID tokens carry an at_hash that belongs to another access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID tokens carry a c_hash that belongs to another code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UserInfo answers with the claims of another user (another sub).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint redeems an authorization code a second time instead of refusing it and revoking what it issued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint accepts a refresh token that was already rotated instead of treating the reuse as theft and revoking the grant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login CSRF: an attacker could feed the client a response from their own sign-in, so that the victim ends up in the attacker&apos;s account and saves data there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mix-up: a malicious authorization server could make the client send a code meant for an honest one to its own token endpoint and steal it, or have the client accept its tokens as the honest server&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone could forge an ID token and sign in as any user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A token issued to another application could be replayed here to sign in as its user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An old, stolen ID token could be replayed long after it should have stopped working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ID token from another sign-in could be injected into this one (replay).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An access token of another user or session could be swapped into the response (token substitution).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A code of another user or session could be swapped into the response (code injection).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client would show or store another user&apos;s profile under this user&apos;s account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A code that leaked (logs, Referer, browser history) could be redeemed again for fresh tokens; only PKCE and the client&apos;s single-use state still stand in the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stolen refresh token would keep working alongside the legitimate one and the theft would go unnoticed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown break-it switch: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected {&quot;faults&quot;: [names]}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not a string)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sandbox-only teaching toy: these switches make the sandbox misbehave on purpose. No real authorization server has such an endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxHost</name>
    <message>
        <source>The sandbox cannot listen on 127.0.0.1:%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxKeys</name>
    <message>
        <source>cannot create the key directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the key file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key file %1 does not hold the expected key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL could not generate a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL could not encode a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the key file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenSSL could not export a public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox key %1 is not a valid JWK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxPar</name>
    <message>
        <source>the request_uri is unknown or was used already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request_uri was pushed by another client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request_uri has expired</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxProvider</name>
    <message>
        <source>method not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing at this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenscope sandbox: error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test user name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or pick a test user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the Tokenscope sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1. The application %2 asks for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no scopes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow access?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returning to the application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization request must be a form post.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown client_id: the sandbox knows no such client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The redirect_uri is missing or not registered for this client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a parameter was repeated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported response_mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported or missing response_type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this client may not use this response_type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens must not be returned in the query (response_mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown scope: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an id_token response type requires the openid scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nonce is required when an ID token comes from this endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code_challenge_method must be S256 or plain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code_challenge must be 43 to 128 unreserved characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code_challenge_method without code_challenge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCE is required for public clients (code_challenge)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many sign-ins in progress; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in form was not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sign-in has expired or is unknown; start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name of 1 to 64 characters, or pick a test user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The consent form was not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the user denied the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use one client authentication method, not two</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than one Authorization header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the Basic credentials are malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_id differs from the Basic credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this client authenticates with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a public client may not use this endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong client secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body must be application/x-www-form-urlencoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grant_type is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox does not support this grant_type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this client may not use this grant_type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown or expired code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this code was used already; its tokens are revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the code was issued to another client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the code has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redirect_uri differs from the authorization request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code_verifier is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code_verifier does not match the code_challenge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code_verifier sent but no code_challenge was</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the grant was revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the refresh token was issued to another client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refresh token reused; the grant is revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the refresh token is revoked or expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a refresh may not widen the scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_credentials may only ask for the api scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the access token is invalid, expired or revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the openid scope is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body must be a form without repeated parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported prompt value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt=none may not be combined with other values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max_age must be a non-negative number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>claims must be a JSON object with userinfo and id_token objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no requested acr can be satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt=none but nobody is signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prompt=none but the sign-in is older than max_age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The logout request was not understood (repeated parameter?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id_token_hint is not an ID token the sandbox signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_id is not the audience of id_token_hint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>post_logout_redirect_uri needs id_token_hint or client_id to name the client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>post_logout_redirect_uri is not registered for this client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are signed out of the Tokenscope sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body must be a JSON object (application/json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many registered clients; restart the sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the registration access token is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the registration access token is invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_id in the body must be the client&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_secret may not be changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device_code is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown device_code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auth_req_id is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown auth_req_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_assertion is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_id differs from the assertion&apos;s iss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>username and password are required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong username or password (test users have the password &quot;sandbox&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown or used request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request was made by another client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the user has not decided yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>polling too fast; the interval grows by 5 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this client may not use the device authorization grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many device authorizations pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form was not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code is unknown or has expired. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the code shown on your device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect a device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device request has expired or was decided already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device is being signed in. You may close this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device was not allowed. You may close this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this client may not use CIBA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIBA requires the openid scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox takes login_hint only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login_hint is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login_hint must name a test user (alice, bob, li.lei)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binding_message is longer than 100 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requested_expiry must be 1 to 600 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many requests pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request has expired or was decided already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in requests that applications sent for the test users (CIBA). A login_hint ending in &quot;+auto&quot; is approved without this page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request is waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asks %2 to sign in. Binding message: %3. Scopes: %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending sign-in requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subject_token and subject_token_type are required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subject_token is not an active token of subject_token_type that the sandbox issued or signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>actor_token and actor_token_type go together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>actor_token is not an active token of actor_token_type that the sandbox issued or signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an exchange may not widen the subject token&apos;s scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resource must be an absolute URI without fragment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audience is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requested_token_type must be access_token or jwt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assertion is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sub must name a test user (alice, bob, li.lei)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the resource owner password grant, every test user&apos;s password is &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the refresh token is bound to another DPoP key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use a Bearer or DPoP token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than one DPoP header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this access token is not DPoP-bound; use Bearer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this access token is DPoP-bound: present it with the DPoP scheme and a proof</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exactly one DPoP header is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DPoP proof is signed by another key than the token is bound to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request_uri must not be pushed (RFC 9126 section 2.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the redirect_uri is missing or not registered for this client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many pushed requests pending; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid_request: request and request_uri together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only request_uri values from the PAR endpoint are accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid_request_uri: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid_request_object: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid_request: this client must push its authorization requests to the PAR endpoint first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send application/json: {&quot;faults&quot;: [names]}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_notification_token is missing; this client is registered for ping mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_notification_token must be a bearer token of at most 1024 characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxRegistration</name>
    <message>
        <source>redirect_uris must be an array of absolute URIs without fragment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>post_logout_redirect_uris must be an array of absolute URIs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token_endpoint_auth_method must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported token_endpoint_auth_method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grant_types must be an array of strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported grant type: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response_types must be an array of strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported response type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a code response type needs the authorization_code grant type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a token or id_token response type needs the implicit grant type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redirect_uris is required for the authorization_code and implicit grant types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwks_uri is not supported by the sandbox; send jwks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwks must be a JWK Set object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwks holds no usable key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jwks must hold public keys only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>private_key_jwt needs jwks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the jwt-bearer grant type needs jwks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported id_token_signed_response_alg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client_name must be a string of at most 200 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backchannel_token_delivery_mode must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported backchannel_token_delivery_mode (poll or ping)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backchannel_client_notification_endpoint must be an absolute URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox notifies loopback addresses only (127.0.0.1, ::1, localhost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ping mode needs the CIBA grant type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ping mode needs backchannel_client_notification_endpoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxRequestObject</name>
    <message>
        <source>the request object is not a compact JWS: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request object&apos;s payload is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this client does not allow unsigned (alg none) request objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an alg none request object must have an empty signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request object&apos;s alg %1 is not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an HMAC request object needs a client with a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this client has no registered keys to verify a request object with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request object&apos;s signature does not verify with the client&apos;s keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a request object must not contain request or request_uri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request object&apos;s client_id differs from the request&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request object&apos;s iss must be the client_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request object&apos;s aud must be the issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request object has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request object is not valid yet (nbf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxServer</name>
    <message>
        <source>Sandbox: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox: CIBA ping notification to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tokenscope::TokenPoller</name>
    <message>
        <source>A token endpoint is needed to poll for the tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization expired at %1 (expires_in) before the user finished; no further poll was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, poll %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user denied the authorization (access_denied)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization expired at the provider before the user finished (expired_token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint answered with an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint&apos;s answer is not a token response: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scope has openid but the token response has no id_token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an ID token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token check “%1” failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s keys could not be fetched from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s key set is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The flow was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransportErrorText</name>
    <message>
        <source>Invalid URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decompression failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many redirects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insecure redirect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>tokenscope: the Sandbox profile was not created: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tokenscope-cli</name>
    <message>
        <source>tokenscope-cli: unknown command “%1”
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &apos;tokenscope-cli %1 --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: tokenscope-cli COMMAND [options]

Commands:
  discover ISSUER   %1
  authorize         %2
  device            %6
  ciba              %7
  token             %8
  introspect TOKEN  %9
  revoke TOKEN      %10
  userinfo          %11
  register          %12
  decode TOKEN      %3
  profile SUBCOMMAND  %4
  sandbox           %5

Every command that talks to a provider takes --profile NAME: a saved
profile&apos;s settings, and the secrets the command can use (client secret,
private key, token&apos;s password and refresh token) from the keychain
(--no-keychain: none).

Every command prints one JSON document on stdout:
  {&quot;ok&quot;, &quot;flow&quot;, &quot;result&quot;, &quot;error&quot;, &quot;exchanges&quot;}
Exit codes: 0 ok, 1 the provider answered with an error, 2 usage,
  3 validation failed, 4 network/TLS/timeout/size cap, 5 keychain.

&apos;tokenscope-cli COMMAND --help&apos; describes a command&apos;s options.
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
