#pragma once

#include "WellKnown.h"
#include "common/Finding.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

namespace Tokenscope::Discovery {

// A provider's metadata: the raw document as received and a typed view of it, with
// the spec defaults filled in for absent lists (and marked as defaults).
struct ProviderMetadata
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Discovery::ProviderMetadata)

public:
    struct Endpoint
    {
        QString key; // metadata member, e.g. "token_endpoint"
        QUrl url;
    };
    struct Capability
    {
        QString key; // e.g. "grant_types_supported"
        QStringList values;
        bool advertised = true; // false: absent, values are the spec's default
    };

    QByteArray rawDocument;
    QJsonObject document;
    QUrl sourceUrl;
    WellKnown::Kind sourceKind = WellKnown::Kind::OpenIdConfiguration;

    QString issuer;
    QList<Endpoint> endpoints;      // in a fixed, readable order; only those present
    QList<Capability> capabilities; // every list below, present or defaulted
    bool authorizationResponseIssParameterSupported = false;
    bool requirePushedAuthorizationRequests = false;
    Findings findings; // advisory checks on the document itself

    QUrl endpoint(const QString &key) const;
    QStringList capability(const QString &key) const;
    QStringList grantTypes() const { return capability(QStringLiteral("grant_types_supported")); }
    QStringList responseTypes() const
    {
        return capability(QStringLiteral("response_types_supported"));
    }
    QStringList codeChallengeMethods() const
    {
        return capability(QStringLiteral("code_challenge_methods_supported"));
    }

    // Every endpoint member this model knows, in display order.
    static const QStringList &endpointKeys();
    // Every list member this model knows, in display order.
    static const QStringList &capabilityKeys();

    // Reads a metadata object. Never fails: problems become findings.
    static ProviderMetadata fromJson(const QJsonObject &document, const QByteArray &raw,
                                     const QUrl &sourceUrl, WellKnown::Kind kind);

    QJsonObject toJson() const; // the CLI's "result"
};

} // namespace Tokenscope::Discovery
