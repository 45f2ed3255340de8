<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivityIndicator</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Request in flight</source>
        <translation>请求进行中</translation>
    </message>
    <message>
        <source>Cancel every request in flight (Esc)</source>
        <translation>取消所有进行中的请求 (Esc)</translation>
    </message>
</context>
<context>
    <name>ApiCallPanel</name>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Show secrets</source>
        <translation>显示机密</translation>
    </message>
    <message>
        <source>https://api.example.com/resource</source>
        <translation>https://api.example.com/resource</translation>
    </message>
    <message>
        <source>One header a line, e.g. Accept: application/json</source>
        <translation>每行一个请求头，例如 Accept: application/json</translation>
    </message>
    <message>
        <source>Request body (sent as typed)</source>
        <translation>请求正文（按输入原样发送）</translation>
    </message>
    <message>
        <source>The Authorization scheme: Bearer (RFC 6750) or DPoP (RFC 9449)</source>
        <translation>Authorization 方案：Bearer（RFC 6750）或 DPoP（RFC 9449）</translation>
    </message>
    <message>
        <source>Authorization header</source>
        <translation>Authorization 头</translation>
    </message>
    <message>
        <source>Form body (access_token=…)</source>
        <translation>表单正文（access_token=…）</translation>
    </message>
    <message>
        <source>Query (?access_token=…)</source>
        <translation>查询参数（?access_token=…）</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Send the token in</source>
        <translation>令牌的发送方式</translation>
    </message>
    <message>
        <source>The token goes into the form body (RFC 6750 §2.2): only for a request with an application/x-www-form-urlencoded body and no other way, and servers may log bodies. Prefer the Authorization header.</source>
        <translation>令牌放在表单正文中（RFC 6750 §2.2）：仅适用于正文为 application/x-www-form-urlencoded 且别无他法的请求，而且服务器可能会记录请求正文。建议使用 Authorization 头。</translation>
    </message>
    <message>
        <source>The token goes into the URL (RFC 6750 §2.3): URLs end up in server and proxy logs, caches and the browser history, where anyone who reads them can use the token. Use this only to test a server that needs it.</source>
        <translation>令牌放在 URL 中（RFC 6750 §2.3）：URL 会留在服务器和代理的日志、缓存以及浏览器历史记录中，任何读到它的人都能使用该令牌。仅在测试确实需要这种方式的服务器时使用。</translation>
    </message>
    <message>
        <source>API call</source>
        <translation>API 调用</translation>
    </message>
    <message>
        <source>Step-up authentication needed (RFC 9470): the token is valid, but the sign-in behind it is not strong or recent enough for this resource.</source>
        <translation>需要升级认证（RFC 9470）：令牌有效，但其背后的登录强度不够或时间不够近，无法访问此资源。</translation>
    </message>
    <message>
        <source>Run the authorization flow again and sign in more strongly.</source>
        <translation>请重新运行授权流程，并以更强的方式登录。</translation>
    </message>
    <message>
        <source>Run the authorization flow again with %1, then call the API with the new access token.</source>
        <translation>请使用 %1 重新运行授权流程，然后用新的访问令牌调用 API。</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 和 %2</translation>
    </message>
    <message>
        <source>The resource does not accept this token (invalid_token): it has expired, was revoked, is malformed or was issued for another resource.</source>
        <translation>资源不接受此令牌（invalid_token）：令牌已过期、已被撤销、格式错误，或是为其他资源颁发的。</translation>
    </message>
    <message>
        <source>Get a new access token (refresh it, or run the flow again); introspect it to see what the provider says.</source>
        <translation>请获取新的访问令牌（刷新它，或重新运行流程）；也可以内省该令牌，看看提供方怎么说。</translation>
    </message>
    <message>
        <source>The token lacks a scope this resource needs (insufficient_scope).</source>
        <translation>令牌缺少此资源所需的范围（insufficient_scope）。</translation>
    </message>
    <message>
        <source>The token lacks a scope this resource needs (insufficient_scope): it asks for “%1”.</source>
        <translation>令牌缺少此资源所需的范围（insufficient_scope）：资源要求“%1”。</translation>
    </message>
    <message>
        <source>Request a token with that scope.</source>
        <translation>请申请具有该范围的令牌。</translation>
    </message>
    <message>
        <source>The request is malformed (invalid_request): a missing or duplicated token, or an unsupported parameter.</source>
        <translation>请求格式错误（invalid_request）：令牌缺失或重复，或包含不受支持的参数。</translation>
    </message>
    <message>
        <source>The resource says: “%1”.</source>
        <translation>资源返回：“%1”。</translation>
    </message>
    <message>
        <source>Type the URL of the resource.</source>
        <translation>请输入资源的 URL。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>HTTP %1 %2 · %3 ms</source>
        <translation>HTTP %1 %2 · %3 毫秒</translation>
    </message>
    <message>
        <source>Refused without a WWW-Authenticate challenge: the resource does not say why (RFC 6750 §3 asks it to).</source>
        <translation>请求被拒绝，但没有 WWW-Authenticate 质询：资源未说明原因（RFC 6750 §3 要求它说明）。</translation>
    </message>
</context>
<context>
    <name>AuthorizationFlowPanel</name>
    <message>
        <source>Show secrets</source>
        <translation>显示机密</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>1  Request</source>
        <translation>1  请求</translation>
    </message>
    <message>
        <source>2  Browser</source>
        <translation>2  浏览器</translation>
    </message>
    <message>
        <source>3  Callback</source>
        <translation>3  回调</translation>
    </message>
    <message>
        <source>4  Token exchange</source>
        <translation>4  换取令牌</translation>
    </message>
    <message>
        <source>5  Result</source>
        <translation>5  结果</translation>
    </message>
    <message>
        <source>The redirect could not be read: %1 — paste it, or run again with the system browser.</source>
        <translation>无法读取重定向：%1 —— 请将其粘贴进来，或改用系统浏览器重新运行。</translation>
    </message>
    <message>
        <source>%1 Open the sign-in in the system browser from the bar above, or run again with the system browser.</source>
        <translation>%1请通过上方信息栏在系统浏览器中打开登录页面，或改用系统浏览器重新运行。</translation>
    </message>
    <message>
        <source>What the browser is sent to the provider with. state protects against forged responses (CSRF), nonce ties the ID token to this request, and PKCE&apos;s code_verifier proves that whoever exchanges the code started the flow.</source>
        <translation>浏览器携带这些参数前往提供方。state 用于防范伪造的响应（CSRF），nonce 将 ID 令牌与本次请求绑定，PKCE 的 code_verifier 则证明用授权码换取令牌的一方正是发起流程的一方。</translation>
    </message>
    <message>
        <source>The authorization URL was opened in your browser. Log in there; the loopback listener on 127.0.0.1 receives the redirect and this page moves on by itself.</source>
        <translation>授权 URL 已在浏览器中打开。请在浏览器中登录；127.0.0.1 上的环回监听器会接收重定向，本页随后会自动继续。</translation>
    </message>
    <message>
        <source>Open Again</source>
        <translation>再次打开</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>复制 URL</translation>
    </message>
    <message>
        <source>Open the authorization URL below in any browser, log in, and paste the whole URL the provider redirected to (query or fragment), or the form_post fields (name=value&amp;…).</source>
        <translation>在任意浏览器中打开下方的授权 URL 并登录，然后粘贴提供方重定向到的完整 URL（含 query 或 fragment），或 form_post 字段（name=value&amp;…）。</translation>
    </message>
    <message>
        <source>http://127.0.0.1/callback?code=…&amp;state=…</source>
        <translation>http://127.0.0.1/callback?code=…&amp;state=…</translation>
    </message>
    <message>
        <source>Use This Response</source>
        <translation>使用此响应</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Browser in its own window</source>
        <translation>在独立窗口中显示浏览器</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>What arrived at the redirect URI, and the checks made before anything else is sent: a failed check stops the flow, and the code is never used.</source>
        <translation>重定向 URI 收到的内容，以及在发送任何后续请求之前所做的检查：任何一项检查未通过都会终止流程，授权码也绝不会被使用。</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>The requests made after the callback: the code exchange (with the verifier and the client&apos;s authentication), the provider&apos;s keys for the ID token&apos;s signature, UserInfo. Each is shown raw in the exchange inspector.</source>
        <translation>回调之后发出的请求：用授权码换取令牌（附带 code_verifier 和客户端认证信息）、获取用于验证 ID 令牌签名的提供方密钥、调用 UserInfo。每个请求的原始内容都可在交互检查器中查看。</translation>
    </message>
    <message>
        <source>ID token claims</source>
        <translation>ID 令牌声明</translation>
    </message>
    <message>
        <source>UserInfo</source>
        <translation>UserInfo</translation>
    </message>
    <message>
        <source>All checks</source>
        <translation>全部检查</translation>
    </message>
    <message>
        <source>Run Again</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <source>Fresh Session</source>
        <translation>全新会话</translation>
    </message>
    <message>
        <source>Run again in a new browser session, without the provider&apos;s cookies</source>
        <translation>在新的浏览器会话中重新运行，不带提供方的 Cookie</translation>
    </message>
    <message>
        <source>The loopback listener could not start: %1</source>
        <translation>环回监听器无法启动：%1</translation>
    </message>
    <message>
        <source>Log in in the embedded browser; the redirect to %1 is captured before it is loaded.</source>
        <translation>请在内嵌浏览器中登录；发往 %1 的重定向会在加载之前被捕获。</translation>
    </message>
    <message>
        <source>The system browser could not be started: open the URL yourself.</source>
        <translation>无法启动系统浏览器：请自行打开该 URL。</translation>
    </message>
    <message>
        <source>Waiting for the redirect on %1 …</source>
        <translation>正在 %1 上等待重定向 …</translation>
    </message>
    <message>
        <source>Waiting for the pasted redirect URL.</source>
        <translation>正在等待粘贴的重定向 URL。</translation>
    </message>
    <message>
        <source>Continue in the system browser; waiting for the redirect on %1 …</source>
        <translation>请在系统浏览器中继续；正在 %1 上等待重定向 …</translation>
    </message>
    <message>
        <source>Continue in the system browser, then paste the URL it shows after signing in (%1 cannot be listened on).</source>
        <translation>请在系统浏览器中继续，登录后粘贴浏览器显示的 URL（无法在 %1 上监听）。</translation>
    </message>
    <message>
        <source>Tokenscope — sign in</source>
        <translation>Tokenscope —— 登录</translation>
    </message>
    <message>
        <source>The browser is in its own window.</source>
        <translation>浏览器显示在独立窗口中。</translation>
    </message>
    <message>
        <source>Paste the URL the provider redirected to, with its query or fragment, or name=value&amp;… fields</source>
        <translation>请粘贴提供方重定向到的 URL（含 query 或 fragment），或 name=value&amp;… 形式的字段</translation>
    </message>
    <message>
        <source>Fetching the provider&apos;s keys …</source>
        <translation>正在获取提供方的密钥 …</translation>
    </message>
    <message>
        <source>Exchanging the code …</source>
        <translation>正在用授权码换取令牌 …</translation>
    </message>
    <message>
        <source>Calling UserInfo …</source>
        <translation>正在调用 UserInfo …</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n check(s) made, none failed.</source>
        <translation>
            <numerusform>完成：共进行 %n 项检查，没有未通过的项。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Tokens obtained (response_type %1).</source>
        <translation>已获得令牌（response_type %1）。</translation>
    </message>
    <message numerus="yes">
        <source>[hidden: %n characters]</source>
        <translation>
            <numerusform>[已隐藏：%n 个字符]</numerusform>
        </translation>
    </message>
    <message>
        <source>ID token</source>
        <translation>ID 令牌</translation>
    </message>
    <message numerus="yes">
        <source>No redirect arrived within %n second(s): the loopback listener on %1 was closed. Run again to retry, or set a longer wait on the request page.</source>
        <translation>
            <numerusform>%n 秒内未收到重定向：%1 上的环回监听器已关闭。请重新运行以重试，或在请求页上设置更长的等待时间。</numerusform>
        </translation>
    </message>
    <message>
        <source>A later response was refused — check “%1” failed: %2 (expected: %3; received: %4)</source>
        <translation>后续的一个响应被拒绝 —— 检查“%1”未通过：%2（预期：%3；实际收到：%4）</translation>
    </message>
    <message>
        <source>Authorization response refused (%1)</source>
        <translation>授权响应被拒绝（%1）</translation>
    </message>
    <message>
        <source>More about this error: %1</source>
        <translation>关于此错误的更多信息：%1</translation>
    </message>
</context>
<context>
    <name>AuthorizationRequestForm</name>
    <message>
        <source>https://provider.example</source>
        <translation>https://provider.example</translation>
    </message>
    <message>
        <source>none for a public client</source>
        <translation>公共客户端无需填写</translation>
    </message>
    <message>
        <source>none, login, consent, select_account</source>
        <translation>none, login, consent, select_account</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>a JSON object</source>
        <translation>JSON 对象</translation>
    </message>
    <message>
        <source>zh-CN en</source>
        <translation>zh-CN en</translation>
    </message>
    <message>
        <source>Fresh session (no cookies from earlier runs)</source>
        <translation>全新会话（不带之前运行留下的 Cookie）</translation>
    </message>
    <message>
        <source>Registered with the provider. With the system browser, http://127.0.0.1 without a port picks a free one (RFC 8252 §7.3).</source>
        <translation>须已在提供方处注册。使用系统浏览器时，不带端口的 http://127.0.0.1 会自动选择一个空闲端口（RFC 8252 §7.3）。</translation>
    </message>
    <message>
        <source>client_secret_basic (Authorization header)</source>
        <translation>client_secret_basic（Authorization 头）</translation>
    </message>
    <message>
        <source>client_secret_post (in the body)</source>
        <translation>client_secret_post（放在请求正文中）</translation>
    </message>
    <message>
        <source>none (public client)</source>
        <translation>none（公共客户端）</translation>
    </message>
    <message>
        <source>the response type&apos;s default</source>
        <translation>响应类型的默认值</translation>
    </message>
    <message>
        <source>none (no PKCE)</source>
        <translation>none（不使用 PKCE）</translation>
    </message>
    <message>
        <source>One NAME=VALUE per line, e.g. resource=https://api.example</source>
        <translation>每行一个 NAME=VALUE，例如 resource=https://api.example</translation>
    </message>
    <message>
        <source>Embedded browser</source>
        <translation>内嵌浏览器</translation>
    </message>
    <message>
        <source>System browser + loopback listener</source>
        <translation>系统浏览器 + 环回监听器</translation>
    </message>
    <message>
        <source>Paste the redirect URL</source>
        <translation>粘贴重定向 URL</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>New random state, nonce and code_verifier</source>
        <translation>重新生成随机的 state、nonce 和 code_verifier</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供方</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>颁发者</translation>
    </message>
    <message>
        <source>Authorization endpoint</source>
        <translation>授权端点</translation>
    </message>
    <message>
        <source>Token endpoint</source>
        <translation>令牌端点</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>client_id</source>
        <translation>client_id</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>客户端密钥</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>认证方式</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>response_type</source>
        <translation>response_type</translation>
    </message>
    <message>
        <source>response_mode</source>
        <translation>response_mode</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>scope</translation>
    </message>
    <message>
        <source>redirect_uri</source>
        <translation>redirect_uri</translation>
    </message>
    <message>
        <source>PKCE</source>
        <translation>PKCE</translation>
    </message>
    <message>
        <source>Generated for this run</source>
        <translation>本次运行生成的值</translation>
    </message>
    <message>
        <source>state</source>
        <translation>state</translation>
    </message>
    <message>
        <source>nonce</source>
        <translation>nonce</translation>
    </message>
    <message>
        <source>code_verifier</source>
        <translation>code_verifier</translation>
    </message>
    <message>
        <source>Optional parameters</source>
        <translation>可选参数</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>prompt</translation>
    </message>
    <message>
        <source>login_hint</source>
        <translation>login_hint</translation>
    </message>
    <message>
        <source>max_age</source>
        <translation>max_age</translation>
    </message>
    <message>
        <source>acr_values</source>
        <translation>acr_values</translation>
    </message>
    <message>
        <source>claims</source>
        <translation>claims</translation>
    </message>
    <message>
        <source>ui_locales</source>
        <translation>ui_locales</translation>
    </message>
    <message>
        <source>id_token_hint</source>
        <translation>id_token_hint</translation>
    </message>
    <message>
        <source>Extra parameters</source>
        <translation>额外参数</translation>
    </message>
    <message>
        <source>Redirect capture</source>
        <translation>重定向捕获</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Authorization URL</source>
        <translation>授权 URL</translation>
    </message>
    <message>
        <source>The authorization endpoint is not an absolute URL</source>
        <translation>授权端点不是绝对 URL</translation>
    </message>
    <message>
        <source>The token endpoint is not an absolute URL (the response type returns a code)</source>
        <translation>令牌端点不是绝对 URL（该响应类型会返回授权码）</translation>
    </message>
    <message>
        <source>A client_id is needed</source>
        <translation>需要填写 client_id</translation>
    </message>
    <message>
        <source>%1 needs a client secret</source>
        <translation>%1 需要客户端密钥</translation>
    </message>
    <message>
        <source>The redirect_uri needs a scheme, e.g. http://127.0.0.1/callback or com.example.app:/callback</source>
        <translation>redirect_uri 需要包含协议（scheme），例如 http://127.0.0.1/callback 或 com.example.app:/callback</translation>
    </message>
    <message>
        <source>The response type returns an ID token: the scope must contain openid</source>
        <translation>该响应类型会返回 ID 令牌：scope 中必须包含 openid</translation>
    </message>
    <message>
        <source>max_age is a number of seconds</source>
        <translation>max_age 应为秒数</translation>
    </message>
    <message>
        <source>The state is empty: press Regenerate</source>
        <translation>state 为空：请点击“重新生成”</translation>
    </message>
    <message>
        <source>The system browser needs a loopback redirect_uri, http://127.0.0.1:PORT/PATH or http://[::1]:PORT/PATH, for the listener</source>
        <translation>使用系统浏览器时，需要环回 redirect_uri（http://127.0.0.1:PORT/PATH 或 http://[::1]:PORT/PATH）供监听器使用</translation>
    </message>
    <message>
        <source>Pasted key</source>
        <translation>粘贴的密钥</translation>
    </message>
    <message>
        <source>client_secret_jwt (an assertion signed with the secret, HS256)</source>
        <translation>client_secret_jwt（用客户端密钥签名的断言，HS256）</translation>
    </message>
    <message>
        <source>private_key_jwt (an assertion signed with the client&apos;s key)</source>
        <translation>private_key_jwt（用客户端的私钥签名的断言）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>With the system browser: how long the loopback listener waits for the redirect before it is closed and the run given up</source>
        <translation>使用系统浏览器时：环回监听器在关闭并放弃本次运行之前等待重定向的时长</translation>
    </message>
    <message>
        <source>Key from</source>
        <translation>密钥来源</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>Wait for the redirect</source>
        <translation>等待重定向</translation>
    </message>
    <message>
        <source>Signing with %1: the key stays in the keychain and is not shown here.</source>
        <translation>正在用 %1 签名：密钥留在钥匙串中，不在此显示。</translation>
    </message>
    <message>
        <source>Key ready: %1.</source>
        <translation>密钥已就绪：%1。</translation>
    </message>
    <message>
        <source>%1 could not be read from the keychain: %2</source>
        <translation>无法从钥匙串读取 %1：%2</translation>
    </message>
    <message>
        <source>Reading %1 from the keychain…</source>
        <translation>正在从钥匙串读取 %1…</translation>
    </message>
    <message>
        <source>the chosen profile</source>
        <translation>所选配置文件</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>Signing with the private key of %1: it stays in the keychain and is not shown here.</source>
        <translation>正在用 %1 的私钥签名：私钥留在钥匙串中，不在此显示。</translation>
    </message>
    <message>
        <source>Key ready: the private key of %1 (from the keychain). Choose “%2” above to paste another.</source>
        <translation>密钥已就绪：%1 的私钥（来自钥匙串）。如需粘贴其他密钥，请在上方选择“%2”。</translation>
    </message>
    <message>
        <source>The client&apos;s private key: -----BEGIN PRIVATE KEY----- … (PEM or a private JWK)</source>
        <translation>客户端的私钥：-----BEGIN PRIVATE KEY----- …（PEM 或私钥 JWK）</translation>
    </message>
    <message>
        <source>The client&apos;s key is being read from the keychain…</source>
        <translation>正在从钥匙串读取客户端的密钥…</translation>
    </message>
    <message>
        <source>The client&apos;s key could not be read from the keychain</source>
        <translation>无法从钥匙串读取客户端的密钥</translation>
    </message>
    <message>
        <source>private_key_jwt needs the client&apos;s private key: paste it (PEM or a private JWK), or choose a saved profile&apos;s key</source>
        <translation>private_key_jwt 需要客户端的私钥：请将其粘贴进来（PEM 或私钥 JWK），或选择已保存配置文件的密钥</translation>
    </message>
    <message>
        <source>The private key is not a PEM private key nor a private JWK: %1</source>
        <translation>该私钥既不是 PEM 私钥，也不是私钥 JWK：%1</translation>
    </message>
</context>
<context>
    <name>BodyText</name>
    <message>
        <source>No body</source>
        <translation>无正文</translation>
    </message>
    <message>
        <source>Binary body of %1, shown as a hex dump</source>
        <translation>%1 的二进制正文，以十六进制转储显示</translation>
    </message>
    <message>
        <source>(the first %1)</source>
        <translation>（前 %1）</translation>
    </message>
    <message>
        <source>Large body (%1): shown as received, without formatting.</source>
        <translation>正文较大（%1）：按原样显示，不做格式化。</translation>
    </message>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2; the copy buttons copy all of it.</source>
        <translation>仅显示 %2 中的前 %1；复制按钮会复制全部内容。</translation>
    </message>
    <message>
        <source>Lines longer than %1 characters are broken for display.</source>
        <translation>超过 %1 个字符的行已为显示而折断。</translation>
    </message>
</context>
<context>
    <name>BodyView</name>
    <message>
        <source>How to show the body</source>
        <translation>正文的显示方式</translation>
    </message>
    <message>
        <source>Pretty</source>
        <translation>格式化</translation>
    </message>
    <message>
        <source>As received</source>
        <translation>原样</translation>
    </message>
    <message>
        <source>Decoded</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源码</translation>
    </message>
    <message>
        <source>Rendered</source>
        <translation>渲染</translation>
    </message>
    <message>
        <source>No body</source>
        <translation>无正文</translation>
    </message>
</context>
<context>
    <name>CertificateTrustBox</name>
    <message>
        <source>Trust this certificate once</source>
        <translation>仅此一次信任该证书</translation>
    </message>
    <message>
        <source>Accept this exact certificate (by its SHA-256 fingerprint) until Tokenscope quits, and try again. Nothing is saved and no other certificate is accepted.</source>
        <translation>在 Tokenscope 退出前接受这一张证书（按其 SHA-256 指纹识别）并重试。不会保存任何内容，也不会接受其他证书。</translation>
    </message>
    <message>
        <source>Certificate presented by %1</source>
        <translation>%1 出示的证书</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>主体：%1</translation>
    </message>
    <message>
        <source>Issuer: %1</source>
        <translation>签发者：%1</translation>
    </message>
    <message>
        <source>Valid: %1 to %2</source>
        <translation>有效期：%1 至 %2</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256：%1</translation>
    </message>
    <message>
        <source>Names: %1</source>
        <translation>名称：%1</translation>
    </message>
    <message>
        <source>The certificate is self-signed.</source>
        <translation>该证书为自签名证书。</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>问题：%1</translation>
    </message>
</context>
<context>
    <name>CibaFlowPanel</name>
    <message>
        <source>https://provider.example/backchannel</source>
        <translation>https://provider.example/backchannel</translation>
    </message>
    <message>
        <source>Backchannel authentication endpoint</source>
        <translation>反向通道认证端点</translation>
    </message>
    <message>
        <source>who to ask: an e-mail, a user name, a phone number…</source>
        <translation>要询问的用户：电子邮件、用户名、电话号码…</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>shown on both devices, optional</source>
        <translation>在两台设备上都会显示，可选</translation>
    </message>
    <message>
        <source>Binding message</source>
        <translation>绑定消息</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>User code</source>
        <translation>用户代码</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>不发送</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Requested expiry</source>
        <translation>请求的有效期</translation>
    </message>
    <message>
        <source>acr_values</source>
        <translation>acr_values</translation>
    </message>
    <message>
        <source>Start asks the provider to authenticate the user on their own device.</source>
        <translation>点击“开始”后，提供方会在用户自己的设备上对其进行认证。</translation>
    </message>
    <message>
        <source>Enter the backchannel authentication endpoint, or discover the provider first.</source>
        <translation>请输入反向通道认证端点，或先发现提供方。</translation>
    </message>
    <message>
        <source>Sending the backchannel authentication request…</source>
        <translation>正在发送反向通道认证请求…</translation>
    </message>
    <message>
        <source>The user is being asked on their device…</source>
        <translation>正在用户的设备上征询用户…</translation>
    </message>
    <message numerus="yes">
        <source>Done: the user approved; tokens obtained after %n poll(s).</source>
        <translation>
            <numerusform>完成：用户已批准；轮询 %n 次后获得令牌。</numerusform>
        </translation>
    </message>
    <message>
        <source>CIBA</source>
        <translation>CIBA</translation>
    </message>
    <message>
        <source>The request expires %1.</source>
        <translation>请求将于%1过期。</translation>
    </message>
    <message>
        <source>Ping mode: wait for the provider&apos;s notification instead of polling</source>
        <translation>Ping 模式：等待提供方的通知，而不是轮询</translation>
    </message>
    <message>
        <source>The client must be registered for ping mode with this endpoint as its backchannel_client_notification_endpoint (CIBA Core §10.2).</source>
        <translation>客户端必须已按 ping 模式注册，并以此端点作为其 backchannel_client_notification_endpoint（CIBA Core §10.2）。</translation>
    </message>
    <message>
        <source>Token delivery</source>
        <translation>令牌交付方式</translation>
    </message>
    <message>
        <source>http://127.0.0.1:PORT/PATH; port 0 picks a free one for the run</source>
        <translation>http://127.0.0.1:PORT/PATH；端口 0 表示为本次运行自动选择一个空闲端口</translation>
    </message>
    <message>
        <source>Notification endpoint</source>
        <translation>通知端点</translation>
    </message>
    <message numerus="yes">
        <source>Done: the user approved; the provider&apos;s notification came and the tokens were obtained with %n token request(s).</source>
        <translation>
            <numerusform>完成：用户已批准；已收到提供方的通知，并通过 %n 次令牌请求获得了令牌。</numerusform>
        </translation>
    </message>
    <message>
        <source>Ping mode listens on this machine: enter the notification endpoint as http://127.0.0.1:PORT/PATH (port 0 picks a free one).</source>
        <translation>Ping 模式在本机上监听：请以 http://127.0.0.1:PORT/PATH 的形式输入通知端点（端口 0 表示自动选择空闲端口）。</translation>
    </message>
    <message>
        <source>Cannot listen at %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
    <message>
        <source>Listening at %1 for the provider&apos;s notification.</source>
        <translation>正在 %1 上监听提供方的通知。</translation>
    </message>
    <message>
        <source>Notification received at %1 (answered HTTP 204): asking for the tokens.</source>
        <translation>在 %1 上收到通知（已返回 HTTP 204）：正在请求令牌。</translation>
    </message>
    <message>
        <source>A notification was refused at %1 (HTTP %2): its bearer token or auth_req_id did not match.</source>
        <translation>%1 上的一条通知被拒绝（HTTP %2）：其 bearer 令牌或 auth_req_id 不匹配。</translation>
    </message>
    <message>
        <source>The user is being asked on their device; waiting for the provider&apos;s notification…</source>
        <translation>正在用户的设备上征询用户；正在等待提供方的通知…</translation>
    </message>
</context>
<context>
    <name>ClientFields</name>
    <message>
        <source>https://provider.example/token</source>
        <translation>https://provider.example/token</translation>
    </message>
    <message>
        <source>PEM file of the client&apos;s private key</source>
        <translation>客户端私钥的 PEM 文件</translation>
    </message>
    <message>
        <source>space-separated, optional</source>
        <translation>以空格分隔，可选</translation>
    </message>
    <message>
        <source>Token endpoint</source>
        <translation>令牌端点</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>客户端 ID</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>认证方式</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>客户端密钥</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Enter the token endpoint, or discover the provider first.</source>
        <translation>请输入令牌端点，或先发现提供方。</translation>
    </message>
    <message>
        <source>Enter the client ID.</source>
        <translation>请输入客户端 ID。</translation>
    </message>
    <message>
        <source>The key of %1 (kept in memory); or a PEM file</source>
        <translation>%1 的密钥（保存在内存中）；或一个 PEM 文件</translation>
    </message>
    <message>
        <source>private_key_jwt needs a private key: a readable PEM file, or a profile&apos;s key.</source>
        <translation>private_key_jwt 需要私钥：一个可读取的 PEM 文件，或某个配置文件的密钥。</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Language of the interface: %1 (default: the system&apos;s)</source>
        <translation>界面语言：%1（默认：跟随系统）</translation>
    </message>
    <message>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Tokenscope: an OAuth 2.0 and OpenID Connect debugger</source>
        <translation>Tokenscope：OAuth 2.0 与 OpenID Connect 调试器</translation>
    </message>
    <message>
        <source>An issuer (or its metadata URL) to discover at start</source>
        <translation>启动时要发现的颁发者（或其元数据 URL）</translation>
    </message>
    <message>
        <source>[issuer]</source>
        <translation>[颁发者]</translation>
    </message>
    <message>
        <source>No translation for “%1”; available: %2</source>
        <translation>没有“%1”的翻译；可用的有：%2</translation>
    </message>
    <message>
        <source>Give at most one issuer</source>
        <translation>最多只能指定一个颁发者</translation>
    </message>
    <message>
        <source>Try “%1 --help”.</source>
        <translation>请尝试“%1 --help”。</translation>
    </message>
</context>
<context>
    <name>DeviceFlowPanel</name>
    <message>
        <source>https://provider.example/device/auth</source>
        <translation>https://provider.example/device/auth</translation>
    </message>
    <message>
        <source>Device authorization endpoint</source>
        <translation>设备授权端点</translation>
    </message>
    <message>
        <source>Start asks the provider for a user code.</source>
        <translation>点击“开始”后，会向提供方申请用户代码。</translation>
    </message>
    <message>
        <source>On another device</source>
        <translation>在另一台设备上</translation>
    </message>
    <message>
        <source>Enter this code</source>
        <translation>输入此代码</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Open in embedded browser</source>
        <translation>在内嵌浏览器中打开</translation>
    </message>
    <message>
        <source>Open in system browser</source>
        <translation>在系统浏览器中打开</translation>
    </message>
    <message>
        <source>at</source>
        <translation>网址</translation>
    </message>
    <message>
        <source>or scan:</source>
        <translation>或扫码：</translation>
    </message>
    <message>
        <source>Enter the device authorization endpoint, or discover the provider first.</source>
        <translation>请输入设备授权端点，或先发现提供方。</translation>
    </message>
    <message>
        <source>Tokenscope — verify the device</source>
        <translation>Tokenscope —— 验证设备</translation>
    </message>
    <message>
        <source>The system browser could not be opened: open %1 yourself.</source>
        <translation>无法打开系统浏览器：请自行打开 %1。</translation>
    </message>
    <message>
        <source>Asking the provider for a user code…</source>
        <translation>正在向提供方申请用户代码…</translation>
    </message>
    <message>
        <source>Waiting for the user to sign in on another device…</source>
        <translation>正在等待用户在另一台设备上登录…</translation>
    </message>
    <message numerus="yes">
        <source>Done: tokens obtained after %n poll(s).</source>
        <translation>
            <numerusform>完成：轮询 %n 次后获得令牌。</numerusform>
        </translation>
    </message>
    <message>
        <source>Device flow</source>
        <translation>设备流程</translation>
    </message>
    <message>
        <source>The code expires %1.</source>
        <translation>代码将于%1过期。</translation>
    </message>
    <message>
        <source>The code was used.</source>
        <translation>代码已被使用。</translation>
    </message>
</context>
<context>
    <name>EndpointResultView</name>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>应答</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>交互</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>EndpointsPanel</name>
    <message>
        <source>From the provider&apos;s metadata, or type one</source>
        <translation>取自提供方的元数据，也可手动输入</translation>
    </message>
    <message>
        <source>Introspection</source>
        <translation>内省</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>UserInfo</source>
        <translation>UserInfo</translation>
    </message>
    <message>
        <source>Logout</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Active: the provider accepts this token</source>
        <translation>有效：提供方接受此令牌</translation>
    </message>
    <message>
        <source>Inactive: expired, revoked, unknown or not for this client (RFC 7662 §2.2 says no more)</source>
        <translation>无效：已过期、已被撤销、未知，或不属于此客户端（RFC 7662 §2.2 不透露更多信息）</translation>
    </message>
    <message>
        <source>Revoked (HTTP %1): the provider no longer honours it — an unknown token gets the same answer (RFC 7009 §2.2). Introspect it to see.</source>
        <translation>已撤销（HTTP %1）：提供方不再认可该令牌 —— 未知令牌也会得到同样的应答（RFC 7009 §2.2）。请内省该令牌以确认。</translation>
    </message>
    <message>
        <source>UserInfo answered (JSON)</source>
        <translation>UserInfo 已应答（JSON）</translation>
    </message>
    <message>
        <source>UserInfo answered with an encrypted, signed JWT: decrypted and verified</source>
        <translation>UserInfo 以加密并签名的 JWT 应答：已解密并验证</translation>
    </message>
    <message>
        <source>UserInfo answered with a signed JWT: signature, iss and aud verified</source>
        <translation>UserInfo 以签名的 JWT 应答：签名、iss 和 aud 均已验证</translation>
    </message>
    <message>
        <source>Client (authenticates at introspection and revocation)</source>
        <translation>客户端（在内省和撤销时进行认证）</translation>
    </message>
    <message>
        <source>Show secrets in exchanges</source>
        <translation>在交互中显示机密</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>客户端 ID</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>认证方式</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Introspect</source>
        <translation>内省</translation>
    </message>
    <message>
        <source>Introspection endpoint</source>
        <translation>内省端点</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>token_type_hint</source>
        <translation>token_type_hint</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Revocation endpoint</source>
        <translation>撤销端点</translation>
    </message>
    <message>
        <source>Revoking a refresh token usually revokes the access tokens issued with it (RFC 7009 §2.1); revoking an access token may not be supported.</source>
        <translation>撤销刷新令牌通常也会撤销随其颁发的访问令牌（RFC 7009 §2.1）；撤销访问令牌则可能不受支持。</translation>
    </message>
    <message>
        <source>GET, Authorization: Bearer (RFC 6750 §2.1)</source>
        <translation>GET，Authorization: Bearer（RFC 6750 §2.1）</translation>
    </message>
    <message>
        <source>POST, access_token in the form body (RFC 6750 §2.2)</source>
        <translation>POST，access_token 放在表单正文中（RFC 6750 §2.2）</translation>
    </message>
    <message>
        <source>Optional: the ID token whose sub the answer must match (OIDC Core §5.3.2)</source>
        <translation>可选：应答的 sub 必须与之一致的 ID 令牌（OIDC Core §5.3.2）</translation>
    </message>
    <message>
        <source>Call UserInfo</source>
        <translation>调用 UserInfo</translation>
    </message>
    <message>
        <source>UserInfo endpoint</source>
        <translation>UserInfo 端点</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>ID token (sub check)</source>
        <translation>ID 令牌（检查 sub）</translation>
    </message>
    <message>
        <source>Registered post_logout_redirect_uri; the return to it is captured</source>
        <translation>已注册的 post_logout_redirect_uri；返回到该地址时会被捕获</translation>
    </message>
    <message>
        <source>Empty: a fresh browser session; a name: that persistent session (the one you signed in with)</source>
        <translation>留空：全新的浏览器会话；填写名称：使用该持久会话（即您登录时所用的会话）</translation>
    </message>
    <message>
        <source>Build URL</source>
        <translation>生成 URL</translation>
    </message>
    <message>
        <source>Open in the embedded browser</source>
        <translation>在内嵌浏览器中打开</translation>
    </message>
    <message>
        <source>End session endpoint</source>
        <translation>结束会话端点</translation>
    </message>
    <message>
        <source>id_token_hint</source>
        <translation>id_token_hint</translation>
    </message>
    <message>
        <source>post_logout_redirect_uri</source>
        <translation>post_logout_redirect_uri</translation>
    </message>
    <message>
        <source>state</source>
        <translation>state</translation>
    </message>
    <message>
        <source>Browser session</source>
        <translation>浏览器会话</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>One a line</source>
        <translation>每行一个</translation>
    </message>
    <message>
        <source>When the provider requires one (RFC 7591 §3)</source>
        <translation>当提供方要求时填写（RFC 7591 §3）</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>注册</translation>
    </message>
    <message>
        <source>Save as profile</source>
        <translation>保存为配置文件</translation>
    </message>
    <message>
        <source>A new profile with this provider and client; the client secret goes to the keychain</source>
        <translation>使用此提供方和客户端新建配置文件；客户端密钥保存到钥匙串</translation>
    </message>
    <message>
        <source>Registration endpoint</source>
        <translation>注册端点</translation>
    </message>
    <message>
        <source>redirect_uris</source>
        <translation>redirect_uris</translation>
    </message>
    <message>
        <source>client_name</source>
        <translation>client_name</translation>
    </message>
    <message>
        <source>grant_types</source>
        <translation>grant_types</translation>
    </message>
    <message>
        <source>response_types</source>
        <translation>response_types</translation>
    </message>
    <message>
        <source>token_endpoint_auth_method</source>
        <translation>token_endpoint_auth_method</translation>
    </message>
    <message>
        <source>Initial access token</source>
        <translation>初始访问令牌</translation>
    </message>
    <message>
        <source>Give the introspection endpoint and a token.</source>
        <translation>请提供内省端点和令牌。</translation>
    </message>
    <message>
        <source>Introspecting…</source>
        <translation>正在内省…</translation>
    </message>
    <message>
        <source>Give the revocation endpoint and a token.</source>
        <translation>请提供撤销端点和令牌。</translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <source>Give the UserInfo endpoint and an access token.</source>
        <translation>请提供 UserInfo 端点和访问令牌。</translation>
    </message>
    <message>
        <source>Calling UserInfo…</source>
        <translation>正在调用 UserInfo…</translation>
    </message>
    <message>
        <source>Give the end session endpoint.</source>
        <translation>请提供结束会话端点。</translation>
    </message>
    <message>
        <source>Built. Open it to log out; the return to the post_logout_redirect_uri is captured and its state checked.</source>
        <translation>已生成。打开它即可注销；返回到 post_logout_redirect_uri 时会被捕获，并检查其中的 state。</translation>
    </message>
    <message>
        <source>Tokenscope — logout</source>
        <translation>Tokenscope —— 注销</translation>
    </message>
    <message>
        <source>The return to %1 could not be read: %2</source>
        <translation>无法读取返回到 %1 的内容：%2</translation>
    </message>
    <message>
        <source>Logging out in the embedded browser. Without a post_logout_redirect_uri there is no return to check.</source>
        <translation>正在内嵌浏览器中注销。没有 post_logout_redirect_uri，因此没有可检查的返回。</translation>
    </message>
    <message>
        <source>Logging out in the embedded browser; waiting for the return to %1.</source>
        <translation>正在内嵌浏览器中注销；正在等待返回到 %1。</translation>
    </message>
    <message>
        <source>Returned to %1, but the checks failed.</source>
        <translation>已返回到 %1，但检查未通过。</translation>
    </message>
    <message>
        <source>Logged out: returned to %1 with the state sent.</source>
        <translation>已注销：已返回到 %1，并带回了所发送的 state。</translation>
    </message>
    <message>
        <source>Give the registration endpoint.</source>
        <translation>请提供注册端点。</translation>
    </message>
    <message>
        <source>Registering…</source>
        <translation>正在注册…</translation>
    </message>
    <message>
        <source>Profiles are not available in this run</source>
        <translation>本次运行中无法使用配置文件</translation>
    </message>
    <message>
        <source>Registered %1</source>
        <translation>已注册 %1</translation>
    </message>
    <message>
        <source>Registered at %1</source>
        <translation>注册于 %1</translation>
    </message>
    <message>
        <source>The profile could not be saved: %1</source>
        <translation>无法保存配置文件：%1</translation>
    </message>
    <message>
        <source>Saved as the profile “%1”; its secret is in the keychain.</source>
        <translation>已保存为配置文件“%1”；其密钥已存入钥匙串。</translation>
    </message>
    <message>
        <source>Saved as the profile “%1”, but its secret could not be stored in the keychain: type it when you use the profile.</source>
        <translation>已保存为配置文件“%1”，但其密钥未能存入钥匙串：使用该配置文件时请手动输入。</translation>
    </message>
    <message>
        <source>Deleted: the provider forgot the client (HTTP %1)</source>
        <translation>已删除：提供方已移除该客户端（HTTP %1）</translation>
    </message>
    <message>
        <source>Pasted key</source>
        <translation>粘贴的密钥</translation>
    </message>
    <message>
        <source>The client&apos;s private key: -----BEGIN PRIVATE KEY----- … (PEM or a private JWK)</source>
        <translation>客户端的私钥：-----BEGIN PRIVATE KEY----- …（PEM 或私钥 JWK）</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>Reading %1 from the keychain…</source>
        <translation>正在从钥匙串读取 %1…</translation>
    </message>
    <message>
        <source>Signing with %1: the key stays in the keychain and is not shown here.</source>
        <translation>正在用 %1 签名：密钥留在钥匙串中，不在此显示。</translation>
    </message>
    <message>
        <source>private_key_jwt: client assertions are signed with %1.</source>
        <translation>private_key_jwt：客户端断言使用 %1 签名。</translation>
    </message>
    <message>
        <source>%1 could not be read from the keychain: %2</source>
        <translation>无法从钥匙串读取 %1：%2</translation>
    </message>
    <message>
        <source>POST, Authorization: Bearer (OIDC Core §5.3.1)</source>
        <translation>POST, Authorization: Bearer (OIDC Core §5.3.1)</translation>
    </message>
    <message>
        <source>From the registration response, or a client registered earlier</source>
        <translation>取自注册响应，或来自之前注册的客户端</translation>
    </message>
    <message>
        <source>From the registration response (RFC 7592 §3)</source>
        <translation>取自注册响应（RFC 7592 §3）</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>GET the registration client URI: the client as the provider has it now</source>
        <translation>对注册客户端 URI 发起 GET：获取提供方当前保存的客户端信息</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>PUT every field the provider returned, with the fields above changed (RFC 7592 §2.2)</source>
        <translation>以 PUT 发送提供方返回的所有字段，并应用上方字段的修改（RFC 7592 §2.2）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>DELETE the client at the provider</source>
        <translation>以 DELETE 在提供方处删除该客户端</translation>
    </message>
    <message>
        <source>Registration client URI</source>
        <translation>注册客户端 URI</translation>
    </message>
    <message>
        <source>Registration access token</source>
        <translation>注册访问令牌</translation>
    </message>
    <message>
        <source>The client&apos;s authentication method “%1” is not available in this tab: introspection and revocation authenticate with %2 instead. Choose another method here if the provider allows one.</source>
        <translation>客户端的认证方式“%1”在此标签页中不可用：内省和撤销改用 %2 进行认证。如果提供方允许，请在此选择其他方式。</translation>
    </message>
    <message>
        <source>private_key_jwt: paste the client&apos;s private key, or choose a saved profile&apos;s key from the keychain.</source>
        <translation>private_key_jwt：请粘贴客户端的私钥，或从钥匙串中选择已保存配置文件的密钥。</translation>
    </message>
    <message>
        <source>The client&apos;s key is being read from the keychain…</source>
        <translation>正在从钥匙串读取客户端的密钥…</translation>
    </message>
    <message>
        <source>The client&apos;s key could not be read from the keychain.</source>
        <translation>无法从钥匙串读取客户端的密钥。</translation>
    </message>
    <message>
        <source>private_key_jwt needs the client&apos;s private key: paste it, or choose a saved profile&apos;s key.</source>
        <translation>private_key_jwt 需要客户端的私钥：请将其粘贴进来，或选择已保存配置文件的密钥。</translation>
    </message>
    <message>
        <source>Reading the client…</source>
        <translation>正在读取客户端…</translation>
    </message>
    <message>
        <source>Read the client first: an update sends back every field the provider returned, with your changes (RFC 7592 §2.2).</source>
        <translation>请先读取客户端：更新会将提供方返回的所有字段连同您的修改一并发回（RFC 7592 §2.2）。</translation>
    </message>
    <message>
        <source>Updating the client…</source>
        <translation>正在更新客户端…</translation>
    </message>
    <message>
        <source>Delete the client</source>
        <translation>删除客户端</translation>
    </message>
    <message>
        <source>Delete the client at %1? The provider forgets it: its client_id and secret stop working.</source>
        <translation>要删除 %1 上的客户端吗？提供方将移除该客户端：其 client_id 和密钥将失效。</translation>
    </message>
    <message>
        <source>Deleting the client…</source>
        <translation>正在删除客户端…</translation>
    </message>
    <message>
        <source>Read: client_id %1, as the provider has it now</source>
        <translation>已读取：client_id %1，即提供方当前保存的内容</translation>
    </message>
    <message>
        <source>Updated: client_id %1, as the provider stored it</source>
        <translation>已更新：client_id %1，即提供方保存后的内容</translation>
    </message>
    <message>
        <source>Registered: client_id %1</source>
        <translation>已注册：client_id %1</translation>
    </message>
    <message>
        <source>Registered: client_id %1, with a client secret</source>
        <translation>已注册：client_id %1，附带客户端密钥</translation>
    </message>
</context>
<context>
    <name>ExchangeDetailView</name>
    <message>
        <source>Select an exchange to see its request and response.</source>
        <translation>选择一次交互以查看其请求和响应。</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>开始于 %1</translation>
    </message>
    <message>
        <source>in flight</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>headers after %1 ms</source>
        <translation>%1 毫秒后收到响应头</translation>
    </message>
    <message>
        <source>total %1 ms</source>
        <translation>共 %1 毫秒</translation>
    </message>
    <message>
        <source>body %1 (%2 on the wire, %3)</source>
        <translation>正文 %1（传输 %2，%3）</translation>
    </message>
    <message>
        <source>body %1</source>
        <translation>正文 %1</translation>
    </message>
    <message>
        <source>truncated at the size limit</source>
        <translation>已在大小上限处截断</translation>
    </message>
    <message>
        <source>redirect hop %1</source>
        <translation>第 %1 次重定向</translation>
    </message>
    <message>
        <source>a navigation in the embedded browser: no response is recorded</source>
        <translation>内嵌浏览器中的一次导航：未记录响应</translation>
    </message>
</context>
<context>
    <name>ExchangeInspector</name>
    <message>
        <source>Copy as curl</source>
        <translation>复制为 curl 命令</translation>
    </message>
    <message>
        <source>Copy raw</source>
        <translation>复制原始内容</translation>
    </message>
    <message>
        <source>Copy URL</source>
        <translation>复制 URL</translation>
    </message>
    <message>
        <source>Show secrets</source>
        <translation>显示机密</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Copy the request as a curl command</source>
        <translation>将请求复制为 curl 命令</translation>
    </message>
    <message>
        <source>Copy the raw request and response</source>
        <translation>复制原始请求和响应</translation>
    </message>
    <message>
        <source>Show client secrets, tokens, codes and passwords in the views and in what is copied. Off: they are masked as [redacted].</source>
        <translation>在视图和复制内容中显示客户端密钥、令牌、授权码和密码。关闭时它们会被遮蔽为 [redacted]。</translation>
    </message>
    <message>
        <source>Forget every exchange of this session</source>
        <translation>清除本次会话的所有交互记录</translation>
    </message>
    <message>
        <source>Copied the request as a curl command</source>
        <translation>已将请求复制为 curl 命令</translation>
    </message>
    <message>
        <source>Copied the request as a curl command, secrets masked</source>
        <translation>已将请求复制为 curl 命令（机密已遮蔽）</translation>
    </message>
    <message>
        <source>Copied the raw request and response</source>
        <translation>已复制原始请求和响应</translation>
    </message>
    <message>
        <source>Copied the URL</source>
        <translation>已复制 URL</translation>
    </message>
    <message numerus="yes">
        <source>%n exchange(s)</source>
        <translation>
            <numerusform>%n 次交互</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExchangeListModel</name>
    <message>
        <source>%1 (redirect %2)</source>
        <translation>%1（第 %2 次重定向）</translation>
    </message>
    <message>
        <source>%1 decompressed, %2 on the wire (%3)</source>
        <translation>解压后 %1，传输 %2（%3）</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time (ms)</source>
        <translation>耗时 (毫秒)</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>navigation</source>
        <translation>导航</translation>
    </message>
</context>
<context>
    <name>ExchangeSummary</name>
    <message>
        <source>Exchange</source>
        <translation>交互</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Token polls</source>
        <translation>令牌轮询</translation>
    </message>
    <message numerus="yes">
        <source>polled %n time(s), last answer %1</source>
        <translation>
            <numerusform>已轮询 %n 次，最近一次应答：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>检查对象</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规范</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Expected: %1</source>
        <translation>期望：%1</translation>
    </message>
    <message>
        <source>Actual: %1</source>
        <translation>实际：%1</translation>
    </message>
</context>
<context>
    <name>HeadersView</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>KeychainKeySource</name>
    <message>
        <source>Sign with the pasted key, or with a saved profile&apos;s key from the keychain (read when chosen, never shown)</source>
        <translation>用粘贴的密钥签名，或用已保存配置文件在钥匙串中的密钥签名（选中时读取，从不显示）</translation>
    </message>
    <message>
        <source>client secret (HS*)</source>
        <translation>客户端密钥（HS*）</translation>
    </message>
    <message>
        <source>private_key_jwt key</source>
        <translation>private_key_jwt 密钥</translation>
    </message>
    <message>
        <source>DPoP key</source>
        <translation>DPoP 密钥</translation>
    </message>
    <message>
        <source>request object key</source>
        <translation>请求对象密钥</translation>
    </message>
    <message>
        <source>client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>client certificate key</source>
        <translation>客户端证书密钥</translation>
    </message>
    <message>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>refresh token</source>
        <translation>刷新令牌</translation>
    </message>
    <message>
        <source>%1 — %2 (keychain)</source>
        <translation>%1 — %2（钥匙串）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Exchanges</source>
        <translation>HTTP 交互</translation>
    </message>
    <message>
        <source>Tokenscope</source>
        <translation>Tokenscope</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Exchange Inspector</source>
        <translation>交互检查器(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Clear Transcript</source>
        <translation>清空记录(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Tokenscope</source>
        <translation>关于 Tokenscope(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>About Tokenscope</source>
        <translation>关于 Tokenscope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tokenscope %1&lt;/h3&gt;&lt;p&gt;An OAuth 2.0 and OpenID Connect debugger: every request and response of a flow, on the wire, with secrets masked until you ask to see them.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tokenscope %1&lt;/h3&gt;&lt;p&gt;OAuth 2.0 与 OpenID Connect 调试器：完整呈现流程中线路上的每个请求和响应，机密信息默认遮蔽，需要时才显示。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Trusting the certificate %1 until Tokenscope quits</source>
        <translation>在 Tokenscope 退出前信任证书 %1</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供方</translation>
    </message>
    <message>
        <source>Authorization Code · Implicit · Hybrid</source>
        <translation>授权码 · 隐式 · 混合</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>Profile “%1” is set up in the authorization wizard</source>
        <translation>已使用配置文件“%1”设置授权向导</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>授权许可</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>CIBA</source>
        <translation>CIBA</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Authorization code · implicit · hybrid</source>
        <translation>授权码 · 隐式 · 混合</translation>
    </message>
    <message>
        <source>Session Tokens</source>
        <translation>会话令牌</translation>
    </message>
    <message>
        <source>Session &amp;Tokens</source>
        <translation>会话令牌(&amp;T)</translation>
    </message>
    <message>
        <source>Sandbox Log</source>
        <translation>沙盒日志</translation>
    </message>
    <message>
        <source>&amp;Sandbox Log</source>
        <translation>沙盒日志(&amp;S)</translation>
    </message>
    <message>
        <source>Use the &amp;Sandbox Provider</source>
        <translation>使用沙盒提供方(&amp;S)</translation>
    </message>
    <message>
        <source>Tokenscope&apos;s built-in provider on this computer: every flow works with no registration</source>
        <translation>Tokenscope 在本机上的内置提供方：所有流程都无需注册即可使用</translation>
    </message>
    <message>
        <source>The Sandbox profile could not be saved: %1</source>
        <translation>无法保存沙盒配置文件：%1</translation>
    </message>
    <message>
        <source>this build of Tokenscope has no sandbox provider</source>
        <translation>此 Tokenscope 版本不含沙盒提供方</translation>
    </message>
    <message>
        <source>The sandbox could not start: %1</source>
        <translation>沙盒无法启动：%1</translation>
    </message>
    <message>
        <source>Profile “%1” is set up in the authorization wizard; the sandbox runs at %2</source>
        <translation>配置文件“%1”已在授权向导中设置好；沙盒运行于 %2</translation>
    </message>
    <message>
        <source>%1 of “%2” could not be read from the keychain: %3. Type it in the panel.</source>
        <translation>无法从钥匙串读取“%2”的 %1：%3。请在面板中手动输入。</translation>
    </message>
    <message>
        <source>Kept in the keychain</source>
        <translation>已保存在钥匙串中</translation>
    </message>
    <message>
        <source>The refresh token was NOT kept for “%1”: %2</source>
        <translation>未能为“%1”保存刷新令牌：%2</translation>
    </message>
    <message>
        <source>The new refresh token is kept in the keychain for “%1”</source>
        <translation>已将“%1”的新刷新令牌保存在钥匙串中</translation>
    </message>
</context>
<context>
    <name>MessagePane</name>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>No response: %1</source>
        <translation>无响应：%1</translation>
    </message>
    <message>
        <source>Waiting for the response…</source>
        <translation>正在等待响应…</translation>
    </message>
    <message>
        <source>No request body</source>
        <translation>无请求正文</translation>
    </message>
    <message>
        <source>No response body</source>
        <translation>无响应正文</translation>
    </message>
    <message>
        <source>Headers (%1)</source>
        <translation>头部 (%1)</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>头部</translation>
    </message>
    <message>
        <source>Body (%1)</source>
        <translation>正文 (%1)</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Raw</source>
        <translation>原始</translation>
    </message>
</context>
<context>
    <name>MetadataView</name>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Raw document</source>
        <translation>原始文档</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>advertised</source>
        <translation>已声明</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Not in the document: the value is the specification&apos;s default</source>
        <translation>文档中未声明：此值为规范规定的默认值</translation>
    </message>
    <message>
        <source>Endpoints (%1)</source>
        <translation>端点 (%1)</translation>
    </message>
    <message>
        <source>Capabilities (%1)</source>
        <translation>能力 (%1)</translation>
    </message>
    <message>
        <source>Findings (%1)</source>
        <translation>检查结果 (%1)</translation>
    </message>
</context>
<context>
    <name>PollResultView</name>
    <message>
        <source>Show secrets</source>
        <translation>显示机密</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Exchanges (details in the exchange inspector)</source>
        <translation>交互（详情见交互检查器）</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>令牌</translation>
    </message>
</context>
<context>
    <name>PollingFlowPanel</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Fetching the provider&apos;s keys to check the ID token…</source>
        <translation>正在获取提供方的密钥以检查 ID 令牌…</translation>
    </message>
    <message>
        <source>No longer polling.</source>
        <translation>已停止轮询。</translation>
    </message>
    <message>
        <source>Not polled yet</source>
        <translation>尚未轮询</translation>
    </message>
    <message numerus="yes">
        <source>Polled %n time(s), last answer %1</source>
        <translation>
            <numerusform>已轮询 %n 次，最近一次应答：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>令牌</translation>
    </message>
    <message numerus="yes">
        <source> · interval %n s</source>
        <translation>
            <numerusform> · 间隔 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · next poll in %n s</source>
        <translation>
            <numerusform> · %n 秒后再次轮询</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>Authorization endpoint</source>
        <translation>授权端点</translation>
    </message>
    <message>
        <source>Token endpoint</source>
        <translation>令牌端点</translation>
    </message>
    <message>
        <source>UserInfo endpoint</source>
        <translation>UserInfo 端点</translation>
    </message>
    <message>
        <source>JWKS URI</source>
        <translation>JWKS URI</translation>
    </message>
    <message>
        <source>Revocation endpoint</source>
        <translation>撤销端点</translation>
    </message>
    <message>
        <source>Introspection endpoint</source>
        <translation>内省端点</translation>
    </message>
    <message>
        <source>Device authorization endpoint</source>
        <translation>设备授权端点</translation>
    </message>
    <message>
        <source>End session endpoint</source>
        <translation>结束会话端点</translation>
    </message>
    <message>
        <source>PAR endpoint</source>
        <translation>PAR 端点</translation>
    </message>
    <message>
        <source>CIBA endpoint</source>
        <translation>CIBA 端点</translation>
    </message>
    <message>
        <source>Not a valid URL: %1</source>
        <translation>不是有效的 URL：%1</translation>
    </message>
    <message>
        <source>Not an absolute URL: it needs https:// in front</source>
        <translation>不是绝对 URL：前面需要加上 https://</translation>
    </message>
    <message>
        <source>Use an https URL (http for local testing), not %1:</source>
        <translation>请使用 https URL（本地测试可用 http），而不是 %1:</translation>
    </message>
    <message>
        <source>The URL has no host</source>
        <translation>该 URL 没有主机名</translation>
    </message>
    <message>
        <source>e.g. Keycloak dev — public client</source>
        <translation>例如 Keycloak 开发环境 —— 公共客户端</translation>
    </message>
    <message>
        <source>https://login.example.com</source>
        <translation>https://login.example.com</translation>
    </message>
    <message>
        <source>Discover</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>openid profile email</source>
        <translation>openid profile email</translation>
    </message>
    <message>
        <source>PEM file of extra trusted CAs (optional)</source>
        <translation>额外信任的 CA 的 PEM 文件（可选）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Keep refresh tokens in the secret store for this profile</source>
        <translation>在机密存储中为此配置文件保存刷新令牌</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Anything worth remembering about this provider or client</source>
        <translation>关于此提供方或客户端、值得记下的任何信息</translation>
    </message>
    <message>
        <source>Fill the endpoints from the issuer&apos;s metadata (OpenID Connect Discovery, RFC 8414)</source>
        <translation>根据颁发者的元数据填写各端点（OpenID Connect Discovery，RFC 8414）</translation>
    </message>
    <message>
        <source>(the flow&apos;s default)</source>
        <translation>（流程的默认值）</translation>
    </message>
    <message>
        <source>One per line, e.g. http://127.0.0.1/callback or com.example.app:/callback</source>
        <translation>每行一个，例如 http://127.0.0.1/callback 或 com.example.app:/callback</translation>
    </message>
    <message>
        <source>none (no PKCE)</source>
        <translation>none（不使用 PKCE）</translation>
    </message>
    <message>
        <source>(the response type&apos;s default)</source>
        <translation>（响应类型的默认值）</translation>
    </message>
    <message>
        <source>One NAME=VALUE per line, e.g. resource=https://api.example</source>
        <translation>每行一个 NAME=VALUE，例如 resource=https://api.example</translation>
    </message>
    <message>
        <source>Show the secret you are typing</source>
        <translation>显示正在输入的机密</translation>
    </message>
    <message>
        <source>Off: refresh tokens live only as long as the flow that got them. On: they are kept in the secret store under this profile, never in its file.</source>
        <translation>关闭：刷新令牌仅在获取它的流程存续期间保留。开启：刷新令牌归于此配置文件名下，保存在机密存储中，绝不写入配置文件本身。</translation>
    </message>
    <message>
        <source>Ask the secret store for this profile&apos;s client secret entry, to see whether it answers</source>
        <translation>向机密存储查询此配置文件的客户端密钥条目，看它是否有响应</translation>
    </message>
    <message>
        <source>Forget the changes and show the profile as saved</source>
        <translation>放弃更改，显示已保存的配置文件</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供方</translation>
    </message>
    <message>
        <source>&amp;Issuer</source>
        <translation>颁发者(&amp;I)</translation>
    </message>
    <message>
        <source>Metadata member %1; empty: what discovery finds</source>
        <translation>元数据成员 %1；留空则使用发现所得的值</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>client_id</source>
        <translation>client_id</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>认证方式</translation>
    </message>
    <message>
        <source>Redirect URIs</source>
        <translation>重定向 URI</translation>
    </message>
    <message>
        <source>Default scopes</source>
        <translation>默认 scope</translation>
    </message>
    <message>
        <source>PKCE</source>
        <translation>PKCE</translation>
    </message>
    <message>
        <source>response_type</source>
        <translation>response_type</translation>
    </message>
    <message>
        <source>response_mode</source>
        <translation>response_mode</translation>
    </message>
    <message>
        <source>Extra authorization parameters</source>
        <translation>额外授权参数</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 文件</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>机密</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>客户端密钥</translation>
    </message>
    <message>
        <source>Secrets:</source>
        <translation>机密存储：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>A profile needs a name</source>
        <translation>配置文件需要名称</translation>
    </message>
    <message>
        <source>Another profile is already named “%1” (names are compared ignoring case)</source>
        <translation>已有另一个配置文件名为“%1”（比较名称时不区分大小写）</translation>
    </message>
    <message>
        <source>An issuer has no query or fragment (RFC 8414 §2)</source>
        <translation>颁发者不能包含查询参数或片段（RFC 8414 §2）</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>颁发者</translation>
    </message>
    <message>
        <source>“%1” is not a valid URI: %2</source>
        <translation>“%1”不是有效的 URI：%2</translation>
    </message>
    <message>
        <source>“%1” has no scheme: write http://127.0.0.1/callback, https://… or a private-use scheme such as com.example.app:/callback</source>
        <translation>“%1”没有协议（scheme）：请写成 http://127.0.0.1/callback、https://… 或 com.example.app:/callback 这样的私有协议</translation>
    </message>
    <message>
        <source>“%1” has a fragment, which a redirect URI must not have (RFC 6749 §3.1.2)</source>
        <translation>“%1”包含片段（fragment），而重定向 URI 不得包含片段（RFC 6749 §3.1.2）</translation>
    </message>
    <message>
        <source>“%1” is not a scope token: no quotes, backslashes, controls or non-ASCII (RFC 6749 §3.3)</source>
        <translation>“%1”不是合法的 scope 值：不能包含引号、反斜杠、控制字符或非 ASCII 字符（RFC 6749 §3.3）</translation>
    </message>
    <message>
        <source>“%1” is not NAME=VALUE</source>
        <translation>“%1”不是 NAME=VALUE 格式</translation>
    </message>
    <message>
        <source>No such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>Not a readable file</source>
        <translation>不是可读取的文件</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Not saved yet — %n problem(s) to fix:</source>
        <translation>
            <numerusform>尚未保存 —— 有 %n 个问题需要修正：</numerusform>
        </translation>
    </message>
    <message>
        <source>Stored in %1 — type a new one to replace it</source>
        <translation>已存储于 %1 —— 输入新值即可替换</translation>
    </message>
    <message>
        <source>Not stored; none for a public client</source>
        <translation>未存储；公共客户端无需密钥</translation>
    </message>
    <message>
        <source>System keychain (Secret Service)</source>
        <translation>系统钥匙串（Secret Service）</translation>
    </message>
    <message>
        <source>Memory only — secrets are forgotten when Tokenscope quits</source>
        <translation>仅内存 —— Tokenscope 退出时机密即被清除</translation>
    </message>
    <message>
        <source>not used yet in this session</source>
        <translation>本次会话中尚未使用</translation>
    </message>
    <message>
        <source>working</source>
        <translation>正常工作</translation>
    </message>
    <message>
        <source>unavailable: %1</source>
        <translation>不可用：%1</translation>
    </message>
    <message>
        <source>locked or refused access: %1</source>
        <translation>已锁定或拒绝访问：%1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 —— %2</translation>
    </message>
    <message>
        <source>the client secret</source>
        <translation>客户端密钥</translation>
    </message>
    <message>
        <source>the private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>the DPoP key</source>
        <translation>DPoP 密钥</translation>
    </message>
    <message>
        <source>the request object signing key</source>
        <translation>请求对象签名密钥</translation>
    </message>
    <message>
        <source>the client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>the client certificate&apos;s key</source>
        <translation>客户端证书的私钥</translation>
    </message>
    <message>
        <source>the password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>the refresh token</source>
        <translation>刷新令牌</translation>
    </message>
    <message>
        <source>no system keychain is available (no Secret Service on the session bus)</source>
        <translation>没有可用的系统钥匙串（会话总线上没有 Secret Service）</translation>
    </message>
    <message>
        <source>the secret store is unavailable</source>
        <translation>机密存储不可用</translation>
    </message>
    <message>
        <source>the keychain is locked or refused access</source>
        <translation>钥匙串已锁定或拒绝访问</translation>
    </message>
    <message>
        <source>the keychain has no such entry</source>
        <translation>钥匙串中没有该条目</translation>
    </message>
    <message>
        <source>the keychain reported an error</source>
        <translation>钥匙串报告了错误</translation>
    </message>
    <message>
        <source> (“%1”)</source>
        <translation> (“%1”)</translation>
    </message>
    <message>
        <source>The profile was not saved: %1</source>
        <translation>配置文件未保存：%1</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>. Another program changed it: reload the list to see its version.</source>
        <translation>。另一个程序修改了该文件：请重新加载列表以查看其当前版本。</translation>
    </message>
    <message>
        <source>%1 was NOT stored: %2</source>
        <translation>%1未存储：%2</translation>
    </message>
    <message>
        <source>Saved “%1”, but %2. Nothing of it was written to disk; the profile file only says that no secret is stored. The secret stays in the field until you leave this profile: fix the keychain (unlock it, or start a Secret Service) and press Save again.</source>
        <translation>已保存“%1”，但%2。机密的任何部分都未写入磁盘；配置文件中只记录了“未存储机密”。在离开此配置文件之前，机密会保留在输入框中：请修复钥匙串（将其解锁，或启动 Secret Service）后再次点击“保存”。</translation>
    </message>
    <message>
        <source>Type the issuer first.</source>
        <translation>请先输入颁发者。</translation>
    </message>
    <message>
        <source>Another discovery is running in this window; try again when it has finished.</source>
        <translation>此窗口中已有另一个发现操作正在进行；请在其完成后重试。</translation>
    </message>
    <message>
        <source>Fetching the metadata of %1…</source>
        <translation>正在获取 %1 的元数据…</translation>
    </message>
    <message>
        <source>Discovery failed: %1</source>
        <translation>发现失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Filled %n endpoint(s) from %1.</source>
        <translation>
            <numerusform>已根据 %1 填写 %n 个端点。</numerusform>
        </translation>
    </message>
    <message>
        <source>Embedded browser</source>
        <translation>内嵌浏览器</translation>
    </message>
    <message>
        <source>System browser + loopback listener</source>
        <translation>系统浏览器 + 环回监听器</translation>
    </message>
    <message>
        <source>Paste the redirect URL</source>
        <translation>粘贴重定向 URL</translation>
    </message>
    <message>
        <source>Fresh for each run</source>
        <translation>每次运行都使用全新会话</translation>
    </message>
    <message>
        <source>Kept for this profile (single sign-on sticks)</source>
        <translation>为此配置文件保留（单点登录状态会延续）</translation>
    </message>
    <message>
        <source>Redirect capture</source>
        <translation>重定向捕获</translation>
    </message>
    <message>
        <source>Browser session</source>
        <translation>浏览器会话</translation>
    </message>
    <message>
        <source>One NAME=VALUE per line, sent with every token request, e.g. audience=api</source>
        <translation>每行一个 NAME=VALUE，随每个令牌请求一起发送，例如 audience=api</translation>
    </message>
    <message>
        <source>Extra token parameters</source>
        <translation>额外令牌参数</translation>
    </message>
    <message>
        <source>Private key (private_key_jwt)</source>
        <translation>私钥（private_key_jwt）</translation>
    </message>
    <message>
        <source>DPoP key</source>
        <translation>DPoP 密钥</translation>
    </message>
    <message>
        <source>Request object key</source>
        <translation>请求对象密钥</translation>
    </message>
    <message>
        <source>Client certificate (mTLS)</source>
        <translation>客户端证书（mTLS）</translation>
    </message>
    <message>
        <source>Client certificate key</source>
        <translation>客户端证书密钥</translation>
    </message>
    <message>
        <source>Resource owner password</source>
        <translation>资源所有者密码</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>刷新令牌</translation>
    </message>
    <message>
        <source>-----BEGIN …----- (PEM)</source>
        <translation>-----BEGIN …-----（PEM）</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Take the PEM from the clipboard without showing it</source>
        <translation>从剪贴板读取 PEM，但不显示其内容</translation>
    </message>
    <message>
        <source>Load from file…</source>
        <translation>从文件加载…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Show what you entered</source>
        <translation>显示已输入的内容</translation>
    </message>
    <message>
        <source>Load %1</source>
        <translation>加载%1</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.key *.crt *.cer);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.key *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>Stored in %1 — enter a new one to replace it</source>
        <translation>已存储在 %1 中 —— 输入新值即可替换</translation>
    </message>
    <message>
        <source>Not stored</source>
        <translation>未存储</translation>
    </message>
    <message numerus="yes">
        <source>New value entered (%n byte(s), hidden)</source>
        <translation>
            <numerusform>已输入新值（%n 字节，已隐藏）</numerusform>
        </translation>
    </message>
    <message>
        <source>Not stored — paste it or load it from a file</source>
        <translation>未存储 —— 请粘贴，或从文件加载</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>Enter the certificate&apos;s private key too</source>
        <translation>请同时输入该证书的私钥</translation>
    </message>
    <message>
        <source>Enter the certificate that goes with this key</source>
        <translation>请输入与此密钥配套的证书</translation>
    </message>
    <message>
        <source>Saved “%1”; %2 is in %3.</source>
        <translation>已保存“%1”；%2 已存入 %3。</translation>
    </message>
    <message>
        <source>Saved “%1”; %2 are in %3.</source>
        <translation>已保存“%1”；%2 已存入 %3。</translation>
    </message>
</context>
<context>
    <name>ProfileListPanel</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Search name, issuer, client_id</source>
        <translation>搜索名称、颁发者、client_id</translation>
    </message>
    <message>
        <source>A new, empty profile</source>
        <translation>新建一个空白配置文件</translation>
    </message>
    <message>
        <source>A copy of the selected profile&apos;s settings under a new name. Secrets are not copied: type them again in the copy if it needs them.</source>
        <translation>以新名称复制所选配置文件的设置。机密不会被复制：如果副本需要，请在副本中重新输入。</translation>
    </message>
    <message>
        <source>Rename the selected profile; its secrets stay with it</source>
        <translation>重命名所选配置文件；其机密保持不变</translation>
    </message>
    <message>
        <source>Delete the selected profile and its secrets in the secret store</source>
        <translation>删除所选配置文件及其在机密存储中的机密</translation>
    </message>
    <message>
        <source>Add profiles from a Tokenscope export file</source>
        <translation>从 Tokenscope 导出文件中添加配置文件</translation>
    </message>
    <message>
        <source>Write the profiles shown in the list to a file, without their secrets</source>
        <translation>将列表中显示的配置文件写入文件，不含其机密</translation>
    </message>
    <message>
        <source>Set up the flows with the selected profile, as saved</source>
        <translation>使用所选配置文件（已保存的版本）设置各流程</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in the profiles folder could not be read and are not listed:</source>
        <translation>
            <numerusform>配置文件目录中有 %n 个文件无法读取，未列出：</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The profile “%1” has unsaved changes. Discard them?</source>
        <translation>配置文件“%1”有未保存的更改。要放弃这些更改吗？</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>新配置文件</translation>
    </message>
    <message>
        <source>A new profile: fill it in and press Save.</source>
        <translation>已新建配置文件：请填写后点击“保存”。</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>Could not duplicate “%1”: %2</source>
        <translation>无法为“%1”创建副本：%2</translation>
    </message>
    <message>
        <source>Duplicated “%1” as “%2”. Settings were copied, secrets were not: type them in the copy if it needs them.</source>
        <translation>已将“%1”复制为“%2”。设置已复制，机密未复制：如果副本需要，请在副本中输入。</translation>
    </message>
    <message>
        <source>Duplicated “%1” as “%2”.</source>
        <translation>已将“%1”复制为“%2”。</translation>
    </message>
    <message>
        <source>Rename profile</source>
        <translation>重命名配置文件</translation>
    </message>
    <message>
        <source>New name for “%1”:</source>
        <translation>“%1”的新名称：</translation>
    </message>
    <message>
        <source>Not renamed: a profile needs a name.</source>
        <translation>未重命名：配置文件需要名称。</translation>
    </message>
    <message>
        <source>Not renamed: another profile is already named “%1”.</source>
        <translation>未重命名：已有另一个配置文件名为“%1”。</translation>
    </message>
    <message>
        <source>Could not rename “%1”: %2</source>
        <translation>无法重命名“%1”：%2</translation>
    </message>
    <message>
        <source>Renamed “%1” to “%2”; its secrets stay with it.</source>
        <translation>已将“%1”重命名为“%2”；其机密保持不变。</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>删除配置文件</translation>
    </message>
    <message>
        <source>Delete the profile “%1”? Its file and its secrets in %2 are deleted. This cannot be undone.</source>
        <translation>要删除配置文件“%1”吗？其文件及其在 %2 中的机密都将被删除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Could not delete “%1”: %2</source>
        <translation>无法删除“%1”：%2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Deleted “%1”, but these secrets are still in the keychain: %2. Delete them there, or unlock the keychain and delete again from the command line.</source>
        <translation>已删除“%1”，但以下机密仍在钥匙串中：%2。请在钥匙串中删除它们，或解锁钥匙串后通过命令行再次删除。</translation>
    </message>
    <message>
        <source>Deleted “%1” and its secrets.</source>
        <translation>已删除“%1”及其机密。</translation>
    </message>
    <message>
        <source>Using “%1” as saved; the unsaved changes are not used.</source>
        <translation>正在使用已保存版本的“%1”；未保存的更改不会生效。</translation>
    </message>
    <message>
        <source>Export profiles</source>
        <translation>导出配置文件</translation>
    </message>
    <message>
        <source>Tokenscope profile exports (*.json);;All files (*)</source>
        <translation>Tokenscope 配置文件导出 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Nothing exported: %1</source>
        <translation>未导出任何内容：%1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n profile(s) to %1, without secrets.</source>
        <translation>
            <numerusform>已将 %n 个配置文件导出到 %1，不含机密。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import profiles</source>
        <translation>导入配置文件</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large for a profile export.</source>
        <translation>%1 过大，超出了配置文件导出文件的上限。</translation>
    </message>
    <message>
        <source>The file&apos;s secrets are encrypted. Passphrase:</source>
        <translation>该文件中的机密已加密。口令：</translation>
    </message>
    <message>
        <source>Nothing imported from %1: %2</source>
        <translation>未从 %1 导入任何内容：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n profile(s) in the file already exist here: %1. Replace them? (No imports only the new ones.)</source>
        <translation>
            <numerusform>文件中有 %n 个配置文件在此处已存在：%1。要替换它们吗？（选择“否”则只导入新的配置文件。）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported from %1: %n new</source>
        <translation>
            <numerusform>已从 %1 导入：新增 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n replaced</source>
        <translation>
            <numerusform>，替换 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n skipped.</source>
        <translation>
            <numerusform>，跳过 %n 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” was not saved: %2.</source>
        <translation>“%1”未保存：%2。</translation>
    </message>
    <message>
        <source>“%1”: %2 was NOT stored: %3.</source>
        <translation>“%1”：%2未存储：%3。</translation>
    </message>
    <message>
        <source>Include the secrets (client secrets, keys, passwords), encrypted with a passphrase? Without them the file holds placeholders.</source>
        <translation>是否包含机密（客户端密钥、私钥、密码），并用口令加密？不包含时，文件中只有占位符。</translation>
    </message>
    <message>
        <source>Passphrase for the secrets:</source>
        <translation>用于加密机密的口令：</translation>
    </message>
    <message>
        <source>The same passphrase again:</source>
        <translation>再次输入同一口令：</translation>
    </message>
    <message>
        <source>Nothing exported: the passphrase is empty</source>
        <translation>未导出任何内容：口令为空</translation>
    </message>
    <message>
        <source>Nothing exported: the passphrases differ</source>
        <translation>未导出任何内容：两次输入的口令不一致</translation>
    </message>
    <message>
        <source>the %1 of “%2” could not be read: %3</source>
        <translation>无法读取“%2”的 %1：%3</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n profile(s) to %1, secrets encrypted.</source>
        <translation>
            <numerusform>已将 %n 个配置文件导出到 %1，机密已加密。</numerusform>
        </translation>
    </message>
    <message>
        <source>No new profile.</source>
        <translation>没有新的配置文件。</translation>
    </message>
    <message>
        <source>New: %1.</source>
        <translation>新建：%1。</translation>
    </message>
    <message>
        <source>Import them?</source>
        <translation>要导入吗？</translation>
    </message>
    <message>
        <source>Nothing imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
</context>
<context>
    <name>ProviderErrorText</name>
    <message>
        <source>The provider answered %1</source>
        <translation>提供方返回了 %1</translation>
    </message>
    <message>
        <source>Usually: %1</source>
        <translation>通常：%1</translation>
    </message>
    <message>
        <source>Failed check: %1</source>
        <translation>未通过的检查：%1</translation>
    </message>
</context>
<context>
    <name>ProviderPanel</name>
    <message>
        <source>Discover</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation>颁发者(&amp;I)：</translation>
    </message>
    <message>
        <source>https://accounts.example.com — an issuer, or its .well-known metadata URL</source>
        <translation>https://accounts.example.com —— 颁发者 (issuer)，或其 .well-known 元数据 URL</translation>
    </message>
    <message>
        <source>The provider&apos;s issuer identifier. Press Enter to fetch its OpenID Connect or OAuth 2.0 metadata.</source>
        <translation>提供方的颁发者标识符 (issuer)。按 Enter 获取其 OpenID Connect 或 OAuth 2.0 元数据。</translation>
    </message>
    <message>
        <source>Fetch the provider&apos;s metadata (OpenID Connect Discovery, RFC 8414)</source>
        <translation>获取提供方的元数据（OpenID Connect Discovery，RFC 8414）</translation>
    </message>
    <message>
        <source>Enter an issuer and press Discover.</source>
        <translation>输入颁发者后点击“发现”。</translation>
    </message>
    <message>
        <source>Discovering…</source>
        <translation>正在发现…</translation>
    </message>
    <message>
        <source>Fetching the metadata of %1…</source>
        <translation>正在获取 %1 的元数据…</translation>
    </message>
    <message>
        <source>Metadata from %1, not accepted (see above).</source>
        <translation>来自 %1 的元数据未被接受（见上文）。</translation>
    </message>
    <message>
        <source>Issuer %1</source>
        <translation>颁发者 %1</translation>
    </message>
    <message>
        <source>metadata from %1</source>
        <translation>元数据来自 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s)</source>
        <translation>
            <numerusform>%n 个端点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed check(s)</source>
        <translation>
            <numerusform>%n 项检查未通过</numerusform>
        </translation>
    </message>
    <message>
        <source>Expected issuer: %1</source>
        <translation>期望的颁发者：%1</translation>
    </message>
    <message>
        <source>Actual issuer:   %1</source>
        <translation>实际的颁发者：%1</translation>
    </message>
    <message>
        <source>At line %1, column %2.</source>
        <translation>位于第 %1 行第 %2 列。</translation>
    </message>
    <message>
        <source>More about the error: %1</source>
        <translation>关于该错误的更多信息：%1</translation>
    </message>
</context>
<context>
    <name>SandboxBanner</name>
    <message>
        <source>Show Sandbox Log</source>
        <translation>显示沙盒日志</translation>
    </message>
    <message>
        <source>Break It</source>
        <translation>故障注入</translation>
    </message>
    <message>
        <source>Make the sandbox misbehave on purpose, and see whether the client catches it</source>
        <translation>让沙盒故意出错，看看客户端能否发现</translation>
    </message>
    <message>
        <source>Hide this note</source>
        <translation>隐藏此提示</translation>
    </message>
    <message>
        <source>Hide the sandbox note</source>
        <translation>隐藏沙盒提示</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sandbox&lt;/b&gt; — Tokenscope&apos;s own provider, running on this computer at %1: nothing leaves it, nothing needs registering. Start a flow and sign in as &lt;b&gt;alice&lt;/b&gt;, &lt;b&gt;bob&lt;/b&gt; or &lt;b&gt;li.lei&lt;/b&gt;, no password. Its log shows what it received and decided, beside the exchanges your client sent.</source>
        <translation>&lt;b&gt;沙盒&lt;/b&gt; —— Tokenscope 自带的提供方，运行在本机的 %1 上：数据不会离开本机，也无需注册任何内容。启动一个流程，并以 &lt;b&gt;alice&lt;/b&gt;、&lt;b&gt;bob&lt;/b&gt; 或 &lt;b&gt;li.lei&lt;/b&gt; 的身份登录，无需密码。沙盒日志会显示它收到了什么、做出了什么决定，并与您的客户端发出的交互并列显示。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The sandbox could not start:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;沙盒无法启动：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>All Switches Off</source>
        <translation>关闭所有开关</translation>
    </message>
    <message>
        <source>%1
An attacker would gain: %2</source>
        <translation>%1
攻击者可获得：%2</translation>
    </message>
    <message>
        <source>Break It (%1)</source>
        <translation>故障注入（%1）</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2</translation>
    </message>
    <message>
        <source>⚠ Break-it switches on — the sandbox misbehaves on purpose:</source>
        <translation>⚠ 故障注入开关已打开 —— 沙盒正在故意出错：</translation>
    </message>
    <message>
        <source>✘ &lt;b&gt;%1&lt;/b&gt; went unnoticed: the flow completed. Had this been an attack, the attacker would have gained: %2</source>
        <translation>✘ &lt;b&gt;%1&lt;/b&gt; 未被发现：流程已完成。如果这是一次攻击，攻击者将获得：%2</translation>
    </message>
    <message>
        <source>✔ &lt;b&gt;%1&lt;/b&gt; caught: the flow stopped at the check &lt;b&gt;%2&lt;/b&gt;. Without it, an attacker would have gained: %3</source>
        <translation>✔ &lt;b&gt;%1&lt;/b&gt; 已被发现：流程在检查 &lt;b&gt;%2&lt;/b&gt; 处停止。若没有这项检查，攻击者将获得：%3</translation>
    </message>
</context>
<context>
    <name>SessionTokens</name>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>刷新令牌</translation>
    </message>
    <message>
        <source>ID token</source>
        <translation>ID 令牌</translation>
    </message>
    <message>
        <source>Issued token</source>
        <translation>颁发的令牌</translation>
    </message>
</context>
<context>
    <name>SessionTokensPanel</name>
    <message>
        <source>Show values</source>
        <translation>显示值</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>过期时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Tokens are secrets: anyone who sees one can use it</source>
        <translation>令牌属于机密：任何看到它的人都能使用它</translation>
    </message>
    <message>
        <source>Decode</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>Lay the token open: header, claims, signature</source>
        <translation>展开令牌：头部、声明、签名</translation>
    </message>
    <message>
        <source>Introspect</source>
        <translation>内省</translation>
    </message>
    <message>
        <source>Ask the provider whether it is active (RFC 7662)</source>
        <translation>询问提供方该令牌是否有效（RFC 7662）</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Revoke it at the provider (RFC 7009)</source>
        <translation>在提供方处撤销该令牌（RFC 7009）</translation>
    </message>
    <message>
        <source>UserInfo</source>
        <translation>UserInfo</translation>
    </message>
    <message>
        <source>Call the UserInfo endpoint with this access token</source>
        <translation>使用此访问令牌调用 UserInfo 端点</translation>
    </message>
    <message>
        <source>Use in API call</source>
        <translation>用于 API 调用</translation>
    </message>
    <message>
        <source>Call a protected resource with this access token</source>
        <translation>使用此访问令牌调用受保护的资源</translation>
    </message>
    <message>
        <source>Use as subject token</source>
        <translation>用作主体令牌</translation>
    </message>
    <message>
        <source>The subject_token of a token exchange (RFC 8693)</source>
        <translation>令牌交换中的 subject_token（RFC 8693）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the value to the clipboard</source>
        <translation>将值复制到剪贴板</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Forget it in this session (it is not revoked)</source>
        <translation>在本会话中忘掉它（不会撤销）</translation>
    </message>
    <message>
        <source>Every token obtained in this session, newest last.</source>
        <translation>本会话中获得的所有令牌，最新的在最后。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>%1后</translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation>%1前已过期</translation>
    </message>
    <message numerus="yes">
        <source>•••••••• (%n characters)</source>
        <translation>
            <numerusform>••••••••（%n 个字符）</numerusform>
        </translation>
    </message>
    <message>
        <source>token_type: %1</source>
        <translation>token_type：%1</translation>
    </message>
    <message>
        <source>Obtained %1</source>
        <translation>获得于 %1</translation>
    </message>
    <message>
        <source>replaced by #%1 (rotated)</source>
        <translation>已被 #%1 替换（已轮换）</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>%1 #%2 — %3</source>
        <translation>%1 #%2 —— %3</translation>
    </message>
    <message>
        <source>Copied. The clipboard now holds a secret: anyone who pastes it can use the token. Clear the clipboard when you are done.</source>
        <translation>已复制。剪贴板中现在存有机密：任何粘贴它的人都能使用该令牌。用完后请清空剪贴板。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Use this refresh token in the Grants tab&apos;s refresh grant</source>
        <translation>在“授权许可”标签页的刷新授权中使用此刷新令牌</translation>
    </message>
    <message>
        <source>Issued to client %1 (%2)</source>
        <translation>颁发给客户端 %1（%2）</translation>
    </message>
    <message>
        <source>method unknown</source>
        <translation>认证方式未知</translation>
    </message>
</context>
<context>
    <name>TlsView</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>No TLS details were recorded</source>
        <translation>没有记录 TLS 详情</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Cipher</source>
        <translation>密码套件</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>信任</translation>
    </message>
    <message>
        <source>Accepted once by the user despite errors</source>
        <translation>尽管存在错误，用户已选择本次信任</translation>
    </message>
    <message>
        <source>Extra CA file</source>
        <translation>额外的 CA 文件</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>证书链</translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s)</source>
        <translation>
            <numerusform>%n 个证书</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>签发者</translation>
    </message>
    <message>
        <source>Alternative names</source>
        <translation>备用名称</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>过期时间</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Self-signed</source>
        <translation>自签名</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>TokenGrantPanel</name>
    <message>
        <source>Client credentials</source>
        <translation>客户端凭据</translation>
    </message>
    <message>
        <source>Resource owner password (legacy)</source>
        <translation>资源所有者密码（旧式）</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>刷新令牌</translation>
    </message>
    <message>
        <source>Token exchange (RFC 8693)</source>
        <translation>令牌交换（RFC 8693）</translation>
    </message>
    <message>
        <source>JWT bearer assertion (RFC 7523)</source>
        <translation>JWT bearer 断言（RFC 7523）</translation>
    </message>
    <message>
        <source>SAML 2.0 bearer assertion (RFC 7522)</source>
        <translation>SAML 2.0 bearer 断言（RFC 7522）</translation>
    </message>
    <message>
        <source>Other grant type (by URI)</source>
        <translation>其他授权许可类型（按 URI）</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Token exchange</source>
        <translation>令牌交换</translation>
    </message>
    <message>
        <source>JWT bearer</source>
        <translation>JWT bearer</translation>
    </message>
    <message>
        <source>SAML 2.0 bearer</source>
        <translation>SAML 2.0 bearer</translation>
    </message>
    <message>
        <source>Custom grant</source>
        <translation>自定义授权许可</translation>
    </message>
    <message>
        <source>Grant</source>
        <translation>授权许可</translation>
    </message>
    <message>
        <source>urn:example:grant-type:…</source>
        <translation>urn:example:grant-type:…</translation>
    </message>
    <message>
        <source>grant_type</source>
        <translation>grant_type</translation>
    </message>
    <message>
        <source>&lt;b&gt;Legacy — avoid.&lt;/b&gt; With the password grant the application sees the user&apos;s password, so the user must trust it completely; the provider cannot ask for a second factor, a passkey or consent, and phishing-resistant sign-in is impossible. OAuth 2.1 removes it and RFC 9700 (OAuth 2.0 Security Best Current Practice, §2.4) says it must not be used. Use the authorization code flow, or the device flow for devices without a browser.</source>
        <translation>&lt;b&gt;旧式方式 —— 请避免使用。&lt;/b&gt;使用密码授权许可时，应用会看到用户的密码，因此用户必须完全信任该应用；提供方无法要求第二因素、通行密钥或同意，也不可能实现防钓鱼的登录。OAuth 2.1 已将其移除，RFC 9700（OAuth 2.0 安全最佳现行实践，§2.4）规定不得使用。请使用授权码流程；对于没有浏览器的设备，请使用设备流程。</translation>
    </message>
    <message>
        <source>RFC 8707 resource URIs, space-separated</source>
        <translation>RFC 8707 资源 URI，以空格分隔</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>受众</translation>
    </message>
    <message>
        <source>Resource owner</source>
        <translation>资源所有者</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>From this session</source>
        <translation>取自本会话</translation>
    </message>
    <message>
        <source>Tokens to exchange</source>
        <translation>要交换的令牌</translation>
    </message>
    <message>
        <source>Subject token</source>
        <translation>主体令牌</translation>
    </message>
    <message>
        <source>Subject token type</source>
        <translation>主体令牌类型</translation>
    </message>
    <message>
        <source>Actor token</source>
        <translation>行为方令牌</translation>
    </message>
    <message>
        <source>Actor token type</source>
        <translation>行为方令牌类型</translation>
    </message>
    <message>
        <source>Requested token type</source>
        <translation>请求的令牌类型</translation>
    </message>
    <message>
        <source>Assertion</source>
        <translation>断言</translation>
    </message>
    <message>
        <source>Paste the assertion (a JWT, or a SAML assertion as XML or base64url)</source>
        <translation>粘贴断言（JWT，或 XML / base64url 形式的 SAML 断言）</translation>
    </message>
    <message>
        <source>Build and sign a JWT assertion here</source>
        <translation>在此构建并签名 JWT 断言</translation>
    </message>
    <message>
        <source>RS256, ES256, PS256, EdDSA… (empty: the key&apos;s)</source>
        <translation>RS256、ES256、PS256、EdDSA…（留空：使用密钥自身的算法）</translation>
    </message>
    <message>
        <source>empty: the token endpoint</source>
        <translation>留空：使用令牌端点</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>-----BEGIN PRIVATE KEY----- … (PEM or a private JWK)</source>
        <translation>-----BEGIN PRIVATE KEY----- …（PEM 或私钥 JWK）</translation>
    </message>
    <message>
        <source>alg</source>
        <translation>alg</translation>
    </message>
    <message>
        <source>kid</source>
        <translation>kid</translation>
    </message>
    <message>
        <source>iss</source>
        <translation>iss</translation>
    </message>
    <message>
        <source>sub</source>
        <translation>sub</translation>
    </message>
    <message>
        <source>aud</source>
        <translation>aud</translation>
    </message>
    <message>
        <source>exp after</source>
        <translation>exp 时长</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>Extra parameters (name=value, one a line)</source>
        <translation>额外参数（name=value，每行一个）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a grant, fill in the form and press Run.</source>
        <translation>请选择一种授权许可，填写表单，然后点击“运行”。</translation>
    </message>
    <message>
        <source>Show secrets</source>
        <translation>显示机密</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Refresh token rotation</source>
        <translation>刷新令牌轮换</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已返回</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Exchanges (details in the exchange inspector)</source>
        <translation>交互（详情见交互检查器）</translation>
    </message>
    <message>
        <source>— type or paste below —</source>
        <translation>—— 在下方输入或粘贴 ——</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Requesting a token (%1)…</source>
        <translation>正在申请令牌（%1）…</translation>
    </message>
    <message>
        <source>Fetching the provider&apos;s keys to check the ID token…</source>
        <translation>正在获取提供方的密钥以检查 ID 令牌…</translation>
    </message>
    <message>
        <source>Done (%1).</source>
        <translation>完成（%1）。</translation>
    </message>
    <message numerus="yes">
        <source>Done (%1): %n check(s) made, %2 failed.</source>
        <translation>
            <numerusform>完成（%1）：共进行 %n 项检查，%2 项未通过。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tokens obtained with the %1 grant.</source>
        <translation>已通过 %1 授权许可获得令牌。</translation>
    </message>
    <message>
        <source>Failed (%1).</source>
        <translation>失败（%1）。</translation>
    </message>
    <message>
        <source>Rotated: the provider issued a new refresh token. The old one must not be used again (RFC 9700 §4.14.2); the next refresh uses the new one.</source>
        <translation>已轮换：提供方颁发了新的刷新令牌。旧的刷新令牌不得再次使用（RFC 9700 §4.14.2）；下次刷新将使用新的刷新令牌。</translation>
    </message>
    <message>
        <source>Not rotated: the same refresh token stays valid and is used again.</source>
        <translation>未轮换：同一刷新令牌仍然有效，并将再次使用。</translation>
    </message>
    <message>
        <source>invalid_grant: the refresh token is expired, revoked, or was already used. A provider that rotates refresh tokens treats a rotated-out token sent again as a replay and may revoke the whole grant (RFC 9700 §4.14.2).</source>
        <translation>invalid_grant：刷新令牌已过期、已被撤销或已被使用过。会轮换刷新令牌的提供方会把再次发送的已轮换旧令牌视为重放，并可能撤销整个授权许可（RFC 9700 §4.14.2）。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message numerus="yes">
        <source>… [%n characters]</source>
        <translation>
            <numerusform>… [共 %n 个字符]</numerusform>
        </translation>
    </message>
    <message>
        <source>(none returned: keep the old one)</source>
        <translation>（未返回：继续使用旧的刷新令牌）</translation>
    </message>
    <message>
        <source>Built assertion: %1</source>
        <translation>构建的断言：%1</translation>
    </message>
    <message>
        <source>Refresh automatically</source>
        <translation>自动刷新</translation>
    </message>
    <message>
        <source>After each successful grant that returns a refresh token, switch to the refresh grant and refresh shortly before the access token expires, with the current (rotated) refresh token</source>
        <translation>每次成功的授权许可返回刷新令牌后，切换到刷新授权，并在访问令牌过期前不久用当前（已轮换的）刷新令牌刷新</translation>
    </message>
    <message>
        <source> s before expiry</source>
        <translation> 秒（过期前）</translation>
    </message>
    <message>
        <source>switched off</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Exchange this token again</source>
        <translation>再次交换此令牌</translation>
    </message>
    <message>
        <source>The issued token becomes the subject token (its issued_token_type the subject token type); the other fields stay. Press Run for the next exchange.</source>
        <translation>签发的令牌成为主体令牌（其 issued_token_type 作为主体令牌类型）；其他字段保持不变。按“运行”进行下一次交换。</translation>
    </message>
    <message>
        <source>another grant was chosen</source>
        <translation>选择了另一种授权许可</translation>
    </message>
    <message>
        <source>The issued token is the subject token now: press Run to exchange it.</source>
        <translation>签发的令牌现在是主体令牌：按“运行”交换它。</translation>
    </message>
    <message>
        <source>no refresh token to use</source>
        <translation>没有可用的刷新令牌</translation>
    </message>
    <message>
        <source>the provider did not say when the access token expires</source>
        <translation>提供方没有说明访问令牌何时过期</translation>
    </message>
    <message>
        <source>Access token: %1</source>
        <translation>访问令牌：%1</translation>
    </message>
    <message>
        <source>Refresh token: %1</source>
        <translation>刷新令牌：%1</translation>
    </message>
    <message>
        <source>ID token: %1</source>
        <translation>ID 令牌：%1</translation>
    </message>
    <message>
        <source>Next automatic refresh: %1</source>
        <translation>下次自动刷新：%1</translation>
    </message>
    <message>
        <source>Automatic refresh stopped: %1</source>
        <translation>自动刷新已停止：%1</translation>
    </message>
    <message>
        <source>the last request failed</source>
        <translation>上一次请求失败</translation>
    </message>
    <message>
        <source>Put the client id and authentication method the refresh token was issued to in the form; check that the secret or key is that client&apos;s</source>
        <translation>请在表单中填入该刷新令牌所颁发给的客户端 ID 和认证方式；并确认所用的机密或密钥属于该客户端</translation>
    </message>
    <message>
        <source>optional: paste one, or pick one of this session&apos;s</source>
        <translation>可选：粘贴一个，或从本会话的令牌中选择</translation>
    </message>
    <message>
        <source>Pasted key</source>
        <translation>粘贴的密钥</translation>
    </message>
    <message>
        <source>Key from</source>
        <translation>密钥来源</translation>
    </message>
    <message>
        <source>Signing with %1: the key stays in the keychain and is not shown here.</source>
        <translation>正在用 %1 签名：密钥留在钥匙串中，不在此显示。</translation>
    </message>
    <message>
        <source>Key ready: %1.</source>
        <translation>密钥已就绪：%1。</translation>
    </message>
    <message>
        <source>✘ %1 could not be read from the keychain: %2</source>
        <translation>✘ 无法从钥匙串读取 %1：%2</translation>
    </message>
    <message>
        <source>Paste the key that signs the assertion, or choose a profile&apos;s key from the keychain.</source>
        <translation>请粘贴用于签名断言的密钥，或从钥匙串中选择某个配置文件的密钥。</translation>
    </message>
    <message>
        <source>The key is being read from the keychain…</source>
        <translation>正在从钥匙串读取密钥…</translation>
    </message>
    <message>
        <source>The key from the keychain could not be read: choose it again, or paste one.</source>
        <translation>无法读取钥匙串中的密钥：请重新选择，或粘贴一个密钥。</translation>
    </message>
    <message>
        <source>Reading %1 from the keychain…</source>
        <translation>正在从钥匙串读取 %1…</translation>
    </message>
    <message>
        <source>⚠ This refresh token was issued to client “%1” (%2), but the form sends client “%3” (%4). A refresh authenticates as the client the token was issued to (RFC 6749 §6); the provider refuses another client.</source>
        <translation>⚠ 此刷新令牌颁发给了客户端“%1”（%2），但表单发送的是客户端“%3”（%4）。刷新时必须以令牌所颁发给的客户端身份进行认证（RFC 6749 §6）；提供方会拒绝其他客户端。</translation>
    </message>
    <message>
        <source>method unknown</source>
        <translation>认证方式未知</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Use “%1”</source>
        <translation>使用“%1”</translation>
    </message>
</context>
<context>
    <name>TokenInspector</name>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>声明</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>声明</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>头部</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>Issuer: who made and signed the token (RFC 7519 §4.1.1)</source>
        <translation>颁发者：创建并签名该令牌的一方（RFC 7519 §4.1.1）</translation>
    </message>
    <message>
        <source>Subject: whom the token is about, unique within the issuer (RFC 7519 §4.1.2)</source>
        <translation>主体：令牌所描述的对象，在颁发者范围内唯一（RFC 7519 §4.1.2）</translation>
    </message>
    <message>
        <source>Audience: who the token is meant for (RFC 7519 §4.1.3)</source>
        <translation>受众：令牌的预期接收方（RFC 7519 §4.1.3）</translation>
    </message>
    <message>
        <source>Expiration time: not to be accepted on or after it (RFC 7519 §4.1.4)</source>
        <translation>过期时间：在此时刻及之后不得接受该令牌（RFC 7519 §4.1.4）</translation>
    </message>
    <message>
        <source>Not before: not to be accepted before it (RFC 7519 §4.1.5)</source>
        <translation>生效时间：在此时刻之前不得接受该令牌（RFC 7519 §4.1.5）</translation>
    </message>
    <message>
        <source>Issued at: when the token was made (RFC 7519 §4.1.6)</source>
        <translation>颁发时间：令牌的创建时间（RFC 7519 §4.1.6）</translation>
    </message>
    <message>
        <source>JWT ID: a unique identifier, to detect replay (RFC 7519 §4.1.7)</source>
        <translation>JWT ID：唯一标识符，用于检测重放（RFC 7519 §4.1.7）</translation>
    </message>
    <message>
        <source>When the user last authenticated (OpenID Connect Core §2)</source>
        <translation>用户最近一次完成认证的时间（OpenID Connect Core §2）</translation>
    </message>
    <message>
        <source>The nonce the client sent, against replay (OpenID Connect Core §2)</source>
        <translation>客户端发送的 nonce，用于防范重放（OpenID Connect Core §2）</translation>
    </message>
    <message>
        <source>Authentication context class the authentication satisfied (OpenID Connect Core §2)</source>
        <translation>本次认证所满足的认证上下文类别（OpenID Connect Core §2）</translation>
    </message>
    <message>
        <source>Authentication methods used, e.g. pwd, otp, mfa (OpenID Connect Core §2, RFC 8176)</source>
        <translation>所用的认证方式，例如 pwd、otp、mfa（OpenID Connect Core §2，RFC 8176）</translation>
    </message>
    <message>
        <source>Authorized party: the client the ID token was issued to (OpenID Connect Core §2)</source>
        <translation>被授权方：该 ID 令牌颁发给的客户端（OpenID Connect Core §2）</translation>
    </message>
    <message>
        <source>Access token hash: left half of its hash, binds the access token (OpenID Connect Core §3.1.3.6)</source>
        <translation>访问令牌哈希：访问令牌哈希值的左半部分，用于绑定访问令牌（OpenID Connect Core §3.1.3.6）</translation>
    </message>
    <message>
        <source>Code hash: left half of the code&apos;s hash, binds the code (OpenID Connect Core §3.3.2.11)</source>
        <translation>授权码哈希：授权码哈希值的左半部分，用于绑定授权码（OpenID Connect Core §3.3.2.11）</translation>
    </message>
    <message>
        <source>State hash: left half of the state&apos;s hash (FAPI 1.0 Advanced §5.1)</source>
        <translation>state 哈希：state 哈希值的左半部分（FAPI 1.0 Advanced §5.1）</translation>
    </message>
    <message>
        <source>Session ID at the provider, for logout (OpenID Connect Front/Back-Channel Logout)</source>
        <translation>提供方处的会话 ID，用于注销（OpenID Connect Front/Back-Channel Logout）</translation>
    </message>
    <message>
        <source>Security events, e.g. in a logout token (RFC 8417)</source>
        <translation>安全事件，例如注销令牌中的事件（RFC 8417）</translation>
    </message>
    <message>
        <source>Full name (OpenID Connect Core §5.1)</source>
        <translation>全名（OpenID Connect Core §5.1）</translation>
    </message>
    <message>
        <source>Given name (OpenID Connect Core §5.1)</source>
        <translation>名（不含姓氏）（OpenID Connect Core §5.1）</translation>
    </message>
    <message>
        <source>Family name (OpenID Connect Core §5.1)</source>
        <translation>姓氏（OpenID Connect Core §5.1）</translation>
    </message>
    <message>
        <source>The name the user likes to be called; not unique (OpenID Connect Core §5.1)</source>
        <translation>用户希望被称呼的名字；不唯一（OpenID Connect Core §5.1）</translation>
    </message>
    <message>
        <source>Email address; not an identifier (OpenID Connect Core §5.1)</source>
        <translation>电子邮件地址；不可用作标识符（OpenID Connect Core §5.1）</translation>
    </message>
    <message>
        <source>Whether the provider verified the email address (OpenID Connect Core §5.1)</source>
        <translation>提供方是否已验证该电子邮件地址（OpenID Connect Core §5.1）</translation>
    </message>
    <message>
        <source>Phone number (OpenID Connect Core §5.1)</source>
        <translation>电话号码（OpenID Connect Core §5.1）</translation>
    </message>
    <message>
        <source>Locale, e.g. en-US (OpenID Connect Core §5.1)</source>
        <translation>区域设置，例如 en-US（OpenID Connect Core §5.1）</translation>
    </message>
    <message>
        <source>When the user&apos;s information was last updated (OpenID Connect Core §5.1)</source>
        <translation>用户信息的最后更新时间（OpenID Connect Core §5.1）</translation>
    </message>
    <message>
        <source>Profile picture URL (OpenID Connect Core §5.1)</source>
        <translation>头像图片 URL（OpenID Connect Core §5.1）</translation>
    </message>
    <message>
        <source>The client the token was issued to (RFC 9068 §2.2, RFC 8693 §4.3)</source>
        <translation>该令牌颁发给的客户端（RFC 9068 §2.2，RFC 8693 §4.3）</translation>
    </message>
    <message>
        <source>Scopes granted, space separated (RFC 9068 §2.2.3, RFC 8693 §4.2)</source>
        <translation>已授予的 scope，以空格分隔（RFC 9068 §2.2.3，RFC 8693 §4.2）</translation>
    </message>
    <message>
        <source>Roles of the subject (RFC 9068 §2.2.3.1, RFC 7643)</source>
        <translation>主体的角色（RFC 9068 §2.2.3.1，RFC 7643）</translation>
    </message>
    <message>
        <source>Groups of the subject (RFC 9068 §2.2.3.1, RFC 7643)</source>
        <translation>主体所属的组（RFC 9068 §2.2.3.1，RFC 7643）</translation>
    </message>
    <message>
        <source>Entitlements of the subject (RFC 9068 §2.2.3.1, RFC 7643)</source>
        <translation>主体拥有的授权项（RFC 9068 §2.2.3.1，RFC 7643）</translation>
    </message>
    <message>
        <source>Actor: who acts on the subject&apos;s behalf (RFC 8693 §4.1)</source>
        <translation>行为方：代表主体行事的一方（RFC 8693 §4.1）</translation>
    </message>
    <message>
        <source>Who may act on the subject&apos;s behalf (RFC 8693 §4.4)</source>
        <translation>可以代表主体行事的一方（RFC 8693 §4.4）</translation>
    </message>
    <message>
        <source>Confirmation: the key the token is bound to — jkt (DPoP), x5t#S256 (mTLS), jwk (RFC 7800, RFC 9449, RFC 8705)</source>
        <translation>确认：令牌所绑定的密钥 —— jkt（DPoP）、x5t#S256（mTLS）、jwk（RFC 7800，RFC 9449，RFC 8705）</translation>
    </message>
    <message>
        <source>Token type (Keycloak and others)</source>
        <translation>令牌类型（Keycloak 等使用）</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>%1后</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1前</translation>
    </message>
    <message>
        <source>No token</source>
        <translation>没有令牌</translation>
    </message>
    <message>
        <source>Encrypted token (JWE, %1 / %2)</source>
        <translation>加密令牌（JWE，%1 / %2）</translation>
    </message>
    <message>
        <source>Encrypted: give the private key (a JWK or JWK Set) to decrypt it. Only the header can be read without it.</source>
        <translation>已加密：请提供私钥（JWK 或 JWK Set）以解密。没有私钥时只能读取头部。</translation>
    </message>
    <message>
        <source>Encrypted token (JWE)</source>
        <translation>加密令牌（JWE）</translation>
    </message>
    <message>
        <source>Cannot decrypt: %1</source>
        <translation>无法解密：%1</translation>
    </message>
    <message>
        <source>The JWE decrypts and its tag verifies</source>
        <translation>JWE 已解密，其认证标签校验通过</translation>
    </message>
    <message>
        <source>Encrypted token (JWE), decrypted</source>
        <translation>加密令牌（JWE），已解密</translation>
    </message>
    <message>
        <source>Decrypted; the content is not a signed JWT.</source>
        <translation>已解密；其内容不是已签名的 JWT。</translation>
    </message>
    <message>
        <source>Decrypted JWE (header: %1); below, the nested JWT it carries.</source>
        <translation>已解密的 JWE（头部：%1）；下方是其中嵌套的 JWT。</translation>
    </message>
    <message>
        <source>Malformed JWT</source>
        <translation>格式错误的 JWT</translation>
    </message>
    <message>
        <source>It starts like a JWT but does not have three (JWS) or five (JWE) segments.</source>
        <translation>开头像是 JWT，但既不是三段（JWS），也不是五段（JWE）。</translation>
    </message>
    <message numerus="yes">
        <source>Not a compact JWS or JWE: %n segment(s)</source>
        <translation>
            <numerusform>不是紧凑序列化的 JWS 或 JWE：共 %n 段</numerusform>
        </translation>
    </message>
    <message>
        <source>Opaque token</source>
        <translation>不透明令牌</translation>
    </message>
    <message>
        <source>Not a JWT: there is nothing to decode or verify here.</source>
        <translation>不是 JWT：此处没有可解码或验证的内容。</translation>
    </message>
    <message>
        <source>An opaque token means something only to the server that issued it. Ask that server: token introspection (RFC 7662) tells whether it is active, its scope, client and expiry.</source>
        <translation>不透明令牌只对颁发它的服务器有意义。请向该服务器查询：令牌内省（RFC 7662）会告知它是否有效（active），以及它的 scope、客户端和过期时间。</translation>
    </message>
    <message>
        <source>Does not parse: %1</source>
        <translation>无法解析：%1</translation>
    </message>
    <message>
        <source>ID token</source>
        <translation>ID 令牌</translation>
    </message>
    <message>
        <source>Access token (JWT)</source>
        <translation>访问令牌（JWT）</translation>
    </message>
    <message>
        <source>JWT</source>
        <translation>JWT</translation>
    </message>
    <message>
        <source>Encrypted token (JWE) carrying a %1</source>
        <translation>承载 %1 的加密令牌（JWE）</translation>
    </message>
    <message>
        <source>%1 · signed with %2</source>
        <translation>%1 · 使用 %2 签名</translation>
    </message>
    <message>
        <source>Unsigned: &quot;alg&quot;: &quot;none&quot;. Nothing vouches for this token; no client may accept it.</source>
        <translation>未签名：&quot;alg&quot;: &quot;none&quot;。没有任何签名为该令牌担保；任何客户端都不得接受它。</translation>
    </message>
    <message>
        <source>The token is unsigned (&quot;alg&quot;: &quot;none&quot;)</source>
        <translation>该令牌未签名（&quot;alg&quot;: &quot;none&quot;）</translation>
    </message>
    <message>
        <source>a signature algorithm</source>
        <translation>签名算法</translation>
    </message>
    <message>
        <source>Fetching the keys from %1…</source>
        <translation>正在从 %1 获取密钥…</translation>
    </message>
    <message>
        <source>Signature: see the findings of the flow that received it.</source>
        <translation>签名：请查看接收该令牌的流程给出的检查结果。</translation>
    </message>
    <message>
        <source>Signature not checked: no keys were given (a JWKS URL, a JWK Set or a key).</source>
        <translation>未检查签名：未提供密钥（JWKS URL、JWK Set 或单个密钥）。</translation>
    </message>
    <message>
        <source>No keys were given: the signature is not checked</source>
        <translation>未提供密钥：未检查签名</translation>
    </message>
    <message>
        <source>The token has expired</source>
        <translation>该令牌已过期</translation>
    </message>
    <message>
        <source>The token has not expired</source>
        <translation>该令牌未过期</translation>
    </message>
    <message>
        <source>(no kid)</source>
        <translation>（无 kid）</translation>
    </message>
    <message>
        <source>✔ Signature verified with key kid %1 (%2, %3), RFC 7638 thumbprint %4</source>
        <translation>✔ 签名已通过 kid 为 %1 的密钥验证（%2，%3），RFC 7638 指纹 %4</translation>
    </message>
    <message>
        <source>The signature verifies with key %1</source>
        <translation>签名可用密钥 %1 验证通过</translation>
    </message>
    <message>
        <source>✘ The signature does not verify: %1</source>
        <translation>✘ 签名验证未通过：%1</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message numerus="yes">
        <source>[hidden: %n characters]</source>
        <translation>
            <numerusform>[已隐藏：%n 个字符]</numerusform>
        </translation>
    </message>
    <message>
        <source>header</source>
        <translation>头部</translation>
    </message>
    <message>
        <source>encrypted key</source>
        <translation>加密密钥</translation>
    </message>
    <message>
        <source>IV</source>
        <translation>IV</translation>
    </message>
    <message>
        <source>ciphertext</source>
        <translation>密文</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>认证标签</translation>
    </message>
    <message>
        <source>payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Not a registered claim: its meaning is the issuer&apos;s</source>
        <translation>非注册声明：其含义由颁发者决定</translation>
    </message>
    <message>
        <source>%1 (%2) · %3</source>
        <translation>%1（%2）· %3</translation>
    </message>
</context>
<context>
    <name>TokenPicker</name>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Paste a token, or pick one of this session&apos;s</source>
        <translation>粘贴令牌，或从本会话的令牌中选择</translation>
    </message>
    <message>
        <source>Tokens are secrets: show them only when nobody looks over your shoulder</source>
        <translation>令牌属于机密：只在没有人从旁窥视时才显示</translation>
    </message>
    <message>
        <source>Pasted</source>
        <translation>粘贴的令牌</translation>
    </message>
    <message>
        <source>%1 #%2 · %3</source>
        <translation>%1 #%2 · %3</translation>
    </message>
    <message>
        <source>%1 (replaced)</source>
        <translation>%1（已替换）</translation>
    </message>
    <message>
        <source>%1 (revoked)</source>
        <translation>%1（已撤销）</translation>
    </message>
</context>
<context>
    <name>TokenTable</name>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>%1后</translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation>已于 %1前过期</translation>
    </message>
    <message>
        <source>Access token (%1)</source>
        <translation>访问令牌（%1）</translation>
    </message>
    <message>
        <source>ID token</source>
        <translation>ID 令牌</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>刷新令牌</translation>
    </message>
    <message numerus="yes">
        <source>[hidden: %n characters]</source>
        <translation>
            <numerusform>[已隐藏：%n 个字符]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenToolsPanel</name>
    <message>
        <source>Decode &amp;&amp; verify</source>
        <translation>解码与验证</translation>
    </message>
    <message>
        <source>Sign / encode</source>
        <translation>签名 / 编码</translation>
    </message>
    <message>
        <source>Paste a JWT, a JWE or an opaque token</source>
        <translation>粘贴 JWT、JWE 或不透明令牌</translation>
    </message>
    <message>
        <source>https://provider.example/jwks (optional)</source>
        <translation>https://provider.example/jwks（可选）</translation>
    </message>
    <message>
        <source>Or paste a JWK Set or one JWK (JSON) to verify with (optional)</source>
        <translation>或粘贴用于验证的 JWK Set 或单个 JWK（JSON，可选）</translation>
    </message>
    <message>
        <source>For a JWE: the private JWK or JWK Set to decrypt it (optional)</source>
        <translation>JWE 专用：用于解密的私钥 JWK 或 JWK Set（可选）</translation>
    </message>
    <message>
        <source>Any JWT (access token rules when typ is at+jwt)</source>
        <translation>任意 JWT（typ 为 at+jwt 时按访问令牌规则检查）</translation>
    </message>
    <message>
        <source>ID token</source>
        <translation>ID 令牌</translation>
    </message>
    <message>
        <source>Access token (RFC 9068)</source>
        <translation>访问令牌（RFC 9068）</translation>
    </message>
    <message>
        <source>iss (optional)</source>
        <translation>iss（可选）</translation>
    </message>
    <message>
        <source>ID token: client_id · access token: resource (optional)</source>
        <translation>ID 令牌：client_id · 访问令牌：资源（可选）</translation>
    </message>
    <message>
        <source>the nonce sent (optional)</source>
        <translation>发送的 nonce（可选）</translation>
    </message>
    <message>
        <source>not requested</source>
        <translation>未请求</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>access token: client_id (optional)</source>
        <translation>访问令牌：client_id（可选）</translation>
    </message>
    <message>
        <source>allowed algs, e.g. RS256 ES256 (optional; none never is)</source>
        <translation>允许的 alg，例如 RS256 ES256（可选；none 始终不允许）</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>验证(&amp;V)</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>JWKS URL</source>
        <translation>JWKS URL</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Check as</source>
        <translation>按类型检查</translation>
    </message>
    <message>
        <source>max_age</source>
        <translation>max_age</translation>
    </message>
    <message>
        <source>Expect</source>
        <translation>期望值</translation>
    </message>
    <message>
        <source>clock skew</source>
        <translation>时钟偏差</translation>
    </message>
    <message>
        <source>Decoding and verifying only read the token: nothing is signed here.</source>
        <translation>解码和验证只会读取令牌：此处不会签名任何内容。</translation>
    </message>
    <message>
        <source>Access token (at+jwt, RFC 9068)</source>
        <translation>访问令牌（at+jwt，RFC 9068）</translation>
    </message>
    <message>
        <source>Client assertion: private_key_jwt (RFC 7523)</source>
        <translation>客户端断言：private_key_jwt（RFC 7523）</translation>
    </message>
    <message>
        <source>Client assertion: client_secret_jwt (RFC 7523)</source>
        <translation>客户端断言：client_secret_jwt（RFC 7523）</translation>
    </message>
    <message>
        <source>issuer</source>
        <translation>颁发者</translation>
    </message>
    <message>
        <source>client_id</source>
        <translation>client_id</translation>
    </message>
    <message>
        <source>token endpoint or resource</source>
        <translation>令牌端点或资源</translation>
    </message>
    <message>
        <source>&amp;Apply template</source>
        <translation>应用模板(&amp;A)</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>JOSE header (JSON); alg and kid come from the fields below</source>
        <translation>JOSE 头部（JSON）；alg 和 kid 取自下方字段</translation>
    </message>
    <message>
        <source>Claims (JSON)</source>
        <translation>声明（JSON）</translation>
    </message>
    <message>
        <source>Header · claims</source>
        <translation>头部 · 声明</translation>
    </message>
    <message>
        <source>kid (optional)</source>
        <translation>kid（可选）</translation>
    </message>
    <message>
        <source>&amp;Generate key</source>
        <translation>生成密钥(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>签名(&amp;S)</translation>
    </message>
    <message>
        <source>alg</source>
        <translation>alg</translation>
    </message>
    <message>
        <source>kid</source>
        <translation>kid</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>A PEM private key, a private JWK, or for HS* the shared secret</source>
        <translation>PEM 私钥、私钥 JWK，或 HS* 所用的共享密钥</translation>
    </message>
    <message>
        <source>The JWK Set to verify with appears here</source>
        <translation>用于验证的 JWK Set 将显示在此处</translation>
    </message>
    <message>
        <source>Key · JWKS</source>
        <translation>密钥 · JWKS</translation>
    </message>
    <message>
        <source>The signed token</source>
        <translation>签名后的令牌</translation>
    </message>
    <message>
        <source>The pasted key is not a JWK Set nor a JWK: %1</source>
        <translation>粘贴的密钥既不是 JWK Set 也不是 JWK：%1</translation>
    </message>
    <message>
        <source>The JWKS URL is not an http(s) URL: the keys were not fetched</source>
        <translation>JWKS URL 不是 http(s) URL：未获取密钥</translation>
    </message>
    <message>
        <source>A fresh %1 key was generated. Keep it for testing only.</source>
        <translation>已生成新的 %1 密钥。请仅用于测试。</translation>
    </message>
    <message>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
    <message>
        <source>No key: paste one or generate one.</source>
        <translation>没有密钥：请粘贴或生成一个。</translation>
    </message>
    <message>
        <source>Not a PEM private key nor a JWK.</source>
        <translation>既不是 PEM 私钥，也不是 JWK。</translation>
    </message>
    <message>
        <source>The header is not a JSON object: %1</source>
        <translation>头部不是 JSON 对象：%1</translation>
    </message>
    <message>
        <source>The claims are not a JSON object: %1</source>
        <translation>声明不是 JSON 对象：%1</translation>
    </message>
    <message>
        <source>(a shared secret: the verifier needs the same secret)</source>
        <translation>（共享密钥：验证方需要使用同一密钥）</translation>
    </message>
    <message>
        <source>✔ Signed with %1.</source>
        <translation>✔ 已使用 %1 签名。</translation>
    </message>
    <message>
        <source>Sign with the pasted or generated key, or with a saved profile&apos;s key or client secret from the keychain (not shown)</source>
        <translation>用粘贴或生成的密钥签名，或用已保存配置文件在钥匙串中的密钥或客户端密钥签名（不显示）</translation>
    </message>
    <message>
        <source>Pasted or generated key</source>
        <translation>粘贴或生成的密钥</translation>
    </message>
    <message>
        <source>Reading %1 from the keychain…</source>
        <translation>正在从钥匙串读取 %1…</translation>
    </message>
    <message>
        <source>%1 could not be read from the keychain: %2</source>
        <translation>无法从钥匙串读取 %1：%2</translation>
    </message>
    <message>
        <source>Signing with %1: the key stays in the keychain and is not shown here.</source>
        <translation>正在用 %1 签名：密钥留在钥匙串中，不在此显示。</translation>
    </message>
    <message>
        <source>Key ready: %1.</source>
        <translation>密钥已就绪：%1。</translation>
    </message>
    <message>
        <source>The key from the keychain has not been read (yet).</source>
        <translation>还没有从钥匙串读取到密钥。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::AuthorizationCodeFlow</name>
    <message>
        <source>An authorization endpoint, a client_id and a redirect_uri are needed</source>
        <translation>需要提供授权端点、client_id 和 redirect_uri</translation>
    </message>
    <message>
        <source>The random number generator failed: nothing was sent</source>
        <translation>随机数生成器出错：未发送任何请求</translation>
    </message>
    <message>
        <source>Check “%1” failed: %2</source>
        <translation>检查“%1”未通过：%2</translation>
    </message>
    <message>
        <source>Token request (authorization_code)</source>
        <translation>令牌请求（authorization_code）</translation>
    </message>
    <message>
        <source>The token endpoint answered with an error: %1</source>
        <translation>令牌端点返回了错误：%1</translation>
    </message>
    <message>
        <source>The flow was cancelled</source>
        <translation>流程已取消</translation>
    </message>
    <message>
        <source>The response type “%1” returns a code: a token endpoint is needed</source>
        <translation>响应类型“%1”会返回授权码：需要令牌端点</translation>
    </message>
    <message>
        <source>The response type “%1” returns an ID token: the scope must contain “openid”</source>
        <translation>响应类型“%1”会返回 ID 令牌：scope 中必须包含“openid”</translation>
    </message>
    <message>
        <source>The provider&apos;s keys could not be fetched from %1: %2</source>
        <translation>无法从 %1 获取提供方的密钥：%2</translation>
    </message>
    <message>
        <source>id_token (authorization response)</source>
        <translation>id_token（授权响应）</translation>
    </message>
    <message>
        <source>id_token (token response)</source>
        <translation>id_token（令牌响应）</translation>
    </message>
    <message>
        <source>Both ID tokens name the same iss and sub</source>
        <translation>两个 ID 令牌的 iss 和 sub 相同</translation>
    </message>
    <message>
        <source>The token response&apos;s ID token names another iss or sub than the authorization response&apos;s</source>
        <translation>令牌响应中 ID 令牌的 iss 或 sub 与授权响应中的不同</translation>
    </message>
    <message>
        <source>ID token check “%1” failed: %2</source>
        <translation>ID 令牌检查“%1”未通过：%2</translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::CallbackChecks</name>
    <message>
        <source>(absent)</source>
        <translation>（缺失）</translation>
    </message>
    <message>
        <source>The provider answered with the error “%1”</source>
        <translation>提供方返回了错误“%1”</translation>
    </message>
    <message>
        <source>The provider answered with the error “%1”: %2</source>
        <translation>提供方返回了错误“%1”：%2</translation>
    </message>
    <message>
        <source>The response carries no state: it cannot be tied to this request</source>
        <translation>响应中没有 state：无法将其与本次请求关联</translation>
    </message>
    <message>
        <source>state equals the value sent</source>
        <translation>state 与发送的值一致</translation>
    </message>
    <message>
        <source>state differs from the value sent: the response may belong to another request (CSRF)</source>
        <translation>state 与发送的值不一致：该响应可能属于另一个请求（CSRF）</translation>
    </message>
    <message>
        <source>iss equals the issuer</source>
        <translation>iss 与颁发者一致</translation>
    </message>
    <message>
        <source>iss differs from the issuer: the response may come from another provider (mix-up)</source>
        <translation>iss 与颁发者不一致：该响应可能来自另一个提供方（mix-up 攻击）</translation>
    </message>
    <message>
        <source>The provider advertises authorization_response_iss_parameter_supported but sent no iss</source>
        <translation>提供方声明了 authorization_response_iss_parameter_supported，却未发送 iss</translation>
    </message>
    <message>
        <source>an authorization code arrived</source>
        <translation>已收到授权码</translation>
    </message>
    <message>
        <source>The response carries no authorization code</source>
        <translation>响应中没有授权码</translation>
    </message>
    <message>
        <source>Parameters appear more than once: %1</source>
        <translation>参数重复出现：%1</translation>
    </message>
    <message>
        <source>No iss parameter, but the response&apos;s ID token carries iss, which is checked with the token</source>
        <translation>没有 iss 参数，但响应中的 ID 令牌带有 iss，将随令牌一并检查</translation>
    </message>
    <message>
        <source>a code or tokens</source>
        <translation>授权码或令牌</translation>
    </message>
    <message>
        <source>an authorization code</source>
        <translation>授权码</translation>
    </message>
    <message>
        <source>each parameter once</source>
        <translation>每个参数只出现一次</translation>
    </message>
    <message>
        <source>A second response with this run&apos;s state arrived after the state was used: a state is single-use, so it was refused and nothing was sent (a replayed or injected response)</source>
        <translation>在本次运行的 state 已被使用之后，又收到了一个带有该 state 的响应：state 只能使用一次，因此该响应已被拒绝，未发送任何请求（这是重放或注入的响应）</translation>
    </message>
    <message>
        <source>A response arrived after this run&apos;s state was used: it was refused and nothing was sent</source>
        <translation>在本次运行的 state 已被使用之后收到了一个响应：该响应已被拒绝，未发送任何请求</translation>
    </message>
    <message>
        <source>no response after the first for state “%1”</source>
        <translation>除首个响应外，不再有 state 为“%1”的响应</translation>
    </message>
    <message>
        <source>a response with state “%1”</source>
        <translation>state 为“%1”的响应</translation>
    </message>
    <message>
        <source>a response without state</source>
        <translation>不带 state 的响应</translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::IdTokenCheck</name>
    <message>
        <source>The provider names no jwks_uri: the signature is not checked</source>
        <translation>提供方没有给出 jwks_uri：未检查签名</translation>
    </message>
    <message>
        <source>The ID token&apos;s %1 signature verifies with key %2</source>
        <translation>ID 令牌的 %1 签名可用密钥 %2 验证通过</translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::Pkce</name>
    <message>
        <source>a code_verifier has 43 to 128 characters, this one has %1 (RFC 7636 §4.1)</source>
        <translation>code_verifier 应有 43 到 128 个字符，此值有 %1 个（RFC 7636 §4.1）</translation>
    </message>
    <message>
        <source>“%1” is not allowed in a code_verifier (RFC 7636 §4.1)</source>
        <translation>code_verifier 中不允许出现“%1”（RFC 7636 §4.1）</translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::ResponseType</name>
    <message>
        <source>“%1” is not a registered response type part (code, id_token, token, none)</source>
        <translation>“%1”不是已注册的响应类型组成部分（code、id_token、token、none）</translation>
    </message>
    <message>
        <source>“%1” appears twice in the response type</source>
        <translation>“%1”在响应类型中出现了两次</translation>
    </message>
    <message>
        <source>The response type is empty</source>
        <translation>响应类型为空</translation>
    </message>
    <message>
        <source>“none” cannot be combined with another response type</source>
        <translation>“none”不能与其他响应类型组合使用</translation>
    </message>
</context>
<context>
    <name>Tokenscope::AuthCode::TokenResponse</name>
    <message>
        <source>the token endpoint answered HTTP %1 with JSON that is not an object</source>
        <translation>令牌端点返回了 HTTP %1，但其 JSON 不是对象</translation>
    </message>
    <message>
        <source>the token endpoint answered HTTP %1 without a JSON body (%2)</source>
        <translation>令牌端点返回了 HTTP %1，但没有 JSON 正文（%2）</translation>
    </message>
    <message>
        <source>The token response is JSON but not labelled application/json</source>
        <translation>令牌响应是 JSON，但未标记为 application/json</translation>
    </message>
    <message>
        <source>An error response came with HTTP 200</source>
        <translation>错误响应使用了 HTTP 200 状态码</translation>
    </message>
    <message>
        <source>the token endpoint answered HTTP %1 without an OAuth error</source>
        <translation>令牌端点返回了 HTTP %1，但没有 OAuth 错误信息</translation>
    </message>
    <message>
        <source>the token response has no access_token (RFC 6749 §5.1)</source>
        <translation>令牌响应中没有 access_token（RFC 6749 §5.1）</translation>
    </message>
    <message>
        <source>token_type is missing; Bearer is assumed</source>
        <translation>缺少 token_type；按 Bearer 处理</translation>
    </message>
    <message>
        <source>token_type “%1” read as Bearer (case-insensitive)</source>
        <translation>token_type“%1”按 Bearer 处理（不区分大小写）</translation>
    </message>
    <message>
        <source>expires_in is a string, not a number</source>
        <translation>expires_in 是字符串，而不是数字</translation>
    </message>
    <message>
        <source>a JSON number</source>
        <translation>JSON 数字</translation>
    </message>
    <message>
        <source>the response type has “token” but the authorization response (%1) has no access_token (RFC 6749 §4.2.2)</source>
        <translation>响应类型包含“token”，但授权响应（%1）中没有 access_token（RFC 6749 §4.2.2）</translation>
    </message>
    <message>
        <source>expires_in is not a number</source>
        <translation>expires_in 不是数字</translation>
    </message>
    <message>
        <source>a number of seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>the response type has “id_token” but the authorization response (%1) has no id_token (OpenID Connect Core §3.2.2.5)</source>
        <translation>响应类型包含“id_token”，但授权响应（%1）中没有 id_token（OpenID Connect Core §3.2.2.5）</translation>
    </message>
    <message>
        <source>Tokens came in the query string, where they end up in logs and Referer headers; the default for this response type is the fragment</source>
        <translation>令牌通过查询字符串（query）返回，可能会出现在日志和 Referer 头中；此响应类型的默认方式是 fragment</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Browser::EmbeddedBrowser</name>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Open in the system browser</source>
        <translation>在系统浏览器中打开</translation>
    </message>
    <message>
        <source>No page loaded</source>
        <translation>未加载页面</translation>
    </message>
    <message>
        <source>Start this authorization again in the desktop&apos;s web browser. The redirect then has to be captured another way, e.g. by the loopback listener.</source>
        <translation>在桌面环境的网页浏览器中重新开始此次授权。届时需要通过其他方式捕获重定向，例如使用环回监听器。</translation>
    </message>
    <message>
        <source>Redirect captured in the browser (%1)</source>
        <translation>在浏览器中捕获的重定向（%1）</translation>
    </message>
    <message>
        <source>Browser navigation (%1)</source>
        <translation>浏览器导航（%1）</translation>
    </message>
    <message>
        <source>The provider sent the response to %1 as a form submission (response_mode=form_post), and the embedded browser could not read its fields. The navigation was stopped. Capture the redirect with the loopback listener instead, which reads the posted body.</source>
        <translation>提供方以表单提交（response_mode=form_post）的方式将响应发送到 %1，而内嵌浏览器无法读取其中的字段。导航已停止。请改用环回监听器捕获重定向，它能读取 POST 提交的正文。</translation>
    </message>
    <message>
        <source>The redirect to %1 was captured before it was loaded.</source>
        <translation>发往 %1 的重定向在加载前已被捕获。</translation>
    </message>
    <message>
        <source>Redirect captured</source>
        <translation>已捕获重定向</translation>
    </message>
    <message>
        <source>Tokenscope captured the response sent to %1 before it was loaded. Return to Tokenscope to continue.</source>
        <translation>Tokenscope 已在加载前捕获了发送到 %1 的响应。请返回 Tokenscope 继续。</translation>
    </message>
    <message>
        <source>Not trusted</source>
        <translation>不受信任</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not accepted.</source>
        <translation>服务器证书未被接受。</translation>
    </message>
    <message>
        <source>Secure</source>
        <translation>安全</translation>
    </message>
    <message>
        <source>The connection is encrypted (https) and the certificate is trusted.</source>
        <translation>连接已加密（https），且证书受信任。</translation>
    </message>
    <message>
        <source>Loopback</source>
        <translation>环回</translation>
    </message>
    <message>
        <source>Plain http to this machine (%1): nothing leaves it.</source>
        <translation>发往本机（%1）的明文 http：数据不会离开本机。</translation>
    </message>
    <message>
        <source>Not secure</source>
        <translation>不安全</translation>
    </message>
    <message>
        <source>Plain http: what is sent can be read and changed on the way.</source>
        <translation>明文 http：发送的内容在传输途中可能被读取和篡改。</translation>
    </message>
    <message>
        <source>A page of the %1 scheme.</source>
        <translation>%1 协议的页面。</translation>
    </message>
    <message>
        <source>The provider refuses to sign in inside an embedded browser. %1</source>
        <translation>提供方拒绝在内嵌浏览器中登录。%1</translation>
    </message>
    <message>
        <source>Could not load %1: %2 (error %3)</source>
        <translation>无法加载 %1：%2（错误 %3）</translation>
    </message>
    <message>
        <source>The certificate of %1 was not accepted: %2 The embedded browser never accepts an untrusted certificate; the page was not loaded.</source>
        <translation>%1 的证书未被接受：%2 内嵌浏览器绝不接受不受信任的证书；页面未加载。</translation>
    </message>
    <message>
        <source>The page opened a new window; it was sent to the system browser: %1</source>
        <translation>页面打开了一个新窗口，已将其转到系统浏览器：%1</translation>
    </message>
    <message>
        <source>The page&apos;s renderer process ended unexpectedly (exit code %1).</source>
        <translation>页面的渲染进程意外终止（退出码 %1）。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Browser::EmbeddedBrowserRefusal</name>
    <message>
        <source>The page&apos;s address names the error “%1”.</source>
        <translation>页面地址中指明了错误“%1”。</translation>
    </message>
    <message>
        <source>The page&apos;s title names the error “%1”.</source>
        <translation>页面标题中指明了错误“%1”。</translation>
    </message>
    <message>
        <source>The page&apos;s text names the error “%1”.</source>
        <translation>页面正文中指明了错误“%1”。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Ciba::CibaFlow</name>
    <message>
        <source>A backchannel authentication endpoint, a token endpoint and a client_id are needed</source>
        <translation>需要反向通道认证端点、令牌端点和 client_id</translation>
    </message>
    <message>
        <source>The scope must contain “openid” (CIBA Core §7.1)</source>
        <translation>scope 中必须包含“openid”（CIBA Core §7.1）</translation>
    </message>
    <message>
        <source>Exactly one of login_hint, id_token_hint and login_hint_token is needed (CIBA Core §7.1); %1 given</source>
        <translation>login_hint、id_token_hint 和 login_hint_token 必须且只能提供其中一个（CIBA Core §7.1）；实际提供了 %1 个</translation>
    </message>
    <message>
        <source>Ping mode needs both a client notification endpoint and a client notification token</source>
        <translation>Ping 模式需要同时提供客户端通知端点和客户端通知令牌</translation>
    </message>
    <message>
        <source>Backchannel authentication request</source>
        <translation>反向通道认证请求</translation>
    </message>
    <message>
        <source>%1 is a string, not a number</source>
        <translation>%1 是字符串，而不是数字</translation>
    </message>
    <message>
        <source>a JSON number</source>
        <translation>JSON 数字</translation>
    </message>
    <message>
        <source>The backchannel authentication response lacks auth_req_id (CIBA Core §7.3)</source>
        <translation>反向通道认证响应中缺少 auth_req_id（CIBA Core §7.3）</translation>
    </message>
    <message>
        <source>expires_in is missing: the request&apos;s lifetime is unknown, polling goes on until the provider ends it</source>
        <translation>缺少 expires_in：请求的有效期未知，将持续轮询，直到提供方结束该请求</translation>
    </message>
    <message>
        <source>a number of seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>expires_in is longer than the requested_expiry sent</source>
        <translation>expires_in 比所发送的 requested_expiry 更长</translation>
    </message>
    <message>
        <source>Token request (CIBA)</source>
        <translation>令牌请求（CIBA）</translation>
    </message>
    <message>
        <source>The backchannel authentication endpoint</source>
        <translation>后端通道认证端点</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::AuthorizeCommand</name>
    <message>
        <source>Run the authorization code flow (PKCE S256 by default) with a loopback redirect URI.</source>
        <translation>使用环回重定向 URI 执行授权码流程（默认使用 PKCE S256）。</translation>
    </message>
    <message>
        <source>The provider&apos;s issuer: its metadata gives the endpoints.</source>
        <translation>提供方的颁发者：从其元数据获取各端点。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Overrides the discovered authorization endpoint.</source>
        <translation>覆盖通过发现得到的授权端点。</translation>
    </message>
    <message>
        <source>Overrides the discovered token endpoint.</source>
        <translation>覆盖通过发现得到的令牌端点。</translation>
    </message>
    <message>
        <source>Overrides the discovered userinfo endpoint.</source>
        <translation>覆盖通过发现得到的 UserInfo 端点。</translation>
    </message>
    <message>
        <source>The client_id.</source>
        <translation>客户端标识（client_id）。</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Read the client secret from this environment variable.</source>
        <translation>从此环境变量读取客户端密钥。</translation>
    </message>
    <message>
        <source>var</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Read the client secret from this file.</source>
        <translation>从此文件读取客户端密钥。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>The scope (default &quot;openid&quot;).</source>
        <translation>请求的范围（默认 &quot;openid&quot;）。</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>query, fragment or form_post (default: the provider&apos;s).</source>
        <translation>query、fragment 或 form_post（默认：采用提供方的默认值）。</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>The loopback redirect URI, http://127.0.0.1:PORT/PATH; port 0 picks a free one (default http://127.0.0.1:0/callback).</source>
        <translation>环回重定向 URI，格式为 http://127.0.0.1:PORT/PATH；端口为 0 时自动选择空闲端口（默认 http://127.0.0.1:0/callback）。</translation>
    </message>
    <message>
        <source>uri</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>S256 (default), plain or none.</source>
        <translation>S256（默认）、plain 或 none。</translation>
    </message>
    <message>
        <source>The state to send (default: 128 random bits).</source>
        <translation>要发送的 state（默认：128 位随机值）。</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>The nonce to send (default: 128 random bits).</source>
        <translation>要发送的 nonce（默认：128 位随机值）。</translation>
    </message>
    <message>
        <source>The prompt parameter.</source>
        <translation>prompt 参数。</translation>
    </message>
    <message>
        <source>The login_hint parameter.</source>
        <translation>login_hint 参数。</translation>
    </message>
    <message>
        <source>An extra authorization parameter, NAME=VALUE. Repeatable.</source>
        <translation>额外的授权请求参数，格式为 NAME=VALUE。可重复指定。</translation>
    </message>
    <message>
        <source>name=value</source>
        <translation>名称=值</translation>
    </message>
    <message>
        <source>print: write &quot;authorization_url: URL&quot; on stderr and wait; system: open the desktop&apos;s browser.</source>
        <translation>print：向 stderr 输出 &quot;authorization_url: URL&quot; 并等待；system：打开桌面环境的浏览器。</translation>
    </message>
    <message>
        <source>Seconds to wait for the redirect (default 300).</source>
        <translation>等待重定向的秒数（默认 300）。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>Do not call the userinfo endpoint after the flow.</source>
        <translation>流程结束后不调用 UserInfo 端点。</translation>
    </message>
    <message>
        <source>authorize takes no positional argument; unexpected “%1”</source>
        <translation>authorize 不接受位置参数；多余的参数“%1”</translation>
    </message>
    <message>
        <source>authorize needs --issuer, or both --authorization-endpoint and --token-endpoint</source>
        <translation>authorize 需要 --issuer，或同时指定 --authorization-endpoint 和 --token-endpoint</translation>
    </message>
    <message>
        <source>authorize needs --client-id</source>
        <translation>authorize 需要 --client-id</translation>
    </message>
    <message>
        <source>--client-secret-env: the variable %1 is not set</source>
        <translation>--client-secret-env：环境变量 %1 未设置</translation>
    </message>
    <message>
        <source>--client-secret-file: cannot read “%1”</source>
        <translation>--client-secret-file：无法读取“%1”</translation>
    </message>
    <message>
        <source>--auth-method %1 needs --client-secret-env or --client-secret-file</source>
        <translation>--auth-method %1 需要 --client-secret-env 或 --client-secret-file</translation>
    </message>
    <message>
        <source>--response-mode takes query, fragment or form_post, not “%1”</source>
        <translation>--response-mode 需要 query、fragment 或 form_post，而不是“%1”</translation>
    </message>
    <message>
        <source>--pkce takes S256, plain or none, not “%1”</source>
        <translation>--pkce 需要 S256、plain 或 none，而不是“%1”</translation>
    </message>
    <message>
        <source>--param takes NAME=VALUE, not “%1”</source>
        <translation>--param 需要 NAME=VALUE 格式，而不是“%1”</translation>
    </message>
    <message>
        <source>--browser takes print or system, not “%1”</source>
        <translation>--browser 需要 print 或 system，而不是“%1”</translation>
    </message>
    <message>
        <source>--wait takes a positive number of seconds, not “%1”</source>
        <translation>--wait 需要一个正的秒数，而不是“%1”</translation>
    </message>
    <message>
        <source>tokenscope-cli: could not start the system browser (xdg-open); open the URL above</source>
        <translation>tokenscope-cli：无法启动系统浏览器（xdg-open）；请手动打开上方的 URL</translation>
    </message>
    <message>
        <source>No redirect arrived within %1 s (--wait)</source>
        <translation>%1 秒内没有收到重定向（--wait）</translation>
    </message>
    <message>
        <source>code (default), id_token, &quot;id_token token&quot;, token, &quot;code id_token&quot;, &quot;code token&quot; or &quot;code id_token token&quot;.</source>
        <translation>code（默认）、id_token、&quot;id_token token&quot;、token、&quot;code id_token&quot;、&quot;code token&quot; 或 &quot;code id_token token&quot;。</translation>
    </message>
    <message>
        <source>--response-type: %1</source>
        <translation>--response-type：%1</translation>
    </message>
    <message>
        <source>--redirect-uri must be http://127.0.0.1:PORT/PATH or http://[::1]:PORT/PATH (RFC 8252 §7.3), not “%1”</source>
        <translation>--redirect-uri 必须是 http://127.0.0.1:PORT/PATH 或 http://[::1]:PORT/PATH（RFC 8252 §7.3），而不是“%1”</translation>
    </message>
    <message>
        <source>client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none (default: basic with a secret, private_key_jwt with a key, none without).</source>
        <translation>client_secret_basic、client_secret_post、client_secret_jwt、private_key_jwt 或 none（默认：有密钥时为 basic，有私钥时为 private_key_jwt，两者皆无时为 none）。</translation>
    </message>
    <message>
        <source>private_key_jwt: the client&apos;s private key (PEM or JWK) in this file.</source>
        <translation>private_key_jwt：此文件中存放客户端的私钥（PEM 或 JWK）。</translation>
    </message>
    <message>
        <source>--private-key: cannot read “%1”</source>
        <translation>--private-key：无法读取“%1”</translation>
    </message>
    <message>
        <source>--auth-method takes client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none, not “%1”</source>
        <translation>--auth-method 只接受 client_secret_basic、client_secret_post、client_secret_jwt、private_key_jwt 或 none，而不是“%1”</translation>
    </message>
    <message>
        <source>--auth-method private_key_jwt needs --private-key</source>
        <translation>--auth-method private_key_jwt 需要 --private-key</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::CibaCommand</name>
    <message>
        <source>The provider&apos;s issuer: its metadata gives the endpoints.</source>
        <translation>提供方的颁发者：从其元数据获取各端点。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Overrides the discovered backchannel authentication endpoint.</source>
        <translation>覆盖发现得到的反向通道认证端点。</translation>
    </message>
    <message>
        <source>Overrides the discovered token endpoint.</source>
        <translation>覆盖发现得到的令牌端点。</translation>
    </message>
    <message>
        <source>The scope, with openid (default &quot;openid&quot;).</source>
        <translation>scope，须包含 openid（默认为 &quot;openid&quot;）。</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Who to ask: the login_hint.</source>
        <translation>要询问的用户：login_hint。</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Who to ask: an ID token of theirs.</source>
        <translation>要询问的用户：该用户的 ID 令牌。</translation>
    </message>
    <message>
        <source>token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>Who to ask: a login_hint_token.</source>
        <translation>要询问的用户：login_hint_token。</translation>
    </message>
    <message>
        <source>A short message shown on both devices.</source>
        <translation>在两台设备上显示的简短消息。</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>The user&apos;s secret user_code.</source>
        <translation>用户的秘密 user_code。</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>The lifetime to ask for, in seconds.</source>
        <translation>要申请的有效期，以秒为单位。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>The acr_values parameter.</source>
        <translation>acr_values 参数。</translation>
    </message>
    <message>
        <source>values</source>
        <translation>值</translation>
    </message>
    <message>
        <source>An extra backchannel authentication parameter, NAME=VALUE. Repeatable.</source>
        <translation>额外的反向通道认证参数，格式为 NAME=VALUE。可重复指定。</translation>
    </message>
    <message>
        <source>name=value</source>
        <translation>name=value</translation>
    </message>
    <message>
        <source>Seconds to wait for the user (default: until the request expires).</source>
        <translation>等待用户的秒数（默认：直到请求过期）。</translation>
    </message>
    <message>
        <source>ciba takes no positional argument; unexpected “%1”</source>
        <translation>ciba 不接受位置参数；意外的“%1”</translation>
    </message>
    <message>
        <source>ciba needs --issuer, or both --backchannel-authentication-endpoint and --token-endpoint</source>
        <translation>ciba 需要 --issuer，或同时提供 --backchannel-authentication-endpoint 和 --token-endpoint</translation>
    </message>
    <message>
        <source>--requested-expiry takes a positive number of seconds, not “%1”</source>
        <translation>--requested-expiry 需要正的秒数，而不是“%1”</translation>
    </message>
    <message>
        <source>Run CIBA in poll or ping mode: ask the user on their device, then poll for the tokens or wait for the provider&apos;s notification.</source>
        <translation>以轮询或 ping 模式运行 CIBA：在用户的设备上征询用户，然后轮询获取令牌，或等待提供方的通知。</translation>
    </message>
    <message>
        <source>Ping mode: listen at this client notification endpoint, http://127.0.0.1:PORT/PATH (port 0 picks a free one), and wait for the provider&apos;s notification instead of polling.</source>
        <translation>ping 模式：在此客户端通知端点 http://127.0.0.1:PORT/PATH 上监听（端口 0 表示自动选择空闲端口），等待提供方的通知，而不是轮询。</translation>
    </message>
    <message>
        <source>--ping takes http://127.0.0.1:PORT/PATH (a loopback address with a port, 0 for a free one), not “%1”</source>
        <translation>--ping 需要 http://127.0.0.1:PORT/PATH（带端口的环回地址，端口 0 表示自动选择空闲端口），而不是“%1”</translation>
    </message>
    <message>
        <source>Cannot listen at %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
    <message>
        <source>notification received: asking for the tokens</source>
        <translation>已收到通知：正在申请令牌</translation>
    </message>
    <message>
        <source>a notification was refused (HTTP %1)</source>
        <translation>已拒绝一个通知（HTTP %1）</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::ClientOptions</name>
    <message>
        <source>The client_id.</source>
        <translation>client_id。</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Read the client secret from this environment variable.</source>
        <translation>从此环境变量读取客户端密钥。</translation>
    </message>
    <message>
        <source>var</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Read the client secret from this file.</source>
        <translation>从此文件读取客户端密钥。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none (default: basic with a secret, private_key_jwt with a key, none without).</source>
        <translation>client_secret_basic、client_secret_post、client_secret_jwt、private_key_jwt 或 none（默认：有密钥时为 basic，有私钥时为 private_key_jwt，两者皆无时为 none）。</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>The client&apos;s private key (PEM or JWK) for private_key_jwt.</source>
        <translation>用于 private_key_jwt 的客户端私钥（PEM 或 JWK）。</translation>
    </message>
    <message>
        <source>--client-id is needed</source>
        <translation>需要 --client-id</translation>
    </message>
    <message>
        <source>--client-secret-env: the variable %1 is not set</source>
        <translation>--client-secret-env：未设置变量 %1</translation>
    </message>
    <message>
        <source>--client-secret-file: cannot read “%1”</source>
        <translation>--client-secret-file：无法读取“%1”</translation>
    </message>
    <message>
        <source>--private-key: cannot read “%1”</source>
        <translation>--private-key：无法读取“%1”</translation>
    </message>
    <message>
        <source>--auth-method takes client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none, not “%1”</source>
        <translation>--auth-method 只接受 client_secret_basic、client_secret_post、client_secret_jwt、private_key_jwt 或 none，而不是“%1”</translation>
    </message>
    <message>
        <source>--auth-method %1 needs --client-secret-env or --client-secret-file</source>
        <translation>--auth-method %1 需要 --client-secret-env 或 --client-secret-file</translation>
    </message>
    <message>
        <source>--auth-method private_key_jwt needs --private-key</source>
        <translation>--auth-method private_key_jwt 需要 --private-key</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::CommandParser</name>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>The command.</source>
        <translation>命令。</translation>
    </message>
    <message>
        <source>Use a saved profile (tokenscope-cli profile list): its provider, client and settings are the defaults, options given here override them; its secrets come from the keychain.</source>
        <translation>使用已保存的配置文件（见 tokenscope-cli profile list）：以其提供方、客户端和设置为默认值，此处给出的选项会覆盖它们；其机密从钥匙串读取。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Do not use the keychain: secrets live in memory for this run only.</source>
        <translation>不使用钥匙串：机密仅在本次运行期间保存在内存中。</translation>
    </message>
    <message>
        <source>--profile: “%1” was not loaded</source>
        <translation>--profile：未能加载“%1”</translation>
    </message>
    <message>
        <source>--profile %1: %2</source>
        <translation>--profile %1：%2</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::ConnectionOptions</name>
    <message>
        <source>Seconds to wait for each response (default %1).</source>
        <translation>每个响应的等待秒数（默认 %1）。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>Largest response body kept, in bytes (default %1).</source>
        <translation>保留的最大响应正文字节数（默认 %1）。</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>PEM file of CA certificates to trust in addition to the system&apos;s.</source>
        <translation>除系统证书外额外信任的 CA 证书 PEM 文件。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Trust the server certificate with this SHA-256 fingerprint for this run, despite verification errors. Repeatable.</source>
        <translation>本次运行中信任具有此 SHA-256 指纹的服务器证书，即使验证出错。可重复指定。</translation>
    </message>
    <message>
        <source>sha256</source>
        <translation>sha256</translation>
    </message>
    <message>
        <source>Proxy: &apos;system&apos; (default), &apos;none&apos;, or a URL such as http://host:3128.</source>
        <translation>代理：&apos;system&apos;（默认）、&apos;none&apos;，或 http://host:3128 这样的 URL。</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Print secrets (tokens, codes, client secrets) instead of masking them.</source>
        <translation>直接输出机密（令牌、授权码、客户端密钥），不做遮蔽。</translation>
    </message>
    <message>
        <source>Print the JSON document on one line.</source>
        <translation>将 JSON 文档输出为一行。</translation>
    </message>
    <message>
        <source>--timeout takes a number of seconds between 0 and 3600, not “%1”</source>
        <translation>--timeout 需要 0 到 3600 之间的秒数，而不是“%1”</translation>
    </message>
    <message>
        <source>--max-body takes a positive number of bytes, not “%1”</source>
        <translation>--max-body 需要一个正的字节数，而不是“%1”</translation>
    </message>
    <message>
        <source>--ca-file: cannot read “%1”</source>
        <translation>--ca-file：无法读取“%1”</translation>
    </message>
    <message>
        <source>--trust-cert takes a SHA-256 fingerprint (64 hex digits), not “%1”</source>
        <translation>--trust-cert 需要 SHA-256 指纹（64 位十六进制数字），而不是“%1”</translation>
    </message>
    <message>
        <source>--proxy takes &apos;system&apos;, &apos;none&apos;, http://HOST:PORT or socks5://HOST:PORT, not “%1”</source>
        <translation>--proxy 需要 &apos;system&apos;、&apos;none&apos;、http://HOST:PORT 或 socks5://HOST:PORT，而不是“%1”</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::DecodeCommand</name>
    <message>
        <source>The keys to verify with: a JWKS URL (fetched, and shown as an exchange) or a file holding a JWK Set.</source>
        <translation>用于验证的密钥：JWKS URL（会被获取，并作为一次交互显示），或包含 JWK Set 的文件。</translation>
    </message>
    <message>
        <source>uri|file</source>
        <translation>URI|文件</translation>
    </message>
    <message>
        <source>An algorithm the signature may use (repeatable); others fail. Default: any except none.</source>
        <translation>签名允许使用的算法（可重复指定）；其他算法一律失败。默认：除 none 外均可。</translation>
    </message>
    <message>
        <source>alg</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>The token, or - to read it from standard input.</source>
        <translation>令牌；用 - 表示从标准输入读取。</translation>
    </message>
    <message>
        <source>decode takes one TOKEN (or - for standard input)</source>
        <translation>decode 需要一个 TOKEN（或用 - 表示标准输入）</translation>
    </message>
    <message>
        <source>cannot read standard input</source>
        <translation>无法读取标准输入</translation>
    </message>
    <message>
        <source>JWKS</source>
        <translation>JWKS</translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation>%2 返回 HTTP %1</translation>
    </message>
    <message>
        <source>--jwks: cannot read “%1”</source>
        <translation>--jwks：无法读取“%1”</translation>
    </message>
    <message>
        <source>No keys were given (--jwks): the signature is not checked</source>
        <translation>未提供密钥（--jwks）：未检查签名</translation>
    </message>
    <message>
        <source>The signature verifies with key %1</source>
        <translation>签名可用密钥 %1 验证通过</translation>
    </message>
    <message>
        <source>ID token: the expected iss.</source>
        <translation>ID 令牌：期望的 iss。</translation>
    </message>
    <message>
        <source>issuer</source>
        <translation>颁发者</translation>
    </message>
    <message>
        <source>ID token: the client_id that aud must contain.</source>
        <translation>ID 令牌：aud 必须包含的 client_id。</translation>
    </message>
    <message>
        <source>client_id</source>
        <translation>client_id</translation>
    </message>
    <message>
        <source>ID token: the nonce sent.</source>
        <translation>ID 令牌：发送的 nonce。</translation>
    </message>
    <message>
        <source>nonce</source>
        <translation>nonce</translation>
    </message>
    <message>
        <source>ID token: the max_age requested, in seconds.</source>
        <translation>ID 令牌：请求的 max_age，单位为秒。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>Clock skew allowed for exp, iat, nbf and auth_time (default 60 s).</source>
        <translation>exp、iat、nbf 和 auth_time 允许的时钟偏差（默认 60 秒）。</translation>
    </message>
    <message>
        <source>--max-age takes a number of seconds, not “%1”</source>
        <translation>--max-age 需要秒数，而不是“%1”</translation>
    </message>
    <message>
        <source>--skew takes a number of seconds from 0 to 86400, not “%1”</source>
        <translation>--skew 需要 0 到 86400 之间的秒数，而不是“%1”</translation>
    </message>
    <message>
        <source>Decode a JWS (a JWT) and, given keys, verify its signature; check ID token or access token claims.</source>
        <translation>解码 JWS（JWT），如提供了密钥则验证其签名；检查 ID 令牌或访问令牌的声明。</translation>
    </message>
    <message>
        <source>Check the token as an OAuth access token: the JWT access token rules of RFC 9068 (also applied, without this option, to a token whose typ is at+jwt), or, for an opaque token, say so.</source>
        <translation>将令牌作为 OAuth 访问令牌检查：应用 RFC 9068 的 JWT 访问令牌规则（即使不加此选项，typ 为 at+jwt 的令牌也会应用这些规则）；如果是不透明令牌，则如实指出。</translation>
    </message>
    <message>
        <source>Access token: the resource (audience) aud must contain.</source>
        <translation>访问令牌：aud 必须包含的资源（受众）。</translation>
    </message>
    <message>
        <source>uri</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>Access token: the expected client_id claim.</source>
        <translation>访问令牌：期望的 client_id 声明。</translation>
    </message>
    <message>
        <source>--audience, --nonce and --max-age are ID token options; an access token takes --resource and --client-id</source>
        <translation>--audience、--nonce 和 --max-age 是 ID 令牌选项；访问令牌应使用 --resource 和 --client-id</translation>
    </message>
    <message>
        <source>A file holding the private JWK (or a JWK Set) to decrypt a JWE with; a nested JWT inside is then decoded as usual.</source>
        <translation>用于解密 JWE 的私钥 JWK（或 JWK Set）所在的文件；解密后其中嵌套的 JWT 照常解码。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>--decrypt-key: cannot read “%1”</source>
        <translation>--decrypt-key：无法读取“%1”</translation>
    </message>
    <message>
        <source>The JWE decrypts and its tag verifies</source>
        <translation>JWE 已解密，其认证标签校验通过</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::DeviceCommand</name>
    <message>
        <source>Run the device authorization grant (RFC 8628): show the user code, poll for the tokens.</source>
        <translation>运行设备授权许可（RFC 8628）：显示用户代码，并轮询获取令牌。</translation>
    </message>
    <message>
        <source>The provider&apos;s issuer: its metadata gives the endpoints.</source>
        <translation>提供方的颁发者：从其元数据获取各端点。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Overrides the discovered device authorization endpoint.</source>
        <translation>覆盖发现得到的设备授权端点。</translation>
    </message>
    <message>
        <source>Overrides the discovered token endpoint.</source>
        <translation>覆盖发现得到的令牌端点。</translation>
    </message>
    <message>
        <source>The scope (default &quot;openid&quot;).</source>
        <translation>scope（默认为 &quot;openid&quot;）。</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>An extra device authorization parameter, NAME=VALUE. Repeatable.</source>
        <translation>额外的设备授权参数，格式为 NAME=VALUE。可重复指定。</translation>
    </message>
    <message>
        <source>name=value</source>
        <translation>name=value</translation>
    </message>
    <message>
        <source>Open the verification URI in the desktop&apos;s browser.</source>
        <translation>在桌面浏览器中打开验证 URI。</translation>
    </message>
    <message>
        <source>Also draw the verification URI as a QR code on stderr.</source>
        <translation>同时在 stderr 上以 QR 码形式绘制验证 URI。</translation>
    </message>
    <message>
        <source>Seconds to wait for the user (default: until the device code expires).</source>
        <translation>等待用户的秒数（默认：直到设备代码过期）。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>device takes no positional argument; unexpected “%1”</source>
        <translation>device 不接受位置参数；意外的“%1”</translation>
    </message>
    <message>
        <source>device needs --issuer, or both --device-authorization-endpoint and --token-endpoint</source>
        <translation>device 需要 --issuer，或同时提供 --device-authorization-endpoint 和 --token-endpoint</translation>
    </message>
    <message>
        <source>(no QR code: %1)</source>
        <translation>（无 QR 码：%1）</translation>
    </message>
    <message>
        <source>tokenscope-cli: could not start the system browser (xdg-open); open the URL above</source>
        <translation>tokenscope-cli：无法启动系统浏览器（xdg-open）；请打开上方的 URL</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::DiscoverCommand</name>
    <message>
        <source>Fetch and check a provider&apos;s metadata (OpenID Connect discovery, RFC 8414).</source>
        <translation>获取并检查提供方的元数据（OpenID Connect 发现，RFC 8414）。</translation>
    </message>
    <message>
        <source>Which metadata to look for: &apos;auto&apos; (OpenID Connect, then RFC 8414), &apos;openid&apos; or &apos;oauth&apos;.</source>
        <translation>要查找的元数据：&apos;auto&apos;（先 OpenID Connect，再 RFC 8414）、&apos;openid&apos; 或 &apos;oauth&apos;。</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>The issuer URL, e.g. https://accounts.example.com, or a full .well-known URL.</source>
        <translation>颁发者 URL，例如 https://accounts.example.com，或完整的 .well-known URL。</translation>
    </message>
    <message>
        <source>--well-known takes &apos;auto&apos;, &apos;openid&apos; or &apos;oauth&apos;, not “%1”</source>
        <translation>--well-known 需要 &apos;auto&apos;、&apos;openid&apos; 或 &apos;oauth&apos;，而不是“%1”</translation>
    </message>
    <message>
        <source>discover takes one ISSUER; unexpected “%1”</source>
        <translation>discover 只接受一个 ISSUER；多余的参数“%1”</translation>
    </message>
    <message>
        <source>discover needs an ISSUER URL (or --profile NAME)</source>
        <translation>discover 需要一个 ISSUER URL（或 --profile NAME）</translation>
    </message>
    <message>
        <source>%1 names no %2; give --%3</source>
        <translation>%1 没有给出 %2；请用 --%3 指定</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::IntrospectCommand</name>
    <message>
        <source>Ask the provider whether a token is active, and what it knows of it (RFC 7662).</source>
        <translation>向提供方查询令牌是否有效，以及它所掌握的令牌信息（RFC 7662）。</translation>
    </message>
    <message>
        <source>access_token or refresh_token.</source>
        <translation>access_token 或 refresh_token。</translation>
    </message>
    <message>
        <source>hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>The token to introspect.</source>
        <translation>要内省的令牌。</translation>
    </message>
    <message>
        <source>introspect takes one TOKEN</source>
        <translation>introspect 只接受一个 TOKEN</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::PollingCommand</name>
    <message>
        <source>poll %1: %2 (next in %3 s)</source>
        <translation>第 %1 次轮询：%2（%3 秒后进行下一次）</translation>
    </message>
    <message>
        <source>The user did not decide within %1 s (--wait)</source>
        <translation>用户未在 %1 秒内做出决定（--wait）</translation>
    </message>
    <message>
        <source>Interrupted (%1)</source>
        <translation>已中断（%1）</translation>
    </message>
    <message>
        <source>--param takes NAME=VALUE, not “%1”</source>
        <translation>--param 需要 NAME=VALUE 格式，而不是“%1”</translation>
    </message>
    <message>
        <source>--wait takes a positive number of seconds, not “%1”</source>
        <translation>--wait 需要一个正的秒数，而不是“%1”</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::ProfileCommand</name>
    <message>
        <source>Saved profiles: list, show NAME, save NAME, delete NAME, export [NAME…] --output FILE, import FILE. Secrets live in the keychain.</source>
        <translation>已保存的配置文件：list、show NAME、save NAME、delete NAME、export [NAME…] --output FILE、import FILE。机密保存在钥匙串中。</translation>
    </message>
    <message>
        <source>list, show, save, delete, export or import.</source>
        <translation>list、show、save、delete、export 或 import。</translation>
    </message>
    <message>
        <source>The profile (export: any number; import: the FILE).</source>
        <translation>配置文件（export：任意数量；import：即 FILE）。</translation>
    </message>
    <message>
        <source>Do not use the keychain: secrets live in memory for this run only, and a saved profile records none.</source>
        <translation>不使用钥匙串：机密仅在本次运行期间保存在内存中，保存的配置文件也不记录任何机密。</translation>
    </message>
    <message>
        <source>save: the issuer URL.</source>
        <translation>save：颁发者 URL。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>save: the %1.</source>
        <translation>save：%1。</translation>
    </message>
    <message>
        <source>save: the client_id.</source>
        <translation>save：client_id。</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>save: read the client secret from this variable.</source>
        <translation>save：从此环境变量读取客户端密钥。</translation>
    </message>
    <message>
        <source>var</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>save: read the client secret from this file.</source>
        <translation>save：从此文件读取客户端密钥。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>save: read the resource owner&apos;s password from this variable.</source>
        <translation>save：从此环境变量读取资源所有者的密码。</translation>
    </message>
    <message>
        <source>save: store this PEM private key (private_key_jwt) in the keychain.</source>
        <translation>save：将此 PEM 私钥（private_key_jwt）存入钥匙串。</translation>
    </message>
    <message>
        <source>save: store the refresh token in this variable (needs --store-refresh-tokens).</source>
        <translation>save：将此环境变量中的刷新令牌存入钥匙串（需要 --store-refresh-tokens）。</translation>
    </message>
    <message>
        <source>save: the profile keeps refresh tokens.</source>
        <translation>save：配置文件保存刷新令牌。</translation>
    </message>
    <message>
        <source>save: the token endpoint auth method.</source>
        <translation>save：令牌端点的认证方式。</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>save: the default scope (space-separated).</source>
        <translation>save：默认 scope（以空格分隔）。</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>save: a redirect URI. Repeatable.</source>
        <translation>save：重定向 URI。可重复指定。</translation>
    </message>
    <message>
        <source>uri</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>save: S256, plain or none.</source>
        <translation>save：S256、plain 或 none。</translation>
    </message>
    <message>
        <source>save: the response type.</source>
        <translation>save：响应类型。</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>save: query, fragment or form_post.</source>
        <translation>save：query、fragment 或 form_post。</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>save: an extra authorization parameter NAME=VALUE. Repeatable.</source>
        <translation>save：额外的授权请求参数，格式为 NAME=VALUE。可重复指定。</translation>
    </message>
    <message>
        <source>name=value</source>
        <translation>名称=值</translation>
    </message>
    <message>
        <source>save: free text.</source>
        <translation>save：备注（任意文本）。</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>save: the profile&apos;s new name (its secrets stay).</source>
        <translation>save：配置文件的新名称（其机密保持不变）。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>export: the file to write.</source>
        <translation>export：要写入的文件。</translation>
    </message>
    <message>
        <source>export: include the secrets, encrypted with a passphrase (AES-256-GCM, scrypt).</source>
        <translation>export：包含机密，并用口令加密（AES-256-GCM，scrypt）。</translation>
    </message>
    <message>
        <source>export/import: read the passphrase from this variable.</source>
        <translation>export/import：从此环境变量读取口令。</translation>
    </message>
    <message>
        <source>import: show what would be done, change nothing.</source>
        <translation>import：只显示将执行的操作，不做任何更改。</translation>
    </message>
    <message>
        <source>import: replace profiles that exist (same id or name).</source>
        <translation>import：替换已存在的配置文件（id 或名称相同）。</translation>
    </message>
    <message>
        <source>--%1: the variable %2 is not set</source>
        <translation>--%1：环境变量 %2 未设置</translation>
    </message>
    <message>
        <source>profile %1 needs a NAME</source>
        <translation>profile %1 需要一个 NAME</translation>
    </message>
    <message>
        <source>profile %1 takes one NAME; unexpected “%2”</source>
        <translation>profile %1 只接受一个 NAME；多余的参数“%2”</translation>
    </message>
    <message>
        <source>profile list takes no NAME</source>
        <translation>profile list 不接受 NAME</translation>
    </message>
    <message>
        <source>profile export needs --output FILE</source>
        <translation>profile export 需要 --output FILE</translation>
    </message>
    <message>
        <source>--include-secrets needs --passphrase-env VAR: the secrets are encrypted with that passphrase</source>
        <translation>--include-secrets 需要 --passphrase-env VAR：机密将用该口令加密</translation>
    </message>
    <message>
        <source>--passphrase-env: the passphrase is empty</source>
        <translation>--passphrase-env：口令为空</translation>
    </message>
    <message>
        <source>--passphrase-env is for --include-secrets (secrets are left out by default)</source>
        <translation>--passphrase-env 用于 --include-secrets（默认不导出机密）</translation>
    </message>
    <message>
        <source>profile import needs one FILE</source>
        <translation>profile import 需要一个 FILE</translation>
    </message>
    <message>
        <source>profile needs a SUBCOMMAND: list, show, save, delete, export or import</source>
        <translation>profile 需要一个 SUBCOMMAND：list、show、save、delete、export 或 import</translation>
    </message>
    <message>
        <source>unknown profile subcommand “%1”</source>
        <translation>未知的 profile 子命令“%1”</translation>
    </message>
    <message>
        <source>a profile name cannot be blank</source>
        <translation>配置文件名称不能为空</translation>
    </message>
    <message>
        <source>--rename: a profile name cannot be blank</source>
        <translation>--rename：配置文件名称不能为空</translation>
    </message>
    <message>
        <source>--rename: a profile named “%1” exists</source>
        <translation>--rename：名为“%1”的配置文件已存在</translation>
    </message>
    <message>
        <source>--%1 takes a URL, not “%2”</source>
        <translation>--%1 需要 URL，而不是“%2”</translation>
    </message>
    <message>
        <source>--auth-method takes one of %1, not “%2”</source>
        <translation>--auth-method 需要 %1 之一，而不是“%2”</translation>
    </message>
    <message>
        <source>--redirect-uri takes a URI, not “%1”</source>
        <translation>--redirect-uri 需要 URI，而不是“%1”</translation>
    </message>
    <message>
        <source>--pkce takes S256, plain or none, not “%1”</source>
        <translation>--pkce 需要 S256、plain 或 none，而不是“%1”</translation>
    </message>
    <message>
        <source>--response-mode takes query, fragment or form_post, not “%1”</source>
        <translation>--response-mode 需要 query、fragment 或 form_post，而不是“%1”</translation>
    </message>
    <message>
        <source>--param takes NAME=VALUE, not “%1”</source>
        <translation>--param 需要 NAME=VALUE 格式，而不是“%1”</translation>
    </message>
    <message>
        <source>give --client-secret-env or --client-secret-file, not both</source>
        <translation>请指定 --client-secret-env 或 --client-secret-file，不能同时指定两者</translation>
    </message>
    <message>
        <source>--client-secret-file: cannot read “%1”</source>
        <translation>--client-secret-file：无法读取“%1”</translation>
    </message>
    <message>
        <source>--refresh-token-env needs --store-refresh-tokens: the profile does not keep refresh tokens</source>
        <translation>--refresh-token-env 需要 --store-refresh-tokens：该配置文件不保存刷新令牌</translation>
    </message>
    <message>
        <source>the %1 given is empty</source>
        <translation>给出的 %1 为空</translation>
    </message>
    <message>
        <source>could not read %1 secret(s) from the %2: %3</source>
        <translation>无法从 %2 读取 %1 个机密：%3</translation>
    </message>
    <message>
        <source>--no-keychain: not stored (the keychain was not used)</source>
        <translation>--no-keychain：未存储（未使用钥匙串）</translation>
    </message>
    <message>
        <source>profile “%1” was not saved: %2</source>
        <translation>配置文件“%1”未保存：%2</translation>
    </message>
    <message>
        <source>the keychain is unavailable (no secret service)</source>
        <translation>钥匙串不可用（没有 Secret Service）</translation>
    </message>
    <message>
        <source>the keychain is locked or refused access</source>
        <translation>钥匙串已锁定或拒绝访问</translation>
    </message>
    <message>
        <source>the keychain refused it</source>
        <translation>钥匙串拒绝了该操作</translation>
    </message>
    <message>
        <source>profile “%1” was saved without %2: %3 (%4). Nothing of it was written to disk.</source>
        <translation>配置文件“%1”已保存，但未包含 %2：%3（%4）。这些机密的任何部分都未写入磁盘。</translation>
    </message>
    <message>
        <source>profile “%1” was deleted, but not its keychain entries %2: %3</source>
        <translation>配置文件“%1”已删除，但其钥匙串条目 %2 未删除：%3</translation>
    </message>
    <message>
        <source>cannot write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>nothing was exported: %1 secret(s) could not be read from the %2: %3</source>
        <translation>未导出任何内容：无法从 %2 读取 %1 个机密：%3</translation>
    </message>
    <message>
        <source>cannot read “%1”: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>the file holds encrypted secrets: give --passphrase-env VAR (or --dry-run to preview)</source>
        <translation>该文件包含加密的机密：请指定 --passphrase-env VAR（或使用 --dry-run 预览）</translation>
    </message>
    <message>
        <source>the profiles were imported, but %1 secret(s) were not stored in the keychain: %2</source>
        <translation>配置文件已导入，但有 %1 个机密未存入钥匙串：%2</translation>
    </message>
    <message>
        <source>save: store this PEM private key (DPoP proofs) in the keychain.</source>
        <translation>save：将此 PEM 私钥（用于 DPoP 证明）存入钥匙串。</translation>
    </message>
    <message>
        <source>save: store this PEM private key (signed request objects) in the keychain.</source>
        <translation>save：将此 PEM 私钥（用于签名请求对象）存入钥匙串。</translation>
    </message>
    <message>
        <source>save: store this PEM client certificate (mTLS) in the keychain; with --client-key-file.</source>
        <translation>save：将此 PEM 客户端证书（mTLS）存入钥匙串；需配合 --client-key-file 使用。</translation>
    </message>
    <message>
        <source>save: store the client certificate&apos;s PEM private key in the keychain.</source>
        <translation>save：将客户端证书的 PEM 私钥存入钥匙串。</translation>
    </message>
    <message>
        <source>save: an extra token request parameter NAME=VALUE. Repeatable.</source>
        <translation>save：额外的令牌请求参数 NAME=VALUE。可重复指定。</translation>
    </message>
    <message>
        <source>--token-param takes NAME=VALUE, not “%1”</source>
        <translation>--token-param 需要 NAME=VALUE 格式，而不是“%1”</translation>
    </message>
    <message>
        <source>--%1: cannot read “%2”</source>
        <translation>--%1：无法读取“%2”</translation>
    </message>
    <message>
        <source>a client certificate needs its key: give --client-cert-file and --client-key-file</source>
        <translation>客户端证书需要其私钥：请同时提供 --client-cert-file 和 --client-key-file</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::ProfileOptions</name>
    <message>
        <source>--profile: %1</source>
        <translation>--profile：%1</translation>
    </message>
    <message>
        <source>--profile %1: could not read %2 from the keychain: %3</source>
        <translation>--profile %1：无法从钥匙串读取 %2：%3</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::ProviderCommand</name>
    <message>
        <source>The provider&apos;s issuer: its metadata gives the endpoints.</source>
        <translation>提供方的颁发者：其元数据给出各个端点。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Overrides the discovered %1.</source>
        <translation>覆盖发现得到的 %1。</translation>
    </message>
    <message>
        <source>Overrides the discovered jwks_uri.</source>
        <translation>覆盖发现得到的 jwks_uri。</translation>
    </message>
    <message>
        <source>The scope to ask for.</source>
        <translation>要请求的范围。</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>A resource indicator (RFC 8707). Repeatable.</source>
        <translation>资源指示符（RFC 8707）。可重复。</translation>
    </message>
    <message>
        <source>uri</source>
        <translation>uri</translation>
    </message>
    <message>
        <source>An extra request parameter, NAME=VALUE. Repeatable.</source>
        <translation>额外的请求参数，格式为 NAME=VALUE。可重复。</translation>
    </message>
    <message>
        <source>name=value</source>
        <translation>name=value</translation>
    </message>
    <message>
        <source>%1 needs --client-id</source>
        <translation>%1 需要 --client-id</translation>
    </message>
    <message>
        <source>--param takes NAME=VALUE, not “%1”</source>
        <translation>--param 的值应为 NAME=VALUE，而不是“%1”</translation>
    </message>
    <message>
        <source>%1 needs --issuer or --%2</source>
        <translation>%1 需要 --issuer 或 --%2</translation>
    </message>
    <message>
        <source>The provider names no %1; give --%2</source>
        <translation>提供方未给出 %1；请指定 --%2</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::RegisterCommand</name>
    <message>
        <source>The client was registered but the profile “%1” was not saved: %2</source>
        <translation>客户端已注册，但配置文件“%1”未能保存：%2</translation>
    </message>
    <message>
        <source>The profile “%1” was saved without its client secret: %2</source>
        <translation>配置文件“%1”已保存，但未包含客户端密钥：%2</translation>
    </message>
    <message>
        <source>Register a client (RFC 7591); read, update or delete it (RFC 7592).</source>
        <translation>注册客户端（RFC 7591）；读取、更新或删除客户端（RFC 7592）。</translation>
    </message>
    <message>
        <source>A redirect URI to register. Repeatable.</source>
        <translation>要注册的重定向 URI。可重复。</translation>
    </message>
    <message>
        <source>uri</source>
        <translation>uri</translation>
    </message>
    <message>
        <source>The client_name.</source>
        <translation>client_name。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>A grant type to register. Repeatable.</source>
        <translation>要注册的授权许可类型。可重复。</translation>
    </message>
    <message>
        <source>grant</source>
        <translation>授权许可</translation>
    </message>
    <message>
        <source>A response type to register. Repeatable.</source>
        <translation>要注册的响应类型。可重复。</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>The token_endpoint_auth_method to register.</source>
        <translation>要注册的 token_endpoint_auth_method。</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>More client metadata: a JSON object, or a file holding one.</source>
        <translation>更多客户端元数据：一个 JSON 对象，或包含 JSON 对象的文件。</translation>
    </message>
    <message>
        <source>json|file</source>
        <translation>json|文件</translation>
    </message>
    <message>
        <source>The initial access token the provider asks for.</source>
        <translation>提供方要求的初始访问令牌。</translation>
    </message>
    <message>
        <source>token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>register (default), read, update or delete.</source>
        <translation>register（默认）、read、update 或 delete。</translation>
    </message>
    <message>
        <source>action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>read, update, delete: the client&apos;s URI.</source>
        <translation>read、update、delete：客户端的 URI。</translation>
    </message>
    <message>
        <source>read, update, delete: its access token.</source>
        <translation>read、update、delete：客户端的访问令牌。</translation>
    </message>
    <message>
        <source>Save the registered client as a new profile with this name (its secret in the keychain).</source>
        <translation>将注册的客户端保存为使用此名称的新配置文件（其密钥存入钥匙串）。</translation>
    </message>
    <message>
        <source>--action takes register, read, update or delete, not “%1”</source>
        <translation>--action 的值应为 register、read、update 或 delete，而不是“%1”</translation>
    </message>
    <message>
        <source>--metadata: cannot read “%1”</source>
        <translation>--metadata：无法读取“%1”</translation>
    </message>
    <message>
        <source>--metadata: not a JSON object</source>
        <translation>--metadata：不是 JSON 对象</translation>
    </message>
    <message>
        <source>--save-profile only goes with a registration</source>
        <translation>--save-profile 只能与注册操作一起使用</translation>
    </message>
    <message>
        <source>--save-profile: no profile store</source>
        <translation>--save-profile：没有配置文件存储</translation>
    </message>
    <message>
        <source>--save-profile: a profile “%1” exists already</source>
        <translation>--save-profile：配置文件“%1”已存在</translation>
    </message>
    <message>
        <source>--action %1 needs --registration-client-uri and --registration-access-token</source>
        <translation>--action %1 需要 --registration-client-uri 和 --registration-access-token</translation>
    </message>
    <message>
        <source>register needs --redirect-uri (or --metadata with redirect_uris)</source>
        <translation>register 需要 --redirect-uri（或带有 redirect_uris 的 --metadata）</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::RevokeCommand</name>
    <message>
        <source>Revoke an access or refresh token (RFC 7009).</source>
        <translation>撤销访问令牌或刷新令牌（RFC 7009）。</translation>
    </message>
    <message>
        <source>access_token or refresh_token.</source>
        <translation>access_token 或 refresh_token。</translation>
    </message>
    <message>
        <source>hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>The token to revoke.</source>
        <translation>要撤销的令牌。</translation>
    </message>
    <message>
        <source>revoke takes one TOKEN</source>
        <translation>revoke 只接受一个 TOKEN</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::SandboxCommand</name>
    <message>
        <source>run the built-in sandbox provider on 127.0.0.1 until interrupted</source>
        <translation>在 127.0.0.1 上运行内置沙盒提供方，直到被中断</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>The port on 127.0.0.1 (default: an ephemeral one).</source>
        <translation>127.0.0.1 上的端口（默认：临时端口）。</translation>
    </message>
    <message>
        <source>Where the signing keys are kept (default: the app data folder&apos;s sandbox/).</source>
        <translation>签名密钥的存放位置（默认：应用数据目录下的 sandbox/）。</translation>
    </message>
    <message>
        <source>tokenscope-cli sandbox: %1</source>
        <translation>tokenscope-cli sandbox：%1</translation>
    </message>
    <message>
        <source>unexpected argument</source>
        <translation>多余的参数</translation>
    </message>
    <message>
        <source>tokenscope-cli sandbox: --port takes a number from 0 to 65535</source>
        <translation>tokenscope-cli sandbox：--port 需要 0 到 65535 之间的数字</translation>
    </message>
    <message>
        <source>tokenscope-cli sandbox: cannot listen on 127.0.0.1:%1: %2</source>
        <translation>tokenscope-cli sandbox：无法在 127.0.0.1:%1 上监听：%2</translation>
    </message>
    <message>
        <source>sandbox: stopping</source>
        <translation>sandbox：正在停止</translation>
    </message>
    <message>
        <source>Make the sandbox misbehave on purpose, to see a client catch it: a comma-separated list of switches, or &quot;list&quot; to show them.</source>
        <translation>让沙盒故意出错，以观察客户端能否发现：以逗号分隔的开关列表，或用 &quot;list&quot; 列出所有开关。</translation>
    </message>
    <message>
        <source>Caught by: %1</source>
        <translation>发现者：%1</translation>
    </message>
    <message>
        <source>tokenscope-cli sandbox: %1 (--break list shows them)</source>
        <translation>tokenscope-cli sandbox：%1（--break list 可列出所有开关）</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::TokenCommand</name>
    <message>
        <source>Request tokens with a grant that needs no browser: client_credentials, password, refresh_token, token_exchange, jwt_bearer, saml2_bearer or any grant_type.</source>
        <translation>使用无需浏览器的授权许可请求令牌：client_credentials、password、refresh_token、token_exchange、jwt_bearer、saml2_bearer 或任意 grant_type。</translation>
    </message>
    <message>
        <source>client_credentials, password, refresh_token, token_exchange, jwt_bearer, saml2_bearer, or a grant_type URI.</source>
        <translation>client_credentials、password、refresh_token、token_exchange、jwt_bearer、saml2_bearer，或一个 grant_type URI。</translation>
    </message>
    <message>
        <source>grant</source>
        <translation>授权许可</translation>
    </message>
    <message>
        <source>refresh_token: the refresh token.</source>
        <translation>refresh_token：刷新令牌。</translation>
    </message>
    <message>
        <source>token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>refresh_token: the ID token that came with it (a new one must keep its sub).</source>
        <translation>refresh_token：随之一起颁发的 ID 令牌（新的 ID 令牌必须保持相同的 sub）。</translation>
    </message>
    <message>
        <source>password: the resource owner&apos;s username.</source>
        <translation>password：资源所有者的用户名。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>password: read the password from this environment variable.</source>
        <translation>password：从此环境变量读取密码。</translation>
    </message>
    <message>
        <source>var</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>token_exchange: the subject_token.</source>
        <translation>token_exchange：subject_token。</translation>
    </message>
    <message>
        <source>token_exchange: its type URI (default urn:ietf:params:oauth:token-type:access_token).</source>
        <translation>token_exchange：其类型 URI（默认为 urn:ietf:params:oauth:token-type:access_token）。</translation>
    </message>
    <message>
        <source>urn</source>
        <translation>urn</translation>
    </message>
    <message>
        <source>token_exchange: the actor_token.</source>
        <translation>token_exchange：actor_token。</translation>
    </message>
    <message>
        <source>token_exchange: its type URI.</source>
        <translation>token_exchange：其类型 URI。</translation>
    </message>
    <message>
        <source>token_exchange: the audience.</source>
        <translation>token_exchange：audience。</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>token_exchange: the requested_token_type.</source>
        <translation>token_exchange：requested_token_type。</translation>
    </message>
    <message>
        <source>jwt_bearer, saml2_bearer: the assertion (SAML XML is base64url-encoded here).</source>
        <translation>jwt_bearer、saml2_bearer：断言（此处 SAML XML 需经 base64url 编码）。</translation>
    </message>
    <message>
        <source>assertion</source>
        <translation>断言</translation>
    </message>
    <message>
        <source>jwt_bearer: sign an assertion with this key (PEM or JWK file).</source>
        <translation>jwt_bearer：用此密钥签名断言（PEM 或 JWK 文件）。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>jwt_bearer: the signing alg (default: the key&apos;s first).</source>
        <translation>jwt_bearer：签名 alg（默认：密钥的第一个算法）。</translation>
    </message>
    <message>
        <source>alg</source>
        <translation>alg</translation>
    </message>
    <message>
        <source>jwt_bearer: the kid header.</source>
        <translation>jwt_bearer：kid 头。</translation>
    </message>
    <message>
        <source>kid</source>
        <translation>kid</translation>
    </message>
    <message>
        <source>jwt_bearer: iss (default: the client_id).</source>
        <translation>jwt_bearer：iss（默认：client_id）。</translation>
    </message>
    <message>
        <source>jwt_bearer: sub (default: iss).</source>
        <translation>jwt_bearer：sub（默认：iss）。</translation>
    </message>
    <message>
        <source>jwt_bearer: aud (default: the token endpoint).</source>
        <translation>jwt_bearer：aud（默认：令牌端点）。</translation>
    </message>
    <message>
        <source>jwt_bearer: seconds until exp (default 300).</source>
        <translation>jwt_bearer：距 exp 的秒数（默认 300）。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>token needs --grant</source>
        <translation>token 需要 --grant</translation>
    </message>
    <message>
        <source>--grant takes %1 or a grant_type URI, not “%2”</source>
        <translation>--grant 的值应为 %1 或 grant_type URI，而不是“%2”</translation>
    </message>
    <message>
        <source>--password-env: the variable %1 is not set</source>
        <translation>--password-env：变量 %1 未设置</translation>
    </message>
    <message>
        <source>--assertion-key: cannot read “%1”</source>
        <translation>--assertion-key：无法读取“%1”</translation>
    </message>
    <message>
        <source>--assertion-lifetime takes a positive number of seconds</source>
        <translation>--assertion-lifetime 的值应为正的秒数</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Cli::UserInfoCommand</name>
    <message>
        <source>Call the UserInfo endpoint with an access token; check a signed answer and its sub against an ID token.</source>
        <translation>使用访问令牌调用 UserInfo 端点；检查签名的响应，并将其 sub 与 ID 令牌比对。</translation>
    </message>
    <message>
        <source>The access token (required).</source>
        <translation>访问令牌（必需）。</translation>
    </message>
    <message>
        <source>token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>An ID token whose sub the answer must equal.</source>
        <translation>一个 ID 令牌，响应的 sub 必须与其一致。</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>The Accept header to send.</source>
        <translation>要发送的 Accept 头。</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>A private JWK or JWK Set file for an encrypted answer.</source>
        <translation>用于加密响应的私有 JWK 或 JWK Set 文件。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>userinfo takes no positional argument; unexpected “%1”</source>
        <translation>userinfo 不接受位置参数；意外的“%1”</translation>
    </message>
    <message>
        <source>userinfo needs --access-token</source>
        <translation>userinfo 需要 --access-token</translation>
    </message>
    <message>
        <source>--decryption-key: cannot read “%1”</source>
        <translation>--decryption-key：无法读取“%1”</translation>
    </message>
    <message>
        <source>get (GET with Authorization: Bearer, the default), post (POST with the token in the form body) or post-header (POST with Authorization: Bearer and an empty body).</source>
        <translation>get（使用 GET 并带 Authorization: Bearer，默认）、post（使用 POST，令牌放在表单正文中）或 post-header（使用 POST 并带 Authorization: Bearer，正文为空）。</translation>
    </message>
    <message>
        <source>--method takes get, post or post-header, not “%1”</source>
        <translation>--method 的值应为 get、post 或 post-header，而不是“%1”</translation>
    </message>
</context>
<context>
    <name>Tokenscope::ClientAuth::ClientAuthentication</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>Tokenscope::ClientAuth::JwtAssertion</name>
    <message>
        <source>A client secret is needed to sign the assertion</source>
        <translation>签名断言需要客户端密钥</translation>
    </message>
    <message>
        <source>No signing key was given</source>
        <translation>未提供签名密钥</translation>
    </message>
    <message>
        <source>The signing key cannot be read: %1</source>
        <translation>无法读取签名密钥：%1</translation>
    </message>
    <message>
        <source>The random number generator failed: no jti</source>
        <translation>随机数生成器失败：无法生成 jti</translation>
    </message>
    <message>
        <source>The assertion could not be signed: %1</source>
        <translation>无法签名断言：%1</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Device::DeviceFlow</name>
    <message>
        <source>A device authorization endpoint, a token endpoint and a client_id are needed</source>
        <translation>需要设备授权端点、令牌端点和 client_id</translation>
    </message>
    <message>
        <source>Device authorization request</source>
        <translation>设备授权请求</translation>
    </message>
    <message>
        <source>%1 is a string, not a number</source>
        <translation>%1 是字符串，而不是数字</translation>
    </message>
    <message>
        <source>a JSON number</source>
        <translation>JSON 数字</translation>
    </message>
    <message>
        <source>The device authorization response is JSON but not labelled application/json</source>
        <translation>设备授权响应是 JSON，但未标记为 application/json</translation>
    </message>
    <message>
        <source>The response names verification_url, the draft&apos;s name; RFC 8628 calls it verification_uri</source>
        <translation>响应使用了草案中的名称 verification_url；RFC 8628 中称为 verification_uri</translation>
    </message>
    <message>
        <source>The device authorization response lacks %1 (RFC 8628 §3.2)</source>
        <translation>设备授权响应缺少 %1（RFC 8628 §3.2）</translation>
    </message>
    <message>
        <source>expires_in is missing: the device code&apos;s lifetime is unknown, polling goes on until the provider ends it</source>
        <translation>缺少 expires_in：设备代码的有效期未知，轮询将持续到提供方结束为止</translation>
    </message>
    <message>
        <source>a number of seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>No interval was given: polling every %1 s</source>
        <translation>未给出 interval：每 %1 秒轮询一次</translation>
    </message>
    <message>
        <source>Token request (device_code)</source>
        <translation>令牌请求（device_code）</translation>
    </message>
    <message>
        <source>The device authorization endpoint</source>
        <translation>设备授权端点</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Device::QrCode</name>
    <message>
        <source>There is nothing to encode</source>
        <translation>没有要编码的内容</translation>
    </message>
    <message numerus="yes">
        <source>%n bytes do not fit in a QR code</source>
        <translation>
            <numerusform>%n 字节无法放入 QR 码</numerusform>
        </translation>
    </message>
    <message>
        <source>The QR code could not be made</source>
        <translation>无法生成 QR 码</translation>
    </message>
    <message>
        <source>This build has no QR code support (libqrencode)</source>
        <translation>此版本不支持 QR 码（libqrencode）</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Discovery::DiscoveryClient</name>
    <message>
        <source>Discovery was cancelled</source>
        <translation>发现已取消</translation>
    </message>
    <message>
        <source>OpenID Connect discovery</source>
        <translation>OpenID Connect 发现</translation>
    </message>
    <message>
        <source>OAuth 2.0 authorization server metadata</source>
        <translation>OAuth 2.0 授权服务器元数据</translation>
    </message>
    <message>
        <source>The metadata names issuer “%1”, not the requested “%2”; the exact match is required (RFC 8414 §3.3)</source>
        <translation>元数据中的颁发者为“%1”，而不是请求的“%2”；二者必须完全一致（RFC 8414 §3.3）</translation>
    </message>
    <message>
        <source>They differ only in the trailing slash: try “%1”.</source>
        <translation>二者仅末尾的斜杠不同：请尝试“%1”。</translation>
    </message>
    <message>
        <source>HTTP %1 %2 from %3</source>
        <translation>%3 返回 HTTP %1 %2</translation>
    </message>
    <message>
        <source>(an HTML page)</source>
        <translation>（一个 HTML 页面）</translation>
    </message>
    <message>
        <source>%1 answered with an HTML page, not JSON metadata</source>
        <translation>%1 返回的是 HTML 页面，而不是 JSON 元数据</translation>
    </message>
    <message>
        <source>The metadata at %1 is not valid JSON: %2</source>
        <translation>%1 处的元数据不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>%1 answered with %2, not JSON metadata</source>
        <translation>%1 返回的是 %2，而不是 JSON 元数据</translation>
    </message>
    <message>
        <source>a body without a Content-Type</source>
        <translation>没有 Content-Type 的正文</translation>
    </message>
    <message>
        <source>The metadata at %1 is JSON but not an object</source>
        <translation>%1 处的元数据是 JSON，但不是对象</translation>
    </message>
    <message>
        <source>The metadata is JSON but was served as “%1”</source>
        <translation>元数据是 JSON，但以“%1”类型返回</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Discovery::ProviderMetadata</name>
    <message>
        <source>The document has no “issuer” string</source>
        <translation>文档中没有“issuer”字符串</translation>
    </message>
    <message>
        <source>“%1” is not an absolute URL</source>
        <translation>“%1”不是绝对 URL</translation>
    </message>
    <message>
        <source>absolute https URL</source>
        <translation>https 绝对 URL</translation>
    </message>
    <message>
        <source>not a string</source>
        <translation>不是字符串</translation>
    </message>
    <message>
        <source>“%1” uses plain http</source>
        <translation>“%1”使用了明文 http</translation>
    </message>
    <message>
        <source>“%1” holds values that are not strings</source>
        <translation>“%1”包含非字符串的值</translation>
    </message>
    <message>
        <source>“%1” is not a JSON array</source>
        <translation>“%1”不是 JSON 数组</translation>
    </message>
    <message>
        <source>array of strings</source>
        <translation>字符串数组</translation>
    </message>
    <message>
        <source>The required member “%1” is missing</source>
        <translation>缺少必需的成员“%1”</translation>
    </message>
    <message>
        <source>No code_challenge_methods_supported: the provider does not say whether it supports PKCE</source>
        <translation>缺少 code_challenge_methods_supported：提供方未说明是否支持 PKCE</translation>
    </message>
    <message>
        <source>PKCE is advertised without S256</source>
        <translation>声明了 PKCE，但不支持 S256</translation>
    </message>
    <message>
        <source>Unsigned ID tokens (alg “none”) are advertised</source>
        <translation>声明了未签名的 ID 令牌（alg 为“none”）</translation>
    </message>
    <message>
        <source>RS256 is not among the ID token signing algorithms, which OpenID Connect requires</source>
        <translation>ID 令牌签名算法中没有 OpenID Connect 要求的 RS256</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Discovery::WellKnown</name>
    <message>
        <source>Enter an issuer URL, such as https://accounts.example.com</source>
        <translation>请输入颁发者 URL，例如 https://accounts.example.com</translation>
    </message>
    <message>
        <source>“%1” is not a valid absolute URL</source>
        <translation>“%1”不是有效的绝对 URL</translation>
    </message>
    <message>
        <source>“%1” is not an https:// URL; an issuer is an https URL (RFC 8414 §2)</source>
        <translation>“%1”不是 https:// URL；颁发者必须是 https URL（RFC 8414 §2）</translation>
    </message>
    <message>
        <source>“%1” has no host</source>
        <translation>“%1”没有主机名</translation>
    </message>
    <message>
        <source>An issuer has no query or fragment (RFC 8414 §2): “%1”</source>
        <translation>颁发者不能包含查询参数或片段（RFC 8414 §2）：“%1”</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::EndpointReply</name>
    <message>
        <source>%1 answered HTTP %2: %3</source>
        <translation>%1 返回了 HTTP %2：%3</translation>
    </message>
    <message>
        <source>The error came as an HTML page, not as a JSON OAuth error (a proxy, a login page or a server error page?)</source>
        <translation>错误以 HTML 页面形式返回，而非 JSON 格式的 OAuth 错误（可能是代理、登录页或服务器错误页？）</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 with an HTML page</source>
        <translation>%1 返回了 HTTP %2 和一个 HTML 页面</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2</source>
        <translation>%1 返回了 HTTP %2</translation>
    </message>
    <message>
        <source>HTTP %1 came with an OAuth error member: it is treated as the error it says, not as a success</source>
        <translation>HTTP %1 响应中带有 OAuth error 成员：按其所述的错误处理，而不视为成功</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 with an error: %3</source>
        <translation>%1 返回了 HTTP %2 和错误：%3</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::IntrospectionClient</name>
    <message>
        <source>The introspection answer is JSON but not an object</source>
        <translation>内省响应是 JSON，但不是对象</translation>
    </message>
    <message>
        <source>The introspection answer is not JSON (%1)</source>
        <translation>内省响应不是 JSON（%1）</translation>
    </message>
    <message>
        <source>The introspection answer is JSON but not labelled application/json</source>
        <translation>内省响应是 JSON，但未标记为 application/json</translation>
    </message>
    <message>
        <source>The answer has no “active” member (it is required)</source>
        <translation>响应中没有“active”成员（该成员为必需）</translation>
    </message>
    <message>
        <source>“active” is not a JSON boolean</source>
        <translation>“active”不是 JSON 布尔值</translation>
    </message>
    <message>
        <source>The token is active</source>
        <translation>令牌有效</translation>
    </message>
    <message>
        <source>The token is not active</source>
        <translation>令牌无效</translation>
    </message>
    <message>
        <source>An inactive token&apos;s answer should carry nothing but “active”; it has more members</source>
        <translation>无效令牌的响应应只包含“active”；但它还有其他成员</translation>
    </message>
    <message>
        <source>The token is reported active but its exp is in the past</source>
        <translation>令牌被报告为有效，但其 exp 已过期</translation>
    </message>
    <message>
        <source>“%1” is not a number of seconds</source>
        <translation>“%1”不是秒数</translation>
    </message>
    <message>
        <source>An introspection endpoint and a token are needed</source>
        <translation>需要内省端点和令牌</translation>
    </message>
    <message>
        <source>Introspection</source>
        <translation>内省</translation>
    </message>
    <message>
        <source>The introspection endpoint</source>
        <translation>内省端点</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::LogoutUrl</name>
    <message>
        <source>An end_session_endpoint is needed</source>
        <translation>需要 end_session_endpoint</translation>
    </message>
    <message>
        <source>Without id_token_hint the provider may ask the user to confirm the logout</source>
        <translation>没有 id_token_hint 时，提供方可能会要求用户确认注销</translation>
    </message>
    <message>
        <source>post_logout_redirect_uri needs id_token_hint or client_id so the provider can check it is registered</source>
        <translation>post_logout_redirect_uri 需要配合 id_token_hint 或 client_id，以便提供方检查其是否已注册</translation>
    </message>
    <message>
        <source>state only comes back with a post_logout_redirect_uri</source>
        <translation>只有提供 post_logout_redirect_uri 时 state 才会返回</translation>
    </message>
    <message>
        <source>The provider returned to the post_logout_redirect_uri</source>
        <translation>提供方已返回到 post_logout_redirect_uri</translation>
    </message>
    <message>
        <source>The provider returned somewhere else</source>
        <translation>提供方返回到了其他地址</translation>
    </message>
    <message>
        <source>The state came back unchanged</source>
        <translation>state 原样返回</translation>
    </message>
    <message>
        <source>The state did not come back</source>
        <translation>state 未返回</translation>
    </message>
    <message>
        <source>The state came back changed</source>
        <translation>返回的 state 已被更改</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::RegistrationClient</name>
    <message>
        <source>A registration endpoint is needed</source>
        <translation>需要注册端点</translation>
    </message>
    <message>
        <source>A registration_client_uri and a registration_access_token are needed (RFC 7592)</source>
        <translation>需要 registration_client_uri 和 registration_access_token（RFC 7592）</translation>
    </message>
    <message>
        <source>Client registration (%1)</source>
        <translation>客户端注册（%1）</translation>
    </message>
    <message>
        <source>The registration endpoint</source>
        <translation>注册端点</translation>
    </message>
    <message>
        <source>The client was deleted</source>
        <translation>客户端已删除</translation>
    </message>
    <message>
        <source>The client was deleted, with HTTP %1 instead of 204</source>
        <translation>客户端已删除，但返回的是 HTTP %1 而非 204</translation>
    </message>
    <message>
        <source>The registration endpoint did not answer a JSON object</source>
        <translation>注册端点返回的不是 JSON 对象</translation>
    </message>
    <message>
        <source>A registration answers HTTP 201 Created</source>
        <translation>注册应返回 HTTP 201 Created</translation>
    </message>
    <message>
        <source>The answer has no client_id</source>
        <translation>响应中没有 client_id</translation>
    </message>
    <message>
        <source>A client_secret came without client_secret_expires_at (required with a secret)</source>
        <translation>返回了 client_secret 但没有 client_secret_expires_at（有密钥时为必需）</translation>
    </message>
    <message>
        <source>No registration_client_uri: the client cannot be read, updated or deleted later (RFC 7592)</source>
        <translation>没有 registration_client_uri：之后将无法读取、更新或删除该客户端（RFC 7592）</translation>
    </message>
    <message>
        <source>The server dropped “%1”</source>
        <translation>服务器丢弃了“%1”</translation>
    </message>
    <message>
        <source>The server changed “%1”</source>
        <translation>服务器更改了“%1”</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::RevocationClient</name>
    <message>
        <source>A revocation endpoint and a token are needed</source>
        <translation>需要撤销端点和令牌</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>The revocation endpoint</source>
        <translation>撤销端点</translation>
    </message>
    <message>
        <source>The revocation was accepted (HTTP 200; also the answer for a token the server does not know)</source>
        <translation>撤销请求已被接受（HTTP 200；服务器不认识的令牌也会得到此响应）</translation>
    </message>
    <message>
        <source>The revocation answered HTTP %1; RFC 7009 says 200</source>
        <translation>撤销返回了 HTTP %1；RFC 7009 规定应为 200</translation>
    </message>
    <message>
        <source>HTTP 503: the token was not revoked; try again later (Retry-After: %1)</source>
        <translation>HTTP 503：令牌未被撤销；请稍后重试（Retry-After: %1）</translation>
    </message>
    <message>
        <source>The server does not revoke this type of token</source>
        <translation>服务器不支持撤销此类型的令牌</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::UserInfoClient</name>
    <message>
        <source>A UserInfo endpoint and an access token are needed</source>
        <translation>需要 UserInfo 端点和访问令牌</translation>
    </message>
    <message>
        <source>UserInfo</source>
        <translation>UserInfo</translation>
    </message>
    <message>
        <source>The UserInfo answer is encrypted and no decryption key was given</source>
        <translation>UserInfo 响应已加密，但未提供解密密钥</translation>
    </message>
    <message>
        <source>The UserInfo answer was decrypted (%1, %2)</source>
        <translation>UserInfo 响应已解密（%1，%2）</translation>
    </message>
    <message>
        <source>UserInfo answered an HTML page, not JSON</source>
        <translation>UserInfo 返回了 HTML 页面，而不是 JSON</translation>
    </message>
    <message>
        <source>UserInfo answered JSON that is not an object</source>
        <translation>UserInfo 返回的 JSON 不是对象</translation>
    </message>
    <message>
        <source>UserInfo answered something that is not JSON (%1)</source>
        <translation>UserInfo 返回的内容不是 JSON（%1）</translation>
    </message>
    <message>
        <source>The UserInfo answer is JSON but not labelled application/json</source>
        <translation>UserInfo 响应是 JSON，但未标记为 application/json</translation>
    </message>
    <message>
        <source>The signed UserInfo payload is not a JSON object</source>
        <translation>签名的 UserInfo 载荷不是 JSON 对象</translation>
    </message>
    <message>
        <source>The signed UserInfo&apos;s iss is the issuer</source>
        <translation>签名的 UserInfo 的 iss 与颁发者一致</translation>
    </message>
    <message>
        <source>The signed UserInfo&apos;s iss is not the issuer</source>
        <translation>签名的 UserInfo 的 iss 与颁发者不一致</translation>
    </message>
    <message>
        <source>The signed UserInfo&apos;s aud contains the client_id</source>
        <translation>签名的 UserInfo 的 aud 包含 client_id</translation>
    </message>
    <message>
        <source>The signed UserInfo&apos;s aud does not contain the client_id</source>
        <translation>签名的 UserInfo 的 aud 不包含 client_id</translation>
    </message>
    <message>
        <source>No jwks_uri is known: the UserInfo signature is not checked</source>
        <translation>jwks_uri 未知：不检查 UserInfo 签名</translation>
    </message>
    <message>
        <source>The UserInfo %1 signature verifies with key %2</source>
        <translation>UserInfo 的 %1 签名可用密钥 %2 验证通过</translation>
    </message>
    <message>
        <source>The UserInfo answer has no sub</source>
        <translation>UserInfo 响应中没有 sub</translation>
    </message>
    <message>
        <source>The UserInfo sub equals the ID token&apos;s sub</source>
        <translation>UserInfo 的 sub 与 ID 令牌的 sub 一致</translation>
    </message>
    <message>
        <source>The UserInfo response&apos;s sub does not equal the ID token&apos;s sub</source>
        <translation>UserInfo 响应的 sub 与 ID 令牌的 sub 不一致</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Endpoints::WwwAuthenticate</name>
    <message>
        <source>invalid_token: the access token is expired, revoked, malformed or not for this resource</source>
        <translation>invalid_token：访问令牌已过期、已撤销、格式错误或不适用于此资源</translation>
    </message>
    <message>
        <source>insufficient_scope: the token lacks a scope this resource needs</source>
        <translation>insufficient_scope：令牌缺少此资源所需的范围</translation>
    </message>
    <message>
        <source>insufficient_scope: the token lacks a scope; needed: %1</source>
        <translation>insufficient_scope：令牌缺少范围；需要：%1</translation>
    </message>
    <message>
        <source>invalid_request: the request is malformed (missing token, token sent twice, …)</source>
        <translation>invalid_request：请求格式错误（缺少令牌、令牌发送了两次……）</translation>
    </message>
    <message>
        <source>acr_values %1</source>
        <translation>acr_values %1</translation>
    </message>
    <message>
        <source>an authentication at most %1 s old</source>
        <translation>不超过 %1 秒前的认证</translation>
    </message>
    <message>
        <source>insufficient_user_authentication: authenticate again, more strongly</source>
        <translation>insufficient_user_authentication：请使用更强的方式重新认证</translation>
    </message>
    <message>
        <source>insufficient_user_authentication: authenticate again with %1</source>
        <translation>insufficient_user_authentication：请以 %1 重新认证</translation>
    </message>
    <message>
        <source>%1 authentication is required (no error code: no token, or not accepted)</source>
        <translation>需要 %1 认证（无错误代码：未提供令牌，或令牌未被接受）</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Format</name>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Grants::RefreshChecks</name>
    <message>
        <source>No new refresh token was returned: the one sent stays in use</source>
        <translation>未返回新的刷新令牌：发送的刷新令牌继续有效</translation>
    </message>
    <message>
        <source>The same refresh token was returned: it stays in use</source>
        <translation>返回了相同的刷新令牌：它继续有效</translation>
    </message>
    <message>
        <source>A new refresh token was returned: the one sent is spent and must not be used again</source>
        <translation>返回了新的刷新令牌：发送的刷新令牌已作废，不得再次使用</translation>
    </message>
    <message>
        <source>invalid_grant for a refresh token that was already rotated: the provider detects the reuse of a spent refresh token (and may have revoked the whole grant, including the newer token)</source>
        <translation>已轮换的刷新令牌返回 invalid_grant：提供方检测到已作废的刷新令牌被重复使用（并可能已撤销整个授权许可，包括较新的令牌）</translation>
    </message>
    <message>
        <source>invalid_grant: the refresh token is unknown, expired, revoked, was already used (rotation), or belongs to another client</source>
        <translation>invalid_grant：刷新令牌未知、已过期、已撤销、已被使用（轮换），或属于其他客户端</translation>
    </message>
    <message>
        <source>id_token (refresh response)</source>
        <translation>id_token（刷新响应）</translation>
    </message>
    <message>
        <source>The refreshed ID token has an iat</source>
        <translation>刷新后的 ID 令牌包含 iat</translation>
    </message>
    <message>
        <source>The refreshed ID token has no iat</source>
        <translation>刷新后的 ID 令牌没有 iat</translation>
    </message>
    <message>
        <source>No previous ID token was given: sub stability is not checked</source>
        <translation>未提供之前的 ID 令牌：不检查 sub 是否保持不变</translation>
    </message>
    <message>
        <source>The refreshed ID token&apos;s %1 equals the previous ID token&apos;s</source>
        <translation>刷新后的 ID 令牌的 %1 与之前 ID 令牌的一致</translation>
    </message>
    <message>
        <source>The refreshed ID token&apos;s %1 differs from the previous ID token&apos;s: it must be the same</source>
        <translation>刷新后的 ID 令牌的 %1 与之前 ID 令牌的不同：二者必须相同</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Grants::TokenGrantFlow</name>
    <message>
        <source>The SAML assertion was pasted as XML and sent base64url-encoded</source>
        <translation>SAML 断言以 XML 形式粘贴，并以 base64url 编码发送</translation>
    </message>
    <message>
        <source>Token request (%1)</source>
        <translation>令牌请求（%1）</translation>
    </message>
    <message>
        <source>The token endpoint answered with an error: %1</source>
        <translation>令牌端点返回了错误：%1</translation>
    </message>
    <message>
        <source>(an HTML page: a login page, proxy or server error?)</source>
        <translation>（HTML 页面：登录页、代理还是服务器错误？）</translation>
    </message>
    <message>
        <source>The token exchange response has no issued_token_type</source>
        <translation>令牌交换响应中没有 issued_token_type</translation>
    </message>
    <message>
        <source>ID token check “%1” failed: %2</source>
        <translation>ID 令牌检查“%1”失败：%2</translation>
    </message>
    <message>
        <source>The flow was cancelled</source>
        <translation>流程已取消</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Grants::TokenGrantRequest</name>
    <message>
        <source>A token endpoint is needed</source>
        <translation>需要令牌端点</translation>
    </message>
    <message>
        <source>A client_id is needed</source>
        <translation>需要 client_id</translation>
    </message>
    <message>
        <source>The password grant needs a username</source>
        <translation>password 授权许可需要用户名</translation>
    </message>
    <message>
        <source>The refresh_token grant needs a refresh token</source>
        <translation>refresh_token 授权许可需要刷新令牌</translation>
    </message>
    <message>
        <source>Token exchange needs a subject_token and its subject_token_type (RFC 8693 §2.1)</source>
        <translation>令牌交换需要 subject_token 及其 subject_token_type（RFC 8693 §2.1）</translation>
    </message>
    <message>
        <source>The JWT bearer grant needs an assertion, or a key to sign one</source>
        <translation>JWT bearer 授权许可需要断言，或用于签名断言的密钥</translation>
    </message>
    <message>
        <source>The SAML 2.0 bearer grant needs an assertion</source>
        <translation>SAML 2.0 bearer 授权许可需要断言</translation>
    </message>
    <message>
        <source>A grant_type is needed</source>
        <translation>需要 grant_type</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Http::PendingExchange</name>
    <message>
        <source>“%1” is not an http:// or https:// URL with a host</source>
        <translation>“%1”不是带主机名的 http:// 或 https:// URL</translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate</source>
        <translation>CA 文件 %1 中没有 PEM 证书</translation>
    </message>
    <message>
        <source>The %1 body could not be decompressed; the raw bytes are kept</source>
        <translation>无法解压 %1 编码的正文；已保留原始字节</translation>
    </message>
    <message>
        <source>No complete response from %1 within %2; the request was aborted</source>
        <translation>%1 在 %2 内未返回完整响应；请求已中止</translation>
    </message>
    <message>
        <source>The response body exceeds the %1 limit; the first %1 are kept</source>
        <translation>响应正文超过 %1 的上限；仅保留前 %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Connection refused by %1: is the server running?</source>
        <translation>%1 拒绝了连接：服务器是否在运行？</translation>
    </message>
    <message>
        <source>Host “%1” not found (DNS lookup failed)</source>
        <translation>找不到主机“%1”（DNS 查询失败）</translation>
    </message>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation>与 %1 的 TLS 握手失败：%2</translation>
    </message>
    <message>
        <source>TLS certificate of %1 not trusted: %2</source>
        <translation>%1 的 TLS 证书不受信任：%2</translation>
    </message>
    <message>
        <source>The connection closed after %1 of the %2 body bytes announced</source>
        <translation>连接在收到声明的 %2 字节正文中的 %1 字节后关闭</translation>
    </message>
    <message>
        <source>The response ended early: %1</source>
        <translation>响应提前结束：%1</translation>
    </message>
    <message>
        <source>Stopped after %1 redirects</source>
        <translation>已在 %1 次重定向后停止</translation>
    </message>
    <message>
        <source>Refused to follow a redirect from https to %1</source>
        <translation>拒绝从 https 重定向到 %1</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::AccessTokenValidator</name>
    <message>
        <source>A JWT access token: its claims can be read and checked here.</source>
        <translation>JWT 访问令牌：可以在此读取并检查其声明。</translation>
    </message>
    <message>
        <source>An encrypted JWT (JWE): only the resource server it is for can read it; the client should treat it as opaque.</source>
        <translation>加密的 JWT（JWE）：只有其目标资源服务器才能读取；客户端应将其视为不透明令牌。</translation>
    </message>
    <message>
        <source>The token looks like a JWT but does not parse: %1</source>
        <translation>该令牌看起来像 JWT，但无法解析：%1</translation>
    </message>
    <message>
        <source>An opaque access token: nothing in it can be checked here. Ask the authorization server with token introspection (RFC 7662) whether it is active, for whom and with which scope.</source>
        <translation>不透明访问令牌：无法在此检查其中的任何内容。请通过令牌内省（RFC 7662）向授权服务器查询它是否有效、属于谁以及具有哪些 scope。</translation>
    </message>
    <message>
        <source>The payload is not a JSON object of claims.</source>
        <translation>载荷不是由声明组成的 JSON 对象。</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>（缺失）</translation>
    </message>
    <message>
        <source>typ says this is a JWT access token</source>
        <translation>typ 表明这是 JWT 访问令牌</translation>
    </message>
    <message>
        <source>typ is missing: a JWT access token must say &quot;at+jwt&quot;, or it can be confused with other JWTs of the issuer</source>
        <translation>typ 缺失：JWT 访问令牌必须声明 &quot;at+jwt&quot;，否则可能与该颁发者签发的其他 JWT 混淆</translation>
    </message>
    <message>
        <source>typ is &quot;%1&quot;, not &quot;at+jwt&quot;: another kind of JWT is not an access token</source>
        <translation>typ 为 &quot;%1&quot;，而不是 &quot;at+jwt&quot;：其他类型的 JWT 不是访问令牌</translation>
    </message>
    <message>
        <source>signed with %1</source>
        <translation>使用 %1 签名</translation>
    </message>
    <message>
        <source>&quot;alg&quot;: &quot;none&quot; is never acceptable for an access token</source>
        <translation>访问令牌绝不能使用 &quot;alg&quot;: &quot;none&quot;</translation>
    </message>
    <message>
        <source>a signature algorithm</source>
        <translation>签名算法</translation>
    </message>
    <message>
        <source>iss is missing</source>
        <translation>缺少 iss</translation>
    </message>
    <message>
        <source>iss is the issuer</source>
        <translation>iss 是该颁发者</translation>
    </message>
    <message>
        <source>iss is not the issuer</source>
        <translation>iss 不是该颁发者</translation>
    </message>
    <message>
        <source>aud is missing</source>
        <translation>缺少 aud</translation>
    </message>
    <message>
        <source>aud is present</source>
        <translation>aud 存在</translation>
    </message>
    <message>
        <source>aud contains the resource</source>
        <translation>aud 包含该资源</translation>
    </message>
    <message>
        <source>aud does not contain the resource: the token is for someone else</source>
        <translation>aud 不包含该资源：该令牌是颁发给其他接收方的</translation>
    </message>
    <message>
        <source>exp is missing or not a number</source>
        <translation>exp 缺失或不是数字</translation>
    </message>
    <message>
        <source>not expired (clock skew %1 s)</source>
        <translation>未过期（时钟偏差 %1 秒）</translation>
    </message>
    <message>
        <source>expired (clock skew %1 s)</source>
        <translation>已过期（时钟偏差 %1 秒）</translation>
    </message>
    <message>
        <source>after %1</source>
        <translation>晚于 %1</translation>
    </message>
    <message>
        <source>iat is missing or not a number</source>
        <translation>iat 缺失或不是数字</translation>
    </message>
    <message>
        <source>issued in the past</source>
        <translation>签发时间在过去</translation>
    </message>
    <message>
        <source>issued in the future</source>
        <translation>签发时间在未来</translation>
    </message>
    <message>
        <source>before %1</source>
        <translation>早于 %1</translation>
    </message>
    <message>
        <source>valid already (nbf)</source>
        <translation>已生效（nbf）</translation>
    </message>
    <message>
        <source>not valid yet (nbf)</source>
        <translation>尚未生效（nbf）</translation>
    </message>
    <message>
        <source>sub is present</source>
        <translation>sub 存在</translation>
    </message>
    <message>
        <source>sub is missing</source>
        <translation>缺少 sub</translation>
    </message>
    <message>
        <source>client_id is missing</source>
        <translation>缺少 client_id</translation>
    </message>
    <message>
        <source>client_id is the expected client</source>
        <translation>client_id 是期望的客户端</translation>
    </message>
    <message>
        <source>client_id is another client</source>
        <translation>client_id 是其他客户端</translation>
    </message>
    <message>
        <source>jti is present</source>
        <translation>jti 存在</translation>
    </message>
    <message>
        <source>jti is missing</source>
        <translation>缺少 jti</translation>
    </message>
    <message>
        <source>scope is a space-delimited string</source>
        <translation>scope 是以空格分隔的字符串</translation>
    </message>
    <message>
        <source>scope must be one space-delimited string, not a list</source>
        <translation>scope 必须是一个以空格分隔的字符串，而不是列表</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::IdTokenValidator</name>
    <message>
        <source>(absent)</source>
        <translation>（缺失）</translation>
    </message>
    <message>
        <source>iss is the issuer</source>
        <translation>iss 是该颁发者</translation>
    </message>
    <message>
        <source>iss is not the issuer</source>
        <translation>iss 不是该颁发者</translation>
    </message>
    <message>
        <source>aud contains the client_id</source>
        <translation>aud 包含该 client_id</translation>
    </message>
    <message>
        <source>aud does not contain the client_id</source>
        <translation>aud 不包含该 client_id</translation>
    </message>
    <message>
        <source>azp is the client_id</source>
        <translation>azp 是该 client_id</translation>
    </message>
    <message>
        <source>azp is not the client_id</source>
        <translation>azp 不是该 client_id</translation>
    </message>
    <message>
        <source>Several audiences and no azp</source>
        <translation>有多个受众但没有 azp</translation>
    </message>
    <message>
        <source>sub is missing</source>
        <translation>缺少 sub</translation>
    </message>
    <message>
        <source>sub is present</source>
        <translation>sub 存在</translation>
    </message>
    <message>
        <source>exp is missing or not a number</source>
        <translation>exp 缺失或不是数字</translation>
    </message>
    <message>
        <source>not expired (clock skew %1 s)</source>
        <translation>未过期（时钟偏差 %1 秒）</translation>
    </message>
    <message>
        <source>expired (clock skew %1 s)</source>
        <translation>已过期（时钟偏差 %1 秒）</translation>
    </message>
    <message>
        <source>after %1</source>
        <translation>晚于 %1</translation>
    </message>
    <message>
        <source>iat is missing or not a number</source>
        <translation>iat 缺失或不是数字</translation>
    </message>
    <message>
        <source>issued in the past</source>
        <translation>签发时间在过去</translation>
    </message>
    <message>
        <source>issued in the future</source>
        <translation>签发时间在未来</translation>
    </message>
    <message>
        <source>before %1</source>
        <translation>早于 %1</translation>
    </message>
    <message>
        <source>valid already (nbf)</source>
        <translation>已生效（nbf）</translation>
    </message>
    <message>
        <source>not valid yet (nbf)</source>
        <translation>尚未生效（nbf）</translation>
    </message>
    <message>
        <source>nonce is the one sent</source>
        <translation>nonce 与发送的一致</translation>
    </message>
    <message>
        <source>nonce is missing though one was sent</source>
        <translation>已发送 nonce，但令牌中缺少 nonce</translation>
    </message>
    <message>
        <source>nonce differs from the one sent (replay?)</source>
        <translation>nonce 与发送的不同（重放？）</translation>
    </message>
    <message>
        <source>The token carries a nonce but none was sent</source>
        <translation>令牌带有 nonce，但并未发送 nonce</translation>
    </message>
    <message>
        <source>max_age was requested but auth_time is missing</source>
        <translation>请求了 max_age，但缺少 auth_time</translation>
    </message>
    <message>
        <source>the authentication is recent enough (max_age %1 s)</source>
        <translation>认证时间足够近（max_age %1 秒）</translation>
    </message>
    <message>
        <source>the authentication is older than max_age %1 s</source>
        <translation>认证时间早于 max_age %1 秒的限制</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 匹配</translation>
    </message>
    <message>
        <source>%1 does not match</source>
        <translation>%1 不匹配</translation>
    </message>
    <message>
        <source>%1 is required here but missing</source>
        <translation>此处必须包含 %1，但它缺失</translation>
    </message>
    <message>
        <source>acr is one of the values requested</source>
        <translation>acr 是所请求的值之一</translation>
    </message>
    <message>
        <source>acr was requested as an essential claim but is missing</source>
        <translation>acr 已作为必需声明（essential）请求，但缺失</translation>
    </message>
    <message>
        <source>acr was requested (acr_values) but is missing</source>
        <translation>已请求 acr（acr_values），但缺失</translation>
    </message>
    <message>
        <source>acr is not one of the values requested as essential</source>
        <translation>acr 不是作为必需声明所请求的值之一</translation>
    </message>
    <message>
        <source>acr is not one of the values requested (acr_values is voluntary)</source>
        <translation>acr 不是所请求的值之一（acr_values 为自愿性请求）</translation>
    </message>
    <message>
        <source>typ is JWT</source>
        <translation>typ 为 JWT</translation>
    </message>
    <message>
        <source>typ is &quot;%1&quot;: another kind of JWT is not an ID token</source>
        <translation>typ 为 &quot;%1&quot;：其他类型的 JWT 不是 ID 令牌</translation>
    </message>
    <message>
        <source>(not a string)</source>
        <translation>（不是字符串）</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JweDecryptor</name>
    <message>
        <source>The token is %1 bytes long; the limit is %2.</source>
        <translation>令牌长度为 %1 字节；上限为 %2 字节。</translation>
    </message>
    <message>
        <source>A compact JWE has five segments.</source>
        <translation>紧凑序列化的 JWE 应有五段。</translation>
    </message>
    <message>
        <source>The %1 is not valid base64url (%2).</source>
        <translation>%1 不是有效的 base64url（%2）。</translation>
    </message>
    <message>
        <source>The IV, the ciphertext and the tag of a JWE must not be empty.</source>
        <translation>JWE 的 IV、密文和认证标签不能为空。</translation>
    </message>
    <message>
        <source>The JWE protected header is not a JSON object.</source>
        <translation>JWE 受保护头部不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The header has the member &quot;%1&quot; twice.</source>
        <translation>头部中的成员 &quot;%1&quot; 出现了两次。</translation>
    </message>
    <message>
        <source>A JWE header needs &quot;alg&quot; and &quot;enc&quot; strings.</source>
        <translation>JWE 头部需要 &quot;alg&quot; 和 &quot;enc&quot; 字符串。</translation>
    </message>
    <message>
        <source>The key management algorithm &quot;%1&quot; is not supported.</source>
        <translation>不支持密钥管理算法 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>The content encryption &quot;%1&quot; is not supported.</source>
        <translation>不支持内容加密算法 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>Compressed JWE (&quot;zip&quot;) are refused: decompressing before the sender is known invites compression bombs (RFC 8725 §3.6).</source>
        <translation>拒绝压缩的 JWE（&quot;zip&quot;）：在确认发送方之前就解压，容易招致压缩炸弹（RFC 8725 §3.6）。</translation>
    </message>
    <message>
        <source>&quot;crit&quot; requires extensions that are not understood.</source>
        <translation>&quot;crit&quot; 要求支持无法识别的扩展。</translation>
    </message>
    <message>
        <source>RSA1_5 key encryption is open to padding oracle attacks; RSA-OAEP is the safe choice.</source>
        <translation>RSA1_5 密钥加密易受填充预言（padding oracle）攻击；RSA-OAEP 才是安全的选择。</translation>
    </message>
    <message>
        <source>PBES2 needs a positive whole &quot;p2c&quot;.</source>
        <translation>PBES2 需要一个正整数 &quot;p2c&quot;。</translation>
    </message>
    <message>
        <source>&quot;p2c&quot; asks for %1 PBES2 iterations; more than %2 are refused (the cost would be the attacker&apos;s choice).</source>
        <translation>&quot;p2c&quot; 要求进行 %1 次 PBES2 迭代；超过 %2 次将被拒绝（否则计算成本将由攻击者决定）。</translation>
    </message>
    <message>
        <source>PBES2 with %1 iterations; at least 1000 are recommended.</source>
        <translation>PBES2 迭代次数为 %1；建议至少 1000 次。</translation>
    </message>
    <message>
        <source>The decryption key is not a JWK or a JWK Set.</source>
        <translation>解密密钥既不是 JWK 也不是 JWK Set。</translation>
    </message>
    <message>
        <source>The key has the member &quot;%1&quot; twice.</source>
        <translation>密钥中的成员 &quot;%1&quot; 出现了两次。</translation>
    </message>
    <message>
        <source>The JWE does not decrypt with the key(s) given.</source>
        <translation>无法用给定的密钥解密该 JWE。</translation>
    </message>
    <message>
        <source>This build of Tokenscope has no JWE decryption (libjose was not found).</source>
        <translation>此版本的 Tokenscope 不支持 JWE 解密（构建时未找到 libjose）。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::Jwk</name>
    <message>
        <source>The key is not valid JSON: %1</source>
        <translation>密钥不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>A JWK must be a JSON object.</source>
        <translation>JWK 必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>The key has the member &quot;%1&quot; twice.</source>
        <translation>密钥中的成员 &quot;%1&quot; 出现了两次。</translation>
    </message>
    <message>
        <source>The key has no &quot;kty&quot; string.</source>
        <translation>密钥中没有 &quot;kty&quot; 字符串。</translation>
    </message>
    <message>
        <source>The key member &quot;%1&quot; must be a string.</source>
        <translation>密钥成员 &quot;%1&quot; 必须是字符串。</translation>
    </message>
    <message>
        <source>The key member &quot;key_ops&quot; must be a list of strings.</source>
        <translation>密钥成员 &quot;key_ops&quot; 必须是字符串列表。</translation>
    </message>
    <message>
        <source>The key has no &quot;%1&quot; string.</source>
        <translation>密钥中没有 &quot;%1&quot; 字符串。</translation>
    </message>
    <message>
        <source>The key member &quot;%1&quot; is not valid base64url (%2).</source>
        <translation>密钥成员 &quot;%1&quot; 不是有效的 base64url（%2）。</translation>
    </message>
    <message>
        <source>The key has no &quot;crv&quot; string.</source>
        <translation>密钥中没有 &quot;crv&quot; 字符串。</translation>
    </message>
    <message>
        <source>The RSA public exponent &quot;e&quot; is not usable.</source>
        <translation>RSA 公钥指数 &quot;e&quot; 不可用。</translation>
    </message>
    <message>
        <source>The RSA modulus has %1 bits; keys under %2 bits are refused.</source>
        <translation>RSA 模数为 %1 位；低于 %2 位的密钥会被拒绝。</translation>
    </message>
    <message>
        <source>The RSA modulus has %1 bits; at least %2 are required.</source>
        <translation>RSA 模数为 %1 位；至少需要 %2 位。</translation>
    </message>
    <message>
        <source>The EC curve &quot;%1&quot; is not supported.</source>
        <translation>不支持 EC 曲线 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>EC coordinates on %1 must be %2 bytes long.</source>
        <translation>%1 上的 EC 坐标长度必须为 %2 字节。</translation>
    </message>
    <message>
        <source>The OKP curve &quot;%1&quot; is not a signature curve this code supports.</source>
        <translation>OKP 曲线 &quot;%1&quot; 不是本程序支持的签名曲线。</translation>
    </message>
    <message>
        <source>An %1 public key must be %2 bytes long.</source>
        <translation>%1 公钥的长度必须为 %2 字节。</translation>
    </message>
    <message>
        <source>The symmetric key &quot;k&quot; is empty.</source>
        <translation>对称密钥 &quot;k&quot; 为空。</translation>
    </message>
    <message>
        <source>The key type &quot;%1&quot; is not supported.</source>
        <translation>不支持密钥类型 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>OpenSSL refused the %1 public key.</source>
        <translation>OpenSSL 拒绝了该 %1 公钥。</translation>
    </message>
    <message>
        <source>A symmetric key has no public key.</source>
        <translation>对称密钥没有公钥。</translation>
    </message>
    <message>
        <source>OpenSSL could not allocate parameters.</source>
        <translation>OpenSSL 无法分配参数。</translation>
    </message>
    <message>
        <source>OpenSSL could not take the RSA key.</source>
        <translation>OpenSSL 无法载入该 RSA 密钥。</translation>
    </message>
    <message>
        <source>OpenSSL could not take the EC key.</source>
        <translation>OpenSSL 无法载入该 EC 密钥。</translation>
    </message>
    <message>
        <source>OpenSSL could not prepare the key.</source>
        <translation>OpenSSL 无法准备该密钥。</translation>
    </message>
    <message>
        <source>The EC point is not on the curve %1.</source>
        <translation>该 EC 点不在曲线 %1 上。</translation>
    </message>
    <message>
        <source>OpenSSL refused the RSA public key.</source>
        <translation>OpenSSL 拒绝了该 RSA 公钥。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JwkSet</name>
    <message>
        <source>The key set is not valid JSON: %1</source>
        <translation>密钥集不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>A JWK Set is a JSON object with a &quot;keys&quot; list.</source>
        <translation>JWK Set 应为包含 &quot;keys&quot; 列表的 JSON 对象。</translation>
    </message>
    <message>
        <source>The key set has the member &quot;%1&quot; twice in one object.</source>
        <translation>密钥集的同一对象中成员 &quot;%1&quot; 出现了两次。</translation>
    </message>
    <message>
        <source>Key %1 of the set is not used: %2</source>
        <translation>密钥集中的第 %1 个密钥未被使用：%2</translation>
    </message>
    <message>
        <source>it is not a JSON object.</source>
        <translation>该项不是 JSON 对象。</translation>
    </message>
    <message>
        <source>Key %1 of the set: %2</source>
        <translation>密钥集中的第 %1 个密钥：%2</translation>
    </message>
    <message>
        <source>Key %1 of the set carries private key material; a published key set must hold public keys only.</source>
        <translation>密钥集中的第 %1 个密钥包含私钥材料；公开发布的密钥集只能包含公钥。</translation>
    </message>
    <message>
        <source>Key %1 of the set repeats the kid &quot;%2&quot;; keys in a set should have distinct kid values.</source>
        <translation>密钥集中的第 %1 个密钥重复使用了 kid &quot;%2&quot;；同一密钥集中的密钥应使用不同的 kid 值。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JwksCache</name>
    <message numerus="yes">
        <source>The key set at %1 could not be fetched (%2); it is tried again at most once every %n s.</source>
        <translation>
            <numerusform>无法获取 %1 处的密钥集（%2）；最多每 %n 秒重试一次。</numerusform>
        </translation>
    </message>
    <message>
        <source>No key in the set has the kid &quot;%1&quot;, and the set was fetched %2 s ago; it is fetched again at most once every %3 s.</source>
        <translation>密钥集中没有 kid 为 &quot;%1&quot; 的密钥，而该密钥集是 %2 秒前获取的；最多每 %3 秒重新获取一次。</translation>
    </message>
    <message>
        <source>JWKS (fetched again for an unknown kid or an old set)</source>
        <translation>JWKS（因 kid 未知或密钥集过旧而重新获取）</translation>
    </message>
    <message>
        <source>JWKS</source>
        <translation>JWKS</translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation>%2 返回 HTTP %1</translation>
    </message>
    <message>
        <source>The key set was fetched again (a kid it lacked, or it was older than %1 s).</source>
        <translation>已重新获取密钥集（缺少所需的 kid，或已超过 %1 秒）。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JwsSigner</name>
    <message>
        <source>Not a PEM private key (PKCS #8 or a traditional RSA or EC key).</source>
        <translation>不是 PEM 私钥（PKCS #8，或传统格式的 RSA 或 EC 密钥）。</translation>
    </message>
    <message>
        <source>This key type cannot sign a JWS.</source>
        <translation>此类型的密钥无法为 JWS 签名。</translation>
    </message>
    <message>
        <source>The JWK is not a JSON object.</source>
        <translation>该 JWK 不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The JWK repeats the member “%1”.</source>
        <translation>该 JWK 中的成员“%1”重复出现。</translation>
    </message>
    <message>
        <source>An oct JWK needs its secret in &quot;k&quot; (base64url).</source>
        <translation>oct 类型的 JWK 需要在 &quot;k&quot; 中给出其密钥（base64url）。</translation>
    </message>
    <message>
        <source>This JWK has no private part (&quot;d&quot;): it can verify but not sign.</source>
        <translation>该 JWK 没有私钥部分（&quot;d&quot;）：只能验证，不能签名。</translation>
    </message>
    <message>
        <source>The RSA JWK member &quot;%1&quot; is missing or not base64url.</source>
        <translation>RSA JWK 的成员 &quot;%1&quot; 缺失或不是 base64url。</translation>
    </message>
    <message>
        <source>The EC JWK needs crv (P-256, P-384, P-521), x, y and d.</source>
        <translation>EC JWK 需要 crv（P-256、P-384、P-521）、x、y 和 d。</translation>
    </message>
    <message>
        <source>OpenSSL refused the EC key.</source>
        <translation>OpenSSL 拒绝了该 EC 密钥。</translation>
    </message>
    <message>
        <source>The OKP JWK needs crv Ed25519 or Ed448 and d.</source>
        <translation>OKP JWK 需要 crv（Ed25519 或 Ed448）和 d。</translation>
    </message>
    <message>
        <source>Unsupported JWK key type “%1”.</source>
        <translation>不支持的 JWK 密钥类型“%1”。</translation>
    </message>
    <message>
        <source>OpenSSL refused the %1 key.</source>
        <translation>OpenSSL 拒绝了该 %1 密钥。</translation>
    </message>
    <message>
        <source>No key can be generated for the algorithm “%1”.</source>
        <translation>无法为算法“%1”生成密钥。</translation>
    </message>
    <message>
        <source>Key generation failed.</source>
        <translation>密钥生成失败。</translation>
    </message>
    <message>
        <source>The header is not a JSON object: %1</source>
        <translation>头部不是 JSON 对象：%1</translation>
    </message>
    <message>
        <source>The header has no &quot;alg&quot;.</source>
        <translation>头部中没有 &quot;alg&quot;。</translation>
    </message>
    <message>
        <source>&quot;alg&quot;: &quot;none&quot; is an unsigned token: there is nothing to sign.</source>
        <translation>&quot;alg&quot;: &quot;none&quot; 表示未签名的令牌：没有需要签名的内容。</translation>
    </message>
    <message>
        <source>Unsupported algorithm “%1”.</source>
        <translation>不支持的算法“%1”。</translation>
    </message>
    <message>
        <source>No signing key.</source>
        <translation>没有签名密钥。</translation>
    </message>
    <message>
        <source>%1 needs an HMAC secret, not a %2 key.</source>
        <translation>%1 需要 HMAC 密钥，而不是 %2 密钥。</translation>
    </message>
    <message>
        <source>HMAC computation failed.</source>
        <translation>HMAC 计算失败。</translation>
    </message>
    <message>
        <source>A %1 key cannot sign %2; it signs %3.</source>
        <translation>%1 密钥不能用于 %2 签名；它只能用于 %3。</translation>
    </message>
    <message>
        <source>OpenSSL could not start signing.</source>
        <translation>OpenSSL 无法开始签名。</translation>
    </message>
    <message>
        <source>OpenSSL could not sign.</source>
        <translation>OpenSSL 签名失败。</translation>
    </message>
    <message>
        <source>OpenSSL gave a malformed signature.</source>
        <translation>OpenSSL 生成的签名格式错误。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JwsToken</name>
    <message>
        <source>The protected header is not valid base64url (%1).</source>
        <translation>受保护头部不是有效的 base64url（%1）。</translation>
    </message>
    <message>
        <source>The header is not UTF-8 text.</source>
        <translation>头部不是 UTF-8 文本。</translation>
    </message>
    <message>
        <source>The header is JSON but not an object.</source>
        <translation>头部是 JSON，但不是对象。</translation>
    </message>
    <message>
        <source>The header is not JSON: %1</source>
        <translation>头部不是 JSON：%1</translation>
    </message>
    <message>
        <source>The header has the member &quot;%1&quot; twice.</source>
        <translation>头部中的成员 &quot;%1&quot; 出现了两次。</translation>
    </message>
    <message>
        <source>The payload is not valid base64url (%1).</source>
        <translation>载荷不是有效的 base64url（%1）。</translation>
    </message>
    <message>
        <source>The payload has the member &quot;%1&quot; twice.</source>
        <translation>载荷中的成员 &quot;%1&quot; 出现了两次。</translation>
    </message>
    <message>
        <source>The token is %1 bytes long; the limit is %2.</source>
        <translation>令牌长度为 %1 字节；上限为 %2 字节。</translation>
    </message>
    <message>
        <source>This is a JWE (five segments); decryption is not available yet.</source>
        <translation>这是一个 JWE（五段）；暂不支持解密。</translation>
    </message>
    <message>
        <source>A compact JWS has three segments; this has more than five.</source>
        <translation>紧凑序列化的 JWS 应有三段；此令牌超过五段。</translation>
    </message>
    <message>
        <source>A compact JWS has three segments; this has %1.</source>
        <translation>紧凑序列化的 JWS 应有三段；此令牌有 %1 段。</translation>
    </message>
    <message>
        <source>The header has no &quot;alg&quot; string.</source>
        <translation>头部中没有 &quot;alg&quot; 字符串。</translation>
    </message>
    <message>
        <source>The signature is not valid base64url (%1).</source>
        <translation>签名不是有效的 base64url（%1）。</translation>
    </message>
    <message>
        <source>The JWS is %1 bytes long; the limit is %2.</source>
        <translation>JWS 长度为 %1 字节；上限为 %2 字节。</translation>
    </message>
    <message>
        <source>The JWS is not valid JSON: %1</source>
        <translation>JWS 不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>A JWS JSON serialization is a JSON object.</source>
        <translation>JWS JSON 序列化必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>The JWS has the member &quot;%1&quot; twice in one object.</source>
        <translation>JWS 的同一对象中成员 &quot;%1&quot; 出现了两次。</translation>
    </message>
    <message>
        <source>The JWS has no &quot;payload&quot; string (detached payloads are not supported).</source>
        <translation>JWS 中没有 &quot;payload&quot; 字符串（不支持分离式载荷）。</translation>
    </message>
    <message>
        <source>The general JWS serialization must not also have flattened members.</source>
        <translation>通用 JWS 序列化中不得同时包含扁平序列化的成员。</translation>
    </message>
    <message>
        <source>&quot;signatures&quot; must be a non-empty list.</source>
        <translation>&quot;signatures&quot; 必须是非空列表。</translation>
    </message>
    <message>
        <source>The JWS has %1 signatures; the limit is %2.</source>
        <translation>JWS 有 %1 个签名；上限为 %2 个。</translation>
    </message>
    <message>
        <source>Each entry of &quot;signatures&quot; must be an object.</source>
        <translation>&quot;signatures&quot; 中的每一项都必须是对象。</translation>
    </message>
    <message>
        <source>A signature entry has no &quot;signature&quot; string.</source>
        <translation>有签名项中没有 &quot;signature&quot; 字符串。</translation>
    </message>
    <message>
        <source>&quot;protected&quot; must be a string and &quot;header&quot; an object.</source>
        <translation>&quot;protected&quot; 必须是字符串，&quot;header&quot; 必须是对象。</translation>
    </message>
    <message>
        <source>A signature entry needs &quot;protected&quot; or &quot;header&quot;.</source>
        <translation>签名项必须包含 &quot;protected&quot; 或 &quot;header&quot;。</translation>
    </message>
    <message>
        <source>The header member &quot;%1&quot; is both protected and unprotected.</source>
        <translation>头部成员 &quot;%1&quot; 同时出现在受保护头部和非受保护头部中。</translation>
    </message>
    <message>
        <source>&quot;crit&quot; must be in the protected header.</source>
        <translation>&quot;crit&quot; 必须位于受保护头部中。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Jose::JwsVerifier</name>
    <message>
        <source>HMAC computation failed.</source>
        <translation>HMAC 计算失败。</translation>
    </message>
    <message>
        <source>An %1 signature is %2 bytes long, not %3.</source>
        <translation>%1 签名的长度应为 %2 字节，而不是 %3 字节。</translation>
    </message>
    <message>
        <source>The ECDSA signature could not be converted.</source>
        <translation>无法转换该 ECDSA 签名。</translation>
    </message>
    <message>
        <source>OpenSSL could not set up the verification.</source>
        <translation>OpenSSL 无法初始化验证。</translation>
    </message>
    <message>
        <source>kty is %1, %2 needs %3</source>
        <translation>kty 为 %1，而 %2 需要 %3</translation>
    </message>
    <message>
        <source>curve is %1, %2 needs %3</source>
        <translation>曲线为 %1，而 %2 需要 %3</translation>
    </message>
    <message>
        <source>curve %1 does not fit %2</source>
        <translation>曲线 %1 不适用于 %2</translation>
    </message>
    <message>
        <source>use is &quot;%1&quot;, not &quot;sig&quot;</source>
        <translation>use 为 &quot;%1&quot;，而不是 &quot;sig&quot;</translation>
    </message>
    <message>
        <source>key_ops does not include &quot;verify&quot;</source>
        <translation>key_ops 中不包含 &quot;verify&quot;</translation>
    </message>
    <message>
        <source>the key is for %1, the token uses %2</source>
        <translation>该密钥用于 %1，而令牌使用的是 %2</translation>
    </message>
    <message>
        <source>key &quot;%1&quot;</source>
        <translation>密钥 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>key %1</source>
        <translation>第 %1 个密钥</translation>
    </message>
    <message>
        <source>The header names a key in &quot;%1&quot;; it is ignored: only the configured key set is trusted.</source>
        <translation>头部通过 &quot;%1&quot; 指定了密钥；已忽略：只信任已配置的密钥集。</translation>
    </message>
    <message>
        <source>&quot;crit&quot; must be a non-empty list of header parameter names.</source>
        <translation>&quot;crit&quot; 必须是由头部参数名组成的非空列表。</translation>
    </message>
    <message>
        <source>&quot;crit&quot; must list header parameter names.</source>
        <translation>&quot;crit&quot; 中只能列出头部参数名。</translation>
    </message>
    <message>
        <source>&quot;crit&quot; lists &quot;%1&quot;, a parameter the specification defines.</source>
        <translation>&quot;crit&quot; 列出了 &quot;%1&quot;，但它是规范已定义的参数。</translation>
    </message>
    <message>
        <source>&quot;crit&quot; lists &quot;%1&quot;, which the protected header lacks.</source>
        <translation>&quot;crit&quot; 列出了 &quot;%1&quot;，但受保护头部中没有该参数。</translation>
    </message>
    <message>
        <source>&quot;crit&quot; requires the extension &quot;%1&quot;, which is not understood.</source>
        <translation>&quot;crit&quot; 要求支持扩展 &quot;%1&quot;，但无法识别该扩展。</translation>
    </message>
    <message>
        <source>The token is unsigned (&quot;alg&quot;: &quot;none&quot;); a signature is required.</source>
        <translation>该令牌未签名（&quot;alg&quot;: &quot;none&quot;）；必须有签名。</translation>
    </message>
    <message>
        <source>The algorithm &quot;%1&quot; is not supported.</source>
        <translation>不支持算法 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>The algorithm %1 is not among the allowed ones (%2).</source>
        <translation>算法 %1 不在允许的算法之列（%2）。</translation>
    </message>
    <message>
        <source>An %1 signature is R || S, %2 bytes long; this one has %3.</source>
        <translation>%1 签名为 R || S，长度应为 %2 字节；此签名为 %3 字节。</translation>
    </message>
    <message>
        <source>The key set is empty.</source>
        <translation>密钥集为空。</translation>
    </message>
    <message>
        <source>No key in the set has the kid &quot;%1&quot;.</source>
        <translation>密钥集中没有 kid 为 &quot;%1&quot; 的密钥。</translation>
    </message>
    <message>
        <source>%1 is an HMAC algorithm but the only keys that apply are public keys: using one as an HMAC secret is the key confusion attack.</source>
        <translation>%1 是 HMAC 算法，但适用的密钥都是公钥：将公钥用作 HMAC 密钥正是密钥混淆攻击。</translation>
    </message>
    <message>
        <source>No key may verify this %1 token (%2).</source>
        <translation>没有可用于验证此 %1 令牌的密钥（%2）。</translation>
    </message>
    <message>
        <source>The %1 key has %2 bits; at least %3 are required.</source>
        <translation>%1 密钥为 %2 位；至少需要 %3 位。</translation>
    </message>
    <message>
        <source>The %1 signature verifies with %2 (%3, thumbprint %4).</source>
        <translation>%1 签名验证通过：%2（%3，指纹 %4）。</translation>
    </message>
    <message numerus="yes">
        <source>The %1 signature does not verify with any of the %n candidate key(s).</source>
        <translation>
            <numerusform>%1 签名无法通过任何候选密钥（共 %n 个）的验证。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tokenscope::JsonReader</name>
    <message>
        <source>the body is empty, a JSON document was expected</source>
        <translation>正文为空，应为 JSON 文档</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>line %1, column %2: unescaped control character U+%3 in a string</source>
        <translation>第 %1 行，第 %2 列：字符串中有未转义的控制字符 U+%3</translation>
    </message>
</context>
<context>
    <name>Tokenscope::OAuthErrorExplanation</name>
    <message>
        <source>The request is malformed: a required parameter is missing, one is repeated or has a value the provider does not accept. Compare the raw request with the provider&apos;s documentation.</source>
        <translation>请求格式有误：缺少必需的参数、某个参数重复，或某个值提供方不接受。请对照提供方的文档检查原始请求。</translation>
    </message>
    <message>
        <source>The provider did not accept the client&apos;s credentials: a wrong client_id or secret, the secret sent the wrong way (basic vs post), an expired or wrongly signed client assertion, or a client that does not exist on this provider.</source>
        <translation>提供方不接受客户端的凭据：client_id 或密钥错误、密钥的发送方式不对（basic 与 post）、客户端断言已过期或签名错误，或此提供方上不存在该客户端。</translation>
    </message>
    <message>
        <source>The grant is not valid (any more): a code that expired or was used already, a redirect_uri or code_verifier that differs from the authorization request, a refresh token that was rotated, revoked or expired, or a session that ended.</source>
        <translation>授权许可（已）无效：授权码已过期或已被使用、redirect_uri 或 code_verifier 与授权请求不一致、刷新令牌已轮换、撤销或过期，或会话已结束。</translation>
    </message>
    <message>
        <source>The client exists but may not use this grant type or response type: enable it in the client&apos;s registration at the provider.</source>
        <translation>客户端存在，但不允许使用此授权类型或响应类型：请在提供方的客户端注册中启用它。</translation>
    </message>
    <message>
        <source>The provider does not support this grant_type at all (check grant_types_supported in its metadata) or the value is misspelt.</source>
        <translation>提供方根本不支持此 grant_type（请查看其元数据中的 grant_types_supported），或该值拼写有误。</translation>
    </message>
    <message>
        <source>A requested scope is unknown, not allowed for this client, or exceeds what the original grant covered (on refresh).</source>
        <translation>所请求的某个范围未知、不允许此客户端使用，或超出了原授权许可的范围（刷新时）。</translation>
    </message>
    <message>
        <source>The user (or a policy of the provider) refused: the user pressed Deny, or the account may not use this client.</source>
        <translation>用户（或提供方的某项策略）拒绝了：用户点了“拒绝”，或该账户不允许使用此客户端。</translation>
    </message>
    <message>
        <source>The provider does not offer this response_type, or not to this client (see response_types_supported and the client&apos;s registration).</source>
        <translation>提供方不提供此 response_type，或不对此客户端提供（请查看 response_types_supported 和客户端的注册）。</translation>
    </message>
    <message>
        <source>The provider failed internally. Not the client&apos;s fault; try again and check the provider&apos;s logs.</source>
        <translation>提供方内部出错。不是客户端的问题；请重试并查看提供方的日志。</translation>
    </message>
    <message>
        <source>The provider is overloaded or in maintenance; try again later.</source>
        <translation>提供方负载过高或正在维护；请稍后再试。</translation>
    </message>
    <message>
        <source>prompt=none was asked, but the user has to do something first (sign in, consent, choose an account): run the flow without prompt=none.</source>
        <translation>请求了 prompt=none，但用户必须先做点什么（登录、同意、选择账户）：请不带 prompt=none 重新运行流程。</translation>
    </message>
    <message>
        <source>prompt=none was asked, but the user has no session at the provider (or the embedded browser started a fresh one).</source>
        <translation>请求了 prompt=none，但用户在提供方没有会话（或内嵌浏览器开了一个新会话）。</translation>
    </message>
    <message>
        <source>prompt=none was asked, but the user has not consented to these scopes yet.</source>
        <translation>请求了 prompt=none，但用户尚未同意这些范围。</translation>
    </message>
    <message>
        <source>prompt=none was asked, but the user has several sessions and must choose one.</source>
        <translation>请求了 prompt=none，但用户有多个会话，必须选择一个。</translation>
    </message>
    <message>
        <source>The request_uri is unknown, expired or was used already (a pushed authorization request works once, for a short time).</source>
        <translation>request_uri 未知、已过期或已被使用（推送的授权请求只能使用一次，且有效期很短）。</translation>
    </message>
    <message>
        <source>The request object&apos;s signature, audience, issuer or claims were not accepted.</source>
        <translation>请求对象的签名、受众、颁发者或声明未被接受。</translation>
    </message>
    <message>
        <source>The provider does not accept request objects (the request parameter).</source>
        <translation>提供方不接受请求对象（request 参数）。</translation>
    </message>
    <message>
        <source>Not an error to stop on: the user has not finished yet, so the client polls again after the interval.</source>
        <translation>这不是应停止的错误：用户还没完成，客户端会在间隔之后再次轮询。</translation>
    </message>
    <message>
        <source>The client polls too often: it must wait 5 seconds longer between polls from now on (RFC 8628 §3.5).</source>
        <translation>客户端轮询过于频繁：从现在起每次轮询之间必须多等 5 秒（RFC 8628 §3.5）。</translation>
    </message>
    <message>
        <source>The device code or CIBA request expired before the user finished: start again.</source>
        <translation>设备代码或 CIBA 请求在用户完成之前已过期：请重新开始。</translation>
    </message>
    <message>
        <source>The access token is expired, revoked, malformed, issued for another resource, or bound to a key (DPoP, mTLS) the request did not prove.</source>
        <translation>访问令牌已过期、已撤销、格式错误、是为其他资源签发的，或绑定到了请求未能证明的密钥（DPoP、mTLS）。</translation>
    </message>
    <message>
        <source>The token is valid but lacks a scope this resource needs: ask for it in the authorization request.</source>
        <translation>令牌有效，但缺少此资源所需的范围：请在授权请求中申请该范围。</translation>
    </message>
    <message>
        <source>Step-up (RFC 9470): the resource wants a stronger or more recent sign-in; run the authorization flow again with the acr_values or max_age it names.</source>
        <translation>升级认证（RFC 9470）：资源要求更强或更近的登录；请带上它指明的 acr_values 或 max_age 重新运行授权流程。</translation>
    </message>
    <message>
        <source>The provider wants its nonce in the DPoP proof: send the request again with the DPoP-Nonce it returned (RFC 9449 §8).</source>
        <translation>提供方要求在 DPoP 证明中使用它的 nonce：请用它返回的 DPoP-Nonce 重新发送请求（RFC 9449 §8）。</translation>
    </message>
    <message>
        <source>The DPoP proof was refused: wrong htm/htu, an old iat, a reused jti, a missing ath, or a key other than the token is bound to.</source>
        <translation>DPoP 证明被拒绝：htm/htu 错误、iat 过旧、jti 被重复使用、缺少 ath，或所用密钥不是令牌绑定的密钥。</translation>
    </message>
    <message>
        <source>The resource or audience requested is unknown to the provider or not allowed for this client (RFC 8707, RFC 8693).</source>
        <translation>所请求的资源或受众对提供方未知，或不允许此客户端使用（RFC 8707、RFC 8693）。</translation>
    </message>
    <message>
        <source>The provider cannot revoke or exchange this type of token.</source>
        <translation>提供方无法撤销或交换此类令牌。</translation>
    </message>
    <message>
        <source>A redirect URI in the registration is not acceptable (scheme, host or fragment).</source>
        <translation>注册中的某个重定向 URI 不可接受（scheme、主机或片段）。</translation>
    </message>
    <message>
        <source>A value in the client registration is not acceptable to the provider; its description usually names the field.</source>
        <translation>客户端注册中的某个值提供方不接受；其描述通常会指出是哪个字段。</translation>
    </message>
    <message>
        <source>CIBA: the login hint names no user the provider knows.</source>
        <translation>CIBA：登录提示指向的用户提供方不认识。</translation>
    </message>
    <message>
        <source>CIBA: the login_hint_token has expired.</source>
        <translation>CIBA：login_hint_token 已过期。</translation>
    </message>
    <message>
        <source>CIBA: the binding_message is too long or has characters the provider refuses.</source>
        <translation>CIBA：binding_message 过长，或含有提供方拒绝的字符。</translation>
    </message>
    <message>
        <source>CIBA: the provider could not complete the authentication on the user&apos;s device.</source>
        <translation>CIBA：提供方无法在用户的设备上完成认证。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::PolledGrantFlow</name>
    <message>
        <source>%1 answered HTTP %2 with JSON that is not an object</source>
        <translation>%1 返回了 HTTP %2，但其 JSON 不是对象</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 without a JSON body (%3)</source>
        <translation>%1 返回了 HTTP %2，但没有 JSON 正文（%3）</translation>
    </message>
    <message>
        <source>%1 answered with an error: %2</source>
        <translation>%1 返回了错误：%2</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 without an OAuth error</source>
        <translation>%1 返回了 HTTP %2，但没有 OAuth 错误</translation>
    </message>
    <message>
        <source>The flow was cancelled</source>
        <translation>流程已取消</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Profiles::ProfileExport</name>
    <message>
        <source>scrypt n must be a power of two from 2^10 to 2^20, not %1</source>
        <translation>scrypt 的 n 必须是 2^10 到 2^20 之间的 2 的幂，而不是 %1</translation>
    </message>
    <message>
        <source>scrypt r must be from 1 to 32, not %1</source>
        <translation>scrypt 的 r 必须在 1 到 32 之间，而不是 %1</translation>
    </message>
    <message>
        <source>scrypt p must be from 1 to 16, not %1</source>
        <translation>scrypt 的 p 必须在 1 到 16 之间，而不是 %1</translation>
    </message>
    <message>
        <source>scrypt n and r ask for more than 256 MiB of memory</source>
        <translation>scrypt 的 n 和 r 所需内存超过 256 MiB</translation>
    </message>
    <message>
        <source>two profiles are named “%1”</source>
        <translation>有两个配置文件都名为“%1”</translation>
    </message>
    <message>
        <source>two profiles have the id %1</source>
        <translation>有两个配置文件的 id 都是 %1</translation>
    </message>
    <message>
        <source>exporting secrets needs a passphrase</source>
        <translation>导出机密需要口令</translation>
    </message>
    <message>
        <source>the random generator failed</source>
        <translation>随机数生成器出错</translation>
    </message>
    <message>
        <source>scrypt failed</source>
        <translation>scrypt 计算失败</translation>
    </message>
    <message>
        <source>AES-256-GCM failed</source>
        <translation>AES-256-GCM 加密失败</translation>
    </message>
    <message>
        <source>not a Tokenscope profile export (no &quot;format&quot;: &quot;%1&quot;)</source>
        <translation>不是 Tokenscope 配置文件导出文件（没有 &quot;format&quot;: &quot;%1&quot;）</translation>
    </message>
    <message>
        <source>export version %1 is not supported (this Tokenscope reads version %2)</source>
        <translation>不支持导出格式版本 %1（当前 Tokenscope 可读取的是版本 %2）</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>（缺失）</translation>
    </message>
    <message>
        <source>profiles must be an array</source>
        <translation>profiles 必须是数组</translation>
    </message>
    <message>
        <source>%1 must be an object</source>
        <translation>%1 必须是对象</translation>
    </message>
    <message>
        <source>encrypted_secrets must be an object or null</source>
        <translation>encrypted_secrets 必须是对象或 null</translation>
    </message>
    <message>
        <source>encrypted_secrets.cipher must be “%1”</source>
        <translation>encrypted_secrets.cipher 必须是“%1”</translation>
    </message>
    <message>
        <source>encrypted_secrets.kdf must be {&quot;name&quot;: &quot;scrypt&quot;, &quot;n&quot;, &quot;r&quot;, &quot;p&quot;, &quot;salt&quot;}</source>
        <translation>encrypted_secrets.kdf 必须是 {&quot;name&quot;: &quot;scrypt&quot;, &quot;n&quot;, &quot;r&quot;, &quot;p&quot;, &quot;salt&quot;}</translation>
    </message>
    <message>
        <source>encrypted_secrets.%1 must be base64</source>
        <translation>encrypted_secrets.%1 必须是 base64</translation>
    </message>
    <message>
        <source>the encrypted secrets&apos; iv, tag or key check has the wrong length</source>
        <translation>加密机密的 iv、tag 或密钥校验值长度不正确</translation>
    </message>
    <message>
        <source>the file holds encrypted secrets: a passphrase is needed to import them</source>
        <translation>该文件包含加密的机密：需要口令才能导入</translation>
    </message>
    <message>
        <source>the passphrase does not open the encrypted secrets</source>
        <translation>该口令无法解开这些加密的机密</translation>
    </message>
    <message>
        <source>the file was changed after it was exported: the encrypted secrets or the profiles they belong to do not match their authentication tag</source>
        <translation>该文件在导出后被修改过：加密的机密或其所属的配置文件与认证标签不匹配</translation>
    </message>
    <message>
        <source>the encrypted secrets hold an unknown kind or a bad value</source>
        <translation>加密的机密中包含未知类型或无效的值</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Profiles::ProfileImport</name>
    <message>
        <source>new profile</source>
        <translation>新配置文件</translation>
    </message>
    <message>
        <source>the same profile (id %1) exists as “%2”</source>
        <translation>同一配置文件（id %1）已以“%2”的名称存在</translation>
    </message>
    <message>
        <source>a profile named “%1” exists</source>
        <translation>名为“%1”的配置文件已存在</translation>
    </message>
    <message>
        <source>%1; not replaced without the choice to overwrite</source>
        <translation>%1；未选择覆盖，因此不予替换</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Profiles::ProfileJson</name>
    <message>
        <source>%1 must be %2</source>
        <translation>%1 必须是 %2</translation>
    </message>
    <message>
        <source>schema_version must be a non-negative integer</source>
        <translation>schema_version 必须是非负整数</translation>
    </message>
    <message>
        <source>written by a newer Tokenscope (schema version %1, this one reads up to %2)</source>
        <translation>由更新版本的 Tokenscope 写入（架构版本 %1，当前版本最高只能读取 %2）</translation>
    </message>
    <message>
        <source>id must be a UUID</source>
        <translation>id 必须是 UUID</translation>
    </message>
    <message>
        <source>provider.discovery.fetched_at must be an ISO 8601 time</source>
        <translation>provider.discovery.fetched_at 必须是 ISO 8601 时间</translation>
    </message>
    <message>
        <source>%1: unknown kind of secret</source>
        <translation>%1：未知的机密类型</translation>
    </message>
    <message>
        <source>%1.stored_in must be &quot;keychain&quot; or &quot;file&quot;</source>
        <translation>%1.stored_in 必须是 &quot;keychain&quot; 或 &quot;file&quot;</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>a URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>字符串数组</translation>
    </message>
    <message>
        <source>an array of {&quot;name&quot;, &quot;value&quot;} strings</source>
        <translation>由 {&quot;name&quot;, &quot;value&quot;} 字符串组成的数组</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Profiles::ProfileManager</name>
    <message>
        <source>the profile does not keep refresh tokens</source>
        <translation>该配置文件不保存刷新令牌</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Profiles::ProfileStore</name>
    <message>
        <source>the same id as %1</source>
        <translation>与 %1 的 id 相同</translation>
    </message>
    <message>
        <source>no such profile file</source>
        <translation>配置文件不存在</translation>
    </message>
    <message>
        <source>the document is not a JSON object</source>
        <translation>文档不是 JSON 对象</translation>
    </message>
    <message>
        <source>a file for this profile exists but was not loaded</source>
        <translation>此配置文件对应的文件已存在，但未被加载</translation>
    </message>
    <message>
        <source>the file was deleted since it was loaded</source>
        <translation>文件在加载后已被删除</translation>
    </message>
    <message>
        <source>the file changed on disk since it was loaded (loaded: modified %1; now: modified %2)</source>
        <translation>文件在加载后已在磁盘上被修改（加载时：修改于 %1；当前：修改于 %2）</translation>
    </message>
    <message>
        <source>cannot create the directory</source>
        <translation>无法创建目录</translation>
    </message>
    <message>
        <source>cannot make the directory private</source>
        <translation>无法将目录设为私有</translation>
    </message>
    <message>
        <source>the profile has no id</source>
        <translation>配置文件没有 id</translation>
    </message>
    <message>
        <source>cannot make the file private: %1</source>
        <translation>无法将文件设为私有：%1</translation>
    </message>
    <message>
        <source>no profile named “%1” in %2</source>
        <translation>%2 中没有名为“%1”的配置文件</translation>
    </message>
    <message>
        <source>%1 profiles are named “%2”: rename all but one</source>
        <translation>有 %1 个配置文件名为“%2”：请只保留一个，重命名其余的</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Redirect::LoopbackListener</name>
    <message>
        <source>Too large</source>
        <translation>请求过大</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>请求内容过大。</translation>
    </message>
    <message>
        <source>Bad request</source>
        <translation>错误的请求</translation>
    </message>
    <message>
        <source>Malformed request.</source>
        <translation>请求格式不正确。</translation>
    </message>
    <message>
        <source>A request for host “%1” was refused: only %2 is served</source>
        <translation>已拒绝发往主机“%1”的请求：仅服务于 %2</translation>
    </message>
    <message>
        <source>Wrong host</source>
        <translation>主机不正确</translation>
    </message>
    <message>
        <source>This listener only answers requests for %1.</source>
        <translation>此监听器只响应发往 %1 的请求。</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>此处没有内容。</translation>
    </message>
    <message>
        <source>A second response arrived at the redirect URI and was ignored</source>
        <translation>重定向 URI 收到了第二个响应，已忽略</translation>
    </message>
    <message>
        <source>Already received</source>
        <translation>已收到</translation>
    </message>
    <message>
        <source>Tokenscope already has the authorization response. You can close this window.</source>
        <translation>Tokenscope 已收到授权响应。现在可以关闭此窗口。</translation>
    </message>
    <message>
        <source>Unsupported</source>
        <translation>不支持</translation>
    </message>
    <message>
        <source>A form_post response is form-encoded.</source>
        <translation>form_post 响应必须采用表单编码（application/x-www-form-urlencoded）。</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>不允许</translation>
    </message>
    <message>
        <source>GET or POST only.</source>
        <translation>仅支持 GET 或 POST。</translation>
    </message>
    <message>
        <source>No parameters arrived in the URL: nothing to relay.</source>
        <translation>URL 中没有收到任何参数：没有可转交的内容。</translation>
    </message>
    <message>
        <source>Passing the response to Tokenscope…</source>
        <translation>正在将响应转交给 Tokenscope…</translation>
    </message>
    <message>
        <source>Tokenscope received the response</source>
        <translation>Tokenscope 已收到响应</translation>
    </message>
    <message>
        <source>Tokenscope received the authorization response. You can close this window and return to Tokenscope.</source>
        <translation>Tokenscope 已收到授权响应。现在可以关闭此窗口并返回 Tokenscope。</translation>
    </message>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation>无法在 %1:%2 上监听：%3</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox</name>
    <message>
        <source>Sandbox</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <source>Tokenscope&apos;s built-in provider on 127.0.0.1, started when this profile is used. Sign in as alice, bob or li.lei; nothing leaves this computer.</source>
        <translation>Tokenscope 内置的提供方，运行在 127.0.0.1 上，使用此配置文件时自动启动。可以 alice、bob 或 li.lei 的身份登录；所有数据都不会离开本机。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxClientAssertion</name>
    <message>
        <source>the assertion is not a compact JWS</source>
        <translation>the assertion is not a compact JWS</translation>
    </message>
    <message>
        <source>the assertion payload is not a JSON object</source>
        <translation>the assertion payload is not a JSON object</translation>
    </message>
    <message>
        <source>the client has no secret</source>
        <translation>the client has no secret</translation>
    </message>
    <message>
        <source>the client has no registered keys (jwks)</source>
        <translation>the client has no registered keys (jwks)</translation>
    </message>
    <message>
        <source>the assertion signature does not verify with the client secret (alg %1)</source>
        <translation>the assertion signature does not verify with the client secret (alg %1)</translation>
    </message>
    <message>
        <source>the assertion signature does not verify with the client&apos;s keys (alg %1)</source>
        <translation>the assertion signature does not verify with the client&apos;s keys (alg %1)</translation>
    </message>
    <message>
        <source>iss must be the client_id</source>
        <translation>iss must be the client_id</translation>
    </message>
    <message>
        <source>sub must be the client_id</source>
        <translation>sub must be the client_id</translation>
    </message>
    <message>
        <source>sub is missing</source>
        <translation>sub is missing</translation>
    </message>
    <message>
        <source>exp is missing or not a number</source>
        <translation>exp is missing or not a number</translation>
    </message>
    <message>
        <source>the assertion has expired</source>
        <translation>the assertion has expired</translation>
    </message>
    <message>
        <source>exp is too far in the future (at most one hour)</source>
        <translation>exp is too far in the future (at most one hour)</translation>
    </message>
    <message>
        <source>the assertion is not valid yet (nbf)</source>
        <translation>the assertion is not valid yet (nbf)</translation>
    </message>
    <message>
        <source>iat is not a time in the past</source>
        <translation>iat is not a time in the past</translation>
    </message>
    <message>
        <source>jti is missing</source>
        <translation>jti is missing</translation>
    </message>
    <message>
        <source>this assertion (jti) was used already</source>
        <translation>this assertion (jti) was used already</translation>
    </message>
    <message>
        <source>too many assertions in flight; try again later</source>
        <translation>too many assertions in flight; try again later</translation>
    </message>
    <message>
        <source>aud must name the token endpoint, the issuer or the endpoint called</source>
        <translation>aud must name the token endpoint, the issuer or the endpoint called</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxDpop</name>
    <message>
        <source>the DPoP header is missing</source>
        <translation>the DPoP header is missing</translation>
    </message>
    <message>
        <source>the DPoP proof is not a compact JWS</source>
        <translation>the DPoP proof is not a compact JWS</translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s typ must be dpop+jwt</source>
        <translation>the DPoP proof&apos;s typ must be dpop+jwt</translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s alg must be an asymmetric algorithm the sandbox supports, not %1</source>
        <translation>the DPoP proof&apos;s alg must be an asymmetric algorithm the sandbox supports, not %1</translation>
    </message>
    <message>
        <source>the DPoP proof carries no jwk header</source>
        <translation>the DPoP proof carries no jwk header</translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s jwk header is not a usable key</source>
        <translation>the DPoP proof&apos;s jwk header is not a usable key</translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s jwk header must hold a public key only</source>
        <translation>the DPoP proof&apos;s jwk header must hold a public key only</translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s signature does not verify with its jwk</source>
        <translation>the DPoP proof&apos;s signature does not verify with its jwk</translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s payload is not a JSON object</source>
        <translation>the DPoP proof&apos;s payload is not a JSON object</translation>
    </message>
    <message>
        <source>the DPoP proof needs a jti</source>
        <translation>the DPoP proof needs a jti</translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s htm is not the request&apos;s method</source>
        <translation>the DPoP proof&apos;s htm is not the request&apos;s method</translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s htu is not the request&apos;s URI</source>
        <translation>the DPoP proof&apos;s htu is not the request&apos;s URI</translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s iat is not within %1 seconds of now</source>
        <translation>the DPoP proof&apos;s iat is not within %1 seconds of now</translation>
    </message>
    <message>
        <source>the DPoP proof&apos;s ath is not the hash of the access token</source>
        <translation>the DPoP proof&apos;s ath is not the hash of the access token</translation>
    </message>
    <message>
        <source>the authorization server requires a DPoP nonce</source>
        <translation>the authorization server requires a DPoP nonce</translation>
    </message>
    <message>
        <source>the DPoP nonce is stale; use the new one</source>
        <translation>the DPoP nonce is stale; use the new one</translation>
    </message>
    <message>
        <source>the DPoP proof was used before (jti replayed)</source>
        <translation>the DPoP proof was used before (jti replayed)</translation>
    </message>
    <message>
        <source>too many DPoP proofs in flight; try again later</source>
        <translation>too many DPoP proofs in flight; try again later</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxFaults</name>
    <message>
        <source>The authorization response carries a state other than the one the client sent.</source>
        <translation>授权响应中的 state 与客户端发送的不同。</translation>
    </message>
    <message>
        <source>The authorization response carries no state at all.</source>
        <translation>授权响应中完全没有 state。</translation>
    </message>
    <message>
        <source>The authorization response&apos;s iss parameter (RFC 9207) names another issuer.</source>
        <translation>授权响应的 iss 参数（RFC 9207）指向另一个颁发者。</translation>
    </message>
    <message>
        <source>The authorization response carries no iss parameter, although the metadata says authorization_response_iss_parameter_supported.</source>
        <translation>授权响应中没有 iss 参数，尽管元数据声明了 authorization_response_iss_parameter_supported。</translation>
    </message>
    <message>
        <source>The response looks as if it came from another authorization server: its iss parameter and the ID tokens name that issuer, and the ID tokens are signed with a key that is not in the sandbox&apos;s JWKS.</source>
        <translation>响应看起来像是来自另一个授权服务器：其 iss 参数和 ID 令牌都指向该颁发者，且 ID 令牌使用不在沙盒 JWKS 中的密钥签名。</translation>
    </message>
    <message>
        <source>ID tokens carry a signature that does not verify with the sandbox&apos;s keys.</source>
        <translation>ID 令牌的签名无法用沙盒的密钥验证。</translation>
    </message>
    <message>
        <source>ID tokens name another client in aud.</source>
        <translation>ID 令牌的 aud 指向另一个客户端。</translation>
    </message>
    <message>
        <source>ID tokens expired an hour ago.</source>
        <translation>ID 令牌已在一小时前过期。</translation>
    </message>
    <message>
        <source>ID tokens carry a nonce other than the one in the authorization request.</source>
        <translation>ID 令牌中的 nonce 与授权请求中的不同。</translation>
    </message>
    <message>
        <source>ID tokens are unsigned: alg none and an empty signature.</source>
        <translation>ID 令牌未签名：alg 为 none，签名为空。</translation>
    </message>
    <message>
        <source>ID tokens carry an at_hash that belongs to another access token.</source>
        <translation>ID 令牌中的 at_hash 属于另一个访问令牌。</translation>
    </message>
    <message>
        <source>ID tokens carry a c_hash that belongs to another code.</source>
        <translation>ID 令牌中的 c_hash 属于另一个授权码。</translation>
    </message>
    <message>
        <source>UserInfo answers with the claims of another user (another sub).</source>
        <translation>UserInfo 返回另一个用户的声明（另一个 sub）。</translation>
    </message>
    <message>
        <source>The token endpoint redeems an authorization code a second time instead of refusing it and revoking what it issued.</source>
        <translation>令牌端点再次兑换同一授权码，而不是拒绝并撤销已颁发的令牌。</translation>
    </message>
    <message>
        <source>The token endpoint accepts a refresh token that was already rotated instead of treating the reuse as theft and revoking the grant.</source>
        <translation>令牌端点接受已轮换的刷新令牌，而不是将重复使用视为盗用并撤销授权许可。</translation>
    </message>
    <message>
        <source>Login CSRF: an attacker could feed the client a response from their own sign-in, so that the victim ends up in the attacker&apos;s account and saves data there.</source>
        <translation>登录 CSRF：攻击者可以把自己登录得到的响应塞给客户端，使受害者进入攻击者的账户并在其中保存数据。</translation>
    </message>
    <message>
        <source>Mix-up: a malicious authorization server could make the client send a code meant for an honest one to its own token endpoint and steal it, or have the client accept its tokens as the honest server&apos;s.</source>
        <translation>混淆攻击（Mix-up）：恶意授权服务器可以让客户端把发给诚实服务器的授权码发送到它自己的令牌端点从而窃取，或让客户端把它的令牌当作诚实服务器的令牌接受。</translation>
    </message>
    <message>
        <source>Anyone could forge an ID token and sign in as any user.</source>
        <translation>任何人都可以伪造 ID 令牌，并以任意用户身份登录。</translation>
    </message>
    <message>
        <source>A token issued to another application could be replayed here to sign in as its user.</source>
        <translation>颁发给其他应用的令牌可以在此重放，从而以其用户身份登录。</translation>
    </message>
    <message>
        <source>An old, stolen ID token could be replayed long after it should have stopped working.</source>
        <translation>被盗的旧 ID 令牌在本应失效很久之后仍可被重放。</translation>
    </message>
    <message>
        <source>An ID token from another sign-in could be injected into this one (replay).</source>
        <translation>来自另一次登录的 ID 令牌可以被注入到本次登录中（重放）。</translation>
    </message>
    <message>
        <source>An access token of another user or session could be swapped into the response (token substitution).</source>
        <translation>其他用户或会话的访问令牌可以被替换到响应中（令牌替换）。</translation>
    </message>
    <message>
        <source>A code of another user or session could be swapped into the response (code injection).</source>
        <translation>其他用户或会话的授权码可以被替换到响应中（授权码注入）。</translation>
    </message>
    <message>
        <source>The client would show or store another user&apos;s profile under this user&apos;s account.</source>
        <translation>客户端会在此用户的账户下显示或保存另一个用户的资料。</translation>
    </message>
    <message>
        <source>A code that leaked (logs, Referer, browser history) could be redeemed again for fresh tokens; only PKCE and the client&apos;s single-use state still stand in the way.</source>
        <translation>泄露的授权码（日志、Referer、浏览器历史记录）可以被再次兑换以获取新令牌；只剩 PKCE 和客户端的一次性 state 还能阻止。</translation>
    </message>
    <message>
        <source>A stolen refresh token would keep working alongside the legitimate one and the theft would go unnoticed.</source>
        <translation>被盗的刷新令牌会与合法令牌同时继续有效，盗用也不会被察觉。</translation>
    </message>
    <message>
        <source>unknown break-it switch: %1</source>
        <translation>未知的故障开关：%1</translation>
    </message>
    <message>
        <source>expected {&quot;faults&quot;: [names]}</source>
        <translation>应为 {&quot;faults&quot;: [names]}</translation>
    </message>
    <message>
        <source>(not a string)</source>
        <translation>（不是字符串）</translation>
    </message>
    <message>
        <source>A sandbox-only teaching toy: these switches make the sandbox misbehave on purpose. No real authorization server has such an endpoint.</source>
        <translation>仅限沙盒的教学工具：这些开关会让沙盒故意出错。真实的授权服务器没有这样的端点。</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxHost</name>
    <message>
        <source>The sandbox cannot listen on 127.0.0.1:%1: %2</source>
        <translation>沙盒无法在 127.0.0.1:%1 上监听：%2</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxKeys</name>
    <message>
        <source>cannot create the key directory %1</source>
        <translation>无法创建密钥目录 %1</translation>
    </message>
    <message>
        <source>cannot read the key file %1</source>
        <translation>无法读取密钥文件 %1</translation>
    </message>
    <message>
        <source>the key file %1 does not hold the expected key</source>
        <translation>密钥文件 %1 中不是预期的密钥</translation>
    </message>
    <message>
        <source>OpenSSL could not generate a key</source>
        <translation>OpenSSL 无法生成密钥</translation>
    </message>
    <message>
        <source>OpenSSL could not encode a key</source>
        <translation>OpenSSL 无法编码密钥</translation>
    </message>
    <message>
        <source>cannot write the key file %1</source>
        <translation>无法写入密钥文件 %1</translation>
    </message>
    <message>
        <source>OpenSSL could not export a public key</source>
        <translation>OpenSSL 无法导出公钥</translation>
    </message>
    <message>
        <source>the sandbox key %1 is not a valid JWK</source>
        <translation>沙盒密钥 %1 不是有效的 JWK</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxPar</name>
    <message>
        <source>the request_uri is unknown or was used already</source>
        <translation>the request_uri is unknown or was used already</translation>
    </message>
    <message>
        <source>the request_uri was pushed by another client</source>
        <translation>the request_uri was pushed by another client</translation>
    </message>
    <message>
        <source>the request_uri has expired</source>
        <translation>the request_uri has expired</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxProvider</name>
    <message>
        <source>method not allowed</source>
        <translation>method not allowed</translation>
    </message>
    <message>
        <source>There is nothing at this address.</source>
        <translation>此地址下没有任何内容。</translation>
    </message>
    <message>
        <source>Tokenscope sandbox: error</source>
        <translation>Tokenscope 沙盒：错误</translation>
    </message>
    <message>
        <source>Test user name:</source>
        <translation>测试用户名：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Or pick a test user:</source>
        <translation>或选择一个测试用户：</translation>
    </message>
    <message>
        <source>Sign in to the Tokenscope sandbox</source>
        <translation>登录 Tokenscope 沙盒</translation>
    </message>
    <message>
        <source>Signed in as %1. The application %2 asks for:</source>
        <translation>已以 %1 的身份登录。应用 %2 请求获得以下权限：</translation>
    </message>
    <message>
        <source>(no scopes)</source>
        <translation>（无 scope）</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Allow access?</source>
        <translation>允许访问吗？</translation>
    </message>
    <message>
        <source>Returning to the application</source>
        <translation>正在返回应用</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>The authorization request must be a form post.</source>
        <translation>授权请求必须以表单 POST 方式提交。</translation>
    </message>
    <message>
        <source>Unknown client_id: the sandbox knows no such client.</source>
        <translation>未知的 client_id：沙盒中没有这个客户端。</translation>
    </message>
    <message>
        <source>The redirect_uri is missing or not registered for this client.</source>
        <translation>redirect_uri 缺失，或未为此客户端注册。</translation>
    </message>
    <message>
        <source>a parameter was repeated</source>
        <translation>a parameter was repeated</translation>
    </message>
    <message>
        <source>unsupported response_mode</source>
        <translation>unsupported response_mode</translation>
    </message>
    <message>
        <source>unsupported or missing response_type</source>
        <translation>unsupported or missing response_type</translation>
    </message>
    <message>
        <source>this client may not use this response_type</source>
        <translation>this client may not use this response_type</translation>
    </message>
    <message>
        <source>tokens must not be returned in the query (response_mode)</source>
        <translation>tokens must not be returned in the query (response_mode)</translation>
    </message>
    <message>
        <source>unknown scope: %1</source>
        <translation>unknown scope: %1</translation>
    </message>
    <message>
        <source>an id_token response type requires the openid scope</source>
        <translation>an id_token response type requires the openid scope</translation>
    </message>
    <message>
        <source>nonce is required when an ID token comes from this endpoint</source>
        <translation>nonce is required when an ID token comes from this endpoint</translation>
    </message>
    <message>
        <source>code_challenge_method must be S256 or plain</source>
        <translation>code_challenge_method must be S256 or plain</translation>
    </message>
    <message>
        <source>code_challenge must be 43 to 128 unreserved characters</source>
        <translation>code_challenge must be 43 to 128 unreserved characters</translation>
    </message>
    <message>
        <source>code_challenge_method without code_challenge</source>
        <translation>code_challenge_method without code_challenge</translation>
    </message>
    <message>
        <source>PKCE is required for public clients (code_challenge)</source>
        <translation>PKCE is required for public clients (code_challenge)</translation>
    </message>
    <message>
        <source>Too many sign-ins in progress; try again later.</source>
        <translation>进行中的登录过多；请稍后重试。</translation>
    </message>
    <message>
        <source>The sign-in form was not understood.</source>
        <translation>无法解析登录表单。</translation>
    </message>
    <message>
        <source>This sign-in has expired or is unknown; start again.</source>
        <translation>此次登录已过期或无法识别；请重新开始。</translation>
    </message>
    <message>
        <source>Type a name of 1 to 64 characters, or pick a test user.</source>
        <translation>请输入 1 到 64 个字符的名称，或选择一个测试用户。</translation>
    </message>
    <message>
        <source>The consent form was not understood.</source>
        <translation>无法解析同意表单。</translation>
    </message>
    <message>
        <source>the user denied the request</source>
        <translation>the user denied the request</translation>
    </message>
    <message>
        <source>use one client authentication method, not two</source>
        <translation>use one client authentication method, not two</translation>
    </message>
    <message>
        <source>more than one Authorization header</source>
        <translation>more than one Authorization header</translation>
    </message>
    <message>
        <source>the Basic credentials are malformed</source>
        <translation>the Basic credentials are malformed</translation>
    </message>
    <message>
        <source>client_id differs from the Basic credentials</source>
        <translation>client_id differs from the Basic credentials</translation>
    </message>
    <message>
        <source>unknown client</source>
        <translation>unknown client</translation>
    </message>
    <message>
        <source>this client authenticates with %1</source>
        <translation>this client authenticates with %1</translation>
    </message>
    <message>
        <source>a public client may not use this endpoint</source>
        <translation>a public client may not use this endpoint</translation>
    </message>
    <message>
        <source>wrong client secret</source>
        <translation>wrong client secret</translation>
    </message>
    <message>
        <source>the body must be application/x-www-form-urlencoded</source>
        <translation>the body must be application/x-www-form-urlencoded</translation>
    </message>
    <message>
        <source>grant_type is missing</source>
        <translation>grant_type is missing</translation>
    </message>
    <message>
        <source>the sandbox does not support this grant_type</source>
        <translation>the sandbox does not support this grant_type</translation>
    </message>
    <message>
        <source>this client may not use this grant_type</source>
        <translation>this client may not use this grant_type</translation>
    </message>
    <message>
        <source>unknown or expired code</source>
        <translation>unknown or expired code</translation>
    </message>
    <message>
        <source>this code was used already; its tokens are revoked</source>
        <translation>this code was used already; its tokens are revoked</translation>
    </message>
    <message>
        <source>the code was issued to another client</source>
        <translation>the code was issued to another client</translation>
    </message>
    <message>
        <source>the code has expired</source>
        <translation>the code has expired</translation>
    </message>
    <message>
        <source>redirect_uri differs from the authorization request</source>
        <translation>redirect_uri differs from the authorization request</translation>
    </message>
    <message>
        <source>code_verifier is required</source>
        <translation>code_verifier is required</translation>
    </message>
    <message>
        <source>code_verifier does not match the code_challenge</source>
        <translation>code_verifier does not match the code_challenge</translation>
    </message>
    <message>
        <source>code_verifier sent but no code_challenge was</source>
        <translation>code_verifier sent but no code_challenge was</translation>
    </message>
    <message>
        <source>the grant was revoked</source>
        <translation>the grant was revoked</translation>
    </message>
    <message>
        <source>unknown refresh token</source>
        <translation>unknown refresh token</translation>
    </message>
    <message>
        <source>the refresh token was issued to another client</source>
        <translation>the refresh token was issued to another client</translation>
    </message>
    <message>
        <source>refresh token reused; the grant is revoked</source>
        <translation>refresh token reused; the grant is revoked</translation>
    </message>
    <message>
        <source>the refresh token is revoked or expired</source>
        <translation>the refresh token is revoked or expired</translation>
    </message>
    <message>
        <source>a refresh may not widen the scope</source>
        <translation>a refresh may not widen the scope</translation>
    </message>
    <message>
        <source>client_credentials may only ask for the api scope</source>
        <translation>client_credentials may only ask for the api scope</translation>
    </message>
    <message>
        <source>the access token is invalid, expired or revoked</source>
        <translation>the access token is invalid, expired or revoked</translation>
    </message>
    <message>
        <source>the openid scope is required</source>
        <translation>the openid scope is required</translation>
    </message>
    <message>
        <source>the body must be a form without repeated parameters</source>
        <translation>the body must be a form without repeated parameters</translation>
    </message>
    <message>
        <source>token is missing</source>
        <translation>token is missing</translation>
    </message>
    <message>
        <source>unsupported prompt value</source>
        <translation>unsupported prompt value</translation>
    </message>
    <message>
        <source>prompt=none may not be combined with other values</source>
        <translation>prompt=none may not be combined with other values</translation>
    </message>
    <message>
        <source>max_age must be a non-negative number of seconds</source>
        <translation>max_age must be a non-negative number of seconds</translation>
    </message>
    <message>
        <source>claims must be a JSON object with userinfo and id_token objects</source>
        <translation>claims must be a JSON object with userinfo and id_token objects</translation>
    </message>
    <message>
        <source>no requested acr can be satisfied</source>
        <translation>no requested acr can be satisfied</translation>
    </message>
    <message>
        <source>prompt=none but nobody is signed in</source>
        <translation>prompt=none but nobody is signed in</translation>
    </message>
    <message>
        <source>prompt=none but the sign-in is older than max_age</source>
        <translation>prompt=none but the sign-in is older than max_age</translation>
    </message>
    <message>
        <source>The logout request was not understood (repeated parameter?).</source>
        <translation>无法理解注销请求（参数重复？）。</translation>
    </message>
    <message>
        <source>id_token_hint is not an ID token the sandbox signed.</source>
        <translation>id_token_hint is not an ID token the sandbox signed.</translation>
    </message>
    <message>
        <source>client_id is not the audience of id_token_hint.</source>
        <translation>client_id is not the audience of id_token_hint.</translation>
    </message>
    <message>
        <source>post_logout_redirect_uri needs id_token_hint or client_id to name the client.</source>
        <translation>post_logout_redirect_uri needs id_token_hint or client_id to name the client.</translation>
    </message>
    <message>
        <source>post_logout_redirect_uri is not registered for this client.</source>
        <translation>post_logout_redirect_uri is not registered for this client.</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>You are signed out of the Tokenscope sandbox.</source>
        <translation>你已从 Tokenscope 沙盒注销。</translation>
    </message>
    <message>
        <source>the body must be a JSON object (application/json)</source>
        <translation>the body must be a JSON object (application/json)</translation>
    </message>
    <message>
        <source>too many registered clients; restart the sandbox</source>
        <translation>too many registered clients; restart the sandbox</translation>
    </message>
    <message>
        <source>the registration access token is missing</source>
        <translation>the registration access token is missing</translation>
    </message>
    <message>
        <source>the registration access token is invalid</source>
        <translation>the registration access token is invalid</translation>
    </message>
    <message>
        <source>client_id in the body must be the client&apos;s</source>
        <translation>client_id in the body must be the client&apos;s</translation>
    </message>
    <message>
        <source>client_secret may not be changed</source>
        <translation>client_secret may not be changed</translation>
    </message>
    <message>
        <source>device_code is missing</source>
        <translation>device_code is missing</translation>
    </message>
    <message>
        <source>unknown device_code</source>
        <translation>unknown device_code</translation>
    </message>
    <message>
        <source>auth_req_id is missing</source>
        <translation>auth_req_id is missing</translation>
    </message>
    <message>
        <source>unknown auth_req_id</source>
        <translation>unknown auth_req_id</translation>
    </message>
    <message>
        <source>client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer</source>
        <translation>client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer</translation>
    </message>
    <message>
        <source>client_assertion is missing</source>
        <translation>client_assertion is missing</translation>
    </message>
    <message>
        <source>client_id differs from the assertion&apos;s iss</source>
        <translation>client_id differs from the assertion&apos;s iss</translation>
    </message>
    <message>
        <source>username and password are required</source>
        <translation>username and password are required</translation>
    </message>
    <message>
        <source>unknown scope</source>
        <translation>unknown scope</translation>
    </message>
    <message>
        <source>wrong username or password (test users have the password &quot;sandbox&quot;)</source>
        <translation>wrong username or password (test users have the password &quot;sandbox&quot;)</translation>
    </message>
    <message>
        <source>unknown or used request</source>
        <translation>unknown or used request</translation>
    </message>
    <message>
        <source>the request was made by another client</source>
        <translation>the request was made by another client</translation>
    </message>
    <message>
        <source>the user has not decided yet</source>
        <translation>the user has not decided yet</translation>
    </message>
    <message>
        <source>polling too fast; the interval grows by 5 seconds</source>
        <translation>polling too fast; the interval grows by 5 seconds</translation>
    </message>
    <message>
        <source>the request has expired</source>
        <translation>the request has expired</translation>
    </message>
    <message>
        <source>this client may not use the device authorization grant</source>
        <translation>this client may not use the device authorization grant</translation>
    </message>
    <message>
        <source>too many device authorizations pending</source>
        <translation>too many device authorizations pending</translation>
    </message>
    <message>
        <source>The form was not understood.</source>
        <translation>无法理解该表单。</translation>
    </message>
    <message>
        <source>This code is unknown or has expired. Check it and try again.</source>
        <translation>此代码未知或已过期。请检查后重试。</translation>
    </message>
    <message>
        <source>Type the code shown on your device.</source>
        <translation>请输入设备上显示的代码。</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>Connect a device</source>
        <translation>连接设备</translation>
    </message>
    <message>
        <source>This device request has expired or was decided already.</source>
        <translation>此设备请求已过期或已处理。</translation>
    </message>
    <message>
        <source>Device connected</source>
        <translation>设备已连接</translation>
    </message>
    <message>
        <source>Access denied</source>
        <translation>访问被拒绝</translation>
    </message>
    <message>
        <source>The device is being signed in. You may close this page.</source>
        <translation>设备正在登录。你可以关闭此页面。</translation>
    </message>
    <message>
        <source>The device was not allowed. You may close this page.</source>
        <translation>设备未获允许。你可以关闭此页面。</translation>
    </message>
    <message>
        <source>this client may not use CIBA</source>
        <translation>this client may not use CIBA</translation>
    </message>
    <message>
        <source>CIBA requires the openid scope</source>
        <translation>CIBA requires the openid scope</translation>
    </message>
    <message>
        <source>the sandbox takes login_hint only</source>
        <translation>the sandbox takes login_hint only</translation>
    </message>
    <message>
        <source>login_hint is missing</source>
        <translation>login_hint is missing</translation>
    </message>
    <message>
        <source>login_hint must name a test user (alice, bob, li.lei)</source>
        <translation>login_hint must name a test user (alice, bob, li.lei)</translation>
    </message>
    <message>
        <source>binding_message is longer than 100 characters</source>
        <translation>binding_message is longer than 100 characters</translation>
    </message>
    <message>
        <source>requested_expiry must be 1 to 600 seconds</source>
        <translation>requested_expiry must be 1 to 600 seconds</translation>
    </message>
    <message>
        <source>too many requests pending</source>
        <translation>too many requests pending</translation>
    </message>
    <message>
        <source>This request has expired or was decided already.</source>
        <translation>此请求已过期或已处理。</translation>
    </message>
    <message>
        <source>Approved.</source>
        <translation>已批准。</translation>
    </message>
    <message>
        <source>Denied.</source>
        <translation>已拒绝。</translation>
    </message>
    <message>
        <source>Sign-in requests that applications sent for the test users (CIBA). A login_hint ending in &quot;+auto&quot; is approved without this page.</source>
        <translation>应用为测试用户发送的登录请求（CIBA）。以 &quot;+auto&quot; 结尾的 login_hint 无需经过此页面即自动批准。</translation>
    </message>
    <message>
        <source>No request is waiting.</source>
        <translation>没有等待处理的请求。</translation>
    </message>
    <message>
        <source>%1 asks %2 to sign in. Binding message: %3. Scopes: %4.</source>
        <translation>%1 请求 %2 登录。绑定消息：%3。范围：%4。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Pending sign-in requests</source>
        <translation>待处理的登录请求</translation>
    </message>
    <message>
        <source>subject_token and subject_token_type are required</source>
        <translation>subject_token and subject_token_type are required</translation>
    </message>
    <message>
        <source>subject_token is not an active token of subject_token_type that the sandbox issued or signed</source>
        <translation>subject_token is not an active token of subject_token_type that the sandbox issued or signed</translation>
    </message>
    <message>
        <source>actor_token and actor_token_type go together</source>
        <translation>actor_token and actor_token_type go together</translation>
    </message>
    <message>
        <source>actor_token is not an active token of actor_token_type that the sandbox issued or signed</source>
        <translation>actor_token is not an active token of actor_token_type that the sandbox issued or signed</translation>
    </message>
    <message>
        <source>an exchange may not widen the subject token&apos;s scope</source>
        <translation>an exchange may not widen the subject token&apos;s scope</translation>
    </message>
    <message>
        <source>resource must be an absolute URI without fragment</source>
        <translation>resource must be an absolute URI without fragment</translation>
    </message>
    <message>
        <source>audience is empty</source>
        <translation>audience is empty</translation>
    </message>
    <message>
        <source>requested_token_type must be access_token or jwt</source>
        <translation>requested_token_type must be access_token or jwt</translation>
    </message>
    <message>
        <source>assertion is missing</source>
        <translation>assertion is missing</translation>
    </message>
    <message>
        <source>sub must name a test user (alice, bob, li.lei)</source>
        <translation>sub must name a test user (alice, bob, li.lei)</translation>
    </message>
    <message>
        <source>For the resource owner password grant, every test user&apos;s password is &quot;%1&quot;.</source>
        <translation>对于资源所有者密码授权许可，所有测试用户的密码都是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>the refresh token is bound to another DPoP key</source>
        <translation>the refresh token is bound to another DPoP key</translation>
    </message>
    <message>
        <source>use a Bearer or DPoP token</source>
        <translation>use a Bearer or DPoP token</translation>
    </message>
    <message>
        <source>more than one DPoP header</source>
        <translation>more than one DPoP header</translation>
    </message>
    <message>
        <source>this access token is not DPoP-bound; use Bearer</source>
        <translation>this access token is not DPoP-bound; use Bearer</translation>
    </message>
    <message>
        <source>this access token is DPoP-bound: present it with the DPoP scheme and a proof</source>
        <translation>this access token is DPoP-bound: present it with the DPoP scheme and a proof</translation>
    </message>
    <message>
        <source>exactly one DPoP header is required</source>
        <translation>exactly one DPoP header is required</translation>
    </message>
    <message>
        <source>the DPoP proof is signed by another key than the token is bound to</source>
        <translation>the DPoP proof is signed by another key than the token is bound to</translation>
    </message>
    <message>
        <source>request_uri must not be pushed (RFC 9126 section 2.1)</source>
        <translation>request_uri must not be pushed (RFC 9126 section 2.1)</translation>
    </message>
    <message>
        <source>the redirect_uri is missing or not registered for this client</source>
        <translation>the redirect_uri is missing or not registered for this client</translation>
    </message>
    <message>
        <source>too many pushed requests pending; try again later</source>
        <translation>too many pushed requests pending; try again later</translation>
    </message>
    <message>
        <source>invalid_request: request and request_uri together.</source>
        <translation>invalid_request: request and request_uri together.</translation>
    </message>
    <message>
        <source>only request_uri values from the PAR endpoint are accepted</source>
        <translation>only request_uri values from the PAR endpoint are accepted</translation>
    </message>
    <message>
        <source>invalid_request_uri: %1.</source>
        <translation>invalid_request_uri: %1.</translation>
    </message>
    <message>
        <source>invalid_request_object: %1.</source>
        <translation>invalid_request_object: %1.</translation>
    </message>
    <message>
        <source>invalid_request: this client must push its authorization requests to the PAR endpoint first.</source>
        <translation>invalid_request: this client must push its authorization requests to the PAR endpoint first.</translation>
    </message>
    <message>
        <source>send application/json: {&quot;faults&quot;: [names]}</source>
        <translation>send application/json: {&quot;faults&quot;: [names]}</translation>
    </message>
    <message>
        <source>the body is not a JSON object</source>
        <translation>the body is not a JSON object</translation>
    </message>
    <message>
        <source>client_notification_token is missing; this client is registered for ping mode</source>
        <translation>client_notification_token is missing; this client is registered for ping mode</translation>
    </message>
    <message>
        <source>client_notification_token must be a bearer token of at most 1024 characters</source>
        <translation>client_notification_token must be a bearer token of at most 1024 characters</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxRegistration</name>
    <message>
        <source>redirect_uris must be an array of absolute URIs without fragment</source>
        <translation>redirect_uris must be an array of absolute URIs without fragment</translation>
    </message>
    <message>
        <source>post_logout_redirect_uris must be an array of absolute URIs</source>
        <translation>post_logout_redirect_uris must be an array of absolute URIs</translation>
    </message>
    <message>
        <source>token_endpoint_auth_method must be a string</source>
        <translation>token_endpoint_auth_method must be a string</translation>
    </message>
    <message>
        <source>unsupported token_endpoint_auth_method</source>
        <translation>unsupported token_endpoint_auth_method</translation>
    </message>
    <message>
        <source>grant_types must be an array of strings</source>
        <translation>grant_types must be an array of strings</translation>
    </message>
    <message>
        <source>unsupported grant type: %1</source>
        <translation>unsupported grant type: %1</translation>
    </message>
    <message>
        <source>response_types must be an array of strings</source>
        <translation>response_types must be an array of strings</translation>
    </message>
    <message>
        <source>unsupported response type</source>
        <translation>unsupported response type</translation>
    </message>
    <message>
        <source>a code response type needs the authorization_code grant type</source>
        <translation>a code response type needs the authorization_code grant type</translation>
    </message>
    <message>
        <source>a token or id_token response type needs the implicit grant type</source>
        <translation>a token or id_token response type needs the implicit grant type</translation>
    </message>
    <message>
        <source>redirect_uris is required for the authorization_code and implicit grant types</source>
        <translation>redirect_uris is required for the authorization_code and implicit grant types</translation>
    </message>
    <message>
        <source>jwks_uri is not supported by the sandbox; send jwks</source>
        <translation>jwks_uri is not supported by the sandbox; send jwks</translation>
    </message>
    <message>
        <source>jwks must be a JWK Set object</source>
        <translation>jwks must be a JWK Set object</translation>
    </message>
    <message>
        <source>jwks holds no usable key</source>
        <translation>jwks holds no usable key</translation>
    </message>
    <message>
        <source>jwks must hold public keys only</source>
        <translation>jwks must hold public keys only</translation>
    </message>
    <message>
        <source>private_key_jwt needs jwks</source>
        <translation>private_key_jwt needs jwks</translation>
    </message>
    <message>
        <source>the jwt-bearer grant type needs jwks</source>
        <translation>the jwt-bearer grant type needs jwks</translation>
    </message>
    <message>
        <source>unsupported id_token_signed_response_alg</source>
        <translation>unsupported id_token_signed_response_alg</translation>
    </message>
    <message>
        <source>client_name must be a string of at most 200 characters</source>
        <translation>client_name must be a string of at most 200 characters</translation>
    </message>
    <message>
        <source>backchannel_token_delivery_mode must be a string</source>
        <translation>backchannel_token_delivery_mode must be a string</translation>
    </message>
    <message>
        <source>unsupported backchannel_token_delivery_mode (poll or ping)</source>
        <translation>unsupported backchannel_token_delivery_mode (poll or ping)</translation>
    </message>
    <message>
        <source>backchannel_client_notification_endpoint must be an absolute URL</source>
        <translation>backchannel_client_notification_endpoint must be an absolute URL</translation>
    </message>
    <message>
        <source>the sandbox notifies loopback addresses only (127.0.0.1, ::1, localhost)</source>
        <translation>the sandbox notifies loopback addresses only (127.0.0.1, ::1, localhost)</translation>
    </message>
    <message>
        <source>ping mode needs the CIBA grant type</source>
        <translation>ping mode needs the CIBA grant type</translation>
    </message>
    <message>
        <source>ping mode needs backchannel_client_notification_endpoint</source>
        <translation>ping mode needs backchannel_client_notification_endpoint</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxRequestObject</name>
    <message>
        <source>the request object is not a compact JWS: %1</source>
        <translation>the request object is not a compact JWS: %1</translation>
    </message>
    <message>
        <source>the request object&apos;s payload is not a JSON object</source>
        <translation>the request object&apos;s payload is not a JSON object</translation>
    </message>
    <message>
        <source>this client does not allow unsigned (alg none) request objects</source>
        <translation>this client does not allow unsigned (alg none) request objects</translation>
    </message>
    <message>
        <source>an alg none request object must have an empty signature</source>
        <translation>an alg none request object must have an empty signature</translation>
    </message>
    <message>
        <source>the request object&apos;s alg %1 is not supported</source>
        <translation>the request object&apos;s alg %1 is not supported</translation>
    </message>
    <message>
        <source>an HMAC request object needs a client with a secret</source>
        <translation>an HMAC request object needs a client with a secret</translation>
    </message>
    <message>
        <source>this client has no registered keys to verify a request object with</source>
        <translation>this client has no registered keys to verify a request object with</translation>
    </message>
    <message>
        <source>the request object&apos;s signature does not verify with the client&apos;s keys</source>
        <translation>the request object&apos;s signature does not verify with the client&apos;s keys</translation>
    </message>
    <message>
        <source>a request object must not contain request or request_uri</source>
        <translation>a request object must not contain request or request_uri</translation>
    </message>
    <message>
        <source>the request object&apos;s client_id differs from the request&apos;s</source>
        <translation>the request object&apos;s client_id differs from the request&apos;s</translation>
    </message>
    <message>
        <source>the request object&apos;s iss must be the client_id</source>
        <translation>the request object&apos;s iss must be the client_id</translation>
    </message>
    <message>
        <source>the request object&apos;s aud must be the issuer</source>
        <translation>the request object&apos;s aud must be the issuer</translation>
    </message>
    <message>
        <source>the request object has expired</source>
        <translation>the request object has expired</translation>
    </message>
    <message>
        <source>the request object is not valid yet (nbf)</source>
        <translation>the request object is not valid yet (nbf)</translation>
    </message>
</context>
<context>
    <name>Tokenscope::Sandbox::SandboxServer</name>
    <message>
        <source>Sandbox: %1 %2</source>
        <translation>沙盒：%1 %2</translation>
    </message>
    <message>
        <source>Sandbox: CIBA ping notification to %1</source>
        <translation>沙盒：向 %1 发送 CIBA ping 通知</translation>
    </message>
</context>
<context>
    <name>Tokenscope::TokenPoller</name>
    <message>
        <source>A token endpoint is needed to poll for the tokens</source>
        <translation>轮询令牌需要令牌端点</translation>
    </message>
    <message>
        <source>The authorization expired at %1 (expires_in) before the user finished; no further poll was sent</source>
        <translation>授权已于 %1 过期（expires_in），用户尚未完成；不再发送轮询</translation>
    </message>
    <message>
        <source>%1, poll %2</source>
        <translation>%1，第 %2 次轮询</translation>
    </message>
    <message>
        <source>Token request</source>
        <translation>令牌请求</translation>
    </message>
    <message>
        <source>The user denied the authorization (access_denied)</source>
        <translation>用户拒绝了授权（access_denied）</translation>
    </message>
    <message>
        <source>The authorization expired at the provider before the user finished (expired_token)</source>
        <translation>用户完成之前，授权已在提供方过期（expired_token）</translation>
    </message>
    <message>
        <source>The token endpoint answered with an error: %1</source>
        <translation>令牌端点返回了错误：%1</translation>
    </message>
    <message>
        <source>The token endpoint&apos;s answer is not a token response: %1</source>
        <translation>令牌端点的响应不是令牌响应：%1</translation>
    </message>
    <message>
        <source>The scope has openid but the token response has no id_token</source>
        <translation>范围包含 openid，但令牌响应中没有 id_token</translation>
    </message>
    <message>
        <source>an ID token</source>
        <translation>ID 令牌</translation>
    </message>
    <message>
        <source>ID token check “%1” failed: %2</source>
        <translation>ID 令牌检查“%1”失败：%2</translation>
    </message>
    <message>
        <source>The provider&apos;s keys could not be fetched from %1: %2</source>
        <translation>无法从 %1 获取提供方的密钥：%2</translation>
    </message>
    <message>
        <source>The provider&apos;s key set is empty.</source>
        <translation>提供方的密钥集为空。</translation>
    </message>
    <message>
        <source>The flow was cancelled</source>
        <translation>流程已取消</translation>
    </message>
</context>
<context>
    <name>TransportErrorText</name>
    <message>
        <source>Invalid URL</source>
        <translation>无效的 URL</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>Host not found</source>
        <translation>找不到主机</translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation>TLS 错误</translation>
    </message>
    <message>
        <source>Body too large</source>
        <translation>正文过大</translation>
    </message>
    <message>
        <source>Decompression failed</source>
        <translation>解压失败</translation>
    </message>
    <message>
        <source>Too many redirects</source>
        <translation>重定向过多</translation>
    </message>
    <message>
        <source>Insecure redirect</source>
        <translation>不安全的重定向</translation>
    </message>
    <message>
        <source>Proxy error</source>
        <translation>代理错误</translation>
    </message>
    <message>
        <source>Network error</source>
        <translation>网络错误</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>tokenscope: the Sandbox profile was not created: %1</source>
        <translation>tokenscope：未能创建沙盒配置文件：%1</translation>
    </message>
</context>
<context>
    <name>tokenscope-cli</name>
    <message>
        <source>tokenscope-cli: unknown command “%1”
</source>
        <translation>tokenscope-cli：未知命令“%1”
</translation>
    </message>
    <message>
        <source>Try &apos;tokenscope-cli %1 --help&apos;.</source>
        <translation>请运行 &apos;tokenscope-cli %1 --help&apos; 查看帮助。</translation>
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
        <translation>用法：tokenscope-cli COMMAND [选项]

命令：
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

每个与提供方通信的命令都接受 --profile NAME：使用已保存配置文件的设置，
并从钥匙串读取该命令可用的机密（客户端密钥、私钥、token 命令的
密码和刷新令牌）（--no-keychain：不读取）。

每个命令都会在 stdout 上输出一个 JSON 文档：
  {&quot;ok&quot;, &quot;flow&quot;, &quot;result&quot;, &quot;error&quot;, &quot;exchanges&quot;}
退出码：0 成功，1 提供方返回了错误，2 用法错误，
  3 验证失败，4 网络/TLS/超时/大小上限，5 钥匙串。

&apos;tokenscope-cli COMMAND --help&apos; 会说明命令的选项。
</translation>
    </message>
</context>
</TS>
