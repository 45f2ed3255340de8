#pragma once

#include "http/Exchange.h"

#include <QCoreApplication>

// Short, translated names of transport failures for lists and headings ("Timeout",
// "Connection refused"); the exchange's own message says the rest.
class TransportErrorText final
{
    Q_DECLARE_TR_FUNCTIONS(TransportErrorText)

public:
    static QString name(Tokenscope::Http::TransportErrorKind kind);
};
