// A stand-in for libFuzzer where the compiler has none (GCC): replays every corpus file,
// then feeds LLVMFuzzerTestOneInput random mutations of them (bit flips, byte changes,
// insertions, deletions, splices, JOSE-flavoured tokens), deterministic for a seed. It
// finds what the sanitizers see on the way, not what coverage guidance would find.
//
//   fuzz_jose [-runs=N] [-seed=S] [-max_len=N] CORPUS_DIR_OR_FILE…
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

using Input = std::vector<std::uint8_t>;

void readInto(const std::filesystem::path &path, std::vector<Input> *corpus)
{
    if (std::filesystem::is_directory(path)) {
        std::vector<std::filesystem::path> files;
        for (const auto &entry : std::filesystem::directory_iterator(path)) {
            if (entry.is_regular_file())
                files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end()); // the same order on every machine
        for (const auto &file : files)
            readInto(file, corpus);
        return;
    }
    std::ifstream in(path, std::ios::binary);
    corpus->emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const char *const Dictionary[] = {
    ".",
    "..",
    "\n",
    "eyJ",
    "\"alg\"",
    "\"none\"",
    "\"kid\"",
    "\"crit\"",
    "\"typ\"",
    "\"at+jwt\"",
    "\"keys\"",
    "\"kty\"",
    "\"EC\"",
    "\"RSA\"",
    "\"OKP\"",
    "\"oct\"",
    "\"P-256\"",
    "\"Ed25519\"",
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "=",
    "-",
    "_",
    "\\u0000",
    "1e308",
    "-0",
    "null",
    "\"signatures\"",
    "\"protected\"",
    "\"payload\"",
    "\"signature\"",
    "AAAA",
    "////",
};

void mutate(Input *data, std::mt19937_64 &random, const std::vector<Input> &corpus,
            std::size_t maxLength)
{
    const int steps = 1 + int(random() % 4);
    for (int step = 0; step < steps; ++step) {
        const std::size_t size = data->size();
        switch (random() % 7) {
        case 0: // flip a bit
            if (size)
                (*data)[random() % size] ^= std::uint8_t(1u << (random() % 8));
            break;
        case 1: // set a byte
            if (size)
                (*data)[random() % size] = std::uint8_t(random());
            break;
        case 2: // insert a byte
            data->insert(data->begin() + std::ptrdiff_t(size ? random() % (size + 1) : 0),
                         std::uint8_t(random()));
            break;
        case 3: // delete a range
            if (size) {
                const std::size_t at = random() % size;
                const std::size_t length = 1 + random() % std::min<std::size_t>(size - at, 16);
                data->erase(data->begin() + std::ptrdiff_t(at),
                            data->begin() + std::ptrdiff_t(at + length));
            }
            break;
        case 4: { // insert a dictionary token
            const char *word = Dictionary[random() % std::size(Dictionary)];
            data->insert(data->begin() + std::ptrdiff_t(size ? random() % (size + 1) : 0), word,
                         word + std::strlen(word));
            break;
        }
        case 5: { // splice: our head, another input's tail
            const Input &other = corpus[random() % corpus.size()];
            if (!other.empty()) {
                const std::size_t cut = size ? random() % size : 0;
                const std::size_t from = random() % other.size();
                data->resize(cut);
                data->insert(data->end(), other.begin() + std::ptrdiff_t(from), other.end());
            }
            break;
        }
        default: { // duplicate a range (repetition, deep nesting)
            if (size) {
                const std::size_t at = random() % size;
                const std::size_t length = 1 + random() % std::min<std::size_t>(size - at, 64);
                const Input piece(data->begin() + std::ptrdiff_t(at),
                                  data->begin() + std::ptrdiff_t(at + length));
                const int copies = 1 + int(random() % 8);
                for (int i = 0; i < copies; ++i)
                    data->insert(data->begin() + std::ptrdiff_t(at), piece.begin(), piece.end());
            }
            break;
        }
        }
    }
    if (data->size() > maxLength)
        data->resize(maxLength);
}

} // namespace

int main(int argc, char **argv)
{
    long long runs = 10000;
    unsigned long long seed = 1;
    std::size_t maxLength = 8192;
    std::vector<Input> corpus;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument.rfind("-runs=", 0) == 0)
            runs = std::atoll(argument.c_str() + 6);
        else if (argument.rfind("-seed=", 0) == 0)
            seed = std::strtoull(argument.c_str() + 6, nullptr, 10);
        else if (argument.rfind("-max_len=", 0) == 0)
            maxLength = std::size_t(std::atoll(argument.c_str() + 9));
        else if (argument.rfind('-', 0) == 0)
            std::fprintf(stderr, "fuzz_jose: ignoring libFuzzer option %s\n", argument.c_str());
        else if (std::filesystem::exists(argument))
            readInto(argument, &corpus);
    }
    if (corpus.empty())
        corpus.emplace_back();

    for (const Input &input : corpus)
        LLVMFuzzerTestOneInput(input.data(), input.size());
    std::mt19937_64 random(seed);
    for (long long run = 0; run < runs; ++run) {
        Input input = corpus[random() % corpus.size()];
        mutate(&input, random, corpus, maxLength);
        LLVMFuzzerTestOneInput(input.data(), input.size());
    }
    std::printf("fuzz_jose: %zu corpus inputs and %lld mutations (seed %llu), no crash\n",
                corpus.size(), runs, seed);
    return 0;
}
