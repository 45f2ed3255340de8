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
    <name>Tokenscope::Cli::DiscoverCommand</name>
    <message>
        <source>Fetch and check a provider&apos;s metadata (OpenID Connect discovery, RFC 8414).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
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
        <source>The command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The issuer URL, e.g. https://accounts.example.com, or a full .well-known URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &apos;tokenscope-cli discover --help&apos;.</source>
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
        <source>Usage: tokenscope-cli COMMAND [options]

Commands:
  discover ISSUER   %1

Every command prints one JSON document on stdout:
  {&quot;ok&quot;, &quot;flow&quot;, &quot;result&quot;, &quot;error&quot;, &quot;exchanges&quot;}
Exit codes: 0 ok, 1 the provider answered with an error, 2 usage,
  3 validation failed, 4 network/TLS/timeout/size cap, 5 keychain.

&apos;tokenscope-cli COMMAND --help&apos; describes a command&apos;s options.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokenscope-cli: unknown command “%1”
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
