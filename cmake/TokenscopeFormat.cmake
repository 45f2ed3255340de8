# `cmake --build BUILD --target format` rewrites every C++ file in place with the
# committed .clang-format; `format-check` fails when a file is not formatted.
find_program(CLANG_FORMAT_EXECUTABLE NAMES clang-format clang-format-14)
if(NOT CLANG_FORMAT_EXECUTABLE)
    return()
endif()

file(GLOB_RECURSE _tokenscope_format_sources CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
    ${PROJECT_SOURCE_DIR}/flows/*.cpp ${PROJECT_SOURCE_DIR}/flows/*.h
    ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h
    ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.h
    ${PROJECT_SOURCE_DIR}/bench/*.cpp ${PROJECT_SOURCE_DIR}/bench/*.h)
list(FILTER _tokenscope_format_sources EXCLUDE REGEX "/node_modules/")

add_custom_target(format
    COMMAND ${CLANG_FORMAT_EXECUTABLE} -i ${_tokenscope_format_sources}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "clang-format: rewriting sources"
    VERBATIM)
add_custom_target(format-check
    COMMAND ${CLANG_FORMAT_EXECUTABLE} --dry-run --Werror ${_tokenscope_format_sources}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "clang-format: checking sources"
    VERBATIM)
