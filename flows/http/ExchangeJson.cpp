#include "ExchangeJson.h"

#include "Redactor.h"
#include "common/Utf8.h"

#include <QJsonArray>

namespace Tokenscope::Http {

static QJsonArray headersToJson(const HeaderList &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(value)});
    return array;
}

static void putBody(QJsonObject &object, const QByteArray &body)
{
    if (isValidUtf8(body))
        object.insert(QStringLiteral("body"), QString::fromUtf8(body));
    else
        object.insert(QStringLiteral("body_base64"), QString::fromLatin1(body.toBase64()));
}

QJsonObject ExchangeJson::tlsToJson(const TlsInfo &tls)
{
    QJsonArray chain;
    for (const auto &certificate : tls.peerChain) {
        chain.append(QJsonObject{
            {QStringLiteral("subject"), certificate.subject},
            {QStringLiteral("issuer"), certificate.issuer},
            {QStringLiteral("subject_alt_names"),
             QJsonArray::fromStringList(certificate.subjectAltNames)},
            {QStringLiteral("not_before"), certificate.notBefore.toString(Qt::ISODate)},
            {QStringLiteral("not_after"), certificate.notAfter.toString(Qt::ISODate)},
            {QStringLiteral("serial"), certificate.serialNumber},
            {QStringLiteral("sha256"), certificate.sha256Fingerprint},
            {QStringLiteral("self_signed"), certificate.selfSigned},
        });
    }
    QJsonObject object{
        {QStringLiteral("protocol"), tls.protocol},
        {QStringLiteral("cipher"), tls.cipher},
        {QStringLiteral("peer_chain"), chain},
        {QStringLiteral("errors"), QJsonArray::fromStringList(tls.errors)},
        {QStringLiteral("trusted_by_override"), tls.trustedByOverride},
    };
    if (!tls.caFile.isEmpty())
        object.insert(QStringLiteral("ca_file"), tls.caFile);
    return object;
}

QJsonObject ExchangeJson::toJson(const Exchange &recorded, Secrets secrets)
{
    const Exchange exchange = secrets == Secrets::Show ? recorded : Redactor::redact(recorded);
    QJsonObject request{
        {QStringLiteral("method"), QString::fromLatin1(exchange.method)},
        {QStringLiteral("url"), QString::fromUtf8(exchange.url.toEncoded())},
        {QStringLiteral("headers"), headersToJson(exchange.requestHeaders)},
    };
    putBody(request, exchange.requestBody);
    if (!exchange.proxy.isEmpty())
        request.insert(QStringLiteral("proxy"), exchange.proxy);

    QJsonObject object{
        {QStringLiteral("id"), qint64(exchange.id)},
        {QStringLiteral("label"), exchange.label},
        {QStringLiteral("hop"), exchange.hop},
        {QStringLiteral("started"), exchange.started.toString(Qt::ISODateWithMs)},
        {QStringLiteral("ms"), exchange.durationMs()},
        {QStringLiteral("request"), request},
    };
    if (exchange.timeToHeadersUs >= 0)
        object.insert(QStringLiteral("ms_to_headers"), double(exchange.timeToHeadersUs) / 1000.0);
    if (exchange.hasResponse) {
        QJsonObject response{
            {QStringLiteral("status"), exchange.statusCode},
            {QStringLiteral("reason"), QString::fromLatin1(exchange.reasonPhrase)},
            {QStringLiteral("http_version"), QString::fromLatin1(exchange.httpVersion)},
            {QStringLiteral("headers"), headersToJson(exchange.responseHeaders)},
            {QStringLiteral("wire_body_bytes"), exchange.wireBodyBytes},
            {QStringLiteral("truncated"), exchange.truncated},
        };
        if (!exchange.contentEncoding.isEmpty())
            response.insert(QStringLiteral("content_encoding"),
                            QString::fromLatin1(exchange.contentEncoding));
        putBody(response, exchange.responseBody);
        object.insert(QStringLiteral("response"), response);
    } else {
        object.insert(QStringLiteral("response"), QJsonValue::Null);
    }
    if (exchange.isHttps() && !exchange.tls.isEmpty())
        object.insert(QStringLiteral("tls"), tlsToJson(exchange.tls));
    if (exchange.error.isError()) {
        object.insert(
            QStringLiteral("error"),
            QJsonObject{{QStringLiteral("kind"), transportErrorKindName(exchange.error.kind)},
                        {QStringLiteral("message"), exchange.error.message}});
    }
    return object;
}

} // namespace Tokenscope::Http
