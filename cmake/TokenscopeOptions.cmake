# One INTERFACE target carries the language standard, the warnings, the Qt safety
# defines and the optional sanitizers. Every target of the project links it.
add_library(tokenscope_options INTERFACE)

target_compile_features(tokenscope_options INTERFACE cxx_std_17)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_options(tokenscope_options INTERFACE
    -Wall -Wextra -Wpedantic
    -Wold-style-cast -Woverloaded-virtual -Wnon-virtual-dtor -Wcast-qual)
if(TOKENSCOPE_WARNINGS_AS_ERRORS)
    target_compile_options(tokenscope_options INTERFACE -Werror)
endif()

target_compile_definitions(tokenscope_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_USE_QSTRINGBUILDER
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    TOKENSCOPE_VERSION="${PROJECT_VERSION}")

if(TOKENSCOPE_SANITIZE)
    target_compile_options(tokenscope_options INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(tokenscope_options INTERFACE -fsanitize=address,undefined)
endif()
