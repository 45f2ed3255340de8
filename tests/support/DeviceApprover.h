#pragma once

#include <QNetworkAccessManager>
#include <QStringList>
#include <QUrl>

namespace Tokenscope::Testing {

// The user on their phone in the device authorization grant (RFC 8628): follows the
// verification page's redirects with cookies and submits each form it meets (the code
// confirmation, devInteractions' login and consent) until the provider says the sign-in
// succeeded. With Abort, it aborts on the confirmation page instead. Made for
// oidc-provider's device pages.
class DeviceApprover final
{
public:
    enum class Answer
    {
        Approve,
        Abort
    };

    explicit DeviceApprover(Answer answer = Answer::Approve);
    Q_DISABLE_COPY_MOVE(DeviceApprover)

    // Runs from the verification URI (complete or not) until the provider has the answer.
    // Returns false (see log()) when it never got there.
    bool run(const QUrl &start);
    QString log() const { return m_log.join(QLatin1Char('\n')); }

private:
    bool note(const QString &line);

    QNetworkAccessManager m_network;
    QStringList m_log;
    Answer m_answer;
};

} // namespace Tokenscope::Testing
