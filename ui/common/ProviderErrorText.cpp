#include "ProviderErrorText.h"

#include "common/OAuthErrorExplanation.h"

QString ProviderErrorText::describe(const Tokenscope::OAuthError &oauth, const QString &message,
                                    const QString &failedRule)
{
    QString text = message;
    if (!oauth.isEmpty()) {
        text = tr("The provider answered %1").arg(oauth.summary());
        if (const QString usual = Tokenscope::explainOAuthError(oauth.error); !usual.isEmpty())
            text += QLatin1Char('\n') + tr("Usually: %1").arg(usual);
    }
    if (!failedRule.isEmpty())
        text += QLatin1Char('\n') + tr("Failed check: %1").arg(failedRule);
    return text;
}
