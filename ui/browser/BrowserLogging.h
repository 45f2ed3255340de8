#pragma once

#include <QLoggingCategory>

// The folder's logging category, "tokenscope.ui.browser". URLs with codes or tokens and
// form bodies never reach it.
Q_DECLARE_LOGGING_CATEGORY(lcBrowser)
