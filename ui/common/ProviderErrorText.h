#pragma once

#include "common/OAuthError.h"

#include <QCoreApplication>
#include <QString>

// How the panels word a failed step: the provider's own error (code and description) with
// what that code usually means, or else the engine's message; and the failed check, if any.
class ProviderErrorText final
{
    Q_DECLARE_TR_FUNCTIONS(ProviderErrorText)

public:
    static QString describe(const Tokenscope::OAuthError &oauth, const QString &message,
                            const QString &failedRule = QString());
};
