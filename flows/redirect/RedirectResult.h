#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Tokenscope::Redirect {

// What arrived at the redirect URI: every parameter in order, decoded, and where it came
// from. The checks (state, iss, error…) belong to the flow; this only reports.
struct RedirectResult
{
    enum class Source
    {
        Query,
        Fragment,
        FormPost
    };

    QUrl url;            // as received, fragment included
    QByteArray formBody; // the POST body of response_mode=form_post
    Source source = Source::Query;
    QList<QPair<QString, QString>> parameters;
    QStringList repeated;        // names that appeared more than once (RFC 6749 §3.1)
    QStringList alsoInOtherPart; // names found in both the query and the fragment

    bool has(const QString &name) const;
    QString value(const QString &name) const; // the first occurrence
    bool isEmpty() const { return parameters.isEmpty(); }
    bool isError() const { return has(QStringLiteral("error")); }

    static QString sourceName(Source source); // "query", "fragment", "form_post"
};

} // namespace Tokenscope::Redirect

Q_DECLARE_METATYPE(Tokenscope::Redirect::RedirectResult)
