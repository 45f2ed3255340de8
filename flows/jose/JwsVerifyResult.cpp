#include "JwsVerifyResult.h"

namespace Tokenscope::Jose {

QString JwsVerifyResult::statusName(Status status)
{
    return status == Status::Verified ? QStringLiteral("verified") : QStringLiteral("failed");
}

} // namespace Tokenscope::Jose
