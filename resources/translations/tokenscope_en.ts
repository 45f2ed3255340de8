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
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification</source>
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
        <source>client_secret_basic, client_secret_post or none (default: basic with a secret, none without).</source>
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
        <source>The response type; &quot;code&quot; for now.</source>
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
        <source>--auth-method takes client_secret_basic, client_secret_post or none, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--auth-method %1 needs --client-secret-env or --client-secret-file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--response-type “%1” is not available yet: only “code”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--response-mode takes query, fragment or form_post, not “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--redirect-uri must be http://127.0.0.1:PORT/PATH (RFC 8252 §7.3), not “%1”</source>
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
        <source>UserInfo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UserInfo sub equals the ID token&apos;s sub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UserInfo response&apos;s sub does not equal the ID token&apos;s sub (HTTP %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No redirect arrived within %1 s (--wait)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider names no jwks_uri: the signature is not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ID token&apos;s %1 signature verifies with key %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID token check “%1” failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JWKS (ID token keys)</source>
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
        <source>Decode a JWS (a JWT) and, given keys, verify its signature.</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>discover needs an ISSUER URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discover takes one ISSUER; unexpected “%1”</source>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
</context>
<context>
    <name>Tokenscope::Redirect::LoopbackListener</name>
    <message>
        <source>Cannot listen on 127.0.0.1:%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
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
  decode TOKEN      %3

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
