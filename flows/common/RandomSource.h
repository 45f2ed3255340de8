#pragma once

#include <QByteArray>

namespace Tokenscope {

// Where secrets' randomness comes from: injected, so that tests can fix it and the app
// uses OpenSSL's CSPRNG.
class RandomSource
{
public:
    virtual ~RandomSource() = default;
    // `count` random bytes; an empty array when the generator failed (never weak bytes).
    virtual QByteArray bytes(int count) = 0;
};

// OpenSSL's RAND_bytes (a CSPRNG seeded by the operating system).
class SystemRandomSource final : public RandomSource
{
public:
    QByteArray bytes(int count) override;
};

// Repeats a given pattern: for tests and documented examples only.
class FixedRandomSource final : public RandomSource
{
public:
    explicit FixedRandomSource(QByteArray pattern)
        : m_pattern(std::move(pattern))
    {}
    QByteArray bytes(int count) override;

private:
    QByteArray m_pattern;
};

} // namespace Tokenscope
